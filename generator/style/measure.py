"""Text measuring and line wrapping with the real font files (their advance widths, no len()), as PowerPoint sets
lines. Pure font metrics, below the renderers: the deck fits its frames with it, the slides PDF draws with it,
and a chart's legibility (``localize/chartfit.py``, through ``style/chartroom.py``) is measured with it."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path

from ..localize.scripts import HANGUL, LATIN, script_of
from .envelope import HANGUL_ADVANCE, LINE_BOX, latin_advances
from .fonts import metrics as _metrics
from .theme import FontFace


def _file(face: FontFace, bold: bool) -> Path:
    return face.bold if bold else face.regular


def text_width(text: str, face: FontFace, size_pt: float, bold: bool = False) -> float:
    """Width in points of ``text`` set in one face (characters the font lacks count one em)."""
    metrics = _metrics(_file(face, bold))
    fallback = metrics.units_per_em  # a character the font lacks counts about one em
    units = sum(metrics.advances.get(char, fallback) for char in text)
    return units * size_pt / metrics.units_per_em


_MAX_WIDTHS = 1 << 17


@dataclass(frozen=True)
class Faces:
    """The two fonts a PowerPoint run uses: ``a:latin`` for Latin and neutral characters, ``a:ea`` for Hangul."""

    latin: FontFace
    east_asian: FontFace
    # Widths at 1 pt per (text, bold): words recur across sizes, frames and slides. A plain dict
    # on the instance, because an lru_cache on the method would hash the fonts on every call.
    # Not part of the value: no argument, left out of ==, hash and repr.
    _widths: dict[tuple[str, bool], float] = field(default_factory=dict, init=False, repr=False, compare=False)
    # Lines per (text, width, size, bold): fitting tries a frame at several sizes, and the deck measures
    # a paragraph again when it writes it; half of a deck's wrapping repeated an earlier one.
    _lines: dict[tuple[str, float, float, bool], tuple[str, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    # Lines the deck's previous render measured (its memo, reuse.py), taken when asked for again; and the
    # lines this render asked for, which its memo keeps for the next one.
    _stored: dict[tuple[str, float, float, bool], tuple[str, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _used: dict[tuple[str, float, float, bool], tuple[str, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    _stored_widths: dict[tuple[str, bool], float] = field(default_factory=dict, init=False, repr=False,
                                                          compare=False)
    _used_widths: dict[tuple[str, bool], float] = field(default_factory=dict, init=False, repr=False, compare=False)

    def remember(self, stored: dict) -> None:
        """Start a render: ``stored`` is what the previous one measured (a memo's, or nothing): lines and
        widths at 1 pt."""
        for kept, used, key in ((self._stored, self._used, "lines"), (self._stored_widths, self._used_widths,
                                                                       "widths")):
            kept.clear()
            kept.update(stored.get(key, {}))
            used.clear()

    def measured(self) -> dict:
        """What was measured since ``remember``: what the next render may take."""
        return {"lines": dict(self._used), "widths": dict(self._used_widths)}

    def width(self, text: str, size_pt: float, bold: bool = False) -> float:
        """Width of mixed text: each character in the font PowerPoint would pick for its script.

        Office and LibreOffice add about a quarter em where Hangul meets another script ("adjust space
        between Asian and Latin text"); we count it too (see ``_autospace_boundaries``).
        """
        key = (text, bold)
        unit = self._widths.get(key)
        if unit is None:
            if len(self._widths) >= _MAX_WIDTHS:  # a long-lived process (watch) edits many words
                self._widths.clear()
                self._used_widths.clear()
            unit = self._stored_widths.get(key)
            if unit is None:
                unit = self._unit_width(text, bold)
            self._widths[key] = unit
        self._used_widths[key] = unit
        return size_pt * unit

    def _unit_width(self, text: str, bold: bool) -> float:
        """Width at 1 pt in the fitting envelope: each character as wide as in the named font or in the
        widest likely substitute, whichever is wider (style/envelope.py)."""
        total = 0.0
        for chunk, script in _by_script(text):
            if script == HANGUL:
                total += _envelope_width(chunk, self.east_asian, bold, {}, HANGUL_ADVANCE)
            else:
                total += _envelope_width(chunk, self.latin, bold, latin_advances(bold), 0.0)
        return total + 0.25 * _autospace_boundaries(text)

    def line_height(self, size_pt: float) -> float:
        """Single line spacing in points: the taller of the two fonts."""
        return size_pt * self._line_height

    @cached_property
    def _line_height(self) -> float:
        """The taller of the two fonts' single lines, and at least the envelope's line box."""
        return max([LINE_BOX] + [_metrics(f.regular).line_height for f in (self.latin, self.east_asian)])


def _envelope_width(chunk: str, face: FontFace, bold: bool, substitutes: Mapping[str, float],
                    floor: float) -> float:
    """Width in em of ``chunk``: per character, the widest of the named font's advance, the substitutes'
    and ``floor`` (a Hangul substitute's full em)."""
    metrics = _metrics(_file(face, bold))
    em, advances = metrics.units_per_em, metrics.advances
    return sum(max(advances.get(char, em) / em, substitutes.get(char, 0.0), floor) for char in chunk)


@cache
def faces_for(latin: FontFace, east_asian: FontFace) -> Faces:
    """One ``Faces`` per pair of fonts, so its widths are measured once per process."""
    return Faces(latin, east_asian)


def _autospace_boundaries(text: str) -> int:
    """Where Hangul meets another script's character. Office adds autospace before letters and digits;
    LibreOffice also before punctuation ("이용률:", "(계속)") and across a space ("나라의 14"), so both
    count: what fits there fits in both. Spaces are skipped (a boundary across them counts)."""
    count = 0
    before: bool | None = None  # whether the last character that is not a space was Hangul
    for char in text:
        if char.isspace():
            continue
        hangul = script_of(char) == HANGUL
        if before is not None and hangul != before:
            count += 1
        before = hangul
    return count


def _by_script(text: str) -> list[tuple[str, str]]:
    """Character-level script chunks (neutral characters count as Latin, as PowerPoint sets them)."""
    chunks: list[tuple[str, str]] = []
    for char in text:
        script = HANGUL if script_of(char) == HANGUL else LATIN
        if chunks and chunks[-1][1] == script:
            chunks[-1] = (chunks[-1][0] + char, script)
        else:
            chunks.append((char, script))
    return chunks


# Words and the spaces before them; a no-break space (U+00A0, inside a fact: "1조 8,000억 원") is part of
# its word, as PowerPoint and reportlab treat it.
_WORDS = re.compile(r"([^\S\u00a0]*)((?:[^\s]|\u00a0)+)")


def wrap(text: str, width_pt: float, faces: Faces, size_pt: float, bold: bool = False) -> list[str]:
    """Greedy wrapping at spaces; a word is split between characters only when it alone is too wide.

    Korean words (eojeol) are kept whole, the way the deck asks PowerPoint to break them (eaLnBrk="0").
    Runs of spaces keep their width inside a line (a caption's "Figure 3   Title" is three spaces wide:
    measured as one, a caption that wraps in PowerPoint was said to fit).
    """
    key = (text, width_pt, size_pt, bold)
    known = faces._lines.get(key)
    if known is None:
        if len(faces._lines) >= _MAX_WIDTHS:  # a long-lived process (watch)
            faces._lines.clear()
            faces._used.clear()
        known = faces._stored.get(key)
        if known is None:
            known = tuple(_wrap(text, width_pt, faces, size_pt, bold))
        faces._lines[key] = known
    faces._used[key] = known
    return list(known)


def _wrap(text: str, width_pt: float, faces: Faces, size_pt: float, bold: bool) -> list[str]:
    lines: list[str] = []
    current, current_width = "", 0.0
    space = faces.width(" ", size_pt, bold)
    for gap, word in _WORDS.findall(text):
        # A line's width is the sum of its words and spaces: a space ends any Hangul/Latin adjacency.
        word_width = faces.width(word, size_pt, bold)
        spaces = " " * max(1, len(gap))
        joint = 0.25 * size_pt * _autospace_boundaries(current[-1:] + word[:1]) if current else 0.0
        candidate_width = current_width + space * len(spaces) + joint + word_width if current else word_width
        if candidate_width <= width_pt:
            current = f"{current}{spaces}{word}" if current else word
            current_width = candidate_width
            continue
        if current:
            lines.append(current)
        current, current_width = "", 0.0
        for piece in _split_long_word(word, width_pt, faces, size_pt, bold):
            if current:
                lines.append(current)
            current, current_width = piece, faces.width(piece, size_pt, bold)
    if current or not lines:
        lines.append(current)
    return lines


def _split_long_word(word: str, width_pt: float, faces: Faces, size_pt: float, bold: bool) -> list[str]:
    """Characters added one by one, the width kept as a running sum (linear even for 5,000 characters)."""
    pieces: list[str] = []
    current, current_width = "", 0.0
    for char in word:
        step = faces.width(char, size_pt, bold)
        if current and _autospace_boundaries(current[-1] + char):
            step += 0.25 * size_pt
        if current and current_width + step > width_pt:
            pieces.append(current)
            current, current_width = char, faces.width(char, size_pt, bold)
        else:
            current, current_width = current + char, current_width + step
    pieces.append(current)
    return pieces


@dataclass(frozen=True)
class Para:
    """One paragraph to fit: its plain text, its size relative to the frame's size, boldness, indent."""

    text: str
    scale: float = 1.0  # a second-level bullet is smaller: sub_body_size / body_size
    bold: bool = False
    indent_pt: float = 0.0
    space_before: float = 0.0  # in lines of this paragraph's size, written as that many times its size in points


def block_height(paras: Sequence[Para], width_pt: float, faces: Faces, size_pt: float, spacing: float) -> float:
    """Height in points of paragraphs wrapped into ``width_pt`` at ``size_pt`` with line spacing ``spacing``."""
    total = 0.0
    for para in paras:
        size = size_pt * para.scale
        lines = len(wrap(para.text, width_pt - para.indent_pt, faces, size, para.bold))
        # space before is written in points (a:spcPts: lines × size), which no font substitution changes
        total += lines * faces.line_height(size) * spacing + para.space_before * size
    return total


def fit_size(
    paras: Sequence[Para], width_pt: float, height_pt: float, faces: Faces,
    start: float, minimum: float, spacing: float, step: float = 1.0,
) -> tuple[float, bool]:
    """The largest size from ``start`` down to ``minimum`` (in ``step`` points) at which the text fits
    with every word whole; if it fits at some size only with a word split between characters (a word
    wider than its line even at ``minimum``), the largest size at which it fits so.

    Returns (size, fits); when nothing fits, (minimum, False) so the caller can warn.
    """
    size, split_fit = float(start), None
    while True:
        if block_height(paras, width_pt, faces, size, spacing) <= height_pt:
            if not splits_a_word(paras, width_pt, faces, size):
                return size, True
            split_fit = size if split_fit is None else split_fit
        if size <= minimum:
            return (split_fit, True) if split_fit is not None else (float(minimum), False)
        size = max(float(minimum), size - step)


def splits_a_word(paras: Sequence[Para], width_pt: float, faces: Faces, size_pt: float) -> bool:
    """Whether a word of ``paras`` is wider than its whole line at ``size_pt``, so that ``wrap`` (and
    PowerPoint) split it between characters: an English word cut in two ("ho / useholds"), a Korean
    eojeol, a fact held together by no-break spaces ("about 2.13 million households"). A word with a
    slash (a web address, a path) may break: PowerPoint breaks it there too."""
    return any(faces.width(word, size_pt * para.scale, para.bold) > width_pt - para.indent_pt
               for para in paras for word in _unbreakable_words(para.text))


@lru_cache(maxsize=8192)
def _unbreakable_words(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(word for _, word in _WORDS.findall(text) if "/" not in word))
