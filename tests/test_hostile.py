"""Hostile input at the command line: a usage error, a located error or a documented normalisation,
never an internal error (exit 3), and an output folder left as it was when the build is refused."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from a11y import pdf_info as pdf_info_dict
from a11y import pdf_lang

from generator.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal.yaml"
PREVIOUS = b"previous artifact"


@pytest.fixture
def out(tmp_path) -> Path:
    """An output folder holding an earlier artifact, which a refused build must not touch."""
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "outline.ko.pdf").write_bytes(PREVIOUS)
    return folder


def untouched(out: Path) -> bool:
    """Nothing written, not even the lock or the manifest."""
    return [p.name for p in out.iterdir()] == ["outline.ko.pdf"] and (out / "outline.ko.pdf").read_bytes() == PREVIOUS


@pytest.mark.parametrize("value", ["notanumber", "1e3", "99999999999999999", "-5", "0", "4354819200", "9" * 5000])
def test_an_unusable_source_date_epoch_is_a_usage_error_before_any_work(value, out, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert main(["build", str(MINIMAL), "--out", str(out)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("duopress: error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, from "
                          "315532800 (1980-01-01) to 4354819199 (2107-12-31), the years a zip entry can carry; "
                          f"got '{value[:40]}'"), err
    assert untouched(out)


@pytest.mark.parametrize("command", ["check", "review"])
def test_every_command_that_reads_the_clock_refuses_it_too(command, out, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    argv = [command, str(MINIMAL)] + (["--out", str(out)] if command == "review" else [])
    assert main(argv) == EXIT_USAGE
    assert "SOURCE_DATE_EPOCH must be" in capsys.readouterr().err
    assert untouched(out)


def test_an_empty_source_date_epoch_means_unset(out, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert main(["build", str(MINIMAL), "--out", str(out), "--lang", "en", "--format", "pdf", "-q"]) == EXIT_OK
    assert pdf_info_dict(out / "minimal.en.pdf")["/CreationDate"].startswith("D:20241201000000")  # meta.date


def outline_with_meta(folder: Path, **lines: str) -> Path:
    """The minimal outline with meta fields replaced or added: ``title='{ko: …, en: …}'``."""
    text = MINIMAL.read_text(encoding="utf-8")
    for key, value in lines.items():
        text = re.sub(rf"(?m)^  {key}: .*\n", "", text).replace("  date: 2024-12-01\n",
                                                                 f"  date: 2024-12-01\n  {key}: {value}\n")
    path = folder / "talk.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_long_title_subtitle_and_keywords_are_shortened_in_the_deck_properties_only(tmp_path, out):
    """python-pptx refuses core properties over 255 characters: they are cut at a word with '…'; the
    slides and the PDF's metadata keep the whole text."""
    from pptx import Presentation

    long = " ".join(f"word{i}" for i in range(40))  # 269 characters
    keywords = ", ".join(f"{{ko: 열쇠말{i}, en: keyword{i}}}" for i in range(40))
    path = outline_with_meta(tmp_path, title=f"{{ko: 제목, en: {long}}}", subtitle=f"{{ko: 부제, en: {long}}}",
                             keywords=f"[{keywords}]")
    assert main(["build", str(path), "--out", str(out), "--lang", "en", "-q"]) == EXIT_OK
    props = Presentation(str(out / "talk.en.pptx")).core_properties
    for cut, whole in [(props.title, long), (props.subject, long),
                       (props.keywords, ", ".join(f"keyword{i}" for i in range(40)))]:
        assert len(cut) <= 255 and cut.endswith("…") and whole.startswith(cut[:-1]), cut
        assert whole[len(cut) - 1] in " ,", "cut at a word boundary"
    cover = Presentation(str(out / "talk.en.pptx")).slides[0]
    assert long in [" ".join(shape.text_frame.text.split()) for shape in cover.shapes if shape.has_text_frame]
    assert pdf_info(out / "talk.en.pdf")["Title"] == long  # a PDF's Info strings have no such limit
    assert (out / "outline.ko.pdf").read_bytes() == PREVIOUS


def pdf_info(path: Path) -> dict[str, str]:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    lines = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


def built_artifacts_untouched(out: Path) -> bool:
    """A refused build (exit 1) writes no artifact and leaves the earlier one (the lock file may appear)."""
    return sorted(p.name for p in out.glob("*.*") if p.name != ".duopress.lock") == ["outline.ko.pdf"] and \
        (out / "outline.ko.pdf").read_bytes() == PREVIOUS


def image_outline(folder: Path, image: str) -> Path:
    path = folder / "outline.yaml"
    path.write_text((FIXTURES / "errors" / "image-outside.yaml").read_text(encoding="utf-8")
                    .replace("../../etc/passwd", image), encoding="utf-8")
    return path


@pytest.mark.parametrize("links", [{"loop.png": "loop2.png", "loop2.png": "loop.png"}, {"loop.png": "loop.png"}])
def test_an_image_that_is_a_symlink_loop_is_a_located_error(links, tmp_path, out, capsys):
    for name, target in links.items():
        os.symlink(target, tmp_path / name)
    assert main(["build", str(image_outline(tmp_path, "loop.png")), "--out", str(out)]) == EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert "outline.yaml:14:11: error: sections[0].items[0].figure.path: no image file 'loop.png'" in err
    assert "[image.missing]" in err and "internal error" not in err
    assert built_artifacts_untouched(out)


def test_an_image_name_longer_than_the_file_system_allows_is_a_located_error(tmp_path, out, capsys):
    name = "x" * 300 + ".png"
    assert main(["build", str(image_outline(tmp_path, name)), "--out", str(out)]) == EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert f"figure.path: no image file '{name}' (File name too long) [image.missing]" in err
    assert built_artifacts_untouched(out)


@pytest.mark.parametrize("command", ["build", "preview", "watch"])
@pytest.mark.parametrize("option, what", [("--lang", "language"), ("--format", "format")])
@pytest.mark.parametrize("value", ["", " , "])
def test_an_empty_lang_or_format_is_a_usage_error_not_everything(command, option, what, value, out, capsys):
    assert main([command, str(MINIMAL), "--out", str(out), option, value]) == EXIT_USAGE
    assert capsys.readouterr().err == (f"duopress: error: {option} names no {what}; name one or more, "
                                       f"comma-separated, or leave {option} out for every {what}\n")
    assert untouched(out)


def test_the_build_function_refuses_an_empty_language_list_before_taking_the_lock(out):
    from generator.api import build
    from generator.errors import UsageError

    with pytest.raises(UsageError, match="--lang names no language"):
        build(MINIMAL, out=out, langs="")
    assert untouched(out)


@pytest.mark.parametrize("case", ["date-beyond-zip", "huge-numbers", "placeholders", "combining-marks",
                                  "zero-month-day", "unknown-locale"])
def test_hostile_fixtures_are_refused_by_the_build_with_output_untouched(case, out, capsys):
    assert main(["build", str(FIXTURES / "errors" / f"{case}.yaml"), "--out", str(out)]) == EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert f"{case}.yaml:" in err and "internal error" not in err
    assert built_artifacts_untouched(out)


def test_whole_numbers_stay_exact_beyond_float_precision(tmp_path):
    from generator.outline.loader import load_outline

    path = tmp_path / "exact.yaml"
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace("value: 2400000000000", "value: 12345678901234567"),
                    encoding="utf-8")
    assert load_outline(path).facts["krw"].value == 12345678901234567  # float() would make it ...568


ONE_ITEM = """duopress: 1
languages: [ko, en]
meta:
  title: {ko: 제목, en: Title}
  date: 2024-12-01
  organisation: {ko: 기관, en: Institute}
sections:
  - id: s
    title: {ko: 부분, en: Part}
    items:
      - id: i
        title: {ko: "TITLE", en: "TITLE"}
        points:
          - {ko: 가, en: A}
"""
CATEGORIES = ", ".join(f"{{ko: 가{i}, en: A{i}}}" for i in range(60))
VALUES = ", ".join(str(i + 1) for i in range(60))


@pytest.mark.parametrize("title, figure", [
    ("a bar chart of 60 categories", f"{{kind: bar, title: {{ko: 그림, en: Chart}}, categories: [{CATEGORIES}], "
                                     f"series: [{{name: {{ko: 값, en: Value}}, values: [{VALUES}]}}]}}"),
    ("a pie of 60 slices", f"{{kind: pie, title: {{ko: 그림, en: Chart}}, categories: [{CATEGORIES}], "
                           f"series: [{{name: {{ko: 값, en: Value}}, values: [{VALUES}]}}]}}"),
    ("a table cell taller than a page", "{kind: table, title: {ko: 표, en: Table}, columns: [{ko: 열, en: C}], "
                                        f"rows: [[{{ko: {'가나다 ' * 800}, en: {'word ' * 1500}}}]]}}"),
    ("word " * 1500, None),  # its contents row and its heading are taller than a page
    ("*a* " * 2000, None),  # a heading split across pages
], ids=["bar-60", "pie-60", "tall-cell", "tall-title", "split-heading"])
def test_what_cannot_fit_a_page_of_the_brief_runs_on_or_shrinks(title, figure, tmp_path, out):
    """reportlab cannot break a drawing or (by default) a table row across pages: charts are scaled to
    the page, rows and headings run on to the next one, instead of a LayoutError."""
    text = ONE_ITEM.replace("TITLE", title) + (f"        figure: {figure}\n" if figure else "")
    path = tmp_path / "tall.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["build", str(path), "--out", str(out), "--format", "pdf", "-q"]) == EXIT_OK
    assert (out / "tall.en.pdf").stat().st_size > 1000


def test_a_language_code_with_a_region_builds(tmp_path, out):
    """en-GB matched the documented code pattern but crashed babel (it parses en_GB); zz is a located error
    (fixture unknown-locale)."""
    path = tmp_path / "british.yaml"
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace("en:", "en-GB:").replace("[ko, en]", "[ko, en-GB]"),
                    encoding="utf-8")
    assert main(["build", str(path), "--out", str(out), "--lang", "en-GB", "--format", "pdf", "-q"]) == EXIT_OK
    assert pdf_lang(out / "british.en-GB.pdf") == "en-GB"
