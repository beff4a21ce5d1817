"""Parity: every language of a text says the same thing — the same facts, the same links, the same numbers.

Each translation is compared with the source language (``meta.source``) and a difference is reported at
the translation, with the path ``<text path>.<lang>``:

- ``parity.facts`` (error): the ``{fact:id}`` references differ as multisets.
- ``parity.links`` (error): the link addresses differ as multisets (one link = a run of segments with
  the same address; a refused address was reported as ``link.scheme`` already and is left out).
- ``parity.footnotes`` (error): the languages have a different number of footnotes ``^[…]``. A
  footnote's own facts, links and numbers count with the text's, so they are compared too.
- ``parity.numbers`` (warning): the bare numerals of the free text differ as multisets (the Korean says
  64, the English 46). Numbers inside fact references are not free text: babel writes them per locale.

What counts as a numeral. The plain text of a text's segments is NFKC-normalised (full-width digits
become ASCII) and scanned for ``1,234`` (grouped by threes, read as 1234) or ``3.8``; ``3.80`` equals
``3.8`` and ``07`` equals ``7``. A numeral is part of a *name*, and ignored, when a letter of any script
touches it from before — directly (``o1``, ``나노1``) or across a hyphen or underscore (``GPT-4``,
``GPT-3.5``, ``Nano-1``) — or when a Latin letter follows it directly (``405B``, ``5G``). Exceptions: the
endings ``st nd rd th s`` and the multiplier ``x`` keep it a number (``3rd``, ``1990s``, ``10x``), and so
does the Korean ordinal prefix 제 (``제3차``). Hangul after a numeral never makes a name: Korean attaches
counters and units to numerals (``64개``, ``2년``, ``70억``), so those stay numbers. A version written as
its own word (``Llama 3.1``, ``라마 3.1``) is a numeral on both sides and matches as long as both
languages give it. Superscripts and fact references separate numerals, so ``10^{25}`` is 10 and 25,
never 1025.

Already structural, so not checked here: a missing or empty language is a loader error
(``text.missing-language``, ``text.empty``); points are pairs, so every language has the same number of
points; figures and citations (``sources:``) are written once per item, not per language.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation

from ..errors import Level, Problem
from ..localize.scripts import HANGUL, LATIN, script_of
from ..outline.inline import Segment, parse_inline, with_notes
from ..outline.model import Outline, Text
from ..outline.walk import all_texts

_NUMERAL = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
_NUMBER_ENDINGS = {"s", "st", "nd", "rd", "th", "x"}
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
            softs = (_soft(parsed[source]), _soft(segments)) if extract is numerals else (Counter(), Counter())
            differ = _difference(extract(parsed[source]), extract(segments), source, lang, *softs)
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


def numerals(segments: Sequence[Segment]) -> list[str]:
    """The bare numerals of the free text, normalised (see the module docstring)."""
    return [n for n in (_normalise(m.group()) for m in _numeral_matches(_free_text(segments))) if n]


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


def _numeral_matches(text: str):
    return (m for m in _NUMERAL.finditer(text) if not _in_name(text, m.start(), m.end()))


_FRACTION = re.compile(r"([0-9]+)\s*분의\s*([0-9]+)")  # 10분의 1: a tenth


def _soft(segments: Sequence[Segment]) -> Counter:
    """Numerals a translation may leave unwritten, each matching itself or nothing: a Korean ``1`` a counter
    follows (``여성 1명당``, ``1년``: "per woman", "a year", "one"), and a Korean fraction's numerals (``10분의
    1``: English spells simple fractions out, "a tenth")."""
    text = _free_text(segments)
    soft = Counter(m.group() for m in _numeral_matches(text)
                   if m.group() == "1" and script_of(text[m.end():m.end() + 1] or " ") == HANGUL)
    for fraction in _FRACTION.finditer(text):
        soft.update(_normalise(n) for n in fraction.groups())
    return soft


def _in_name(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    if before in "-_" and start >= 2:
        word = re.search(r"[^\W\d_]*$", text[: start - 1])
        assert word is not None  # the pattern matches an empty run too
        # GPT-4, Nano-1, 나노-1 are names; age-0, under-5, top-10, post-2020 are a word and a number
        before = text[start - 2] if _name_like(word.group()) else ""
    elif before == "제" and (start < 2 or not _letter(text[start - 2])):
        before = ""  # 제3차, 제2의: the Korean ordinal prefix
    if _letter(before):
        return True
    run = re.match(r"[^\W\d_]*", text[end:])
    assert run is not None  # the pattern matches an empty run too
    letters = run.group()
    if not letters or script_of(letters[0]) != LATIN:
        return False
    return letters.lower() not in _NUMBER_ENDINGS


def _name_like(word: str) -> bool:
    return any(c.isupper() or script_of(c) not in (LATIN, None) for c in word)


def _letter(char: str) -> bool:
    return bool(char) and script_of(char) is not None and unicodedata.category(char).startswith("L")


def _normalise(numeral: str) -> str:
    try:
        value = Decimal(numeral.replace(",", "")).normalize()
    except InvalidOperation:
        return ""
    return f"{value:f}"


def _difference(source_items: list[str], items: list[str], source: str, lang: str,
                source_soft: Counter | None = None, soft: Counter | None = None) -> str:
    """'en lacks A, B; en adds C' for two multisets, or '' when they are equal. ``soft`` numerals (see
    ``_soft``) on either side may stand for nothing on the other."""
    have, want = Counter(items), Counter(source_items)
    lacks = want - have - (source_soft or Counter())
    adds = have - want - (soft or Counter())
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
