"""Checks that read numbers as a language prints them: chart units and precision, legibility, Korean
particles after facts, and "about" written before a fact that says it itself.

Apart from outline.py's checks because they format facts (babel): ``language_problems`` runs them for the
languages being built or checked.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Iterator

from ..errors import Level, Problem
from ..outline.inline import parse_inline, with_notes
from ..outline.model import Chart, FactRef, Outline, Text
from ..outline.walk import all_texts

# Words before a number that already say "about": the approx label's own word, and its usual synonyms.
_ABOUT = {"en": ("about", "approximately", "around", "roughly", "some"), "ko": ("약", "대략", "얼추"),
          "de": ("etwa", "rund", "ungefähr", "ca.")}


def number_problems(outline: Outline, languages: list[str], room=None) -> list[Problem]:
    """``room``: the theme's chart boxes and measure (``style/chartroom.py``); None skips legibility."""
    from ..localize.localizer import Localizer

    problems = _unit_problems(outline)
    broken = {id(c) for c, _ in _charts(outline) if any(p.span == c.span for p in problems)}
    for lang in languages:
        loc = Localizer(outline, lang, _dt.datetime(2000, 1, 1, tzinfo=_dt.UTC), room=room)
        problems += _chart_problems(outline, loc, broken)
        for text in all_texts(outline):
            problems += _text_problems(outline, loc, text, lang)
    return problems


def _charts(outline: Outline) -> Iterator[tuple[Chart, str]]:
    for item in outline.items():
        if isinstance(item.figure, Chart):
            yield item.figure, f"{item.path}.figure"


def _unit_problems(outline: Outline) -> list[Problem]:
    from ..localize.chartnumbers import family

    found = []
    for chart, path in _charts(outline):
        if not all(_drawable(outline, v) for s in chart.series for v in s.values):
            continue
        fam = family(outline, chart)
        if isinstance(fam, str):
            found.append(Problem(chart.span, Level.ERROR, "chart.units", fam, path))
    return found


def _chart_problems(outline: Outline, loc, broken: set[int]) -> list[Problem]:
    """Per language: exact facts a chart cannot print exactly at its scale, and charts drawn as tables."""
    from ..localize import chartnumbers

    found = []
    for chart, path in _charts(outline):
        refs = [v for s in chart.series for v in s.values]
        if id(chart) in broken or not all(_drawable(outline, v) for v in refs):
            continue  # its values were reported already
        try:  # measured as the kind every language draws, in every box the theme gives a chart
            why = loc.illegible(chart, loc.lang) if loc.room is not None else None
        except KeyError:  # a name with an unknown fact, reported by the outline's checks
            continue
        if why:
            found.append(Problem(chart.span, Level.WARNING, "chart.illegible",
                                 f"{loc.lang}: {why}; the build shows a table of its values instead, in every "
                                 "language so the decks stay in step (split the chart or shorten the names to "
                                 "keep it a chart)", path))
        fam = chartnumbers.family(outline, chart)
        assert not isinstance(fam, str)
        raw, styles = chartnumbers.series_styles(outline, chart, fam, loc.lang)
        for ref, number, style in ((ref, number, style) for s, values, style in zip(chart.series, raw, styles)
                                   for ref, number in zip(s.values, values)):
            fact = outline.facts.get(ref.id) if isinstance(ref, FactRef) else None
            if isinstance(ref, FactRef) and fact is not None and not fact.approx \
                    and not chartnumbers.is_exact(number, style):
                shown = chartnumbers.label(number, style, loc.lang)
                found.append(Problem(ref.span, Level.WARNING, "chart.precision",
                                     f"{loc.lang}: fact '{ref.id}' is exact, but beside this chart's other values "
                                     f"it prints as {shown} ({style.decimals} decimals"
                                     f"{', ' + style.word if style.word else ''}): mark it `approx: true`, or "
                                     "give it a chart of values of its own size", path))
    return found


def _drawable(outline: Outline, value) -> bool:
    if not isinstance(value, FactRef):
        return True
    fact = outline.facts.get(value.id)
    number = fact.number() if fact is not None else None
    return number is not None and math.isfinite(number)  # over 10^308: reported where the chart uses it


def _text_problems(outline: Outline, loc, text: Text, lang: str) -> list[Problem]:
    from ..localize import particles

    source = text[lang]
    if "{fact:" not in source:
        return []
    segments = with_notes(parse_inline(source)[0])
    span, path = text.spans[lang], f"{text.path}.{lang}"
    found = []
    about = _about(loc, lang)
    for before, after in zip(segments, segments[1:]):
        said = about.search(before.text) if before.fact is None else None
        if after.fact is not None and after.fact in outline.facts and outline.facts[after.fact].approx and said:
            found.append(Problem(span, Level.WARNING, "fact.approx-twice",
                                 f"'{said.group().strip()}' before {{fact:{after.fact}}}, "
                                 "which is approximate and prints its own "
                                 f"'{loc.labels['approx'].replace('{value}', '').strip()}': drop the word",
                                 path))
        if before.fact is not None and before.fact in outline.facts and after.fact is None and after.note is None:
            printed = "".join(r.text for r in loc.fact_runs(outline.facts[before.fact]))
            wrong = particles.disagreement(printed, after.text) if lang.split("-")[0] == "ko" else None
            if wrong:
                found.append(Problem(span, Level.WARNING, "particle.agreement",
                                     f"{{fact:{before.fact}}} prints '{printed}', read so that '{wrong[0]}' "
                                     f"after it should be '{wrong[1]}': write '{wrong[1]}', or a pair such as "
                                     "이(가), 을(를), (으)로 that duopress resolves", path))
    return found


def _about(loc, lang: str) -> re.Pattern:
    own = loc.labels["approx"].partition("{value}")[0].strip()
    words = {w for w in (own, *_ABOUT.get(lang.split("-")[0], ())) if w}
    return re.compile(r"(?:^|(?<=\s))(?:" + "|".join(re.escape(w) for w in words) + r")[\s\u00a0]*$",
                      re.IGNORECASE)
