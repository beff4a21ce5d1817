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

from ..localize.scripts import HANGUL, LATIN, drawingml_east_asian, latin_slot
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
    advances, em, line_height, panose = cached(data, f"fonttools-{fontTools.version}", lambda: _parse(data),
                                               _is_parse)
    return FontMetrics(advances, em, line_height, panose)


def _is_parse(value: object) -> bool:
    """What ``_parse`` returns: (advances by character, em, line height, PANOSE hex), of these types."""
    if not (type(value) is tuple and len(value) == 4):
        return False
    advances, em, line_height, panose = value
    # Tens of thousands of entries, checked with map() and set() rather than a generator: in C, so that
    # loading a font from the cache stays a few milliseconds (every build and every worker loads four).
    return (type(advances) is dict and type(em) is int and em > 0 and type(line_height) is float
            and type(panose) is str and set(map(type, advances)) <= {str} and set(map(len, advances)) <= {1}
            and set(map(type, advances.values())) <= {int})


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
    return _coverage(_key(theme))


def _key(theme: Theme) -> tuple:
    return tuple(sorted((script, face.regular, face.bold) for script, face in theme.scripts.items()))


@functools.lru_cache(maxsize=8)
def _coverage(faces: tuple) -> dict[str, frozenset[int]]:
    return {script: cmap(regular) & cmap(bold) for script, regular, bold in faces}


def missing_glyphs(text: str, theme: Theme) -> list[str]:
    """Characters of ``text`` that no font of the theme draws (in order, once each).

    Each renderer draws a character with the font its own rule picks (``drawing_faces``) and, when that
    font lacks it, with the theme's other font that has it; so only a character that no font has is
    missing. A line break or a tab needs no glyph.
    """
    if _drawable(_key(theme)).issuperset(text):  # the usual case, in one C call
        return []
    drawable = _drawable(_key(theme))
    return [char for char in dict.fromkeys(text) if char not in drawable]


@functools.lru_cache(maxsize=8)
def _drawable(key: tuple) -> frozenset[str]:
    """Every character some face (regular and bold) of the theme draws, worked out once per set of fonts."""
    covered = _coverage(key)
    candidates = frozenset.union(*covered.values()) if covered else frozenset()
    return frozenset(map(chr, candidates)) | {"\n", "\t"}


def drawing_faces(char: str, script: str, theme: Theme) -> dict[str, str]:
    """The family each renderer's rule picks for ``char`` in a run of ``script`` (``hangul`` or ``latin``),
    before any fallback: the deck's is PowerPoint's slot for the character (``drawingml_east_asian``), the
    brief's the run's script (neutral characters join the run they stand in)."""
    east_asian = drawingml_east_asian(char, script == HANGUL)
    return {"deck": _face(theme, HANGUL if east_asian else LATIN).family, "brief": _face(theme, script).family}


def deck_face(char: str, east_asian_run: bool, theme: Theme) -> str | None:
    """The script whose face the deck must name for ``char`` instead of PowerPoint's pick, because that
    face lacks it and this one has it; None when PowerPoint's pick draws it (or no face does)."""
    slot = HANGUL if drawingml_east_asian(char, east_asian_run) else LATIN
    if char in _deck_plain(_key(theme), slot):
        return None
    covered = coverage(theme)
    return next((script for script, codes in covered.items() if ord(char) in codes), None)


def preload_deck(theme: Theme) -> None:
    """Work out now, in a worker before its children fork, which characters each kind of deck run draws
    (tens of milliseconds each child would otherwise spend on its first run)."""
    preload(theme)
    for east_asian_run in (False, True):
        deck_draws_all("", east_asian_run, theme)


def deck_draws_all(text: str, east_asian_run: bool, theme: Theme) -> bool:
    """Whether PowerPoint's pick of font draws every character of ``text`` (the usual case: one C call)."""
    return _deck_run_plain(_key(theme), east_asian_run).issuperset(text)


@functools.lru_cache(maxsize=16)
def _deck_plain(key: tuple, script: str) -> frozenset[str]:
    """The characters ``script``'s face draws (white space always)."""
    codes = _coverage(key).get(script, _coverage(key).get(LATIN, frozenset()))
    return frozenset(map(chr, codes)) | {" ", "\n", "\t", "\u00a0"}


@functools.lru_cache(maxsize=16)
def _deck_run_plain(key: tuple, east_asian_run: bool) -> frozenset[str]:
    """The characters whose PowerPoint slot's face draws them, in a run of this kind."""
    latin, hangul = _deck_plain(key, LATIN), _deck_plain(key, HANGUL)
    slot = latin_slot(east_asian_run)  # the characters drawn with the Latin face; the others with a:ea
    return (latin & slot) | (hangul - slot)


def _face(theme: Theme, script: str):
    return theme.scripts.get(script, theme.latin)
