"""Parity between the languages of every text: facts, links and bare numerals (generator/parity.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checks.parity import links, numerals, parity_problems
from generator.errors import Level, sorted_problems
from generator.outline.inline import parse_inline
from generator.outline.loader import read_outline

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

HEAD = """\
duopress: 1
languages: [{langs}]
meta:
  source: {source}
  title: {{{title}}}
  date: 2024-12-01
  event: {{{title}}}
facts:
  a: {{kind: count, value: 64}}
  b: {{kind: count, value: 42}}
sections:
  - id: s
    title: {{{title}}}
    items:
      - id: i
        title: {{{title}}}
        points:
"""


def outline_with(tmp_path: Path, *points: str, langs: str = "ko, en", source: str = "ko"):
    title = ", ".join(f"{lang}: T" for lang in langs.split(", "))
    text = HEAD.format(langs=langs, source=source, title=title) + "".join(f"          - {p}\n" for p in points)
    path = tmp_path / "o.yaml"
    path.write_text(text, encoding="utf-8")
    outline, problems = read_outline(path, display_name="o.yaml")
    assert [str(p) for p in problems if p.is_error] == []
    return outline


def lines(problems) -> list[str]:
    return [str(p) for p in sorted_problems(problems)]


def test_drift_fixture_word_for_word():
    outline, _ = read_outline(FIXTURES / "parity" / "drift.yaml", display_name="drift.yaml")
    expected = (FIXTURES / "parity" / "drift.expected").read_text(encoding="utf-8").splitlines()
    assert lines(parity_problems(outline)) == [line for line in expected if "[parity." in line]


def test_korean_64_english_46_is_a_located_warning(tmp_path):
    outline = outline_with(tmp_path, '{ko: "미국 64개", en: "US: 46 models"}')
    [problem] = parity_problems(outline)
    assert problem.level is Level.WARNING
    assert problem.code == "parity.numbers"
    assert problem.path == "sections[0].items[0].points[0].en"
    assert problem.span == outline.sections[0].items[0].points[0].text.spans["en"]
    assert problem.message == "numbers differ from ko: en lacks 64; en adds 46"


def test_fact_references_compared_as_multisets(tmp_path):
    outline = outline_with(tmp_path, '{ko: "{fact:a}, {fact:a}", en: "{fact:a} and {fact:b} and {fact:b}"}')
    [problem] = parity_problems(outline)
    assert (problem.level, problem.code) == (Level.ERROR, "parity.facts")
    assert problem.message == "fact references differ from ko: en lacks {fact:a}; en adds {fact:b} ×2"


def test_same_facts_in_another_order_are_fine(tmp_path):
    assert parity_problems(outline_with(tmp_path, '{ko: "{fact:b}와 {fact:a}", en: "{fact:a} and {fact:b}"}')) == []


def test_links_differ(tmp_path):
    outline = outline_with(tmp_path, '{ko: "[가](https://a.example)", en: "no link here"}')
    [problem] = parity_problems(outline)
    assert (problem.level, problem.code) == (Level.ERROR, "parity.links")
    assert problem.message == "links differ from ko: en lacks https://a.example"


def test_a_link_with_styled_text_counts_once():
    segments, _ = parse_inline("[**굵은** 링크](https://a.example) and [x](https://b.example)")
    assert links(segments) == ["https://a.example", "https://b.example"]


def test_numerals_inside_names_are_ignored():
    outline, _ = read_outline(FIXTURES / "parity" / "names.yaml")
    assert parity_problems(outline) == []


@pytest.mark.parametrize("text, expected", [
    ("미국 64개, 중국 42개", ["64", "42"]),
    ("1,234명과 3.80%", ["1234", "3.8"]),
    ("GPT-4, GPT-3.5, o1, 405B, 5G, H100, Nano-1, 나노1", []),
    ("Llama 3.1 and 라마 3.1", ["3.1", "3.1"]),
    ("the 3rd year, the 1990s, 10x", ["3", "1990", "10"]),
    ("제3차 산업혁명, 2년, 70억", ["3", "2", "70"]),
    ("10^{25} FLOP", ["10", "25"]),
    ("{fact:a}5", ["5"]),
    ("２０２４年", ["2024"]),
    ("2023-2024, 07", ["2023", "2024", "7"]),
])
def test_numerals(text, expected):
    assert numerals(parse_inline(text)[0]) == expected


def test_translations_compared_with_the_source_language(tmp_path):
    outline = outline_with(tmp_path, '{ko: "64", en: "64", de: "46"}', '{ko: "1", en: "2", de: "1"}',
                           langs="ko, en, de", source="en")
    assert [(p.path, p.message) for p in sorted_problems(parity_problems(outline))] == [
        ("sections[0].items[0].points[0].de", "numbers differ from en: de lacks 64; de adds 46"),
        ("sections[0].items[0].points[1].ko", "numbers differ from en: ko lacks 2; ko adds 1"),
        ("sections[0].items[0].points[1].de", "numbers differ from en: de lacks 2; de adds 1"),
    ]


def test_the_essay_has_parity():
    outline, problems = read_outline(ROOT / "outline.yaml")
    assert [str(p) for p in problems] == []
    assert lines(parity_problems(outline)) == []


@pytest.mark.parametrize("ko, en", [
    ("여성 1명당 출생아 수", "births per woman"),      # a Korean counter's 1 is "per" in English
    ("1년 만에", "within a year"),
    ("1명", "1 person"),
    ("0세 사망률", "age-0 mortality"),                 # a word, a hyphen and a number is not a name
    ("5세 미만", "under-5"),
    ("매개변수가 10분의 1인 모델", "a model with a tenth of the parameters"),  # English spells the fraction out
    ("3분의 2", "two-thirds"),
    ("10분의 1", "1/10"),
    ("단독(제로샷) GPT-4와 두 수치", "GPT-4 used alone (zero-shot) and both figures"),  # zero-shot is a term
])
def test_no_false_numbers_across_counters_and_hyphenated_words(tmp_path, ko, en):
    outline = outline_with(tmp_path, f'{{ko: "{ko}", en: "{en}"}}')
    assert parity_problems(outline) == []


@pytest.mark.parametrize("ko, en, message", [
    ("여성 2명당", "per woman", "numbers differ from ko: en lacks 2"),
    ("여성 1명당", "per 2 women", "numbers differ from ko: en adds 2"),
    ("0세", "age-1", "numbers differ from ko: en lacks 0; en adds 1"),
    ("10분의 1", "1/5", "numbers differ from ko: en lacks 10; en adds 5"),
])
def test_counters_and_hyphens_still_catch_a_wrong_number(tmp_path, ko, en, message):
    outline = outline_with(tmp_path, f'{{ko: "{ko}", en: "{en}"}}')
    assert [p.message for p in parity_problems(outline)] == [message]
