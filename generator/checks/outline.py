"""Checks that need the whole outline: inline syntax, fact references, glyphs, images, unused entries."""

from __future__ import annotations

import errno
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from ..errors import Level, Problem
from ..localize.scripts import HANGUL, LATIN, split_scripts
from ..outline.fields import suggest
from ..outline.inline import parse_inline, with_notes
from ..outline.model import Chart, FactRef, Image, Outline, Text, Timeline
from ..outline.walk import all_texts
from ..style.fonts import drawing_faces, missing_glyphs
from ..style.images import IMAGE_FORMATS, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, image_trouble  # noqa: F401
from ..style.theme import Theme
from .contrast import contrast_problems
from .glossary import glossary_problems
from .parity import parity_problems
from .shown import shown_problems


def check_outline(outline: Outline, theme: Theme, advice: bool = True) -> list[Problem]:
    """Every problem of the outline's content. ``advice`` (off when loading found errors): the warnings about
    what a medium would show for nothing, which an outline with errors (a figure that failed to load
    leaves its item empty) would raise falsely."""
    problems: list[Problem] = []
    used_facts: set[str] = set()
    for text in all_texts(outline):
        for lang in outline.languages:
            problems += _check_text(outline, theme, text, lang, used_facts)
    used_facts |= _facts_used_as_values(outline)
    problems += _unused(outline, used_facts)
    problems += _check_images(outline) + _stray_attributions(outline)
    problems += parity_problems(outline) + glossary_problems(outline)
    problems += contrast_problems(theme, outline.languages)
    empty = _empty_deck(outline, theme)  # an error, which the warning of a deck of structure slides only repeats
    if advice and not any(p.is_error for p in problems):
        problems += [p for p in shown_problems(outline) if not (empty and p.code == "deck.structure-only")]
    return problems + empty


_OWN_SLIDES = ("title_slide", "agenda", "section_dividers", "references", "glossary", "closing_slide")


def _empty_deck(outline: Outline, theme: Theme) -> list[Problem]:
    """A deck of no slides (every item `show: brief`, every slide of the deck's own switched off) is not a
    file PowerPoint or a PDF reader opens: an error at the outline, not an empty artifact."""
    if any(item.show in ("both", "deck") for item in outline.items()):
        return []
    structure = theme.structure.override(outline.deck)
    if any(getattr(structure, name) for name in _OWN_SLIDES):
        return []
    return [Problem(outline.span, Level.ERROR, "deck.empty",
                    "the deck would have no slides: every item has `show: brief` and the deck's own slides "
                    f"({', '.join(_OWN_SLIDES)}) are switched off; show an item in the deck or switch one on",
                    "deck")]


def language_problems(outline: Outline, theme: Theme | None = None,
                      languages: Iterable[str] | None = None) -> list[Problem]:
    """Declared languages (all, or ``languages``) babel has no locale data for (zz, en-XX): their dates and
    numbers cannot be formatted; and, given the ``theme``, languages whose script none of its fonts draws.
    Apart from check_outline because it loads babel, which an outline whose artifacts are all up to date
    never needs."""
    wanted = [lang for lang in outline.languages if languages is None or lang in languages]
    if not wanted:  # nothing to build: babel stays unloaded
        return []
    from ..localize.i18n import known_language, likely_script

    spans = dict(zip(outline.languages, outline.language_spans))
    problems = [Problem(spans.get(lang, outline.span), Level.ERROR, "outline.language",
                        f"'{lang}' is not a language babel has locale data for, so its dates and numbers cannot be "
                        "formatted", "languages")
                for lang in wanted if not known_language(lang)]
    if theme is not None:
        problems += [Problem(spans.get(lang, outline.span), Level.ERROR, "outline.language",
                             message, "languages")
                     for lang in wanted if known_language(lang)
                     if (message := _script_problem(lang, likely_script(lang), theme))]
    if any(not known_language(lang) for lang in wanted):
        return problems
    from ..style.chartroom import chart_room
    from ..style.theme_file import load_theme
    from .formatted import number_problems  # formats facts as each language prints them

    return problems + number_problems(outline, wanted, chart_room(theme if theme is not None else load_theme()))


# A few letters of each script, to ask whether a theme's fonts draw it (a language's texts are checked
# letter by letter by glyph.missing too; this catches the language before anything is written in it).
SCRIPT_SAMPLES = {"Latn": "aezAEZ", "Cyrl": "абвжяАБЖ", "Grek": "αβγωΑΩ", "Kore": "가나다힣", "Hang": "가나다힣",
                  "Jpan": "あいアイ日本", "Hira": "あいう", "Kana": "アイウ", "Hans": "中国语言", "Hant": "中國語言",
                  "Arab": "ابتث", "Hebr": "אבגד", "Thai": "กขคง", "Deva": "अआइक", "Armn": "աբգ", "Geor": "აბგ"}


def _script_problem(lang: str, script: str | None, theme: Theme) -> str | None:
    """Why ``lang`` cannot be drawn with ``theme``'s fonts, or None."""
    if lang in theme.language_scripts:
        return None  # the theme names its script (fonts.languages); its texts' glyphs are checked one by one
    sample = SCRIPT_SAMPLES.get(script or "")
    families = ", ".join(sorted({face.family for face in theme.scripts.values()}))
    if sample is None:
        return (f"'{lang}' is written in {script or 'a script duopress does not know'}, and the theme names no font "
                f"for it: add '{lang}' and a font that draws it to the theme's fonts (fonts.languages, "
                "fonts.scripts)")
    lacking = missing_glyphs(sample, theme)
    if lacking:
        return (f"'{lang}' is written in {script}, which none of the theme's fonts ({families}) draws "
                f"(they lack {''.join(lacking)}): add a font for it to the theme (fonts.scripts, fonts.languages)")
    return None


# Texts no artifact prints a footnote of (docs/outline.md, "Footnotes"): a note there would vanish
_NOTELESS = re.compile(r"meta\.(title|subtitle|organisation|keywords\[\d+\])|glossary\[\d+\]")


def _check_text(outline: Outline, theme: Theme, text: Text, lang: str, used: set[str]) -> list[Problem]:
    span, path = text.spans[lang], f"{text.path}.{lang}"
    found = []
    parsed, inline_problems = parse_inline(text[lang])
    for problem in inline_problems:
        found.append(Problem(span, Level.ERROR, problem.code, problem.message, path))
    if any(s.note is not None for s in parsed) and _NOTELESS.fullmatch(text.path):
        found.append(Problem(span, Level.WARNING, "inline.footnote-dropped",
                             "a footnote cannot go here: titles, the subtitle, the organisation, keywords and "
                             "glossary terms carry no notes (it would be lost, or printed as typed); put it in a "
                             "text of the item or section", path))
    segments = with_notes(parsed)  # a footnote's facts and glyphs are printed too
    for segment in segments:
        if segment.fact is None:
            continue
        if segment.fact in outline.facts:
            used.add(segment.fact)
        elif segment.fact not in outline.declared_facts:  # a broken fact was reported already
            found.append(Problem(span, Level.ERROR, "fact.unknown",
                                 f"no fact '{segment.fact}'" + suggest(segment.fact, outline.facts), path))
    shown = "".join(s.text for s in segments)
    missing = missing_glyphs(shown, theme)
    if missing:  # one problem per text, however many characters: a script without a font is one mistake
        found.append(Problem(span, Level.ERROR, "glyph.missing", glyph_message(missing, shown, lang, theme), path))
    return found


def glyph_message(chars: list[str], text: str, lang: str, theme: Theme) -> str:
    """Which font each renderer would draw the (first) character with, that the theme's other fonts lack it
    too, and the fix."""
    char = chars[0]
    default = HANGUL if theme.language_scripts.get(lang) == HANGUL else LATIN
    script = next((s for s, chunk in split_scripts(text, default) if char in chunk), default)
    picked = drawing_faces(char, script, theme)
    deck, brief = picked["deck"], picked["brief"]
    it = "it" if len(chars) == 1 else "them"
    who = (f"{deck}, which draws {it} in {lang} text on the slides and in the brief, lacks {it}" if deck == brief
           else f"{deck}, which draws {it} in {lang} text on the slides, and {brief}, which draws {it} in the "
                f"brief, lack {it}")
    others = sorted({face.family for face in theme.scripts.values()} - {deck, brief})
    if others:
        who += f", and so does {' and '.join(others)}"
    named = [f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed character')} ('{c}')" for c in chars[:3]]
    if len(chars) > 3:
        named.append(f"{len(chars) - 3} more")
    if len(chars) == 1:
        return (f"{named[0]} is in none of the theme's fonts: {who}; it would print as a blank box. Use another "
                "character, or give the theme a font that has it (fonts.scripts)")
    return (f"{', '.join(named[:-1])} and {named[-1]} are in none of the theme's fonts: {who}; they would print as "
            "blank boxes. Use other characters, or give the theme a font that has them (fonts.scripts)")


def _stray_attributions(outline: Outline) -> list[Problem]:
    """An attribution belongs to a quote: on another layout nothing would show it."""
    return [Problem(item.attribution.span, Level.WARNING, "item.attribution",
                    "an attribution shows only with `layout: quote`, under the quote (the item's first point)",
                    f"{item.path}.attribution")
            for item in outline.items() if item.attribution is not None and item.layout != "quote"]


def _facts_used_as_values(outline: Outline) -> set[str]:
    used = set()
    for item in outline.items():
        used |= {stat.fact.id for stat in item.stats}
        figure = item.figure
        if isinstance(figure, Chart):
            used |= {v.id for s in figure.series for v in s.values if isinstance(v, FactRef)}
        elif isinstance(figure, Timeline):
            used |= {e.date.id for e in figure.events if isinstance(e.date, FactRef)}
    return used


def _unused(outline: Outline, used_facts: set[str]) -> list[Problem]:
    found = [Problem(fact.span, Level.WARNING, "fact.unused", f"fact '{ident}' is never used", f"facts.{ident}")
             for ident, fact in outline.facts.items()
             if ident not in used_facts and ident not in outline.mentioned_facts]
    cited = {key for item in outline.items() for key, _ in item.sources}
    found += [Problem(ref.span, Level.WARNING, "reference.uncited", f"reference '{ref.id}' is never cited",
                      "references")
              for ref in outline.references if ref.id not in cited]
    return found


def _check_images(outline: Outline) -> list[Problem]:
    """An image must be a readable file inside the outline's folder (no ../, no absolute path, no symlink out)."""
    root = Path(outline.path).resolve().parent
    found = []
    for item in outline.items():
        figure = item.figure
        if isinstance(figure, Image):
            problem = _image_problem(root, figure.path)
            if problem is not None:
                found.append(Problem(figure.span, Level.ERROR, *problem, f"{item.path}.figure.path"))
    return found


def _image_problem(root: Path, written: str) -> tuple[str, str] | None:
    """(code, message) for an image path that cannot be used, or None."""
    try:
        target = (root / written).resolve()
        outside = Path(written).is_absolute() or not target.is_relative_to(root)
        present = outside or target.is_file()
    except RuntimeError:  # a symlink loop (Python 3.13 leaves it unresolved, and is_file() says False)
        return "image.missing", f"no image file '{written}' ({os.strerror(errno.ELOOP)})"
    except OSError as exc:  # a name longer than the file system allows, a path it refuses
        return "image.missing", f"no image file '{written}' ({exc.strerror or exc.__class__.__name__})"
    if outside:
        return "image.outside", f"'{written}' is outside the outline's folder"
    if not present:
        return "image.missing", f"no image file '{written}'"
    trouble = image_trouble(target)
    return ("image.invalid", f"'{written}' {trouble}") if trouble else None



