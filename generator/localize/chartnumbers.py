"""One number style per chart, decided once from all its values: what they measure, their scale, their
precision, the words that name scale and unit, and the ticks. Every renderer prints what this decides.

A chart's values are facts and plain numbers side by side. They share one axis, so they must measure the
same thing: ``family`` says what (percent, an amount of one currency, a duration, a count of a unit) or why
they cannot be read together (a located error in ``checks/formatted.py``). Plain numbers take the facts'
meaning, except beside percent facts, where 0.2 could mean 0.2% or 20%: the chart says ``unit: percent``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..outline.model import Chart, Fact, FactRef, Outline, Text
from . import i18n

MOST_DECIMALS = 3  # a chart's labels show at most this many decimals: bounded, and legible
SHORTEST_STEP_DOWN = 1e5  # a scale one unit down is taken only while its largest label has at most 5 digits
HEADROOM = 1.08  # the axis reaches past the longest bar so its label has room, in every renderer alike


@dataclass(frozen=True)
class Family:
    """What a chart's values measure."""

    kind: str  # "percent", "money", "duration" or "plain"
    currency: str | None = None
    unit: Text | str | None = None  # a time unit (duration), a unit text (plain), or None


@dataclass(frozen=True)
class Style:
    """How one language prints a chart's numbers: value / divisor at ``decimals`` places."""

    family: Family
    divisor: float
    word: str  # the scale's word: "billion", "억", "" for none
    decimals: int


def chart_facts(outline: Outline, chart: Chart) -> list[Fact]:
    return [outline.facts[v.id] for s in chart.series for v in s.values
            if isinstance(v, FactRef) and v.id in outline.facts]


def family(outline: Outline, chart: Chart) -> Family | str:
    """What the chart's values measure, or a message saying why they cannot share an axis."""
    facts = chart_facts(outline, chart)
    plain = any(not isinstance(v, FactRef) for s in chart.series for v in s.values)
    return family_of(facts, plain, chart.unit)


def family_of(facts: list[Fact], plain: bool, unit: Text | str | None) -> Family | str:
    """What ``facts`` (and plain numbers beside them, if ``plain``) measure under ``unit``, or why they
    cannot be read together."""
    if unit == "percent":
        return _only(facts, "percent", "`unit: percent`") or Family("percent")
    if isinstance(unit, str) and len(unit) == 3 and unit.isupper():
        wrong = [f for f in facts if f.kind != "money" or f.currency != unit]
        return _listed(wrong, f"amounts in {unit}") or Family("money", currency=unit)
    if isinstance(unit, str):  # a time unit: durations are converted to it
        return _only(facts, "duration", f"`unit: {unit}`") or Family("duration", unit=unit)
    kinds = {_kind(f) for f in facts}
    if len(kinds) > 1:
        return (f"facts of different kinds cannot share an axis ({', '.join(sorted(kinds))}: "
                + ", ".join(f"'{f.id}' is {_kind(f)}" for f in facts[:4]) + "); give each its own chart")
    kind = kinds.pop() if kinds else "plain"
    if kind == "percent":
        if plain:
            return ("plain numbers beside percent facts: is 0.2 20% or 0.2%? Write `unit: percent` on the chart "
                    "if the numbers are fractions (0.2 is 20%), or make them percent facts")
        return Family("percent")
    if kind == "money":
        currencies = sorted({f.currency or "" for f in facts})
        if len(currencies) > 1:
            return (f"amounts in {' and '.join(currencies)} cannot share an axis: convert them to one "
                    "currency, or give each currency its own chart")
        return Family("money", currency=currencies[0])
    if isinstance(unit, Text):
        return Family("plain" if kind == "plain" else kind, unit=unit)
    units = {repr(f.unit) for f in facts}
    if len(units) > 1:
        return ("facts with different units share this axis: give the chart a `unit` (a text such as "
                "{ko: 가구, en: households}) or a time unit, or use facts of one unit")
    return Family(kind, unit=facts[0].unit if facts else None)


def _kind(fact: Fact) -> str:
    return {"count": "plain", "number": "plain", "scientific": "plain"}.get(fact.kind, fact.kind)


def _only(facts: list[Fact], kind: str, what: str) -> str | None:
    return _listed([f for f in facts if f.kind != kind], f"{kind} facts with {what}")


def _listed(wrong: list[Fact], what: str) -> str | None:
    if not wrong:
        return None
    names = ", ".join(f"'{f.id}' ({f.kind})" for f in wrong[:4])
    return f"this chart's values are {what}, but {names} {'is' if len(wrong) == 1 else 'are'} not"


def value(outline: Outline, chart: Chart, fam: Family, written) -> float:
    """The number a value draws: a fact's (an approximate one rounded once, as its text rounds it; a duration
    in the chart's time unit), or the number as written."""
    if not isinstance(written, FactRef):
        return float(written)
    return fact_value(outline.facts[written.id], fam)


def fact_value(fact: Fact, fam: Family) -> float:
    number = i18n.chart_value(fact, fam.unit if fam.kind == "duration" else None)
    return i18n.approximate(number) if fact.approx else number


def decide(values: list[float], fam: Family, lang: str, facts: Sequence[Fact] = (),
           exact: Sequence[bool] = ()) -> Style:
    """One series' (or table column's) style: see ``decide_series``."""
    return decide_series([list(values)], fam, lang, [list(facts)], [list(exact)])[0]


def decide_series(series: Sequence[Sequence[float]], fam: Family, lang: str,
                  facts: Sequence[Sequence[Fact]] = (), exact: Sequence[Sequence[bool]] = ()) -> list[Style]:
    """One style per series of one axis: the chart's one scale, and each series' own precision — the fewest
    decimals that show its values, or more where its facts ask for them (``decimals: 2`` prints 2.10) and
    the values are not scaled. The scale is the locale's own big unit (조 / trillion), or the unit below it
    where that prints an exact fact (``exact``: per value) exactly or spares three decimals: 175 and 1,800
    billion rather than 0.175 and 1.800 trillion (in German "1,800" and "1.800" differ a thousandfold)."""
    facts = list(facts) or [[] for _ in series]
    if fam.kind == "percent":
        return [Style(fam, 1.0, "", max(_asked(f), _places([v * 100 for v in s]))) for s, f in zip(series, facts)]
    largest = max((abs(v) for s in series for v in s if math.isfinite(v)), default=0.0)
    # the unit below only while its labels stay short (18,000억, 1,800 billion: at most five digits)
    scales = [scale for i, scale in enumerate(i18n.magnitudes(largest, lang)[:2])
              if i == 0 or largest / scale[0] < SHORTEST_STEP_DOWN]
    masks = list(exact) or [[] for _ in series]

    def styles(divisor: float, word: str) -> list[Style]:
        return [Style(fam, divisor, word, max(_places([v / divisor for v in s]), _asked(f)) if divisor == 1.0
                      else _places([v / divisor for v in s])) for s, f in zip(series, facts)]

    def cost(found: list[Style]) -> tuple[int, bool]:
        lost = sum(1 for s, style, mask in zip(series, found, masks) for v, m in zip(s, mask)
                   if m and not is_exact(v, style))
        return lost, max((s.decimals for s in found), default=0) >= MOST_DECIMALS

    return min((styles(*scale) for scale in scales), key=cost)  # the larger unit wins a tie


def series_styles(outline: Outline, chart: Chart, fam: Family, lang: str) -> tuple[list[list[float]], list[Style]]:
    """Each series' numbers (as drawn before scaling) and its style (``decide_series``)."""
    raw = [[value(outline, chart, fam, v) for v in s.values] for s in chart.series]
    facts = [[outline.facts[v.id] for v in s.values if isinstance(v, FactRef) and v.id in outline.facts]
             for s in chart.series]
    exact = [[isinstance(v, FactRef) and v.id in outline.facts and not outline.facts[v.id].approx
              for v in s.values] for s in chart.series]
    return raw, decide_series(raw, fam, lang, facts, exact)


def axis_style(styles: Sequence[Style]) -> Style:
    """The value axis's style: the series' one scale, and as many decimals as the most precise series
    (its ticks never show more: ``ticks``)."""
    return replace(styles[0], decimals=max(s.decimals for s in styles))


def _asked(facts: Sequence[Fact]) -> int:
    return min(MOST_DECIMALS, max((f.decimals or 0 for f in facts), default=0))


def _places(values: list[float]) -> int:
    return max((i18n.decimals_of(v, MOST_DECIMALS) for v in values if math.isfinite(v)), default=0)


def label(number: float, style: Style, lang: str, decimals: int | None = None) -> str:
    """A value as every label of its chart prints it: 611.2 / 6,112 / 35.5% / 35,5 %."""
    places = style.decimals if decimals is None else decimals
    if style.family.kind == "percent":
        return i18n.format_percent(number, lang, places)
    return i18n.format_number(number / style.divisor, lang, places)


def is_exact(number: float, style: Style) -> bool:
    """Whether the label of ``number`` reads back as ``number`` (an exact fact must)."""
    shown = number * 100 if style.family.kind == "percent" else number / style.divisor
    # relative to the value itself: 2 beside 2 trillion prints 0.000 (trillion), which is not 2
    return abs(round(shown, style.decimals) - shown) <= 1e-9 * abs(shown)


def title(style: Style, lang: str, written: str, unit_word: str, currency_name: str | None) -> str:
    """The axis title, naming scale and unit once: "US$ billions", "억 달러", "Milliarden USD", "Exports
    (US$ billions)"; a percent axis needs no unit (its ticks say %)."""
    fam = style.family
    if fam.kind == "money":
        words = i18n.scale_title(style.word, lang, currency=fam.currency, name=currency_name)
    elif fam.kind == "percent":
        words = ""
    else:
        named = written and _names(written, unit_word)  # "Parameters" already says the unit: "(trillions)"
        words = i18n.scale_title(style.word, lang, unit="" if named else unit_word)
    if written and words:
        return f"{written} ({words})"
    return written or words


def _names(written: str, unit_word: str) -> bool:
    """Whether the author's axis title already names the unit, as a whole word (any case, singular or plural):
    "Parameters" names "parameters"; "매개변수" does not name "개", which is inside a word."""
    unit = unit_word.casefold().removesuffix("s")
    words = {w.casefold().removesuffix("s") for w in re.findall(r"\w+", written)}
    return bool(unit) and unit in words


def drawn(number: float, style: Style) -> float:
    """What a renderer draws for a value: a percent as its fraction, anything else in the chart's scale."""
    return number if style.family.kind == "percent" else number / style.divisor


def ticks(values: list[float], style: Style, lang: str, headroom: float = HEADROOM) -> tuple[tuple[float, ...],
                                                                                                tuple[str, ...]]:
    """Axis ticks (as drawn) at nice steps (1, 2, 2.5, 5 × 10^k) from zero past the data, with no more
    decimals than the labels have, formatted like them."""
    factor = 100.0 if style.family.kind == "percent" else 1.0 / style.divisor
    shown = [v * factor for v in values if math.isfinite(v)] or [0.0]
    low, high = min(0.0, min(shown)) * headroom, max(0.0, max(shown)) * headroom
    step = nice_step((high - low) / 5 or 1.0, style.decimals)
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    if first == last:
        last += 1
    places = i18n.decimals_of(step, 9)
    # each tick rounded as it is shown (500, not 499.99999999999994 after a trip through the divisor)
    shown_at = [round(i * step, places) for i in range(first, last + 1)]
    at = tuple(round(s / 100, places + 2) if style.family.kind == "percent" else s for s in shown_at)
    return at, tuple(label(s / factor, style, lang, places) for s in shown_at)


def number_format(ticks_shown: tuple[str, ...], style: Style, decimal_sign: str) -> str:
    """The Excel number format of the ticks, for a renderer that lets the viewer format them (PowerPoint)."""
    places = max((len(t.rstrip("% \u00a0").split(decimal_sign)[1]) for t in ticks_shown
                  if decimal_sign in t), default=0)
    return "#,##0" + ("." + "0" * places if places else "") + ("%" if style.family.kind == "percent" else "")


def nice_step(raw: float, decimals: int) -> float:
    """The smallest step of 1, 2, 2.5 or 5 × 10^k at least ``raw`` that needs no more than ``decimals``
    places (2.5 only where the labels show a decimal more)."""
    power = math.floor(math.log10(raw))
    for exponent in range(power, power + 3):
        for multiple in (1, 2, 2.5, 5):
            step = multiple * 10.0 ** exponent
            if step >= raw * (1 - 1e-9) and i18n.decimals_of(step, 9) <= decimals:
                return step
    return 10.0 ** (power + 3)
