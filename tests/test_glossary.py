"""Glossary partners: a term in one language of a text needs its partner in the others."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checks.glossary import glossary_problems
from generator.errors import Level, sorted_problems
from generator.outline.loader import read_outline

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

OUTLINE = """\
duopress: 1
languages: [{langs}]
meta:
  title: {title}
  date: 2024-12-01
  event: {title}
references:
  - id: r
    text: {reference}
glossary:
  - {sovereign}
  - {{{foundation}, note: {note}}}
  - {ai}
sections:
  - id: s
    title: {title}
    items:
      - id: i
        title: {title}
        sources: [r]
        points:
"""
TERMS = {
    "title": {"ko": "T", "en": "T", "de": "T"},
    "reference": {"ko": "소버린 AI 보고서", "en": "A report", "de": "Bericht"},
    "sovereign": {"ko": "소버린 AI", "en": "sovereign AI", "de": "souveräne KI"},
    "foundation": {"ko": "파운데이션 모델", "en": "foundation model", "de": "Basismodell"},
    "note": {"ko": "소버린 AI", "en": "x", "de": "y"},
    "ai": {"ko": "인공지능", "en": "AI", "de": "KI"},
}


def outline_with(tmp_path: Path, *points: str, langs: str = "ko, en"):
    chosen = langs.split(", ")
    fields = {key: ", ".join(f"{lang}: {by_lang[lang]}" for lang in chosen) for key, by_lang in TERMS.items()}
    fields = {key: value if key == "foundation" else "{" + value + "}" for key, value in fields.items()}
    text = OUTLINE.format(langs=langs, **fields) + "".join(f"          - {p}\n" for p in points)
    path = tmp_path / "o.yaml"
    path.write_text(text, encoding="utf-8")
    outline, problems = read_outline(path, display_name="o.yaml")
    assert [str(p) for p in problems if p.is_error] == []
    return outline


def messages(outline) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in sorted_problems(glossary_problems(outline))]


def test_drift_fixture_word_for_word():
    outline, _ = read_outline(FIXTURES / "parity" / "drift.yaml", display_name="drift.yaml")
    expected = (FIXTURES / "parity" / "drift.expected").read_text(encoding="utf-8").splitlines()
    assert [str(p) for p in sorted_problems(glossary_problems(outline))] == [
        line for line in expected if "[glossary." in line]


def test_partner_missing_is_a_warning_at_the_language_that_lacks_it(tmp_path):
    outline = outline_with(tmp_path, '{ko: "소버린 AI가 필요하다", en: "We need our own models"}')
    [problem] = glossary_problems(outline)
    assert (problem.level, problem.code) == (Level.WARNING, "glossary.partner")
    assert problem.path == "sections[0].items[0].points[0].en"
    assert problem.span == outline.sections[0].items[0].points[0].text.spans["en"]
    assert problem.message == "ko uses '소버린 AI' but en lacks its partner 'sovereign AI'"


def test_partners_found_with_particles_case_and_plurals(tmp_path):
    outline = outline_with(
        tmp_path,
        '{ko: "한국의 소버린  AI를 위해", en: "For Korea’s **Sovereign AI**"}',
        '{ko: "파운데이션 모델들", en: "Foundation models"}',
        '{ko: "인공지능의 시대", en: "The age of AI"}',
    )
    assert messages(outline) == []


def test_latin_terms_match_whole_words_only(tmp_path):
    outline = outline_with(tmp_path, '{ko: "그가 말했다", en: "He said so"}', '{ko: "가", en: "RAID arrays"}')
    assert messages(outline) == []


def test_english_term_without_korean_partner(tmp_path):
    outline = outline_with(tmp_path, '{ko: "거대 모델", en: "A foundation model"}')
    assert messages(outline) == [
        ("sections[0].items[0].points[0].ko", "en uses 'foundation model' but ko lacks its partner '파운데이션 모델'")]


def test_glossary_entries_and_references_are_not_checked(tmp_path):
    outline = outline_with(tmp_path, '{ko: "가", en: "A"}')
    assert messages(outline) == []  # the note and the reference mention 소버린 AI in Korean only


def test_three_languages(tmp_path):
    outline = outline_with(tmp_path, '{ko: "가", en: "sovereign AI", de: "souveräne KI"}', langs="ko, en, de")
    assert messages(outline) == [
        ("sections[0].items[0].points[0].ko", "en uses 'sovereign AI' but ko lacks its partner '소버린 AI'")]


def test_the_essay_uses_its_glossary_consistently():
    outline, _ = read_outline(ROOT / "outline.yaml")
    assert [str(p) for p in glossary_problems(outline)] == []


SPACING = """\
duopress: 1
languages: [ko, en]
meta:
  title: {ko: T, en: T}
  date: 2024-12-01
  event: {ko: T, en: T}
glossary:
  - {ko: 초고령사회, en: super-aged society}
  - {ko: 폭염, en: heat wave}
  - {ko: 정책, en: policy}
sections:
  - id: s
    title: {ko: T, en: T}
    items:
      - id: i
        title: {ko: T, en: T}
        points:
"""


@pytest.mark.parametrize("point", [
    '{ko: "한국은 초고령 사회다", en: "Korea is a super-aged society"}',   # Korean spacing differs from the glossary
    '{ko: "초고령사회 진입", en: "entering a super-aged society"}',
    '{ko: "폭염 일수", en: "Heat-wave days"}',                             # hyphen for the glossary's space
    '{ko: "폭염", en: "heatwaves"}',                                       # closed up, plural
    '{ko: "정책들", en: "policies"}',
])
def test_spacing_hyphen_and_plural_variants_are_the_same_term(tmp_path, point):
    path = tmp_path / "o.yaml"
    path.write_text(SPACING + f"          - {point}\n", encoding="utf-8")
    outline, problems = read_outline(path, display_name="o.yaml")
    assert [str(p) for p in problems if p.is_error] == []
    assert messages(outline) == []


def test_variants_do_not_hide_a_missing_partner(tmp_path):
    path = tmp_path / "o.yaml"
    path.write_text(SPACING + '          - {ko: "초고령 사회의 폭염", en: "Heat in an ageing country"}\n',
                    encoding="utf-8")
    outline, _ = read_outline(path, display_name="o.yaml")
    assert messages(outline) == [
        ("sections[0].items[0].points[0].en", "ko uses '초고령사회' but en lacks its partner 'super-aged society'"),
        ("sections[0].items[0].points[0].en", "ko uses '폭염' but en lacks its partner 'heat wave'"),
    ]
