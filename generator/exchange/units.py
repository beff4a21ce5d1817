"""The translation units of an outline: one per human-language text, with a stable id and its context."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..checks.stale import fingerprint, lock_entries, lock_path_for, translation_state
from ..errors import DuopressError, Span, UsageError
from ..outline.loader import read_outline
from ..outline.model import Item, Outline, Section, Text
from ..outline.walk import all_texts, item_texts
from .codes import Content, align, decode

STATES = ("new", "stale", "translated", "reviewed")
_INDEX = re.compile(r"\[(\d+)\]")
# Texts printed as written: no inline syntax is read in them (outline/fields.py unit(), localize/labels.py).
_RAW = re.compile(r"^labels\.|^facts\.[^.]+\.(unit|items\[\d+\])$|\.figure\.unit$|^glossary\[\d+\]$")


@dataclass
class Unit:
    """One text for one target language."""

    id: str  # stable across edits: sections.trends.items.korea.points.1 (an NMTOKEN, as XLIFF 2.0 wants)
    text: Text
    source: str
    target: str
    state: str
    raw: bool  # printed as written (labels, units, glossary terms)
    label: bool
    source_content: Content
    target_content: Content | None
    owner: tuple[Section, Item | None] | None = None  # the section (and item) the text belongs to

    @property
    def path(self) -> str:
        return self.text.path

    @property
    def source_span(self) -> Span:
        return self.text.spans[self.source]

    @property
    def source_print(self) -> str:
        return fingerprint(self.text[self.source])[:16]


@dataclass
class Catalog:
    """Every unit of an outline for one target language, and what the formats need around them."""

    outline: Outline
    source: str
    target: str
    units: list[Unit]


def read_for_exchange(path: Path) -> Outline:
    """The outline with texts whose translations are missing or empty still read (they are the new units);
    any other error stops the exchange, as it stops a build."""
    model, problems = read_outline(path, translations_optional=True)
    if model is None or any(p.is_error for p in problems):
        raise DuopressError(problems)
    return model


def source_language(outline: Outline) -> str:
    source = outline.meta.source
    return source if source in outline.languages else outline.languages[0]


def target_languages(outline: Outline, asked: str | None) -> list[str]:
    """The languages asked for (comma-separated), or every one but the source."""
    source = source_language(outline)
    others = [lang for lang in outline.languages if lang != source]
    if not asked:
        return others
    wanted = [lang.strip() for lang in asked.split(",") if lang.strip()]
    for lang in wanted:
        if lang == source:
            raise UsageError(f"'{lang}' is the source language; name a language to translate into "
                             f"({', '.join(others)})")
        if lang not in others:
            raise UsageError(f"'{lang}' is not a language of this outline ({', '.join(outline.languages)})")
    return wanted


def catalog(outline: Outline, target: str, only_stale: bool = False) -> Catalog:
    source = source_language(outline)
    entries = lock_entries(lock_path_for(outline.path))
    owners = _owners(outline)
    units = []
    for text in all_texts(outline):
        if not text.by_lang.get(source):
            continue
        state = translation_state(entries, text, source, target)
        if only_stale and state not in ("new", "stale"):
            continue
        units.append(_unit(outline, text, source, target, state, owners.get(text.path)))
    return Catalog(outline, source, target, units)


def _unit(outline: Outline, text: Text, source: str, target: str, state: str, owner) -> Unit:
    raw = bool(_RAW.search(text.path))
    label = text.path.startswith("labels.")
    translated = text.by_lang.get(target) or ""
    unit = Unit(stable_id(outline, text.path), text, source, target, state, raw, label,
                decode(text[source], raw, label), None)
    if translated:
        unit.target_content = align(decode(translated, raw, label), unit.source_content)
    unit.owner = owner
    return unit


def stable_id(outline: Outline, path: str) -> str:
    """``sections[2].items[0].points[1]`` → ``sections.trends.items.korea.points.1``: sections, items and
    references by their ids (so inserting an item moves no other unit), the rest by position."""
    parts = re.split(r"(\[\d+\])", path)
    out, section = [], None
    for index, part in enumerate(parts):
        match = _INDEX.fullmatch(part)
        if not match:
            out.append(part)
            continue
        number, before = int(match.group(1)), parts[index - 1]
        if before == "sections":
            section = outline.sections[number]
            out.append("." + section.id)
        elif before.endswith("items") and section is not None and before.startswith("."):
            out.append("." + section.items[number].id)
        elif before == "references":
            out.append("." + outline.references[number].id)
        else:
            out.append(f".{number}")
    return "".join(out)


def _owners(outline: Outline) -> dict[str, tuple[Section, Item | None]]:
    """The section (and item) each text belongs to, by text path."""
    owners: dict[str, tuple[Section, Item | None]] = {}
    for section in outline.sections:
        owners[section.title.path] = (section, None)
        if section.summary is not None:
            owners[section.summary.path] = (section, None)
        for item in section.items:
            for text in item_texts(item):
                owners[text.path] = (section, item)
    return owners
