"""What the environment feeds a build is in every artifact's digest: SOURCE_DATE_EPOCH (the build clock),
the libraries' versions, Python's and zlib's, and the font files by content. For any two environments,
equal digests mean equal bytes — so a rebuild in another environment never reports "unchanged" over
bytes that environment would not write.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.api import build
from generator.pipeline import fingerprint

MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"
EPOCHS = [None, "", "1700000000", " 1700000000", "1800000000"]
_BUILT: dict[str | None, tuple[dict[str, str], dict[str, bytes]]] = {}


def _built(work: Path, epoch: str | None, monkeypatch) -> tuple[dict[str, str], dict[str, bytes]]:
    """(artifact → digest in the manifest, artifact → bytes) of a fresh build with ``epoch``."""
    if epoch not in _BUILT:
        if epoch is None:
            monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        out = work / f"out-{len(_BUILT)}"
        build(work / "outline.yaml", out=out, langs="en")
        manifest = json.loads((out / ".duopress-manifest.json").read_text(encoding="utf-8"))
        digests = {name: entry["content"] for name, entry in manifest["artifacts"].items()}
        _BUILT[epoch] = digests, {name: (out / name).read_bytes() for name in digests}
    return _BUILT[epoch]


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("environments")
    shutil.copy(MINIMAL, folder / "outline.yaml")
    _BUILT.clear()
    return folder


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.sampled_from(EPOCHS), second=st.sampled_from(EPOCHS))
def test_equal_digests_mean_equal_bytes_across_environments(work, first, second, monkeypatch):
    with monkeypatch.context() as patch:
        digests_a, bytes_a = _built(work, first, patch)
        digests_b, bytes_b = _built(work, second, patch)
    for name in digests_a:
        if digests_a[name] == digests_b[name]:
            assert bytes_a[name] == bytes_b[name], (name, first, second)
        if bytes_a[name] != bytes_b[name]:
            assert digests_a[name] != digests_b[name]


def test_another_source_date_epoch_rebuilds_every_artifact(tmp_path, monkeypatch):
    shutil.copy(MINIMAL, tmp_path / "outline.yaml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(tmp_path / "outline.yaml", out=tmp_path / "out", langs="en")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    again = build(tmp_path / "outline.yaml", out=tmp_path / "out", langs="en")
    assert again.skipped == [] and len(again.written) == 2
    fresh = build(tmp_path / "outline.yaml", out=tmp_path / "fresh", langs="en")
    for path in fresh.written:
        assert path.read_bytes() == (tmp_path / "out" / path.name).read_bytes()


def test_the_digest_names_the_clock_the_libraries_and_the_runtime(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    seen = fingerprint.environment()
    assert seen["SOURCE_DATE_EPOCH"] == "1700000000"
    assert set(seen["libraries"]) == set(fingerprint.LIBRARIES)  # every one installed, each found
    assert seen["python"] and seen["zlib"]
    before = fingerprint.input_digest([], fingerprint.FileHashes(), {}, "1")
    runtime = {"python": seen["python"], "zlib": seen["zlib"], "libraries": {**seen["libraries"], "reportlab": "0"}}
    monkeypatch.setattr(fingerprint, "_versions", lambda: runtime)
    assert fingerprint.input_digest([], fingerprint.FileHashes(), {}, "1") != before
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000001")
    assert fingerprint.environment()["SOURCE_DATE_EPOCH"] == "1700000001"


def test_an_edited_font_file_changes_the_digest(tmp_path):
    """Fonts are hashed by content with the theme (plan.py): a font replaced under its name is another input."""
    from generator.pipeline.plan import _environment_files
    from generator.style import resources

    names = [p.name for p in _environment_files(resources.theme_path(), [])]
    assert any(name.endswith(".ttf") for name in names), names
    assert os.environ.get("DUOPRESS_CACHE_DIR")  # the session's, not the user's
