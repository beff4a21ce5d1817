"""Chart numbers on any data: generated series (magnitudes 10⁻³–10¹³, negatives and zeros, plain numbers
beside facts of every numeric kind, 1–40 categories named in Korean, English and German, 1–60 characters)
print one scale per chart and one precision per series, ticks with no more decimals than they need, labels of
bounded length, exact facts exactly (or a located warning says why not); the built deck's chart XML, its
table fallback's cells and the brief's text (pdftotext) carry the same labels, and every language draws the
same chart kind; a chart that cannot be legible (measured in the theme's boxes) is a table in every
language, said once per language.

    DUOPRESS_PROPERTY_EXAMPLES=2000 python -m pytest -q tests/test_numbers_property.py
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st

from generator.api import build, load_and_check
from generator.localize.document import ChartFigure, TableFigure
from generator.localize.i18n import approximate, decimals_of
from generator.localize.localizer import localize
from generator.style.chartroom import chart_room
from generator.style.theme_file import load_theme

EXAMPLES = int(os.environ.get("DUOPRESS_PROPERTY_EXAMPLES", "40"))
THEME = load_theme()
ROOM = chart_room(THEME)
# whole builds of three languages, about 2 s each on a shared machine: 12 keep the test near 25 s
BUILT = int(os.environ.get("DUOPRESS_PROPERTY_BUILDS", str(max(12, EXAMPLES // 4))))
CLOCK = dt.datetime(2024, 12, 1, tzinfo=dt.UTC)
LANGS = ("ko", "en", "de")
SETTINGS = dict(deadline=None, derandomize=not os.environ.get("DUOPRESS_PROPERTY_EXAMPLES"),
                phases=[Phase.explicit, Phase.generate],  # no shrinking: the failing example is printed whole
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
LONGEST_LABEL = 18  # "-999,999,999.999 %" is the longest a chart label can be

_ALPHABETS = {"ko": "가나다라마바사아자차카타파하한국반도체수출", "en": "abcdefghijklmnopqrstuvwxyzABCDEFG",
              "de": "abcdefghijklmnopqrsäöüßABCÄÖÜ"}


def _name(lang: str) -> st.SearchStrategy[str]:
    word = st.text(alphabet=_ALPHABETS[lang], min_size=1, max_size=14)
    long = st.lists(word, min_size=1, max_size=8).map(" ".join).map(lambda s: s[:60].strip() or "x")
    return st.text(alphabet=_ALPHABETS[lang], min_size=1, max_size=6) | long  # short names keep charts charts


def _magnitude() -> st.SearchStrategy[float]:
    return st.builds(lambda m, e, sign: round(sign * m * 10.0 ** e, 3), st.floats(1, 9.99), st.integers(-3, 12),
                     st.sampled_from((1, 1, 1, -1))) | st.just(0.0)


@st.composite
def charts(draw):
    """(facts, chart) as YAML-ready dicts: a family of values, plain numbers mixed with its facts."""
    family = draw(st.sampled_from(("money", "percent", "count", "number", "scientific", "duration")))
    n_cat = draw(st.integers(1, 8) | st.integers(1, 40))  # small charts as often as crowded ones
    n_series = draw(st.integers(1, 3))
    kind = draw(st.sampled_from(("bar", "column", "line", "pie")))
    if kind == "pie":
        n_series = 1
    facts, series = {}, []
    for s in range(n_series):
        values = []
        for c in range(n_cat):
            number = draw(_magnitude())
            if family in ("money", "count", "duration"):
                number = abs(number)
            if family == "count":
                number = round(number)
            if family == "percent":
                number = round(number / 10.0 ** 12, 4) if abs(number) > 1000 else round(number / 1000, 4)
            if draw(st.booleans()) and family != "scientific":
                values.append(number)  # a plain number, which takes the chart's meaning
                continue
            ident = f"f{s}_{c}"
            facts[ident] = _fact(family, number, draw(st.booleans()))
            values.append(f"fact:{ident}")
        series.append({"name": {lang: draw(_name(lang)) for lang in LANGS}, "values": values})
    chart = {"kind": kind, "title": {lang: "T" for lang in LANGS},
             "categories": [{lang: draw(_name(lang)) for lang in LANGS} for _ in range(n_cat)], "series": series}
    if family == "percent":
        chart["unit"] = "percent"
    if family == "duration":
        chart["unit"] = "month"
    return facts, chart


def _fact(family: str, number: float, approx: bool) -> dict:
    if family == "money":
        return {"kind": "money", "value": number, "currency": "USD", "approx": approx}
    if family == "percent":
        return {"kind": "percent", "value": number}
    if family == "scientific":
        exponent = 0 if number == 0 else int(f"{number:e}".split("e")[1])
        return {"kind": "scientific", "mantissa": round(number / 10.0 ** exponent, 2), "exponent": exponent}
    if family == "duration":
        return {"kind": "duration", "value": number, "unit": "month"}
    return {"kind": family, "value": int(number) if family == "count" else number, "approx": approx}


def _outline(tmp: Path, facts: dict, chart: dict) -> Path:
    doc = {"duopress": 1, "languages": list(LANGS),
           "meta": {"source": "ko", "title": {lang: "Zahlen" for lang in LANGS}, "date": "2024-12-01",
                    "organisation": {lang: "O" for lang in LANGS}},
           "facts": facts,
           "sections": [{"id": "s", "title": {lang: "S" for lang in LANGS},
                         "items": [{"id": "i", "title": {lang: "I" for lang in LANGS}, "figure": chart}]}]}
    path = tmp / "numbers.yaml"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    return path


def _figure(path: Path, lang: str):
    model, problems = load_and_check(path, THEME)
    assert model is not None and not any(p.is_error for p in problems), [str(p) for p in problems]
    doc = localize(model, lang, CLOCK, "test", path.stem, room=ROOM)
    return model, problems, doc.sections[0].items[0].figure


def _decimals(label: str, sign: str) -> int:
    digits = re.sub(r"[^\d" + re.escape(sign) + "]", "", label)
    return len(digits.split(sign)[1]) if sign in digits else 0


def _read(label: str, figure) -> float:
    """A printed label's number: group signs dropped, the decimal sign a point, a minus sign a hyphen."""
    text = label.replace(figure.group_sign, "").replace("\u00a0", "").replace(figure.decimal_sign, ".")
    return float(re.sub(r"[^\d\-.]", "", text.replace("\u2212", "-")))


def _written(chart: dict, facts: dict, s: int, i: int) -> tuple[float, bool]:
    """The value the outline gives a point, and whether it is exact (a fact without ``approx``)."""
    ref = chart["series"][s]["values"][i]
    if not str(ref).startswith("fact:"):
        return float(ref), False
    fact = facts[str(ref)[5:]]
    if fact["kind"] == "scientific":
        return fact["mantissa"] * 10.0 ** fact["exponent"], True
    if fact.get("approx"):  # rounded once, for every language alike
        return approximate(float(fact["value"])), False
    return float(fact["value"]), True


def _assert_one_scale(chart: dict, facts: dict, columns: list[list[str]], figure, imprecise: bool) -> None:
    """Every printed value is its written value at one power of ten for the whole chart (its scale: ``1,800``
    billion, ``35.5`` percent), rounded only to its series' decimals; an exact fact reads back exactly."""
    points = [(_written(chart, facts, s, i), label, _decimals(label, figure.decimal_sign))
              for s, column in enumerate(columns) for i, label in enumerate(column)]
    (value, _), label, _ = max(points, key=lambda p: abs(p[0][0]))
    if not _read(label, figure):
        return  # every value is zero
    scale = 10.0 ** round(math.log10(abs(value / _read(label, figure))))
    for (value, exact), label, places in points:
        shown = _read(label, figure) * scale
        assert abs(shown - value) <= (0.5 * 10.0 ** -places * scale) * (1 + 1e-6) + 1e-9 * abs(value), (label, value)
        if exact and not imprecise:
            assert abs(shown - value) <= 1e-6 * max(1.0, abs(value)), (label, value, scale)


def _assert_series_style(figure) -> None:
    """One precision per series, short labels, ticks with no more decimals than they need."""
    for s in figure.series:
        assert len({_decimals(label, figure.decimal_sign) for label in s.labels}) == 1, s.labels
        assert all(len(label) <= LONGEST_LABEL for label in s.labels), s.labels
    most = max(_decimals(label, figure.decimal_sign) for s in figure.series for label in s.labels)
    tick_places = max(_decimals(t, figure.decimal_sign) for t in figure.tick_labels)
    assert tick_places <= most, (figure.tick_labels, most)
    step = figure.ticks[1] - figure.ticks[0] if len(figure.ticks) > 1 else 1.0
    factor = 100.0 if figure.tick_labels[-1].endswith("%") else 1.0
    assert tick_places == decimals_of(step * factor, 9), (figure.tick_labels, step)  # none superfluous
    assert list(figure.ticks) == sorted(figure.ticks) and len(set(figure.ticks)) == len(figure.ticks)
    drawn = [v for s in figure.series for v in s.values]
    assert figure.ticks[0] <= min(drawn + [0.0]) and figure.ticks[-1] >= max(drawn + [0.0])


def _table_columns(figure: TableFigure) -> list[list[str]]:
    """A chart's table fallback: one column per series after the names' column."""
    cells = [["".join(r.text for r in cell) for cell in row] for row in figure.rows]
    return [[row[1 + s] for row in cells] for s in range(len(figure.header) - 1)]


@settings(max_examples=EXAMPLES, **SETTINGS)
@given(data=charts())
def test_one_style_per_series_and_exact_facts_read_back(tmp_path, data):
    facts, chart = data
    path = _outline(tmp_path, facts, chart)
    kinds = set()
    for lang in LANGS:
        model, problems, figure = _figure(path, lang)
        said = [p for p in problems if p.code == "chart.illegible" and p.message.startswith(f"{lang}:")]
        illegible = [p for p in problems if p.code == "chart.illegible"]
        imprecise = any(p.code == "chart.precision" and p.message.startswith(f"{lang}:") for p in problems)
        assert len(said) <= 1  # once per language, located at the chart
        kinds.add(figure.kind if isinstance(figure, ChartFigure) else "table")
        if isinstance(figure, TableFigure):  # a table in every language when one cannot show the chart
            # said for each language that cannot show it (the others follow, so the decks stay in step)
            assert illegible and all(p.path == "sections[0].items[0].figure" and p.span.column > 1
                                     for p in illegible)
            # the table's figures stand for their chart: one scale, one precision per column
            columns, signs = _table_columns(figure), _Signs(lang)
            assert all(len({_decimals(c, signs.decimal_sign) for c in column}) == 1 for column in columns)
            _assert_one_scale(chart, facts, columns, signs, imprecise)
            continue
        assert isinstance(figure, ChartFigure) and not illegible
        _assert_series_style(figure)
        _assert_one_scale(chart, facts, [list(s.labels) for s in figure.series], figure, imprecise)
    assert len(kinds) == 1, kinds  # every language draws the same chart kind (or the same table)


def _chart_parts(pptx: Path) -> list[str]:
    with zipfile.ZipFile(pptx) as z:
        return [z.read(n).decode() for n in sorted(z.namelist()) if re.fullmatch(r"ppt/charts/chart\d+\.xml", n)]


def _xml_kind(xml: str) -> str:
    if "<c:pieChart>" in xml:
        return "pie"
    if "<c:lineChart>" in xml:
        return "line"
    return "bar" if '<c:barDir val="bar"/>' in xml else "column"


def _xml_series_labels(xml: str) -> list[list[str]]:
    """Each series' data labels, as the deck writes them (its own text, point by point)."""
    found = []
    for ser in re.findall(r"<c:ser>(.*?)</c:ser>", xml, re.S):
        labels = {int(i): "".join(re.findall(r"<a:t>([^<]*)</a:t>", body))
                  for i, body in re.findall(r'<c:dLbl><c:idx val="(\d+)"/>(.*?)</c:dLbl>', ser, re.S)}
        found.append([labels[i] for i in sorted(labels)])
    return found


def _xml_axis(xml: str) -> tuple[float, float, float] | None:
    axis = re.search(r"<c:valAx>(.*?)</c:valAx>", xml, re.S)
    if axis is None:
        return None
    value = {name: float(re.search(rf'<c:{name} val="([^"]+)"/>', axis.group(1)).group(1))
             for name in ("min", "max", "majorUnit")}
    return value["min"], value["max"], value["majorUnit"]


def _deck_table_cells(pptx: Path) -> list[str]:
    with zipfile.ZipFile(pptx) as z:
        xml = "".join(z.read(n).decode() for n in sorted(z.namelist()) if re.fullmatch(r"ppt/slides/slide\d+\.xml", n))
    return ["".join(re.findall(r"<a:t>([^<]*)</a:t>", cell)) for cell in re.findall(r"<a:tc>(.*?)</a:tc>", xml, re.S)]


def _unescape(text: str) -> str:
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _small(kind: str, series: int, facts: dict) -> dict:
    """An explicit example: a chart of short names that stays a chart of its kind in every language."""
    names = [{"ko": "한국", "en": "Korea", "de": "Korea"}, {"ko": "미국", "en": "USA", "de": "USA"},
             {"ko": "독일", "en": "Germany", "de": "Deutschland"}]
    values = [["fact:a", 1_800_000_000_000, "fact:b"], [0, -2.5e11, 4.2e10]][:series]
    return {"kind": kind, "title": {lang: "T" for lang in LANGS}, "categories": names,
            "series": [{"name": {"ko": f"계열{s}", "en": f"S{s}", "de": f"R{s}"}, "values": v}
                       for s, v in enumerate(values)]}


_FACTS = {"a": {"kind": "count", "value": 175_000_000_000}, "b": {"kind": "count", "value": 4_745_000_000}}


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed")
@settings(max_examples=BUILT, **SETTINGS)
@given(data=charts())
@example(data=(_FACTS, _small("column", 1, _FACTS)))
@example(data=(_FACTS, _small("line", 2, _FACTS)))
def test_the_built_deck_table_and_brief_print_the_same_labels(tmp_path, data):
    """The whole build in every language: the deck's chart XML (its kind, each series' labels, its axis), or
    its table fallback's cells, and the brief's text (pdftotext) print what the localizer decided."""
    facts, chart = data
    path = _outline(tmp_path, facts, chart)
    build(path, langs=",".join(LANGS), formats="pptx,pdf", out=tmp_path / "out")
    kinds = set()
    for lang in LANGS:
        _, problems, figure = _figure(path, lang)
        imprecise = any(p.code == "chart.precision" and p.message.startswith(f"{lang}:") for p in problems)
        deck = tmp_path / "out" / f"numbers.{lang}.pptx"
        brief = _flat(subprocess.run(["pdftotext", str(tmp_path / "out" / f"numbers.{lang}.pdf"), "-"],
                                     capture_output=True, text=True, check=True).stdout)
        parts = _chart_parts(deck)
        if isinstance(figure, TableFigure):
            kinds.add("table")
            assert parts == []  # no chart drawn crowded: the table instead
            columns = _table_columns(figure)
            cells = [_unescape(c) for c in _deck_table_cells(deck)]
            for column in columns:
                assert len({_decimals(c, figure_sign(lang)) for c in column}) == 1, column  # one precision
                for cell in column:
                    assert cell in cells and _flat(cell) in brief, (cell, lang)
            for row in figure.rows:
                name = "".join(r.text for r in row[0])
                assert name in cells and _flat(name)[:20] in brief, (name, lang)
            _assert_one_scale(chart, facts, columns, _Signs(lang), imprecise)
            continue
        (xml,) = parts
        kinds.add(_xml_kind(xml))
        assert _xml_kind(xml) == figure.kind  # the deck draws the kind the localizer decided
        expected = [list(s.labels) for s in figure.series]
        if figure.kind == "pie":  # named in its key with their values: "Single  33.4%"
            for name, label in zip(figure.categories, figure.series[0].labels):
                assert _unescape_in(f"{name}  {label}", xml) and _flat(label) in brief, (label, lang)
            continue
        written = _xml_series_labels(xml)
        shown = [labels[::-1] if figure.kind == "bar" else labels for labels in written]  # bars go in bottom-up
        if figure.kind == "line" and len(figure.series) > 1:
            assert [labels[-1:] for labels in expected] == shown  # several lines: labelled at their ends
        else:
            assert shown == expected, (shown, expected)
        axis = _xml_axis(xml)
        assert axis is not None and abs(axis[0] - figure.ticks[0]) < 1e-9 * max(1, abs(figure.ticks[0])) + 1e-12
        assert abs(axis[1] - figure.ticks[-1]) <= 1e-9 * max(1, abs(figure.ticks[-1])) + 1e-12
        for labels in shown:
            for label in labels:
                assert _flat(label) in brief, (label, lang)  # the brief prints the deck's labels
        _assert_series_style(figure)
        _assert_one_scale(chart, facts, expected, figure, imprecise)
    assert len(kinds) == 1, kinds  # every language's deck draws the same kind (or the same table)
    event(f"built as {kinds.pop()}")  # --hypothesis-show-statistics: how often each outcome was met


class _Signs:
    """A table's cells are read with the language's signs, as a chart's labels are."""

    def __init__(self, lang: str):
        from generator.localize.i18n import number_symbols

        self.decimal_sign, self.group_sign = number_symbols(lang)[:2]


def figure_sign(lang: str) -> str:
    return _Signs(lang).decimal_sign


def _unescape_in(text: str, xml: str) -> bool:
    return text in _unescape(xml) or text.replace("&", "&amp;") in xml
