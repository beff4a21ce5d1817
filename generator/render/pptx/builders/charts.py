"""Native, editable charts (bar, column, line, pie) styled from the theme, with both fonts on all chart text."""

from __future__ import annotations

import dataclasses

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.util import Emu, Pt

from ....errors import Span
from ....localize import chartfit
from ....localize.document import ChartFigure, Run
from ....style.chartroom import DECK_LABEL_STEP
from ..context import Ctx
from ..oxml import xml as _xml
from ..oxml.typefaces import east_asian_font, latin_font
from ..typeset.frames import EMU_PER_PT, Box
from ..typeset.text import Style, clean

_KINDS = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "pie": XL_CHART_TYPE.PIE,
}


def add_chart(ctx: Ctx, slide, figure: ChartFigure, box: Box, where: Span | None = None):
    """The chart in ``box``. The localizer chose its kind and whether it can be a chart at all with the same
    measure in the theme's figure box (localize/chartfit.py); a Document made by hand is checked here."""
    frame = chart_frame(ctx, box)
    labels = [s.labels for s in figure.series]
    if figure.kind == "column" and not chartfit.stands_up(ctx.ts.faces, frame, "column", figure.categories, labels):
        figure = dataclasses.replace(figure, kind="bar")  # long category names read across, one per row
    if figure.kind == "bar" and (need := chartfit.bar_height(ctx.ts.faces, frame, figure.categories,
                                                             len(figure.series)) or 0.0) > frame.height:
        ctx.warn(where, f"slide {ctx.slide_no} ({ctx.doc.lang}): the chart's {len(figure.categories)} categories "
                        f"× {len(figure.series)} series need "
                        f"about {need / 72:.1f} in of height, the slide gives {frame.height / 72:.1f} in; its "
                        "names and labels would crowd or be dropped: split the chart or shorten the names",
                 "chart.illegible")
    # A horizontal bar chart draws the first category at the bottom. Reversing the axis
    # (c:orientation maxMin) moves the value axis to the top in LibreOffice whatever c:crosses says,
    # so the data goes in bottom-up instead: the first category reads first, at the top.
    order = (lambda seq: list(seq)[::-1]) if figure.kind == "bar" else list
    data = CategoryChartData(number_format=figure.number_format)
    data.categories = order(clean(c) for c in _category_names(figure))
    for series in figure.series:
        data.add_series(clean(series.name), order(series.values))
    frame = slide.shapes.add_chart(_KINDS[figure.kind], Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h), data)
    frame.name = figure.label
    _xml.set_descr(frame, figure.alt)
    chart = frame.chart
    chart.has_title = False  # the caption above the chart carries label and title
    chart.font.size = Pt(ctx.deck.min_size)
    chart.font.color.rgb = ctx.rgb("text")
    if figure.kind == "pie":
        _style_pie(ctx, chart)
    else:
        _style_axes(ctx, chart, figure)
        _style_series(ctx, chart, figure)
        _labels(ctx, chart, figure)
        _point_labels(ctx, chart, figure, order)
    _legend(ctx, chart, figure)
    chart_space = chart._chartSpace
    _xml.chart_fonts(chart_space, latin_font(ctx.theme), east_asian_font(ctx.theme), ctx.doc.language_tag)
    _xml.positive_axis_ids(chart_space)
    return frame


def _category_names(figure: ChartFigure) -> list[str]:
    """A pie's slices are named in its key with their values ("Single  33.4%", as the brief has it): labels
    around the pie would collide at thin slices."""
    if figure.kind != "pie":
        return list(figure.categories)
    return [f"{name}  {label}" for name, label in zip(figure.categories, figure.series[0].labels)]


def chart_frame(ctx: Ctx, box: Box) -> chartfit.Frame:
    """``box`` as chartfit measures it: points, at the size of the chart's names and labels."""
    return chartfit.Frame("slide", box.w / EMU_PER_PT, box.h / EMU_PER_PT, ctx.deck.min_size + DECK_LABEL_STEP)


# where a point's own label sits (a label of its own drops the plot's default position)
_LABEL_POSITION = {("line", False): XL_LABEL_POSITION.ABOVE, ("line", True): XL_LABEL_POSITION.RIGHT}


def _point_labels(ctx: Ctx, chart, figure: ChartFigure, order) -> None:
    """Each data label is the localized text of its value (the facts' own formatting: ``17.4%``,
    ``2조 4,000억 원``, ``1,50``), not a number format PowerPoint applies with the viewer's separators.
    A line of several series is labelled at its last point only, where the lines do not crowd."""
    style = Style(ctx.deck.min_size + DECK_LABEL_STEP, ctx.theme.deck_colors["text"], bold=True)
    for plot_series, series in zip(chart.plots[0].series, figure.series):
        labels = order(series.labels)
        shown = range(len(labels) - 1, len(labels)) if figure.kind == "line" and len(figure.series) > 1 \
            else range(len(labels))
        for i in shown:
            label = plot_series.points[i].data_label
            label.position = _LABEL_POSITION.get((figure.kind, len(figure.series) > 1), XL_LABEL_POSITION.OUTSIDE_END)
            frame = label.text_frame
            frame.text = ""
            ctx.ts.paragraph(frame.paragraphs[0], (Run(clean(labels[i])),), style)
            _xml.one_line(frame._bodyPr)  # a label is one line: never "$141.9 billi/on"


def _palette(ctx: Ctx) -> list[str]:
    return list(ctx.theme.deck_colors["chart"])


def _style_series(ctx: Ctx, chart, figure: ChartFigure) -> None:
    colors = _palette(ctx)
    plot = chart.plots[0]
    if figure.kind in ("bar", "column"):
        plot.gap_width = 60
        plot.overlap = -10 if len(figure.series) > 1 else 0
    for i, series in enumerate(plot.series):
        color = RGBColor.from_string(colors[i % len(colors)])
        if figure.kind == "line":
            series.format.line.color.rgb = color
            series.format.line.width = Pt(2.5)
            series.smooth = False
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = color
            series.marker.format.line.color.rgb = color
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = color


def _style_pie(ctx: Ctx, chart) -> None:
    colors = _palette(ctx)
    plot = chart.plots[0]
    plot.vary_by_categories = True
    for i, point in enumerate(plot.series[0].points):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = RGBColor.from_string(colors[i % len(colors)])
        point.format.line.color.rgb = ctx.rgb("background")


def _style_axes(ctx: Ctx, chart, figure: ChartFigure) -> None:
    category, value = chart.category_axis, chart.value_axis
    size = Pt(ctx.deck.min_size)
    category.tick_labels.font.size = Pt(ctx.deck.min_size + DECK_LABEL_STEP)
    category.format.line.color.rgb = ctx.rgb("muted")
    category.has_major_gridlines = False
    _xml.every_category_label(category._element)
    value.tick_labels.font.size = size
    value.tick_labels.font.color.rgb = ctx.rgb("muted")
    value.tick_labels.number_format = figure.number_format
    value.tick_labels.number_format_is_linked = False
    value.has_major_gridlines = True
    value.major_gridlines.format.line.color.rgb = ctx.rgb("light")
    value.format.line.fill.background()
    value.tick_label_position = XL_TICK_LABEL_POSITION.NEXT_TO_AXIS
    if len(figure.ticks) >= 2:  # the localizer's ticks, as the brief and the slides PDF draw them
        value.minimum_scale, value.maximum_scale = figure.ticks[0], figure.ticks[-1]
        value.major_unit = figure.ticks[1] - figure.ticks[0]
    if figure.every_point_labelled:
        # Every point carries its localized label: ticks would add numbers in the viewer's separators
        # (PowerPoint formats them by the computer's locale, so a German deck read 1.50 in England).
        value.tick_label_position = XL_TICK_LABEL_POSITION.NONE
        value.has_major_gridlines = False
    if figure.axis_title:
        value.has_title = True
        tf = value.axis_title.text_frame
        tf.text = ""
        style = Style(ctx.deck.min_size, ctx.theme.deck_colors["muted"])
        ctx.ts.paragraph(tf.paragraphs[0], (Run(figure.axis_title),), style)


def _labels(ctx: Ctx, chart, figure: ChartFigure) -> None:
    plot = chart.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = figure.number_format
    labels.number_format_is_linked = False
    labels.font.size = Pt(ctx.deck.min_size + DECK_LABEL_STEP)
    labels.font.bold = True
    if figure.kind == "line":
        labels.position = XL_LABEL_POSITION.ABOVE
        labels.font.color.rgb = ctx.rgb("text")
    else:
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        labels.font.color.rgb = ctx.rgb("text")


def _legend(ctx: Ctx, chart, figure: ChartFigure) -> None:
    """A key for several series, below; a pie's key of every slice's name and value, beside it."""
    chart.has_legend = len(figure.series) > 1 or figure.kind == "pie"
    if chart.has_legend:
        pie = figure.kind == "pie"
        chart.legend.position = XL_LEGEND_POSITION.RIGHT if pie else XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(ctx.deck.min_size + (2 if pie else 0))
