"""A translation file as read back: its units, each with where it is in that file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Incoming:
    id: str
    source: list  # words and inline.Sent codes
    target: list | None  # None: no target (untranslated)
    done: bool  # the file marks the translation finished (not new, not needing review, not fuzzy)
    line: int
    fingerprint: str | None = None  # the source's fingerprint as exported, if the tool kept it
    marker: str = ""  # the unit's state as the file writes it, to compare with what was exported


@dataclass
class TranslationFile:
    path: str
    format: str
    source_lang: str | None
    target_lang: str | None
    units: list[Incoming]
    markers: dict[str, str]  # each state duopress exports, as this format writes it
