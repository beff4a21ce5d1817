"""The review PDF: every text side by side, facts resolved, problems highlighted (generator/review)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.errors import Level, Problem, Span
from generator.outline.loader import read_outline
from generator.outline.walk import all_texts
from generator.render.review import render_review, review_groups

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CLOCK = dt.datetime(2024, 12, 1, tzinfo=dt.UTC)
STALE = ("the ko source changed since this en translation was accepted: update the translation, then run "
         "`duopress accept`")


def pdftotext(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    path = tmp_path / "review.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def variant(tmp_path: Path, fixture: str, old: str, new: str):
    source = (FIXTURES / fixture).read_text(encoding="utf-8")
    assert old in source
    path = tmp_path / "o.yaml"
    path.write_text(source.replace(old, new), encoding="utf-8")
    outline, _ = read_outline(path)
    return outline


def stale(text, lang="en") -> Problem:
    return Problem(text.spans[lang], Level.WARNING, "translation.stale", STALE, f"{text.path}.{lang}")


@pytest.fixture(scope="module")
def essay():
    outline, problems = read_outline(ROOT / "outline.yaml")
    assert problems == []
    return outline


def test_renders_the_essay_with_both_languages_and_the_flagged_problem(essay, tmp_path):
    item = essay.sections[0].items[0]
    pdf = render_review(essay, clock=CLOCK, problems=[stale(item.points[0].text)])
    assert pdf.startswith(b"%PDF")
    text = pdftotext(pdf, tmp_path)
    flat = " ".join(text.split())
    assert "2022년 11월 30일 챗GPT 공개 이후 AI가 일상에 본격 침투" in flat  # the fact resolved in Korean
    assert "After ChatGPT’s release on November 30, 2022, AI entered everyday life" in flat  # and in English
    assert f"warning: {STALE} [translation.stale]" in flat
    assert f"points[0] line {item.points[0].text.span.line}" in flat
    assert "1.1 · breakthrough-2023" in flat
    assert f"outline.yaml · source language ko · {len(all_texts(essay))} texts · 1 flagged · 1 problems" in flat


def test_deterministic(essay):
    first = render_review(essay, clock=CLOCK, problems=[])
    assert render_review(essay, clock=CLOCK, problems=[]) == first
    assert b"D:20241201000000+00'00'" in first


def test_problems_attach_to_their_text_and_language(essay):
    title = essay.sections[0].items[0].title
    by_span = Problem(title.spans["ko"], Level.WARNING, "x.y", "by span")
    whole = Problem(title.span, Level.ERROR, "text.missing-language", "missing 'en'", title.path)
    loose = Problem(Span("outline.yaml", 30, 3), Level.WARNING, "fact.unused", "fact 'x' is never used", "facts.x")
    groups, left = review_groups(essay, [stale(title), by_span, whole, loose])
    row = next(r for g in groups for r in g.rows if r.text is title)
    assert [p.message for p in row.problems["en"]] == [STALE]
    assert [p.message for p in row.problems["ko"]] == ["by span"]
    assert [p.message for p in row.problems[""]] == ["missing 'en'"]
    assert left == [loose]
    assert [g.key for g in groups][:4] == ["meta", "labels", "facts", "sections[0]"]
    assert groups[4].key == "sections[0].items[0]" and groups[4].heading == "1.1 · breakthrough-2023"


def test_hostile_text_is_shown_literally(tmp_path):
    outline = variant(tmp_path, "minimal.yaml", "title: {ko: 확산, en: Adoption}",
                      'title: {ko: "R&D < 5% <b>굵게", en: "<img src=\'/etc/passwd\'/> & <a href=\'javascript:x\'>"}')
    text = pdftotext(render_review(outline, clock=CLOCK, problems=[]), tmp_path)
    assert "R&D < 5% <b>굵게" in text
    assert "<img src='/etc/passwd'/> & <a href='javascript:x'>" in text


def test_three_languages_and_an_unknown_fact(tmp_path):
    outline = variant(tmp_path, "trilingual.yaml", 'title: {ko: 확산, en: Adoption, de: "Verbreitung"}',
                      'title: {ko: "{fact:nope} 확산", en: Adoption, de: "Verbreitung"}')
    text = pdftotext(render_review(outline, clock=CLOCK, problems=[]), tmp_path)
    assert "KO (source) EN DE" in text
    assert "{fact:nope} 확산" in text and "Verbreitung" in text


def test_a_text_longer_than_a_page_splits_across_pages(tmp_path):
    long_ko, long_en = "아주 긴 문단입니다. " * 900, "A very long paragraph. " * 900
    outline = variant(tmp_path, "minimal.yaml", "title: {ko: 확산, en: Adoption}",
                      f'title: {{ko: "{long_ko}", en: "{long_en}"}}')
    text = pdftotext(render_review(outline, clock=CLOCK, problems=[]), tmp_path)
    assert text.count("긴 문단입니다") == 900


def test_a_footnote_shows_where_it_stands_for_the_translator(tmp_path):
    """The review has no page foot to set notes at: each note shows in brackets after its marker's text,
    in every language, so a translator sees what they translate."""
    source = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    source = source.replace('"{fact:telcos}의 협력"', '"{fact:telcos}의 협력^[세 회사 모두 공시 기준.]"').replace(
        '"Partnerships of {fact:telcos}"', '"Partnerships of {fact:telcos}^[All three as filed.]"')
    path = tmp_path / "noted.yaml"
    path.write_text(source, encoding="utf-8")
    outline, problems = read_outline(path)
    assert problems == []
    flat = " ".join(pdftotext(render_review(outline, clock=CLOCK, problems=[]), tmp_path).split())
    assert "의 협력 [세 회사 모두 공시 기준.]" in flat
    assert "LG Uplus [All three as filed.]" in flat
