"""What users get, pinned: every fixture's artifacts, normalised to text, against tests/goldens/.

Regenerate after an intended change with `python3 -m pytest tests/test_goldens.py --update-goldens`, then
review `git diff tests/goldens` and commit it with the change. A new outline in tests/fixtures/ gets its
goldens the same way (the test fails, naming the flag, until they exist).
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from generator.api import build
from generator.style.resources import theme_path
from tests.goldens import normalise_deck, normalise_manifest, normalise_pdf

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GOLDENS = ROOT / "tests" / "goldens"
FORMATS = "pptx,pdf,slides,handout"
# Outlines written for a theme other than the default; every other fixture is built with the default.
THEMES = {"essay-conference": "conference", "talk": "conference", "shorttalk": "conference"}
EPOCH = "1700000000"  # one build clock for every golden: dates in the artifacts never drift with the calendar


def _cases() -> dict[str, Path]:
    cases = {"essay": ROOT / "outline.yaml", "essay-conference": ROOT / "outline.yaml"}
    cases.update({path.stem: path for path in sorted(FIXTURES.glob("*.yaml"))})
    return cases


CASES = _cases()


def _normalised(out: Path) -> dict[str, str]:
    texts = {}
    for path in sorted(out.iterdir()):
        if path.suffix == ".pptx":
            texts[path.name + ".xml"] = normalise_deck(path.read_bytes())
        elif path.suffix == ".pdf":
            texts[path.name + ".txt"] = normalise_pdf(path)
    texts["manifest.json"] = normalise_manifest(out / ".duopress-manifest.json")
    return texts


@pytest.mark.parametrize("case", sorted(CASES))
def test_artifacts_match_their_goldens(case, tmp_path, monkeypatch, request):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) not installed")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    theme = theme_path(THEMES[case]) if case in THEMES else None
    result = build(CASES[case], out=tmp_path / "out", formats=FORMATS, theme=theme)
    assert not result.failed, [(a.path.name, a.reason) for a in result.failed]
    texts = _normalised(tmp_path / "out")
    folder = GOLDENS / case
    if request.config.getoption("--update-goldens"):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for name, text in texts.items():
            (folder / name).write_text(text, encoding="utf-8")
        return
    assert folder.is_dir(), f"no goldens for {case}: run pytest tests/test_goldens.py --update-goldens"
    expected = {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())}
    assert sorted(texts) == sorted(expected), "artifacts added or gone: rerun with --update-goldens and review"
    for name, text in texts.items():
        if text != expected[name]:
            diff = "".join(list(difflib.unified_diff(expected[name].splitlines(True), text.splitlines(True),
                                                     f"goldens/{case}/{name}", "built"))[:80])
            pytest.fail(f"{case}/{name} differs from its golden (--update-goldens to accept):\n{diff}")
