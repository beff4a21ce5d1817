"""`duopress check`, `accept`, `schema` and `review` on the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
DRIFT = FIXTURES / "parity" / "drift.yaml"


def test_warnings_pass_and_strict_fails(tmp_path, capsys):
    outline = tmp_path / "talk.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", outline)
    text = outline.read_text(encoding="utf-8")
    outline.write_text(text.replace("en: Part one", "en: Part 1"), encoding="utf-8")  # a numeral only in en
    assert main(["check", str(outline), "--no-fit"]) == 0
    assert "[parity.numbers]" in capsys.readouterr().err
    assert main(["check", str(outline), "--no-fit", "--strict"]) == 1
    assert main(["check", str(outline), "--no-fit", "--strict", "--ignore", "parity.numbers"]) == 0
    assert main(["check", str(outline), "--no-fit", "--strict", "--ignore", "parity"]) == 0


def test_json_output_for_ci(capsys):
    code = main(["check", str(DRIFT), "--format", "json", "--no-fit"])
    data = json.loads(capsys.readouterr().out)
    assert code == (0 if data["ok"] else 1)
    assert data["errors"] == sum(1 for p in data["problems"] if p["level"] == "error")
    first = data["problems"][0]
    assert set(first) == {"file", "line", "column", "level", "code", "path", "message"}
    assert any(p["code"].startswith("parity.") for p in data["problems"])


def test_check_reports_deck_fit_per_language(capsys):
    assert main(["check", str(FIXTURES / "minimal.yaml")]) == 0
    err = capsys.readouterr().err
    assert "deck fit (ko):" in err and "deck fit (en):" in err and "0 overflow" in err


def test_accept_then_edit_the_source_reports_the_translation_stale(tmp_path, capsys):
    outline = tmp_path / "talk.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", outline)
    assert main(["accept", str(outline)]) == 0
    assert (tmp_path / "talk.lock.json").is_file()
    outline.write_text(outline.read_text(encoding="utf-8").replace("첫 부분", "첫째 부분"), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(outline), "--no-fit", "--strict"]) == 1
    assert "sections[0].title.en: the ko source changed since this en translation was accepted" \
        in capsys.readouterr().err
    assert main(["accept", str(outline), "--only", "sections[0].title"]) == 0
    assert main(["check", str(outline), "--no-fit", "--strict"]) == 0


def test_schema_prints_the_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    on_disk = Path(__file__).resolve().parent.parent / "docs" / "outline.schema.json"
    assert json.loads(on_disk.read_text(encoding="utf-8")) == schema  # what editors load is what we print


def test_review_writes_a_side_by_side_pdf(tmp_path):
    assert main(["review", str(FIXTURES / "minimal.yaml"), "--out", str(tmp_path)]) == 0
    assert (tmp_path / "minimal.review.pdf").read_bytes().startswith(b"%PDF")
