"""Problems a renderer meets (a slide `layout` its item does not suit) reach build, check and --json,
located at the item like every other problem, and are reported again while the artifact is unchanged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import EXIT_OK, main

MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"
WARNING = "warning: layout 'table' does not suit the item's content; its slide kind is inferred [deck.layout]"


@pytest.fixture
def outline(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "talk.yaml"
    text = MINIMAL.read_text(encoding="utf-8")
    # a table slide needs a table: this item's figure is a chart, so its slide kind is inferred
    path.write_text(text.replace("        sources: [ref-a]\n", "        sources: [ref-a]\n        layout: table\n"),
                    encoding="utf-8")
    return path


def _item_line(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if "- id: adoption" in line)


def test_build_prints_the_renderers_warning_located_at_the_item(outline, capsys):
    assert main(["build", str(outline), "--format", "pptx", "--lang", "en"]) == EXIT_OK
    err = capsys.readouterr().err
    assert f"{outline}:{_item_line(outline)}:9: {WARNING}" in err


def test_an_unchanged_deck_still_reports_its_warning(outline, capsys):
    main(["build", str(outline), "--format", "pptx", "--lang", "en"])
    capsys.readouterr()
    assert main(["build", str(outline), "--format", "pptx", "--lang", "en"]) == EXIT_OK
    out, err = capsys.readouterr()
    assert "unchanged" in out and WARNING in err


def test_build_json_lists_the_warning(outline, capsys):
    assert main(["build", str(outline), "--format", "pptx", "--lang", "ko", "--json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    (problem,) = [p for p in data["problems"] if p["code"] == "deck.layout"]
    assert (problem["file"], problem["line"], problem["level"]) == (str(outline), _item_line(outline), "warning")


def test_check_reports_it_per_language_once(outline, capsys):
    assert main(["check", str(outline)]) == EXIT_OK
    err = capsys.readouterr().err
    assert err.count(WARNING) == 1  # the Korean and the English deck warn alike: said once
    assert main(["check", str(outline), "--format", "json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert len([p for p in data["problems"] if p["code"] == "deck.layout"]) == 1


def test_check_strict_fails_on_it(outline, capsys):
    assert main(["check", str(outline), "--strict"]) == 1


def test_a_clean_outline_has_no_renderer_warning(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(MINIMAL, tmp_path / "outline.yaml")
    assert main(["build", "--format", "pptx"]) == EXIT_OK
    assert "deck.layout" not in capsys.readouterr().err
