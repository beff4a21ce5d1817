"""Whether a chart can be legible, measured with the font files in the boxes the theme gives it, decided
once for every language before any renderer draws it.

The measuring comes from below the renderers (``style/measure.py``'s ``Faces``, the deck's own text
measure) through ``style/chartroom.py``, which builds a ``Room`` from the theme: the deck's figure box and
label size, and the brief's column. ``localize/`` cannot import ``style/`` (the fonts module reads scripts
from here), so the room is handed in. A chart that cannot show every name whole, broken only between words,
and every value without overlap in every box is printed as a table of its values instead, and
``checks/formatted.py`` says so, once per language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from .document import ChartFigure

COLUMN_NAME_LINES = 2  # a column's name under it: at most two lines, else the chart reads across (bars)
NAME_SHARE = 0.35  # a bar chart's names take at most this share of its width
PLOT_SHARE = 0.85  # a column or line chart's plot: this share of its width, the rest is the value axis
PIE_SLICES = 8
KEY_SHARE = 0.5  # a pie's key of names and values: this share of its width
ROW_LEADING = 1.1  # a bar chart's rows: lines of labels at 1.1 × their single line
CHROME_LINES = 2  # a bar chart's value axis and its title; a legend takes one more


class Measure(Protocol):
    """Widths and line heights in points, with the fonts the renderers draw with (``style.measure.Faces``)."""

    def width(self, text: str, size_pt: float, bold: bool = False) -> float: ...

    def line_height(self, size_pt: float) -> float: ...


@dataclass(frozen=True)
class Frame:
    """One box a chart is drawn in (points) and the size its names and labels are set in."""

    name: str  # what the messages call it: "deck", "brief"
    width: float
    height: float
    size: float


@dataclass(frozen=True)
class Room:
    """Every box a chart must be legible in (the deck's slide, the brief's column) and how text measures;
    ``beside``: the deck's box beside the points, which a chart takes only where it is legible there."""

    measure: Measure
    frames: tuple[Frame, ...]
    beside: Frame | None = None


def lines(measure: Measure, text: str, width: float, size: float) -> int | None:
    """Lines ``text`` takes broken between words at ``width`` points, or None when a word is wider."""
    count, line = 1, 0.0
    space = measure.width(" ", size)
    for word in text.split():
        taken = measure.width(word, size)
        if taken > width:
            return None
        if line and line + space + taken > width:
            count, line = count + 1, taken
        else:
            line += (space if line else 0.0) + taken
    return count


def _slot(frame: Frame, categories: Sequence[str]) -> float:
    return frame.width * PLOT_SHARE / max(1, len(categories))


def names_fit_below(measure: Measure, frame: Frame, categories: Sequence[str]) -> bool:
    """Whether every name fits under its column in two lines (else the chart reads across: a bar chart)."""
    slot = _slot(frame, categories)
    return all((n := lines(measure, c, slot, frame.size)) is not None and n <= COLUMN_NAME_LINES
               for c in categories)


def labels_fit_above(measure: Measure, frame: Frame, kind: str, categories: Sequence[str],
                     labels: Sequence[Sequence[str]]) -> bool:
    """Whether every data label fits above its column or point without touching its neighbour's (a line of
    several series is labelled at its last points only, to the right)."""
    if kind == "line" and len(labels) > 1:
        return True
    slot = _slot(frame, categories) / (len(labels) if kind == "column" else 1)
    return all(measure.width(label, frame.size, True) <= slot for series in labels for label in series)


def stands_up(measure: Measure, frame: Frame, kind: str, categories: Sequence[str],
              labels: Sequence[Sequence[str]]) -> bool:
    """Whether a column or line chart keeps its kind in ``frame``: names below, labels above, all whole."""
    return names_fit_below(measure, frame, categories) and labels_fit_above(measure, frame, kind, categories,
                                                                            labels)


def bar_height(measure: Measure, frame: Frame, categories: Sequence[str], series: int) -> float | None:
    """The height (points) a bar chart needs to draw every name and every bar's label without overlap: per
    category, the taller of its wrapped name and its bars, plus the value axis and legend; None when a
    name holds a word wider than the names' column."""
    line = measure.line_height(frame.size) * ROW_LEADING
    rows = 0
    for name in categories:
        taken = lines(measure, name, frame.width * NAME_SHARE, frame.size)
        if taken is None:
            return None
        rows += max(taken, series)
    return (rows + CHROME_LINES + (1 if series > 1 else 0)) * line


def problem(room: Room, kind: str, categories: Sequence[str], labels: Sequence[Sequence[str]],
            values: Sequence[float]) -> str | None:
    """Why a chart of ``kind`` cannot be legible in every frame of ``room``, or None. A column chart whose
    names or labels do not fit over and under its columns is judged as the bar chart it becomes."""
    for frame in room.frames:
        why = _frame_problem(room.measure, frame, kind, categories, labels, values)
        if why:
            return why
    return None


def _frame_problem(measure: Measure, frame: Frame, kind: str, categories: Sequence[str],
                   labels: Sequence[Sequence[str]], values: Sequence[float]) -> str | None:
    if kind == "pie":
        return _pie_problem(measure, frame, categories, values)
    if kind in ("column", "line") and stands_up(measure, frame, kind, categories, labels):
        return None
    if kind == "line":
        return f"the names or labels of its {len(categories)} points do not fit under and over them in the {frame.name}"
    need = bar_height(measure, frame, categories, len(labels))
    if need is None:
        name = next(c for c in categories if lines(measure, c, frame.width * NAME_SHARE, frame.size) is None)
        return f"the name '{name[:30]}' holds a word too long to wrap in the {frame.name}"
    if need > frame.height:
        return (f"its {len(categories)} categories × {len(labels)} series need {need:.0f} pt of height at "
                f"{frame.size:g} pt, the {frame.name}'s chart box has {frame.height:.0f} pt")
    return None


def _pie_problem(measure: Measure, frame: Frame, categories: Sequence[str], values: Sequence[float]) -> str | None:
    if len(categories) > PIE_SLICES:
        return f"a pie of {len(categories)} slices (at most {PIE_SLICES} stay legible)"
    if any(v < 0 for v in values) or not any(v > 0 for v in values):
        return "a pie needs positive values"
    if any(lines(measure, c, frame.width * KEY_SHARE, frame.size) is None for c in categories):
        return f"a slice's name holds a word too long for its key in the {frame.name}"
    return None


def reason(figure: ChartFigure, room: Room) -> str | None:
    """Why ``figure`` cannot be legible, or None."""
    values = [v for s in figure.series for v in s.values]
    return problem(room, figure.kind, figure.categories, [s.labels for s in figure.series], values)


def fits_beside(figure: ChartFigure, room: Room) -> bool:
    """Whether the chart stays legible, as it is, in the box beside the points (else it grows: a slide of
    its own)."""
    frame = room.beside
    if frame is None:
        return False
    labels = [s.labels for s in figure.series]
    if figure.kind in ("column", "line"):
        return stands_up(room.measure, frame, figure.kind, figure.categories, labels)
    return _frame_problem(room.measure, frame, figure.kind, figure.categories, labels,
                          [v for s in figure.series for v in s.values]) is None
