"""Chart numbers on any data: generated series (magnitudes 10⁻³–10¹³, negatives and zeros, plain numbers
beside facts of every numeric kind, 1–40 categories named in Korean, English and German) print one scale and
one precision per chart, labels of bounded length, exact facts exactly (or a located warning says why not),
and the same labels in the deck's chart XML and the brief's text; a chart that cannot be legible is a table,
said once per language.

    DUOPRESS_PROPERTY_EXAMPLES=2000 python -m pytest -q tests/test_numbers_property.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.api import build, load_and_check
from generator.localize.document import ChartFigure, TableFigure
from generator.localize.localizer import localize
from generator.style.theme_file import load_theme

EXAMPLES = int(os.environ.get("DUOPRESS_PROPERTY_EXAMPLES", "40"))
THEME = load_theme()
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
    return st.lists(word, min_size=1, max_size=8).map(" ".join).map(lambda s: s[:60].strip() or "x")


def _magnitude() -> st.SearchStrategy[float]:
    return st.builds(lambda m, e, sign: round(sign * m * 10.0 ** e, 3), st.floats(1, 9.99), st.integers(-3, 12),
                     st.sampled_from((1, 1, 1, -1))) | st.just(0.0)


@st.composite
def charts(draw):
    """(facts, chart) as YAML-ready dicts: a family of values, plain numbers mixed with its facts."""
    family = draw(st.sampled_from(("money", "percent", "count", "number", "scientific", "duration")))
    n_cat = draw(st.integers(1, 40))
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
    doc = localize(model, lang, CLOCK, "test", path.stem)
    return model, problems, doc.sections[0].items[0].figure


def _decimals(label: str, sign: str) -> int:
    digits = re.sub(r"[^\d" + re.escape(sign) + "]", "", label)
    return len(digits.split(sign)[1]) if sign in digits else 0


@settings(max_examples=EXAMPLES, **SETTINGS)
@given(data=charts())
def test_one_style_per_chart_and_exact_facts_read_back(tmp_path, data):
    facts, chart = data
    path = _outline(tmp_path, facts, chart)
    for lang in LANGS:
        model, problems, figure = _figure(path, lang)
        said = [p for p in problems if p.code == "chart.illegible" and p.message.startswith(f"{lang}:")]
        illegible = [p for p in problems if p.code == "chart.illegible"]
        assert len(said) <= 1  # once per language, located at the chart
        if isinstance(figure, TableFigure):  # a table in every language when one cannot show the chart
            assert illegible and all(p.path == "sections[0].items[0].figure" and p.span.column > 1
                                     for p in illegible)
            continue
        assert isinstance(figure, ChartFigure) and not illegible
        labels = [label for s in figure.series for label in s.labels]
        assert len({_decimals(label, figure.decimal_sign) for label in labels}) == 1, labels
        assert all(len(label) <= LONGEST_LABEL for label in labels), labels
        tick_places = {_decimals(t, figure.decimal_sign) for t in figure.tick_labels}
        assert max(tick_places) <= _decimals(labels[0], figure.decimal_sign), (figure.tick_labels, labels)
        assert list(figure.ticks) == sorted(figure.ticks) and len(set(figure.ticks)) == len(figure.ticks)
        drawn = [v for s in figure.series for v in s.values]
        assert figure.ticks[0] <= min(drawn + [0.0]) and figure.ticks[-1] >= max(drawn + [0.0])
        imprecise = {p.span.line for p in problems if p.code == "chart.precision" and p.message.startswith(lang)}
        for s, written in zip(figure.series, chart["series"]):
            for label, value, ref in zip(s.labels, s.values, written["values"]):
                fact = facts.get(str(ref)[5:]) if str(ref).startswith("fact:") else None
                if fact is None or fact.get("approx"):
                    continue
                read = float(re.sub(r"[^\d\-.]", "", label.replace(figure.group_sign, "").replace(
                    figure.decimal_sign, ".").replace("\u2212", "-")))
                expected = value * 100 if chart.get("unit") == "percent" else value
                assert abs(read - expected) <= 1e-6 * max(1.0, abs(expected)) or imprecise, (label, value)


def _deck_labels(pptx: Path) -> list[str]:
    with zipfile.ZipFile(pptx) as z:
        xml = "".join(z.read(n).decode() for n in sorted(z.namelist()) if n.startswith("ppt/charts/chart"))
    labels = []
    for d_lbl in re.findall(r"<c:dLbl>(.*?)</c:dLbl>", xml, re.S):
        labels.append("".join(re.findall(r"<a:t>([^<]*)</a:t>", d_lbl)))
    return labels


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed")
@settings(max_examples=max(4, EXAMPLES // 30), **SETTINGS)
@given(data=charts())
def test_the_deck_and_the_brief_print_the_same_labels(tmp_path, data):
    facts, chart = data
    path = _outline(tmp_path, facts, chart)
    build(path, langs="en,ko", formats="pptx,pdf", out=tmp_path / "out")
    for lang in ("en", "ko"):
        _, _, figure = _figure(path, lang)
        text = subprocess.run(["pdftotext", str(tmp_path / "out" / f"numbers.{lang}.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        flat = re.sub(r"\s+", "", text)
        if isinstance(figure, TableFigure):
            continue  # a table: the table's own tests hold its cells
        if figure.kind == "pie":
            shown = [label for s in figure.series for label in s.labels]
        else:
            deck = _deck_labels(tmp_path / "out" / f"numbers.{lang}.pptx")
            shown = [label for label in deck if label]
            expected = [label for s in figure.series for label in s.labels]
            if figure.every_point_labelled:
                assert sorted(shown) == sorted(expected)
        for label in shown:
            assert re.sub(r"\s+", "", label) in flat, (label, lang)
