"""`duopress watch` sees every save, however the editor writes it, and never its own output.

Each test drives ``watch`` in a thread with a cheap build that records the bytes of the file under test,
saves several times in one editor's way, and waits (polling, up to 10 s) until each save reached a build.
"""

from __future__ import annotations

import os
import secrets
import shutil
import threading
import time
from pathlib import Path

import pytest

from generator.api import build
from generator.errors import UsageError
from generator.live.watch import watch

MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"
EDITS = 3


# --- the ways editors save ------------------------------------------------------------------------

def write_in_place(path: Path, data: bytes) -> None:
    path.write_bytes(data)


def rename_over(path: Path, data: bytes) -> None:
    """``sed -i``, most IDEs, image editors: a temp file beside the target, renamed over it."""
    temp = path.with_name("sed" + secrets.token_hex(3))
    temp.write_bytes(data)
    os.replace(temp, path)


def backup_then_rename(path: Path, data: bytes) -> None:
    """vim with ``backupcopy=no``: probe the folder, move the original aside, write anew, drop the backup."""
    probe = path.with_name("4913")
    probe.write_bytes(b"")
    probe.unlink()
    backup = path.with_name(path.name + "~")
    os.replace(path, backup)
    path.write_bytes(data)
    backup.unlink()


class Watching:
    """``watch`` in a thread; its build records what it read of ``target`` (a missing one is a usage error)."""

    def __init__(self, outline: Path, target: Path, **options):
        self.target, self.seen, self.lines = target, [], []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=watch, args=(outline, self._build), daemon=True,
                                       kwargs={"stop_event": self.stop, "stream": self, **options})

    def _build(self) -> None:
        try:
            self.seen.append(self.target.read_bytes())
        except FileNotFoundError:
            raise UsageError(f"no file '{self.target}'") from None

    def write(self, text: str) -> None:  # the log stream
        self.lines.append(text)

    def flush(self) -> None:
        pass

    def changed(self) -> list[str]:
        return [line for line in self.lines if line.startswith("duopress: changed:")]

    def save_and_wait(self, save, data: bytes) -> None:
        save(self.target, data)
        _wait(lambda: data in self.seen)

    def __enter__(self) -> Watching:
        self.thread.start()
        _wait(lambda: any("watching" in line for line in self.lines))  # edits before this would be lost
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(timeout=10)
        assert not self.thread.is_alive()


def _wait(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def _outline(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    outline = folder / "talk.yaml"
    shutil.copy(MINIMAL, outline)
    return outline


# --- the outline ----------------------------------------------------------------------------------

@pytest.mark.parametrize("save", [write_in_place, rename_over, backup_then_rename])
def test_every_save_of_the_outline_reaches_a_build(tmp_path, save):
    outline = _outline(tmp_path)
    with Watching(outline, outline, out=tmp_path / "output") as session:
        for n in range(EDITS):
            session.save_and_wait(save, f"edit {n} by {save.__name__}\n".encode())
    assert all(line.strip() == "duopress: changed: talk.yaml" for line in session.changed())


def test_a_deleted_outline_is_reported_and_its_recreation_rebuilds(tmp_path):
    outline = _outline(tmp_path)
    with Watching(outline, outline, out=tmp_path / "output") as session:
        for n in range(EDITS):
            outline.unlink()
            _wait(lambda n=n: sum("error: no file" in line for line in session.lines) >= n + 1)
            session.save_and_wait(write_in_place, f"recreated {n}\n".encode())


# --- the files the outline uses -------------------------------------------------------------------

def test_every_save_of_an_image_reaches_a_build(tmp_path):
    outline = _outline(tmp_path / "talk")
    image = outline.parent / "images" / "chart.png"
    image.parent.mkdir()
    image.write_bytes(b"first")
    with Watching(outline, image, out=outline.parent / "output") as session:
        for n, save in enumerate([rename_over, write_in_place, rename_over]):
            session.save_and_wait(save, f"image {n}".encode())


@pytest.mark.parametrize("role, name", [("theme", "custom.yaml"), ("template", "brand.pptx")])
def test_every_save_of_a_theme_or_template_in_its_own_folder_reaches_a_build(tmp_path, role, name):
    outline = _outline(tmp_path / "talk")
    used = tmp_path / f"{role}s" / name
    used.parent.mkdir()
    used.write_bytes(b"first")
    with Watching(outline, used, out=outline.parent / "output", **{role: used}) as session:
        (used.parent / "unrelated.txt").write_text("not an input")  # its neighbours are not watched
        for n, save in enumerate([rename_over, backup_then_rename, write_in_place]):
            session.save_and_wait(save, f"{role} {n}".encode())
    assert all(line.strip() == f"duopress: changed: {name}" for line in session.changed())


# --- what must not trigger a build ----------------------------------------------------------------

def test_writes_to_the_output_folder_its_log_and_editor_debris_trigger_no_build(tmp_path):
    outline = _outline(tmp_path)
    out = tmp_path / "output"
    out.mkdir()
    with Watching(outline, outline, out=out) as session:
        (out / "talk.en.pdf").write_bytes(b"artifact")
        (out / "preview").mkdir()
        (out / "preview" / "talk.en.pdf.001.png").write_bytes(b"page")
        rename_over(out / ".duopress-manifest.json", b"{}")
        for debris in ("talk.yaml~", ".talk.yaml.swp", "4913", "sed3f9a1c", "chart.png~", "watch.log"):
            (tmp_path / debris).write_bytes(b"x")  # watch.log: this command's own log must not loop
        session.save_and_wait(rename_over, b"the one real edit\n")
    # a build triggered by any write above would have been its own or named those files
    assert len(session.seen) == 2
    assert [line.strip() for line in session.changed()] == ["duopress: changed: talk.yaml"]


# --- end to end -----------------------------------------------------------------------------------

def test_atomic_saves_rebuild_the_real_pdf_each_time(tmp_path):
    import pypdfium2 as pdfium

    outline = _outline(tmp_path)
    out = tmp_path / "output"  # inside the outline's folder, as by default: its writes must not loop
    pdf = out / "talk.en.pdf"
    builds: list[object] = []
    lines: list[str] = []
    stop = threading.Event()
    stream = type("Log", (), {"write": lambda self, text: lines.append(text), "flush": lambda self: None})()

    def run_build():
        builds.append(build(outline, out=out, formats="pdf", langs="en"))

    thread = threading.Thread(target=watch, args=(outline, run_build), daemon=True,
                              kwargs={"out": out, "stop_event": stop, "stream": stream})
    thread.start()
    _wait(lambda: any("watching" in line for line in lines), timeout=30)
    original = outline.read_text(encoding="utf-8")
    for n in range(EDITS):
        before = pdf.read_bytes()
        title = f"Saved atomically {n}"
        rename_over(outline, original.replace("A small example", title).encode("utf-8"))
        _wait(lambda before=before: pdf.read_bytes() != before, timeout=30)
        document = pdfium.PdfDocument(pdf.read_bytes())
        assert title in document[0].get_textpage().get_text_range()
        document.close()
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert len(builds) == 1 + EDITS
    assert all(line.strip() == "duopress: changed: talk.yaml" for line in lines if "changed:" in line)
