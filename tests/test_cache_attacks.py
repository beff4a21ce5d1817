"""The caches under attack (issue 33): every file a hostile or careless hand can leave in the font cache,
the fit cache or ``output/.duopress-cache`` costs time at most — the bytes are those of a ``--force`` build,
nothing crashes, hangs or is written or deleted outside ``output/``. docs/reliability.md lists each case.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from generator.api import build
from generator.render.memo import memo_path
from generator.style import cache, plain, sealed

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MINIMAL = FIXTURES / "minimal.yaml"
# marshal's bytes for a tuple that holds itself (FLAG_REF small tuple, then a reference to it): loading it
# crashed every check and build while the caches were marshal data
SELF_TUPLE = b"\xa9\x01r\x00\x00\x00\x00"
HUGE_LIST = b"[" + struct.pack("<I", 200_000_000)  # marshal's list header claiming 200 M items
HUGE_PLAIN = b"l" + struct.pack("<I", 200_000_000)  # the same claim in the plain layout


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """The minimal outline in a project of its own, with a font cache of its own."""
    monkeypatch.setenv("DUOPRESS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("DUOPRESS_WORKERS", "1")
    (tmp_path / "p").mkdir()
    shutil.copy(MINIMAL, tmp_path / "p" / "outline.yaml")
    return tmp_path / "p"


def _build(project: Path, out: str = "out", **options) -> dict[str, bytes]:
    folder = project / out
    build(project / "outline.yaml", out=folder, **options)
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix in (".pdf", ".pptx")}


def _fresh(project: Path) -> dict[str, bytes]:
    """What a --force build writes into an empty folder, in a process of its own (which fills the font
    cache): the reference every attacked build must match."""
    done = _cli("build", "outline.yaml", "--out", "fresh", "--force", "--quiet", cwd=project)
    assert done.returncode == 0, done.stderr
    return _artifacts(project / "fresh")


def _artifacts(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix in (".pdf", ".pptx")}


def _cli(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """The command line in a child process: a crash is its exit code, a hang its timeout."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONPATH": str(ROOT)})


# -- the font cache -----------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", [SELF_TUPLE, HUGE_LIST, HUGE_PLAIN, b"", b"\0" * 10,
                                     sealed.MAGIC + b"\0" * 32 + b"N"])
def test_a_hostile_font_entry_is_parsed_again_and_rewritten(project, payload):
    fresh = _fresh(project)
    entries = sorted((project.parent / "cache").glob("font-*.plain"))
    assert entries
    for entry in entries:
        entry.write_bytes(payload)
    done = _cli("build", "outline.yaml", "--out", "attacked", "--quiet", cwd=project)
    assert done.returncode == 0, done.stderr
    assert _artifacts(project / "attacked") == fresh
    assert all(entry.read_bytes() != payload for entry in entries)  # rewritten, sealed


def test_a_flipped_byte_in_a_font_entry_gives_the_same_bytes(project):
    fresh = _fresh(project)
    for entry in (project.parent / "cache").glob("font-*.plain"):
        data = bytearray(entry.read_bytes())
        data[len(data) // 2] ^= 1  # a width, say: sealed, so noticed
        entry.write_bytes(bytes(data))
    done = _cli("build", "outline.yaml", "--out", "flipped", "--quiet", cwd=project)
    assert done.returncode == 0, done.stderr
    assert _artifacts(project / "flipped") == fresh


def test_an_entry_is_read_only_with_the_users_key(tmp_path, monkeypatch):
    monkeypatch.setenv("DUOPRESS_CACHE_DIR", str(tmp_path))
    assert cache.cached(b"font", "test", lambda: [1], lambda v: True) == [1]
    (entry,) = tmp_path.glob("font-*.plain")
    payload = plain.encode([666])
    entry.write_bytes(sealed.seal(os.urandom(32), f"cache:{entry.name}", payload))  # a forger's key
    assert cache.cached(b"font", "test", lambda: [2], lambda v: True) == [2]
    key = (tmp_path / "seal.key").read_bytes()
    entry.write_bytes(sealed.seal(key, "cache:font-another.plain", payload))  # another entry's seal
    assert cache.cached(b"font", "test", lambda: [3], lambda v: True) == [3]
    assert (tmp_path / "seal.key").stat().st_mode & 0o777 == 0o600


def test_a_key_others_may_read_or_that_is_a_link_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv("DUOPRESS_CACHE_DIR", str(tmp_path / "cache"))
    assert cache.key() is not None
    key = tmp_path / "cache" / "seal.key"
    key.chmod(0o644)
    assert cache.key() is None  # left as it is, and nothing cached
    assert cache.cached(b"font", "test", lambda: [1], lambda v: True) == [1]
    assert not list((tmp_path / "cache").glob("font-*"))
    key.unlink()
    (tmp_path / "elsewhere").write_bytes(b"k" * 32)
    (tmp_path / "elsewhere").chmod(0o600)
    key.symlink_to(tmp_path / "elsewhere")
    assert cache.key() is None


# -- the decks' memos ------------------------------------------------------------------------------------


def _forge(memo: Path, key: bytes) -> None:
    """Put a slide of the attacker's into every stored slide of ``memo`` and seal it with ``key``."""
    import zlib

    data = memo.read_bytes()
    payload = data[len(sealed.MAGIC) + 32:]
    fmt, scope, entries = plain.decode(payload)

    evil = b"<p:sld>INJECTED</p:sld>"
    squeezer = zlib.compressobj(6, zlib.DEFLATED, -15)
    member = (zlib.crc32(evil), squeezer.compress(evil) + squeezer.flush(), len(evil))
    for parts, _, _ in entries["slides"].values():  # each slide's own part: the attacker's XML
        name, content_type, rels, _, rels_member = parts[0]
        parts[0] = (name, content_type, rels, member, rels_member)
    memo.write_bytes(sealed.seal(key, "memo", plain.encode((fmt, scope, entries))))


def test_a_forged_memo_injects_nothing_and_is_replaced(project):
    _build(project, formats="pptx")
    memo = memo_path(project / "out" / "outline.en.pptx")
    _forge(memo, os.urandom(32))  # a forger can recompute any checksum, but not the user's key
    forged = memo.read_bytes()
    (project / "outline.yaml").write_text((project / "outline.yaml").read_text(encoding="utf-8")
                                          .replace("Speaker notes.", "Other notes."), encoding="utf-8")
    built = _build(project, formats="pptx")
    assert b"INJECTED" not in b"".join(built.values())
    assert built == {k: v for k, v in _fresh(project).items() if k.endswith(".pptx")}
    assert memo.read_bytes() != forged  # replaced by this build's own


def test_the_memo_is_still_used_and_an_edit_reuses_slides(project, monkeypatch):
    """The speed the memo exists for holds with sealing: an edit of one note takes the other slides."""
    from generator.render.pptx import reuse

    counts: list[int] = []
    original = reuse.SlideReuse.keep

    def counting(self, written):
        counts.append(self.reused)
        return original(self, written)

    monkeypatch.setattr(reuse.SlideReuse, "keep", counting)
    _build(project, formats="pptx", langs="en")
    (project / "outline.yaml").write_text((project / "outline.yaml").read_text(encoding="utf-8")
                                          .replace("Speaker notes.", "Other notes."), encoding="utf-8")
    _build(project, formats="pptx", langs="en")
    assert counts[0] == 0 and counts[1] > 0


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder", "huge-claim"])
def test_a_memo_that_is_no_file_or_too_big_is_passed_over(project, kind):
    _build(project, formats="pptx")
    memo = memo_path(project / "out" / "outline.en.pptx")
    memo.unlink()
    if kind == "fifo":
        os.mkfifo(memo)
    elif kind == "dev-zero":
        memo.symlink_to("/dev/zero")
    elif kind == "folder":
        memo.mkdir()
    else:
        memo.write_bytes(sealed.MAGIC + b"\0" * 32 + HUGE_PLAIN)
    (project / "outline.yaml").write_text((project / "outline.yaml").read_text(encoding="utf-8")
                                          .replace("Speaker notes.", "Other notes."), encoding="utf-8")
    done = _cli("build", "outline.yaml", "--out", "out", "--format", "pptx", "--quiet", cwd=project, timeout=60)
    assert done.returncode == 0, done.stderr
    fresh = _fresh(project)
    assert (project / "out" / "outline.en.pptx").read_bytes() == fresh["outline.en.pptx"]


def test_a_linked_memo_folder_is_replaced_and_nothing_outside_is_touched(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ".mine.part").write_bytes(b"the user's")
    (elsewhere / ".outline.en.pptx.memo.abcdefgh.part").write_bytes(b"the user's too")
    out = project / "out"
    out.mkdir()
    (out / ".duopress-cache").symlink_to(elsewhere)
    _build(project, formats="pptx")
    assert sorted(p.name for p in elsewhere.iterdir()) == [".mine.part", ".outline.en.pptx.memo.abcdefgh.part"]
    assert (out / ".duopress-cache").is_dir() and not (out / ".duopress-cache").is_symlink()
    assert memo_path(out / "outline.en.pptx").is_file()


def test_a_linked_lock_creates_nothing_outside(project, tmp_path):
    out = project / "out"
    out.mkdir()
    (out / ".duopress.lock").symlink_to(tmp_path / "outside.lock")
    _build(project, formats="pdf")
    assert not (tmp_path / "outside.lock").exists()
    assert not (out / ".duopress.lock").is_symlink()


def test_cleanup_deletes_only_the_temp_files_duopress_names(project):
    out = project / "out"
    (out / ".duopress-cache").mkdir(parents=True)
    ours = [out / ".duopress-outline.en.pdf.abcd_123.part",
            out / ".duopress-cache" / ".duopress-memo-0123456789ab.part"]
    theirs = [out / ".duopress-notes.part", out / "draft.part", out / ".duopress-cache" / ".notes.part"]
    for path in ours + theirs:
        path.write_bytes(b"x")
    _build(project, formats="pdf")
    assert [p.exists() for p in ours + theirs] == [False, False, True, True, True]


# -- the fit cache -----------------------------------------------------------------------------------------


def test_a_forged_fit_entry_reports_nothing_the_deck_does_not_have(project):
    from generator.api import deck_fit, fit_problems

    outline = project / "outline.yaml"
    honest = fit_problems(deck_fit(outline))
    entries = sorted((project.parent / "cache").glob("fit-*.json"))
    assert entries
    overflow = {"where": ["outline.yaml", 1, 1], "slide": 1, "frame": "points", "lang": "en", "size_pt": 10.0,
                "min_pt": 12.0, "status": "overflow"}
    import json

    for entry in entries:
        entry.write_bytes(json.dumps({"entries": [overflow] * 96, "warnings": []}).encode())
    assert fit_problems(deck_fit(outline)) == honest


# -- the plain layout alone ------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [SELF_TUPLE, HUGE_PLAIN, b"q" + struct.pack("<I", 1 << 31), b"d\x01\x00\x00\x00l"
                                  b"\x00\x00\x00\x00N", b"l\x01\x00\x00\x00" * 100 + b"N", b"s\x02\x00\x00\x00\xff\xfe",
                                  b"Z\x04\x00\x00\x00\x00", b"NN", b"I\x03abc"])
def test_the_plain_reader_refuses_what_it_did_not_write(data):
    with pytest.raises(plain.PlainError):
        plain.decode(data)


def test_the_users_cache_folder_may_be_a_link(tmp_path, monkeypatch):
    """The user's own folder (on another disk, say) is theirs to link; only output/'s folders are not."""
    (tmp_path / "disk").mkdir()
    (tmp_path / "cache").symlink_to(tmp_path / "disk")
    monkeypatch.setenv("DUOPRESS_CACHE_DIR", str(tmp_path / "cache"))
    assert cache.cached(b"font", "test", lambda: [1], lambda v: True) == [1]
    assert cache.cached(b"font", "test", lambda: [2], lambda v: True) == [1]
    assert (tmp_path / "disk" / "seal.key").is_file()
