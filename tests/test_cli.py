"""The command end to end: the essay builds into four artifacts; bad input gives located errors and exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from a11y import pdf_info, pdf_lang

from generator.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main

ROOT = Path(__file__).resolve().parent.parent
ESSAY = ROOT / "outline.yaml"
ERRORS = Path(__file__).parent / "fixtures" / "errors"


@pytest.fixture
def built(essay_out) -> Path:
    return essay_out


def test_build_writes_four_artifacts(built):
    names = sorted(p.name for p in built.iterdir() if not p.name.startswith("."))
    assert names == ["outline.en.pdf", "outline.en.pptx", "outline.ko.pdf", "outline.ko.pptx"]
    assert sorted(p.name for p in built.iterdir() if p.name.startswith(".")) == [
        ".duopress-cache", ".duopress-manifest.json", ".duopress.lock"]
    assert all((built / name).stat().st_size > 10_000 for name in names)


def test_the_essay_checks_clean(capsys):
    assert main(["check", str(ESSAY)]) == EXIT_OK
    err = capsys.readouterr().err
    assert ": error:" not in err and ": warning:" not in err, err


def test_rebuild_is_byte_identical(built, tmp_path):
    assert main(["build", str(ESSAY), "--out", str(tmp_path), "--quiet"]) == EXIT_OK
    for path in built.glob("outline.*"):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_source_date_epoch_is_honoured(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert main(["build", str(ESSAY), "--out", str(tmp_path), "--format", "pdf", "--lang", "en", "-q"]) == 0
    assert pdf_info(tmp_path / "outline.en.pdf")["/CreationDate"].startswith("D:20231114221320")


def test_lang_and_format_select_artifacts(tmp_path):
    assert main(["build", str(ESSAY), "--out", str(tmp_path), "--lang", "ko", "--format", "pdf", "-q"]) == 0
    assert [p.name for p in tmp_path.glob("outline.*")] == ["outline.ko.pdf"]


def test_bad_outline_exits_1_with_located_errors_and_leaves_output_alone(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    keep = out / "outline.ko.pdf"
    keep.write_bytes(b"previous artifact")
    code = main(["build", str(ERRORS / "unknown-fact.yaml"), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == EXIT_PROBLEMS
    assert "unknown-fact.yaml:14:18: error: sections[0].items[0].points[0].ko: no fact 'nope' [fact.unknown]" in err
    assert "Traceback" not in err
    assert keep.read_bytes() == b"previous artifact"
    assert sorted(p.name for p in out.glob("outline.*")) == ["outline.ko.pdf"]


@pytest.mark.parametrize("argv", [
    ["build", "no-such-file.yaml"],
    ["build", str(ESSAY), "--lang", "fr"],
    ["build", str(ESSAY), "--format", "docx"],
])
def test_usage_errors_exit_2(argv, tmp_path, capsys):
    assert main(argv + ["--out", str(tmp_path)]) == EXIT_USAGE
    assert "duopress: error:" in capsys.readouterr().err
    assert list(tmp_path.glob("outline.*")) == []


def test_no_outline_here_says_how_to_start_instead_of_building_the_hidden_essay(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-m", "generator", "build", "--format", "pdf", "--lang", "en"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == EXIT_USAGE
    assert run.stderr == ("duopress: error: no outline.yaml here. Start one with `duopress init` (a small bilingual "
                          "outline to edit) or `duopress init --from-essay` (the bundled essay), or name one: "
                          "duopress build talk.yaml\n")
    assert not (tmp_path / "output").exists()


def test_version_and_help():
    run = subprocess.run([sys.executable, "-m", "generator", "--version"], capture_output=True, text=True,
                         cwd=ROOT)
    assert run.stdout.startswith("duopress ")
    run = subprocess.run([sys.executable, "-m", "generator", "build", "--help"], capture_output=True, text=True,
                         cwd=ROOT)
    assert "--lang" in run.stdout and "--format" in run.stdout


def test_an_internal_error_is_reported_without_a_traceback(monkeypatch, capsys, tmp_path):
    def explode(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr("generator.localize.localizer.localize", explode)
    code = main(["build", str(ESSAY), "--out", str(tmp_path), "-q"])
    err = capsys.readouterr().err
    assert code == 3 and "internal error" in err and "Traceback" not in err
    report = Path(err.split("saved to ")[1].strip())
    assert "simulated bug" in report.read_text(encoding="utf-8")
    report.unlink()


def _pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.skipif(not __import__("shutil").which("pdffonts"), reason="pdffonts (poppler-utils) not installed")
@pytest.mark.parametrize("lang, tag", [("ko", "ko-KR"), ("en", "en-US")])
def test_essay_briefs_embed_their_fonts_and_declare_their_language(built, lang, tag):
    pdf = built / f"outline.{lang}.pdf"
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    fonts = rows.splitlines()[2:]
    assert fonts and all(" yes " in row.split("TrueType", 1)[1] for row in fonts), rows
    assert any("NanumGothic" in row for row in fonts)
    assert pdf_lang(pdf) == tag
    text = _pdftotext(pdf)
    assert {"ko": "인공지능 기술의 발전 동향", "en": "AI Technology Trends"}[lang] in text


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_essay_decks_name_the_hangul_font_as_east_asian_font(built, lang):
    from pptx import Presentation

    deck = Presentation(str(built / f"outline.{lang}.pptx"))
    assert len(deck.slides) > 25
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    hangul_runs = 0
    for slide in deck.slides:
        assert slide.shapes.title is not None and slide.shapes.title.text_frame.text.strip()
        for run in slide.element.iter(f"{ns}r"):
            text = run.findtext(f"{ns}t") or ""
            if any("\uac00" <= ch <= "\ud7a3" for ch in text):
                hangul_runs += 1
                props = run.find(f"{ns}rPr")
                assert props.get("lang") == "ko-KR", text
                assert props.find(f"{ns}ea").get("typeface") == "NanumGothic", text
    assert (hangul_runs > 100) if lang == "ko" else True
    charts = [shape for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert len(charts) >= 3
