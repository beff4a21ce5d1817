"""The number rules, word for word: exact and approximate amounts, cents, CLDR placement, Korean currency
names, chart families and their located errors, particles after facts, "about about"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.api import load_and_check
from generator.errors import Span
from generator.localize.document import ChartFigure, plain
from generator.localize.i18n import format_fact
from generator.localize.localizer import localize
from generator.localize.particles import disagreement, fill, final_sound, resolve
from generator.outline.model import Fact
from generator.style.theme_file import load_theme

APPROX = {"ko": "약 {value}", "en": "about {value}", "de": "etwa {value}"}


def _fact(kind: str, value, **extra) -> Fact:
    return Fact("x", kind, value, Span("t.yaml", 1, 1), **extra)


def _printed(fact: Fact) -> tuple[str, ...]:
    return tuple(plain(format_fact(fact, lang, APPROX[lang])).replace("\u00a0", " ") for lang in ("ko", "en", "de"))


@pytest.mark.parametrize("fact, expected", [
    (_fact("money", 4_745_000_000, currency="USD", style="compact"),
     ("47억 4,500만 달러", "$4.745 billion", "4,745 Milliarden USD")),  # exact: no digit dropped
    (_fact("money", 4_745_123_456, currency="USD", style="compact"),
     ("47억 4,512만 3,456 달러", "$4,745,123,456", "4.745.123.456 USD")),  # no compact form is exact
    (_fact("money", 4_745_123_456, currency="USD", style="compact", approx=True),
     ("약 47억 5,000만 달러", "about $4.75 billion", "etwa 4,75 Milliarden USD")),  # rounded once for all
    (_fact("money", 735, currency="USD", approx=True), ("약 735 달러", "about $735", "etwa 735 $")),
    (_fact("money", 1234.5, currency="USD"), ("1,234.50 달러", "$1,234.50", "1.234,50 $")),  # cents it has
    (_fact("money", 1_000_000, currency="KRW", style="compact"), ("100만 원", "KRW 1 million", "1 Million KRW")),
    (_fact("count", 7_829_000, style="compact"), ("782만 9,000", "7.829 million", "7,829 Millionen")),
    (_fact("percent", 0.477), ("47.7%", "47.7%", "47,7 %")),  # CLDR's German spacing
    (_fact("percent", 0.4, decimals=1), ("40.0%", "40.0%", "40,0 %")),
])
def test_facts_print_exactly_in_every_language(fact, expected):
    assert _printed(fact) == expected


@pytest.mark.parametrize("before, after, resolved", [
    ("64개", "이(가) 늘었다", "가 늘었다"), ("64만 명", "이(가) 늘었다", "이 늘었다"),
    ("duopress 0.1.0", "(으)로 생성", "으로 생성"),  # 0 is read 영
    ("7", "(으)로", "로"), ("3", "(으)로", "으로"), ("2,000", "은(는)", "은"), ("20,000", "을(를)", "을"),
    ("47.7%", "(이)다", "다"), ("2024년 3월", "(으)로", "로"), ("GPT", "와(과)", "와"), ("10²⁵", "(이)다", "다"),
    ("duopress", "(으)로", "(으)로"),  # a word read as English: its ending is unknown, the pair stays
])
def test_particle_pairs_agree_with_how_the_fact_is_read(before, after, resolved):
    assert resolve(before, after) == resolved


def test_fixed_particles_that_disagree_are_found_and_words_are_not():
    assert disagreement("64만 명", "가 늘었다") == ("가", "이")
    assert disagreement("3", "로") == ("로", "으로")
    assert disagreement("7", "로") is None and disagreement("64개", "가 늘었다") is None
    assert disagreement("64만 명", "가구") is None and disagreement("10", "이상") is None  # words, not particles
    assert final_sound("duopress") is None
    assert fill("{generator}(으)로 생성", generator="duopress 0.1.0") == "duopress 0.1.0으로 생성"


OUTLINE = """duopress: 1
languages: [ko, en]
meta: {{source: ko, title: {{ko: 가, en: A}}, date: 2024-12-01, organisation: {{ko: 가, en: A}}}}
facts:
  share: {{kind: percent, value: 0.355}}
  big: {{kind: money, value: 4745123456, currency: USD}}
  small: {{kind: money, value: 61200000000, currency: USD}}
  people: {{kind: count, value: 640000, unit: {{ko: 명, en: people}}}}
  near: {{kind: money, value: 735, currency: USD, style: plain, approx: true}}
sections:
  - id: s
    title: {{ko: 가, en: A}}
    items:
      - id: i
        title: {{ko: 가, en: A}}
        points:
          - {{ko: "사람 {{fact:people}}가 약 {{fact:near}}을(를) 냈다", en: "{{fact:people}} paid about {{fact:near}}"}}
          - {{ko: "{{fact:share}} {{fact:big}} {{fact:small}}", en: "{{fact:share}} {{fact:big}} {{fact:small}}"}}
        figure:
          kind: column
          title: {{ko: 가, en: A}}
{unit}          categories: [{{ko: 가, en: A}}, {{ko: 나, en: B}}, {{ko: 다, en: C}}]
          series:
            - name: {{ko: 가, en: A}}
              values: [{values}]
"""


def _problems(tmp_path: Path, values: str, unit: str = "") -> list[str]:
    path = tmp_path / "o.yaml"
    path.write_text(OUTLINE.format(values=values, unit=unit), encoding="utf-8")
    _, problems = load_and_check(path, load_theme())
    return [str(p).replace(str(tmp_path) + "/", "") for p in problems]


def test_fractions_beside_percent_facts_are_a_located_error_unless_the_chart_says_percent(tmp_path):
    found = _problems(tmp_path, "fact:share, 0.2, 0.239")
    assert found == [
        "o.yaml:20:11: error: sections[0].items[0].figure: plain numbers beside percent facts: is 0.2 20% or 0.2%? "
        "Write `unit: percent` on the chart if the numbers are fractions (0.2 is 20%), or make them percent facts "
        "[chart.units]",
        "o.yaml:17:18: warning: sections[0].items[0].points[0].ko: {fact:people} prints '640,000명', read so that "
        "'가' after it should be '이': write '이', or a pair such as 이(가), 을(를), (으)로 that duopress resolves "
        "[particle.agreement]",
        "o.yaml:17:18: warning: sections[0].items[0].points[0].ko: '약' before {fact:near}, which is approximate and "
        "prints its own '약': drop the word [fact.approx-twice]",
        "o.yaml:17:64: warning: sections[0].items[0].points[0].en: 'about' before {fact:near}, which is approximate "
        "and prints its own 'about': drop the word [fact.approx-twice]",
    ]
    assert not any("chart.units" in p for p in _problems(tmp_path, "fact:share, 0.2, 0.239",
                                                              "          unit: percent\n"))


def test_facts_of_two_kinds_cannot_share_an_axis(tmp_path):
    found = [p for p in _problems(tmp_path, "fact:big, fact:share, 3") if "[chart." in p]
    assert found == ["o.yaml:20:11: error: sections[0].items[0].figure: facts of different kinds cannot share an "
                     "axis (money, percent: 'big' is money, 'share' is percent); give each its own chart [chart.units]"]


def test_an_exact_fact_a_chart_cannot_print_exactly_is_said_once_per_language(tmp_path):
    found = [p for p in _problems(tmp_path, "fact:big, fact:small, fact:near") if "[chart." in p]
    assert found == [
        "o.yaml:25:24: warning: sections[0].items[0].figure: ko: fact 'big' is exact, but beside this chart's other "
        "values it prints as 47.451 (3 decimals, 억): mark it `approx: true`, or give it a chart of values of its "
        "own size [chart.precision]",
        "o.yaml:25:24: warning: sections[0].items[0].figure: en: fact 'big' is exact, but beside this chart's other "
        "values it prints as 4.745 (3 decimals, billion): mark it `approx: true`, or give it a chart of values of "
        "its own size [chart.precision]"]


def test_plain_numbers_and_facts_share_one_scale_precision_and_title(tmp_path):
    path = tmp_path / "o.yaml"
    path.write_text(OUTLINE.format(values="fact:big, fact:small, 63400000000", unit=""), encoding="utf-8")
    model, problems = load_and_check(path, load_theme())
    assert [p.code for p in problems if p.code == "chart.precision"] == ["chart.precision", "chart.precision"]
    clock = dt.datetime(2024, 12, 1, tzinfo=dt.UTC)
    figures = {lang: localize(model, lang, clock, "t", "o").sections[0].items[0].figure for lang in ("ko", "en")}
    ko, en = figures["ko"], figures["en"]
    assert isinstance(ko, ChartFigure) and isinstance(en, ChartFigure)
    assert en.series[0].labels == ("4.745", "61.200", "63.400") and en.axis_title == "US$ billions"
    assert ko.series[0].labels == ("47.451", "612.000", "634.000") and ko.axis_title == "억 달러"
    assert en.tick_labels == ("0", "20", "40", "60", "80") and ko.tick_labels[:3] == ("0", "200", "400")


def test_english_numerals_under_ten_are_spelled_out_in_running_text_when_the_theme_asks(tmp_path):
    from generator.style.resources import theme_path

    theme = tmp_path / "house.yaml"
    theme.write_text(theme_path().read_text(encoding="utf-8") + "\nnumbers: {spell_out: [en]}\n", encoding="utf-8")
    assert load_theme(theme).spell_out == ("en",)
    bad = tmp_path / "bad.yaml"
    bad.write_text(theme_path().read_text(encoding="utf-8") + "\nnumbers: {spell_out: [ko]}\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"no number words for ko; duopress spells out numbers in en"):
        load_theme(bad)
    path = tmp_path / "o.yaml"
    path.write_text((Path(__file__).parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8"),
                    encoding="utf-8")
    model, _ = load_and_check(path, load_theme())
    clock = dt.datetime(2024, 12, 1, tzinfo=dt.UTC)
    spelled = localize(model, "en", clock, "t", "o", spell_out=True)
    numerals = localize(model, "en", clock, "t", "o")
    point = plain(spelled.sections[0].items[0].points[0].text).replace("\u00a0", " ")
    assert point == "100 million users in two months"  # 100 million is not under ten
    assert plain(numerals.sections[0].items[0].points[0].text).replace("\u00a0", " ").endswith("in 2 months")
    figure = spelled.sections[0].items[0].figure
    assert isinstance(figure, ChartFigure) and figure.series[0].labels == ("2", "9")  # charts keep numerals
    ko = localize(model, "ko", clock, "t", "o", spell_out=True)
    assert "2개월" in plain(ko.sections[0].items[0].points[0].text)


def test_an_axis_title_that_names_the_unit_gets_only_the_scale():
    """The essay's parameter chart: "Parameters (trillions)", not "Parameters (parameters (trillions))"; a
    Korean title that holds the counter inside a word (매개변수 ∋ 개) keeps the counter after the scale."""
    from generator.localize.chartnumbers import _names

    assert _names("Parameters", "parameters") and _names("Number of models", "model")
    assert not _names("매개변수", "개") and not _names("Exports", "households")
