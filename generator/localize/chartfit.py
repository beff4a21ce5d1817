"""Whether a chart can be legible at all, decided once per language before any renderer draws it.

Every renderer draws a chart in a box of about the same proportions (a slide's content area, the brief's
column); here each name is measured in ems of the label size (a Hangul or CJK character one em, any other
about 0.6) against that box. A chart that cannot show every name whole, broken only between words, and
every value is printed as a table of its values instead, and ``checks/formatted.py`` says so.
"""

from __future__ import annotations

import unicodedata

from .document import ChartFigure

# A slide's figure box in the default theme, in ems of its chart labels (16 pt): 12 in wide, 4.4 in high
# (13 lines of labels at their line height). A small chart (at most 8 bars) shares the slide with the
# points and gets 60 % of its width (render/pptx/builders/figures.py fits_beside_text).
WIDTH_EM = 54.0
SMALL_WIDTH_EM = 32.0
ROWS = 13  # lines of labels the box's height holds, the value axis and legend included
NAME_EM = 18.0  # a bar chart's names take at most a third of the width
COLUMN_NAME_LINES = 2
PIE_SLICES = 8
SLICE_NAME_EM = 30.0


def em(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.6 for c in text)


def lines(text: str, width: float) -> int | None:
    """Lines ``text`` takes broken between words at ``width`` ems, or None when a word is wider."""
    count, line = 1, 0.0
    for word in text.split():
        size = em(word)
        if size > width:
            return None
        if line and line + 0.3 + size > width:
            count, line = count + 1, size
        else:
            line += (0.3 if line else 0.0) + size
    return count


def names_fit_below(categories: tuple[str, ...], series: int = 1) -> bool:
    """Whether every name fits under its column in two lines (else the chart reads across: a bar chart)."""
    width = SMALL_WIDTH_EM if len(categories) * max(1, series) <= 8 else WIDTH_EM
    slot = width * 0.85 / max(1, len(categories))
    return all((n := lines(c, slot)) is not None and n <= COLUMN_NAME_LINES for c in categories)


def labels_fit_above(kind: str, categories: tuple[str, ...], labels: list[tuple[str, ...]]) -> bool:
    """Whether every data label fits above its column or point without touching its neighbour's (a line of
    several series is labelled at its last points only, to the right)."""
    if kind == "line" and len(labels) > 1:
        return True
    width = SMALL_WIDTH_EM if len(categories) * max(1, len(labels)) <= 8 else WIDTH_EM
    slot = width * 0.85 / max(1, len(categories)) / (len(labels) if kind == "column" else 1)
    return all(em(label) <= slot for series in labels for label in series)


def problem(kind: str, categories: tuple[str, ...], series: int, values: list[float]) -> str | None:
    """Why a chart of ``kind`` cannot be legible, or None. A column chart whose names do not fit below
    is judged as the bar chart it becomes."""
    if kind == "pie":
        if len(categories) > PIE_SLICES:
            return f"a pie of {len(categories)} slices (at most {PIE_SLICES} stay legible)"
        if any(v < 0 for v in values) or not any(v > 0 for v in values):
            return "a pie needs positive values"
        if any(lines(c, SLICE_NAME_EM) is None for c in categories):
            return "a slice's name holds a word too long for its key"
        return None
    if kind in ("column", "line") and names_fit_below(categories, series):
        return None
    if kind == "line":
        return f"the names of its {len(categories)} points do not fit under them"
    rows = 0
    for name in categories:
        taken = lines(name, NAME_EM)
        if taken is None:
            return f"the name '{name[:30]}' holds a word too long to wrap"
        rows += max(taken, series)
    if rows + 2 > ROWS:
        return f"its {len(categories)} categories × {series} series need {rows + 2} lines, the box holds {ROWS}"
    return None


def reason(figure: ChartFigure) -> str | None:
    """Why ``figure`` cannot be legible, or None."""
    if figure.kind == "line" and not labels_fit_above("line", figure.categories, [s.labels for s in figure.series]):
        return f"the labels of its {len(figure.categories)} points would overlap"
    values = [v for s in figure.series for v in s.values]
    return problem(figure.kind, figure.categories, len(figure.series), values)
