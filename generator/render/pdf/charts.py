"""ChartFigure → a reportlab.graphics Drawing: bar, column, line and pie, in the theme's colours and fonts.

Every string in a chart is drawn in one font, so each label gets the font of its script
(``Fonts.for_text``): NanumGothic for anything with Hangul, Noto Sans otherwise.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import Color, HexColor, white
from reportlab.pdfbase.pdfmetrics import stringWidth

from ...localize.document import ChartFigure
from .fonts import Fonts


@dataclass(frozen=True)
class ChartStyle:
    fonts: Fonts
    palette: tuple[Color, ...]
    text: Color
    muted: Color
    grid: Color
    size: float  # label font size


def format_number(value: float, code: str, decimal_sign: str = ".", group_sign: str = ",") -> str:
    """A value in a (small subset of an) Excel number format: decimals, grouping, percent, literals, with
    the document language's signs (a German axis reads 1,50 and 1.000)."""
    section = code.split(";")[0]
    literals = re.findall(r'"([^"]*)"', section)
    core = re.sub(r'"[^"]*"', "", section)
    decimals = len(core.split(".", 1)[1].rstrip("%").replace("#", "0").strip(" _)")) if "." in core else 0
    if "%" in core:
        value *= 100
    text = f"{value:{',' if ',' in core else ''}.{decimals}f}"
    text = text.replace(",", "\0").replace(".", decimal_sign).replace("\0", group_sign)
    return text + ("%" if "%" in core else "") + "".join(literals)


def _ticks(fig: ChartFigure):
    """A tick's text: the localizer's own (one style with the labels), else formatted here."""
    if not fig.ticks:
        return lambda v: format_number(v, fig.number_format, fig.decimal_sign, fig.group_sign)
    texts = dict(zip(fig.ticks, fig.tick_labels))
    near = (fig.ticks[-1] - fig.ticks[0]) / max(1, len(fig.ticks) - 1) / 1000 or 1e-9

    def text(value: float) -> str:  # reportlab asks at valueMin + i × valueStep, give or take a rounding
        nearest = min(fig.ticks, key=lambda tick: abs(tick - value))
        return texts[nearest] if abs(nearest - value) <= near else ""

    return text


def _axis_range(fig: ChartFigure, low: float, high: float) -> tuple[float, float, float]:
    """The value axis's bounds and step: the localizer's ticks where it gave them."""
    if len(fig.ticks) >= 2:
        return fig.ticks[0], fig.ticks[-1], fig.ticks[1] - fig.ticks[0]
    return nice_range(low, high)


def nice_range(low: float, high: float, ticks: int = 5) -> tuple[float, float, float]:
    """Axis bounds on round numbers (1, 2, 2.5, 5 × 10^k) that include ``low`` and ``high``."""
    span = (high - low) or abs(high) or 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def chart_drawing(fig: ChartFigure, width: float, cs: ChartStyle, max_height: float | None = None,
                  height: float | None = None, fixed_kind: bool = False) -> Drawing:
    """The chart ``width`` wide; one taller than ``max_height`` (a drawing cannot break across pages) is
    scaled down whole to that height. ``height``: a bar chart's rows share it (a slide's frame) rather than
    take their natural height; ``fixed_kind``: the kind is the deck's, never switched here."""
    draw = {"bar": _bar, "column": _column, "line": _line, "pie": _pie}.get(fig.kind, _column)
    if draw is _column and not fixed_kind and not _labels_fit_below(fig, width, cs):
        draw = _bar  # long category names read across, one per line, instead of slanting off the page
    drawing = _bar(fig, width, cs, height) if draw is _bar else draw(fig, width, cs)
    # reportlab's graphics state starts in Helvetica, which would be listed as a non-embedded font.
    drawing.initialFontName = cs.fonts.family("latin").name
    drawing.hAlign = "LEFT"
    if max_height is not None and drawing.height > max_height:
        shrink_drawing(drawing, max_height / drawing.height)
    return drawing


def shrink_drawing(drawing: Drawing, factor: float) -> None:
    """``drawing`` scaled down whole by ``factor``, its box with it."""
    drawing.scale(factor, factor)
    drawing.width, drawing.height = drawing.width * factor, drawing.height * factor


def _width(text: str, cs: ChartStyle, size: float | None = None) -> float:
    return stringWidth(text, cs.fonts.for_text(text).name, size or cs.size)


def _string(x, y, text, cs: ChartStyle, *, size=None, color=None, anchor="start", bold=False) -> String:
    fam = cs.fonts.for_text(text)
    return String(x, y, text, fontName=fam.bold if bold else fam.name, fontSize=size or cs.size,
                  fillColor=color or cs.muted, textAnchor=anchor)


def _style_axes(chart, cs: ChartStyle, fig: ChartFigure) -> None:
    cat, val = chart.categoryAxis, chart.valueAxis
    for i, name in enumerate(fig.categories):
        cat.labels[i].fontName = cs.fonts.for_text(name).name
    cat.labels.fontSize = cs.size
    cat.labels.fillColor = cs.text
    cat.strokeColor = cs.muted
    cat.strokeWidth = 0.6
    cat.tickShift = 0
    cat.visibleTicks = 0
    cat.categoryNames = list(fig.categories)
    val.labels.fontName = cs.fonts.family("latin").name
    val.labels.fontSize = cs.size * 0.95
    val.labels.fillColor = cs.muted
    val.visibleAxis = 0
    val.visibleTicks = 0
    val.visibleGrid = 1
    val.gridStrokeColor = cs.grid
    val.gridStrokeWidth = 0.5
    val.labelTextFormat = _ticks(fig)
    values = [v for s in fig.series for v in s.values]
    low, high, step = _axis_range(fig, min(0.0, min(values, default=0.0)), max(0.0, max(values, default=1.0)))
    val.valueMin, val.valueMax, val.valueStep = low, high, step
    if fig.every_point_labelled:  # as in the deck: labels carry the numbers, ticks would repeat them
        val.visibleLabels = 0
        val.visibleGrid = 0


def _bar_labels(chart, fig: ChartFigure, cs: ChartStyle, anchor: str, dx: float, dy: float,
                reverse: bool = False) -> None:
    """Data labels and colours per series; ``reverse``: the chart holds the series last first."""
    order = list(reversed(range(len(fig.series)))) if reverse else list(range(len(fig.series)))
    chart.barLabelFormat = "values"
    chart.barLabelArray = [list(fig.series[i].labels) for i in order]
    chart.barLabels.boxAnchor = anchor
    chart.barLabels.dx, chart.barLabels.dy = dx, dy
    chart.barLabels.fontSize = cs.size * 0.95
    chart.barLabels.fillColor = cs.text
    for r, i in enumerate(order):
        for c, label in enumerate(fig.series[i].labels):
            chart.barLabels[(r, c)].fontName = cs.fonts.for_text(label).name
        chart.bars[r].fillColor = cs.palette[i % len(cs.palette)]
        chart.bars[r].strokeColor = None


def _legend(fig: ChartFigure, cs: ChartStyle, x: float, y: float, names=None, palette=None,
            width: float | None = None) -> Legend:
    """A key for every series, in as many rows as the entries need to stay within ``width`` (from ``x``)."""
    names = list(names or (s.name for s in fig.series))
    legend = Legend()
    legend.x, legend.y = x, y
    legend.alignment = "right"
    legend.boxAnchor = "nw"
    legend.fontName = cs.fonts.for_text(" ".join(names)).name
    legend.fontSize = cs.size
    legend.fillColor = cs.text
    legend.dx = legend.dy = cs.size * 0.8
    legend.deltax = _legend_entry(names, cs)
    legend.deltay = cs.size * 1.5
    legend.columnMaximum = _legend_rows(names, cs, width) if width else (1 if len(names) <= 4 else 2)
    legend.strokeColor = None
    legend.colorNamePairs = [((palette or cs.palette)[i % len(cs.palette)], n) for i, n in enumerate(names)]
    return legend


def _legend_entry(names: list[str], cs: ChartStyle) -> float:
    return max((_width(n, cs) for n in names), default=0) + cs.size * 2.5


def _legend_rows(names: list[str], cs: ChartStyle, width: float) -> int:
    """Rows of the legend: entries side by side while they fit ``width``, the rest on further rows."""
    per_row = max(1, int(width // _legend_entry(names, cs)))
    return max(1, math.ceil(len(names) / per_row))


def _legend_height(fig: ChartFigure, cs: ChartStyle, width: float) -> float:
    if len(fig.series) <= 1:
        return 0.0
    return cs.size * (1.1 + 1.5 * _legend_rows([s.name for s in fig.series], cs, width))


def _wrapped(text: str, width: float, cs: ChartStyle, lines: int = 3) -> str:
    """``text`` broken between words into at most ``lines`` lines of ``width``; a last line that would
    still overflow ends in "…" (the full text stays in the chart's alt text and the table of values)."""
    out: list[str] = []
    for word in text.split():
        if out and _width(out[-1] + " " + word, cs) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = out[: lines - 1] + [" ".join(out[lines - 1:])]
    last = out[-1] if out else ""
    while len(last) > 1 and _width(last, cs) > width:
        last = last[:-2] + "…"
    return "\n".join(out[:-1] + [last])


def _labels_fit_below(fig: ChartFigure, width: float, cs: ChartStyle) -> bool:
    """Every category name fits under its column in two lines, no word wider than its slot."""
    slot = width * 0.85 / max(1, len(fig.categories))
    return all(_wrapped(c, slot * 0.95, cs, 2).count("\n") < 2 and "…" not in _wrapped(c, slot * 0.95, cs, 2)
               for c in fig.categories)


def _bar(fig: ChartFigure, width: float, cs: ChartStyle, fill: float | None = None) -> Drawing:
    n_cat, n_ser = len(fig.categories), max(1, len(fig.series))
    names = [_wrapped(c, width * 0.34, cs) for c in fig.categories]  # at most a third of the width
    lines = max((n.count("\n") + 1 for n in names), default=1)
    group = max(cs.size * (1.6 + 1.5 * n_ser), cs.size * (0.6 + 1.25 * lines))
    label_w = max((_width(line, cs) for n in names for line in n.split("\n")), default=0) + cs.size
    value_w = max((_width(lab, cs) for s in fig.series for lab in s.labels), default=0) + cs.size
    bottom = cs.size * (2.2 + (1.5 if fig.axis_title else 0))
    top = _legend_height(fig, cs, width) + cs.size * 0.5
    if fill is not None and fill - bottom - top > group * n_cat:
        group = (fill - bottom - top) / n_cat  # a slide's frame: the rows share its height, as in the deck
    height = bottom + group * n_cat + top
    d = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_w, bottom
    chart.width, chart.height = width - label_w - value_w, group * n_cat
    # first category on top, as it is read; within a group the first series on top too, as the legend
    chart.data = [list(s.values) for s in reversed(fig.series)]
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -cs.size * 0.5
    chart.barSpacing = 1
    chart.groupSpacing = cs.size * 1.1
    _style_axes(chart, cs, fig)
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.leading = cs.size * 1.2
    _bar_labels(chart, fig, cs, "w", cs.size * 0.4, 0, reverse=True)
    d.add(chart)
    if fig.axis_title:
        d.add(_string(chart.x + chart.width / 2, cs.size * 0.3, fig.axis_title, cs, anchor="middle"))
    if len(fig.series) > 1:
        d.add(_legend(fig, cs, 0, height - cs.size * 0.2, width=width))
    return d


def _column(fig: ChartFigure, width: float, cs: ChartStyle) -> Drawing:
    return _vertical(fig, width, cs, VerticalBarChart())


def _line(fig: ChartFigure, width: float, cs: ChartStyle) -> Drawing:
    return _vertical(fig, width, cs, HorizontalLineChart())


def _vertical(fig: ChartFigure, width: float, cs: ChartStyle, chart) -> Drawing:
    n_cat = max(1, len(fig.categories))
    tick_texts = fig.tick_labels or tuple(_ticks(fig)(v) for s in fig.series for v in s.values)
    left = (max((_width(t, cs) for t in tick_texts), default=cs.size) if not fig.every_point_labelled
            else 0.0) + cs.size * 1.2
    # a multi-series line is labelled at its last point only, to the right of the plot
    end_labels = isinstance(chart, HorizontalLineChart) and len(fig.series) > 1
    right = (max((_width(s.labels[-1], cs) for s in fig.series if s.labels), default=0) + cs.size
             if end_labels else cs.size)
    slot = (width - left - right) / n_cat
    names = [_wrapped(c, slot * 0.95, cs, 2) for c in fig.categories]
    rotate = any("…" in n for n in names)  # a word wider than its slot: slanted, shortened to 22% of the width
    if rotate:
        names = [_wrapped(c, width * 0.22, cs, 1) for c in fig.categories]
    longest = max((_width(line, cs) for n in names for line in n.split("\n")), default=0)
    lines = max((n.count("\n") + 1 for n in names), default=1)
    if rotate:  # the first slanted name must end inside the text column, not left of it
        left = max(left, longest * math.cos(math.radians(35)) - slot / 2 + cs.size * 0.5)
        slot = (width - left - right) / n_cat
    cat_h = (longest * math.sin(math.radians(35)) + cs.size * 1.2) if rotate else cs.size * (1.0 + 1.2 * lines)
    top = _legend_height(fig, cs, width) + cs.size * (2.8 if fig.axis_title else 1.2)
    plot_h = min(width * 0.42, 190.0)
    height = cat_h + plot_h + top
    d = Drawing(width, height)
    chart.x, chart.y = left, cat_h
    chart.width, chart.height = width - left - right, plot_h
    chart.data = [list(s.values) for s in fig.series]
    _style_axes(chart, cs, fig)
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.leading = cs.size * 1.2
    chart.categoryAxis.labels.boxAnchor = "ne" if rotate else "n"
    chart.categoryAxis.labels.angle = 35 if rotate else 0
    chart.categoryAxis.labels.dy = -cs.size * 0.4
    if isinstance(chart, VerticalBarChart):
        chart.barSpacing = 1
        chart.groupSpacing = slot * 0.35
        _bar_labels(chart, fig, cs, "s", 0, cs.size * 0.3)
    else:
        _line_style(chart, fig, cs)
    values = [v for s in fig.series for v in s.values]
    if values and max(values) > 0:  # room for the data labels above the tallest column
        low, high, step = _axis_range(fig, min(0.0, min(values)), max(values) * 1.08)
        chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = low, high, step
    d.add(chart)
    if fig.axis_title:  # above the value axis, starting at the text column's edge, never left of it
        d.add(_string(0, cat_h + plot_h + cs.size * 1.3, fig.axis_title, cs, anchor="start"))
    if len(fig.series) > 1:
        d.add(_legend(fig, cs, 0, height - cs.size * 0.2, width=width))
    return d


def _line_style(chart: HorizontalLineChart, fig: ChartFigure, cs: ChartStyle) -> None:
    from reportlab.graphics.widgets.markers import makeMarker

    chart.joinedLines = 1
    chart.lineLabelFormat = "values"
    if len(fig.series) > 1:  # labels at every point would collide between the lines
        chart.lineLabelArray = [["" for _ in s.labels[:-1]] + list(s.labels[-1:]) for s in fig.series]
        chart.lineLabels.boxAnchor = "w"
        chart.lineLabels.dx = cs.size * 0.7
        chart.lineLabelNudge = 0
    else:
        chart.lineLabelArray = [list(s.labels) for s in fig.series]
        chart.lineLabels.boxAnchor = "s"
        chart.lineLabelNudge = cs.size * 0.6
    chart.lineLabels.fontSize = cs.size * 0.95
    chart.lineLabels.fillColor = cs.text
    for r, s in enumerate(fig.series):
        colour = cs.palette[r % len(cs.palette)]
        chart.lines[r].strokeColor = colour
        chart.lines[r].strokeWidth = 1.8
        chart.lines[r].symbol = makeMarker("FilledCircle", size=cs.size * 0.55, fillColor=colour,
                                           strokeColor=white)
        for c, label in enumerate(s.labels):
            chart.lineLabels[(r, c)].fontName = cs.fonts.for_text(label).name


def _pie(fig: ChartFigure, width: float, cs: ChartStyle) -> Drawing:
    """The slices and, beside them, a key of every slice's name and value (as the deck has it): no label
    can collide with another, however thin its slice."""
    series = fig.series[0]
    diameter = min(width * 0.36, 150.0)
    key_width = width - diameter - cs.size * 4
    names = [_wrapped(f"{c}  {lab}", key_width - cs.size * 2, cs, 3) for c, lab in zip(fig.categories, series.labels)]
    rows = [n.count("\n") + 1 for n in names]
    step = cs.size * (1.25 * max(rows, default=1) + 0.65)
    legend_rows = len(names) * step
    height = max(diameter, legend_rows) + cs.size * 1.5
    d = Drawing(width, height)
    pie = Pie()
    pie.x, pie.y = cs.size, (height - diameter) / 2
    pie.width = pie.height = diameter
    pie.data = [max(0.0, v) for v in series.values]
    pie.startAngle, pie.direction = 90, "clockwise"
    pie.simpleLabels = 1
    pie.slices.strokeColor = white
    pie.slices.strokeWidth = 1.2
    for i in range(len(pie.data)):
        pie.slices[i].fillColor = cs.palette[i % len(cs.palette)]
        pie.slices[i].label_visible = 0
    d.add(pie)
    legend = _legend(fig, cs, pie.x + diameter + cs.size * 2.5, height - (height - legend_rows) / 2,
                     names=names)
    legend.columnMaximum = len(names)
    legend.deltay = step
    d.add(legend)
    return d


def palette(hexes) -> tuple[Color, ...]:
    return tuple(HexColor("#" + str(h)) for h in hexes) or (HexColor("#1B3A5C"),)
