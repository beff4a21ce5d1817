"""Glossary consistency: when one language of a text uses a glossary term, the others use its partner.

A term is found in the plain text (inline markup dropped, fact references left out), ignoring case and
treating any run of white space as one space:

- a term with Hangul (or other East Asian script) in it is found as a substring, because Korean
  attaches particles to words (소버린 AI가, 소버린 AI의);
- any other term must start at a word boundary, and end at one or continue with a plural ending
  (``s``, ``es``, ``y`` → ``ies``): "foundation model" is found in "foundation models" but "AI" is not
  found in "said";
- the spacing of a term may vary: a Korean term is found with or without the spaces between its
  syllables (초고령사회, 초고령 사회), and the words of any other term may be joined by a space, a hyphen
  or nothing (heat wave, heat-wave, heatwave).

A term found inside a longer term of the same language does not count: with both "AI" and
"sovereign AI" in the glossary, "sovereign AI" uses only the latter (longest terms are matched first).
The glossary's own entries and the references (bibliographic text, often untranslated) are not checked.
Each finding is a ``glossary.partner`` warning at the text of the language that lacks the partner.
"""

from __future__ import annotations

import re
from functools import cache

from ..errors import Level, Problem
from ..localize.scripts import HANGUL, script_of
from ..outline.inline import parse_inline, with_notes
from ..outline.model import GlossaryEntry, Outline, Text
from ..outline.walk import all_texts

_SKIPPED = ("glossary[", "references[")


def glossary_problems(outline: Outline) -> list[Problem]:
    """Every text where one language uses a glossary term and another lacks its partner."""
    if not outline.glossary:
        return []
    problems: list[Problem] = []
    terms = {lang: _longest_first(outline.glossary, lang) for lang in outline.languages}
    for text in all_texts(outline):
        if text.path.startswith(_SKIPPED):
            continue
        used = {lang: _terms_used(_plain(text[lang]), terms[lang])
                for lang in outline.languages if lang in text.by_lang}
        for index in sorted(set().union(*used.values())):  # entries no language uses: nothing to say
            problems += _entry_problems(text, used, index, outline.glossary[index], outline.languages)
    return problems


def _entry_problems(text: Text, used: dict[str, set[int]], index: int, entry: GlossaryEntry,
                    languages) -> list[Problem]:
    present = {lang: index in found for lang, found in used.items()}
    user = next((lang for lang in languages if present.get(lang)), None)
    if user is None:
        return []
    term = entry.terms[user]
    return [Problem(text.spans[lang], Level.WARNING, "glossary.partner",
                    f"{user} uses '{term}' but {lang} lacks its partner '{entry.terms[lang]}'",
                    f"{text.path}.{lang}")
            for lang, found in present.items() if not found]


def _longest_first(glossary: tuple[GlossaryEntry, ...], lang: str) -> list[tuple[int, re.Pattern[str], str]]:
    """(entry index, pattern of its ``lang`` term, text every match contains), longest terms first."""
    order = sorted(range(len(glossary)), key=lambda i: -len(_squash(glossary[i].terms[lang])))
    return [(index, *_pattern(glossary[index].terms[lang])) for index in order]


def _terms_used(plain: str, terms: list[tuple[int, re.Pattern[str], str]]) -> set[int]:
    """The indexes of the entries whose term occurs in ``plain``, longest terms first; each
    occurrence is blanked out so that a shorter term inside it does not count."""
    found: set[int] = set()
    for index, pattern, required in terms:
        if required not in plain or pattern.search(plain) is None:  # most texts use few terms: skip the rest
            continue
        plain = pattern.sub(lambda m: "\0" * len(m.group()), plain)
        found.add(index)
    return found


def _plain(source: str) -> str:
    segments, _ = parse_inline(source)
    return _squash("".join(" " if s.fact is not None or s.note is not None else s.text
                           for s in with_notes(segments)))


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


@cache
def _pattern(term: str) -> tuple[re.Pattern[str], str]:
    """The term's pattern, and text every match of it contains (tested first: a substring search is cheap)."""
    wanted = _squash(term)
    if any(script_of(char) == HANGUL for char in wanted):  # 초고령사회 = 초고령 사회: Korean spacing varies
        syllables = wanted.replace(" ", "")
        return re.compile(" ?".join(re.escape(char) for char in syllables)), syllables[:1]
    raw = [word for word in re.split(r"[\s\-\u2010\u2011]+", wanted) if word]
    words = [re.escape(word) for word in raw]
    last = words[-1]
    plural = rf"(?:{last[:-1]}ies|{last}(?:e?s)?)" if last.endswith("y") and len(last) > 1 else rf"{last}(?:e?s)?"
    # the first word, which every variant spells out (a lone word in -y: less its y, for -ies)
    required = raw[0][:-1] if len(raw) == 1 and raw[0].endswith("y") and len(raw[0]) > 1 else raw[0]
    # heat wave = heat-wave = heatwave, and their plurals
    return re.compile(r"(?<!\w)" + "".join(w + r"[\s\-\u2010\u2011]?" for w in words[:-1]) + plural + r"(?!\w)"), \
        required
