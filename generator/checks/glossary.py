"""Glossary consistency: when one language of a text uses a glossary term, the others use its partner.

A term is found in the plain text (inline markup dropped, fact references left out), ignoring case and
treating any run of white space as one space. What counts as the term, by the term's language:

- Korean (a term with Hangul or another East Asian script in it): the term found as a substring, because
  Korean attaches particles to words (소버린 AI가, 소버린 AI의), with or without the spaces between its
  syllables (초고령사회 = 초고령 사회);
- English (and any other language): the words of the term from a word boundary to a word boundary, joined
  by a space, a hyphen or nothing (heat wave = heat-wave = heatwave), the last word singular or plural
  (a term given in the plural, "export controls", is found in "export-control measures"; "policy" in
  "policies"); a possessive ('s) follows a word boundary, so it counts too;
- German: each word with any of the inflection endings ``e en er es em n s ns ern`` (künstliche Intelligenz
  = künstlichen Intelligenz; Exportkontrolle = Exportkontrollen), the term's own ending taken off first.

An entry may list other forms that count as the term in a language, for what these rules do not derive
(an umlaut plural, a transliteration, a synonym the team accepts): ``variants: {en: [export restrictions],
ko: [수출규제]}``; each variant is found by the same rules.

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
    """(entry index, pattern of one of its ``lang`` forms, text every match contains), longest forms first."""
    forms = [(index, form) for index, entry in enumerate(glossary)
             for form in (entry.terms[lang], *entry.variants.get(lang, ()))]
    forms.sort(key=lambda pair: -len(_squash(pair[1])))
    return [(index, *_pattern(form, lang.split("-")[0].lower())) for index, form in forms]


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


_JOIN = r"[\s\-\u2010\u2011]?"  # heat wave = heat-wave = heatwave
_GERMAN_ENDINGS = ("ern", "ns", "en", "er", "es", "em", "e", "n", "s")


@cache
def _pattern(term: str, lang: str) -> tuple[re.Pattern[str], str]:
    """The term's pattern, and text every match of it contains (tested first: a substring search is cheap)."""
    wanted = _squash(term)
    if any(script_of(char) == HANGUL for char in wanted):  # 초고령사회 = 초고령 사회: Korean spacing varies
        syllables = wanted.replace(" ", "")
        return re.compile(" ?".join(re.escape(char) for char in syllables)), syllables[:1]
    raw = [word for word in re.split(r"[\s\-\u2010\u2011]+", wanted) if word]
    if lang == "de":
        stems = [_german_stem(word) for word in raw]
        endings = "|".join(_GERMAN_ENDINGS)
        # the stem, its own ending if it keeps it, then any ending (Kontrolle, Kontrollen, Kontroll-e-n)
        words = [rf"{re.escape(stem)}(?:{re.escape(word[len(stem):])})?(?:{endings})?" if word != stem
                 else rf"{re.escape(stem)}(?:{endings})?" for word, stem in zip(raw, stems, strict=True)]
        return re.compile(r"(?<!\w)" + _JOIN.join(words) + r"(?!\w)"), stems[0]
    stem = _english_singular(raw[-1])
    if len(stem) > 2 and stem.endswith("y") and stem[-2] not in "aeiou":
        last, required_last = rf"{re.escape(stem[:-1])}(?:y|ies)", stem[:-1]
    else:
        last, required_last = rf"{re.escape(stem)}(?:e?s)?", stem
    words = [re.escape(word) for word in raw[:-1]] + [last]
    required = raw[0] if len(raw) > 1 else required_last
    return re.compile(r"(?<!\w)" + _JOIN.join(words) + r"(?!\w)"), required


def _english_singular(word: str) -> str:
    """policies → policy, controls → control, taxes → tax; glass, census and analysis stay."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ses", "xes", "zes", "ches", "shes")) and not word.endswith("uses"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _german_stem(word: str) -> str:
    """The word less one inflection ending (Kontrollen → Kontroll), keeping at least four letters."""
    for ending in _GERMAN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word
