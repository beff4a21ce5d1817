"""The theme's font files as duopress reads them itself: which characters they draw, and how wide.

Parsed once per process and file (a build parses them before its worker processes fork, so every
artifact inherits them): the checks ask for coverage, the deck's text fitting for advance widths.
The PDF renderer has reportlab parse the files again, because reportlab subsets them for embedding.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import fontTools

from ..localize.scripts import HANGUL, script_of
from .cache import cached
from .theme import Theme

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

NO_PANOSE = "0" * 20  # PANOSE-1 with every digit 0 ("any"): the file does not classify itself


@dataclass(frozen=True)
class FontMetrics:
    """What duopress needs from one font file: advances per character, em size, line height and PANOSE."""

    advances: Mapping[str, int]  # character -> advance width in font units; absent: no glyph
    units_per_em: int
    line_height: float  # (ascent + descent + line gap) / em, as PowerPoint's single spacing uses it
    # The OS/2 table's PANOSE-1 classification as 20 hex digits, as a deck's a:latin/a:ea@panose writes it:
    # what PowerPoint matches a substitute on when the named font is missing.
    panose: str

    @property
    def codepoints(self) -> frozenset[int]:
        return frozenset(map(ord, self.advances))


@functools.cache
def metrics(path: Path) -> FontMetrics:
    """Read the cmap, hmtx, head, hhea and OS/2 tables of a TrueType file (nothing else is parsed).

    fontTools names every glyph before it decodes the cmap, and reading the names of a Hangul font's
    11,000 glyphs from its 'post' table costs three times the rest; we only need glyph indices, so we
    give it index names instead (``setGlyphOrder``). What it reads is kept in the font cache under the
    file's digest (``style/cache.py``): a later process loads it instead of parsing.
    """
    data = Path(path).read_bytes()
    advances, em, line_height, panose = cached(data, f"fonttools-{fontTools.version}", lambda: _parse(data))
    return FontMetrics(advances, em, line_height, panose)


def _parse(data: bytes) -> tuple[dict[str, int], int, float, str]:
    from fontTools.ttLib import TTFont

    with TTFont(io.BytesIO(data), lazy=True) as font:
        font.setGlyphOrder([f"g{index}" for index in range(font["maxp"].numGlyphs)])
        hmtx = font["hmtx"].metrics
        advances = {chr(code): hmtx[name][0] for code, name in font.getBestCmap().items() if name in hmtx}
        em, hhea = font["head"].unitsPerEm, font["hhea"]
        return advances, em, (hhea.ascent - hhea.descent + hhea.lineGap) / em, _panose(font)


def _panose(font: TTFont) -> str:
    """The 10 PANOSE bytes in the OS/2 table's order (family type first), as upper-case hex."""
    from fontTools.misc import sstruct
    from fontTools.ttLib.tables.O_S_2f_2 import panoseFormat

    if "OS/2" not in font:  # optional in Apple's TrueType (Windows requires it): PANOSE 0 is "any"
        return NO_PANOSE
    return sstruct.pack(panoseFormat, font["OS/2"].panose).hex().upper()


def cmap(path: Path) -> frozenset[int]:
    """Code points a TrueType file maps to a glyph."""
    return _codepoints(Path(path))


@functools.cache
def _codepoints(path: Path) -> frozenset[int]:
    return metrics(path).codepoints


def preload(theme: Theme) -> None:
    """Parse every font file of ``theme`` now (before worker processes fork, so they share the result)."""
    for face in theme.scripts.values():
        for path in (face.regular, face.bold, face.italic):
            if path:
                cmap(path)


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
    key = tuple(sorted((script, face.regular, face.bold) for script, face in theme.scripts.items()))
    if _drawable(key).issuperset(text):  # the usual case, in one C call
        return []
    return [char for char in dict.fromkeys(text) if not _draws(char, covered, everything)]


def _draws(char: str, covered: dict[str, frozenset[int]], everything: frozenset[int]) -> bool:
    """Whether the font that would draw ``char`` has it (a line break or a tab needs no glyph)."""
    if char in "\n\t":
        return True
    script = script_of(char)
    pool = everything if script is None else covered.get(HANGUL if script == HANGUL else "latin", everything)
    return ord(char) in pool


@functools.lru_cache(maxsize=8)
def _drawable(key: tuple) -> frozenset[str]:
    """Every character ``_draws`` says yes to, worked out once per set of fonts (each is in some face)."""
    covered = _coverage(key)
    everything = _all_faces(key)
    candidates = frozenset.union(*covered.values()) if covered else frozenset()
    return frozenset(char for char in map(chr, candidates) if _draws(char, covered, everything)) | {"\n", "\t"}

