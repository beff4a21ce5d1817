"""The bundled font files as duopress needs them before rendering: which characters they can draw."""

from __future__ import annotations

import functools
from pathlib import Path

from fontTools.ttLib import TTFont

from .scripts import HANGUL, script_of
from .theme import Theme


@functools.lru_cache(maxsize=None)
def cmap(path: Path) -> frozenset[int]:
    """Code points a TrueType file maps to a glyph (read lazily: only the cmap table is parsed)."""
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def coverage(theme: Theme) -> dict[str, frozenset[int]]:
    """Per script, the characters both its regular and bold faces can draw."""
    return _coverage(tuple(sorted((script, face.regular, face.bold) for script, face in theme.scripts.items())))


@functools.lru_cache(maxsize=8)
def _coverage(faces: tuple) -> dict[str, frozenset[int]]:
    return {script: cmap(regular) & cmap(bold) for script, regular, bold in faces}


def _everything(scripts: tuple, theme: Theme) -> frozenset[int]:
    """Characters every script's font can draw (neutral characters may be set in any of them)."""
    key = tuple(sorted((script, face.regular, face.bold) for script, face in theme.scripts.items()))
    return _all_faces(key)


@functools.lru_cache(maxsize=8)
def _all_faces(key: tuple) -> frozenset[int]:
    return frozenset.intersection(*_coverage(key).values())


def missing_glyphs(text: str, theme: Theme) -> list[str]:
    """Characters of ``text`` that the font that would draw them lacks (in order, once each).

    Hangul goes to the Hangul face and letters to the Latin face; spaces, digits and punctuation may
    be drawn by either (PowerPoint picks per character class, the PDF per run), so both must have them.
    """
    covered = coverage(theme)
    everything = _everything(tuple(sorted(covered)), theme)
    missing: list[str] = []
    for char in dict.fromkeys(text):
        if char in "\n\t":
            continue
        script = script_of(char)
        pool = everything if script is None else covered.get(HANGUL if script == HANGUL else "latin", everything)
        if ord(char) not in pool:
            missing.append(char)
    return missing
