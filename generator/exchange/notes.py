"""What a translator reads beside a unit: where it is, its slide, its codes explained, its glossary terms."""

from __future__ import annotations

import re

from ..localize.document import plain
from ..localize.i18n import format_fact
from ..outline.labels import labels_for
from ..outline.model import GlossaryEntry, Outline, Text
from .codes import FACT, LINK, NOTE, VAR, Content, tags
from .units import Unit

_EXPLAINED = {NOTE: "a footnote: translate its words inside the code", "bold": "bold", "emphasis": "emphasis",
              "sup": "superscript", "mark": "markup (keep it where it is)"}


def unit_notes(outline: Outline, unit: Unit) -> list[tuple[str, str]]:
    """(category, text) pairs: the unit's context, its codes and the glossary terms its source uses."""
    notes = _context(outline, unit)
    legend = code_legend(outline, unit.source_content, unit.source, unit.target)
    if legend:
        notes.append(("codes", legend))
    terms = glossary_terms(outline.glossary, unit)
    if terms:
        notes.append(("glossary", "glossary: " + "; ".join(terms)))
    return notes


def _context(outline: Outline, unit: Unit) -> list[tuple[str, str]]:
    """Where the text is, and the section, slide title and speaker notes it belongs with (facts filled in)."""
    text, source, target = unit.text, unit.source, unit.target
    notes = [("location", f"{text.spans[source]} ({text.path})")]
    if unit.owner is None:
        return notes
    section, item = unit.owner
    notes.append(("context", f"section: {_both(outline, section.title, source, target)}"))
    if item is None:
        return notes
    if text is not item.title:
        notes.append(("context", f"item: {_both(outline, item.title, source, target)}"))
    if item.notes is not None and text is not item.notes:
        notes.append(("context", f"speaker notes: {readable(outline, item.notes[source], source)}"))
    return notes


def _both(outline: Outline, text: Text, source: str, target: str) -> str:
    translated = text.by_lang.get(target)
    shown = readable(outline, text[source], source)
    return f"{shown} / {readable(outline, translated, target)}" if translated else shown


_FACT = re.compile(r"\{fact:\s*([a-z0-9][a-z0-9_-]*)\s*\}")


def readable(outline: Outline, markup: str, lang: str) -> str:
    """A text for a note: each ``{fact:id}`` as the reader will see it in ``lang``."""
    return _FACT.sub(lambda m: _fact_in(outline, m.group(1), lang) or m.group(), markup)


def _fact_in(outline: Outline, fact_id: str, lang: str) -> str:
    fact = outline.facts.get(fact_id)
    if fact is None:
        return ""
    approx = labels_for(lang, {k: dict(t.by_lang) for k, t in outline.labels.items()})["approx"]
    return plain(format_fact(fact, lang, approx)).replace("\u00a0", " ")


def code_legend(outline: Outline, content: Content, source: str, target: str) -> str:
    """``1 = {fact:users}: 1억 명 / 100 million; 2 = link to https://…``: what each code stands for."""
    parts = []
    for tag in tags(content.pieces):
        code = tag.code
        if code.kind == FACT:
            parts.append(f"{code.id} = {code.open}{_fact_values(outline, code.open[6:-1], source, target)}")
        elif code.kind == VAR:
            parts.append(f"{code.id} = {code.open}, filled in by duopress")
        elif code.kind == LINK:
            parts.append(f"{code.id} = link to {code.close[2:-1]}")
        else:
            parts.append(f"{code.id} = {_EXPLAINED[code.kind]}")
    return "codes: " + "; ".join(parts) if parts else ""


def _fact_values(outline: Outline, fact_id: str, source: str, target: str) -> str:
    if fact_id not in outline.facts:
        return ""
    return f" ({_fact_in(outline, fact_id, source)} / {_fact_in(outline, fact_id, target)})"


def glossary_terms(glossary: tuple[GlossaryEntry, ...], unit: Unit) -> list[str]:
    """``생성형 AI = generative AI`` for each glossary term the unit's source uses (not for the glossary's own
    entries)."""
    if unit.path.startswith("glossary["):
        return []
    words = unit.text[unit.source].casefold()
    found = []
    for entry in glossary:
        term = entry.terms.by_lang.get(unit.source, "")
        partner = entry.terms.by_lang.get(unit.target)
        if term and partner and _uses(words, term.casefold()):
            found.append(f"{term} = {partner}")
    return found


def _uses(words: str, term: str) -> bool:
    if any(ord(char) > 0x2E7F for char in term):  # Korean attaches particles: a substring is a use
        return term in words
    return re.search(rf"(?<!\w){re.escape(term)}", words) is not None
