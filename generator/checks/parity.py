"""Parity: every language of a text says the same thing — the same facts, the same links, the same numbers.

Each translation is compared with the source language (``meta.source``) and a difference is reported at
the translation, with the path ``<text path>.<lang>``:

- ``parity.facts`` (error): the ``{fact:id}`` references differ as multisets.
- ``parity.links`` (error): the link addresses differ as multisets (one link = a run of segments with
  the same address; a refused address was reported as ``link.scheme`` already and is left out).
- ``parity.footnotes`` (error): the languages have a different number of footnotes ``^[…]``. A
  footnote's own facts, links and numbers count with the text's, so they are compared too.
- ``parity.numbers`` (warning): the numbers of the free text differ as multisets of values (the Korean says
  64, the English 46). Numbers inside fact references are not free text: babel writes them per locale.

What counts as a number, and when two are the same, is ``numbers.py``'s: each language's text is read into
values first — number words and ordinals (English, German; Korean native numerals before a counter), scaled
numbers (``2.4 trillion`` = ``2조 4,000억``), dates (``2019.7`` = ``Jul 2019``), quarters (``4Q`` = ``4분기``),
multiples (``twice`` = ``2배``) and spans (``two decades`` = ``20년``) — so that a translation which writes a
number another way is not a difference, while a changed, dropped or added number still is. A numeral that is
part of a name is no number: a letter of any script touching it from before — directly (``o1``, ``나노1``) or
across a hyphen or underscore (``GPT-4``, ``Nano-1``) — or a Latin letter directly after it (``405B``,
``5G``), except the endings ``st nd rd th s x`` (``3rd``, ``1990s``, ``10x``) and the Korean ordinal prefix
제 (``제3차``). Superscripts and fact references separate numerals, so ``10^{25}`` is 10 and 25, never 1025.

Already structural, so not checked here: a missing or empty language is a loader error
(``text.missing-language``, ``text.empty``); points are pairs, so every language has the same number of
points; figures and citations (``sources:``) are written once per item, not per language.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal

from ..errors import Level, Problem
from ..outline.inline import Segment, parse_inline, with_notes
from ..outline.model import Outline, Text
from ..outline.walk import all_texts
from .numbers import Quantity, quantities

_SEPARATOR = "\u2002"  # stands between segments that must not run together (a superscript, a fact)


def parity_problems(outline: Outline) -> list[Problem]:
    """Every parity difference of every text, in document order."""
    source = source_language(outline)
    problems: list[Problem] = []
    for text in all_texts(outline):
        problems += text_parity(text, source, outline.languages)
    return problems


def source_language(outline: Outline) -> str:
    source = outline.meta.source
    return source if source in outline.languages else outline.languages[0]


def text_parity(text: Text, source: str, languages: Iterable[str]) -> list[Problem]:
    """The differences between ``text``'s translations and its ``source`` language."""
    parsed = {lang: with_notes(parse_inline(text[lang])[0]) for lang in languages if lang in text.by_lang}
    if source not in parsed:
        return []
    problems = []
    for lang, segments in parsed.items():
        if lang == source:
            continue
        for code, level, what, extract in _CHECKS:
            if extract is numerals:
                differ = number_difference(parsed[source], segments, source, lang)
            else:
                differ = _difference(extract(parsed[source]), extract(segments), source, lang)
            if differ:
                problems.append(Problem(text.spans[lang], level, code, f"{what} differ from {source}: {differ}",
                                        f"{text.path}.{lang}"))
    return problems


def fact_refs(segments: Sequence[Segment]) -> list[str]:
    return [f"{{fact:{s.fact}}}" for s in segments if s.fact is not None]


def footnotes(segments: Sequence[Segment]) -> list[str]:
    """One entry per footnote, so that the difference reads "en lacks footnote ×2"."""
    return ["footnote" for s in segments if s.note is not None]


def links(segments: Sequence[Segment]) -> list[str]:
    found, previous = [], None
    for segment in segments:
        if segment.href and segment.href != previous:
            found.append(segment.href)
        previous = segment.href
    return found


def numerals(segments: Sequence[Segment], lang: str = "en") -> list[str]:
    """The values of the numbers of the free text (see ``numbers.py``)."""
    return [q.value for q in quantities(_free_text(segments), lang)]


def number_difference(source_segments: Sequence[Segment], segments: Sequence[Segment], source: str,
                      lang: str) -> str:
    """How the numbers of a translation differ from its source's, or ''. An unsaid value (one, a half) may be
    missing on either side; a soft one (a small number in words) only when nothing else is left over."""
    mine, theirs = quantities(_free_text(source_segments), source), quantities(_free_text(segments), lang)
    want, have = Counter(_shown(q.value) for q in mine), Counter(_shown(q.value) for q in theirs)
    # what is left over of each side, leaving out the unsaid
    lacks = want - have - Counter(_shown(q.value) for q in mine if q.unsaid)
    adds = have - want - Counter(_shown(q.value) for q in theirs if q.unsaid)
    if not (lacks and adds):  # a soft leftover on one side only: a word dropped in style, not a changed number
        lacks, adds = _numerals_left(mine, theirs), _numerals_left(theirs, mine)
    return _difference_text(lacks, adds, lang)


def _numerals_left(side: list[Quantity], other: list[Quantity]) -> Counter:
    """The numbers only a numeral says on ``side`` that no pairing with ``other`` can account for: numerals
    pair with numerals, and what is left of either pairs with the other side's words (soft values)."""
    hard = Counter(_shown(q.value) for q in side if not q.soft)
    other_hard = Counter(_shown(q.value) for q in other if not q.soft)
    other_soft = Counter(_shown(q.value) for q in other if q.soft)
    return hard - other_hard - other_soft


def _shown(value: str) -> str:
    """A value as the message shows it: 2,400,000,000,000 rather than 2400000000000 (but 2024, not 2,024)."""
    return f"{Decimal(value):,f}" if abs(Decimal(value)) >= 100_000 else value


def _free_text(segments: Sequence[Segment]) -> str:
    parts, previous_super = [], False
    for segment in segments:
        if segment.fact is not None or segment.note is not None:
            parts.append(_SEPARATOR)
            continue
        if segment.superscript or previous_super:
            parts.append(_SEPARATOR)
        parts.append(segment.text)
        previous_super = segment.superscript
    return unicodedata.normalize("NFKC", "".join(parts))


def _difference(source_items: list[str], items: list[str], source: str, lang: str) -> str:
    """'en lacks A, B; en adds C' for two multisets, or '' when they are equal."""
    have, want = Counter(items), Counter(source_items)
    return _difference_text(want - have, have - want, lang)


def _difference_text(lacks: Counter, adds: Counter, lang: str) -> str:
    parts = []
    if lacks:
        parts.append(f"{lang} lacks {_listing(lacks)}")
    if adds:
        parts.append(f"{lang} adds {_listing(adds)}")
    return "; ".join(parts)


def _listing(counts: Counter) -> str:
    return ", ".join(item if n == 1 else f"{item} ×{n}" for item, n in sorted(counts.items()))


_CHECKS = (
    ("parity.facts", Level.ERROR, "fact references", fact_refs),
    ("parity.links", Level.ERROR, "links", links),
    ("parity.footnotes", Level.ERROR, "footnotes", footnotes),
    ("parity.numbers", Level.WARNING, "numbers", numerals),
)
