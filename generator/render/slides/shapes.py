"""A slide's shapes on a reportlab canvas: background, rectangles and ovals, lines, tables, pictures, charts.

Boxes arrive in slide points measured from the top left (``layout_export``); the canvas counts from the
bottom, so every y is turned over with the page height.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

from reportlab.graphics import renderPDF
from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader

from ...localize.document import ChartFigure, Document
from ..pdf.charts import ChartStyle, chart_drawing
from ..pptx.layout_export import Shape, SlideLayout
from .text import Pen, draw_frame


@dataclass(frozen=True)
class Slide:
    """What drawing a slide needs besides its shapes: the pen, the slide's width and the charts by label."""

    pen: Pen
    width: float
    charts: dict[str, ChartFigure]
    chart_style: ChartStyle
    background: str  # the master's background, when the slide paints none


def charts_by_label(doc: Document) -> dict[str, ChartFigure]:
    """Every chart of the document, by its label: a deck names each chart frame after its figure."""
    return {item.figure.label: item.figure for section in doc.sections for item in section.items
            if isinstance(item.figure, ChartFigure)}


def draw_slide(s: Slide, slide: SlideLayout) -> None:
    canv, h = s.pen.canv, s.pen.page_h
    canv.setFillColor(HexColor("#" + (slide.background or s.background)))
    canv.rect(0, 0, s.width, h, stroke=0, fill=1)
    for shape in slide.shapes:
        DRAW.get(shape.kind, _text)(s, shape)


def _text(s: Slide, shape: Shape) -> None:
    if shape.text is not None:
        draw_frame(s.pen, shape.text, shape.box)


def _area(s: Slide, shape: Shape) -> None:
    """A filled rectangle or oval, with its outline if it has one, then any text it holds."""
    canv, b = s.pen.canv, shape.box
    canv.saveState()
    if shape.fill:
        canv.setFillColor(HexColor("#" + shape.fill))
    if shape.line:
        canv.setStrokeColor(HexColor("#" + shape.line[0]))
        canv.setLineWidth(shape.line[1])
    y = s.pen.page_h - b.y - b.h
    stroke, fill = int(shape.line is not None), int(shape.fill is not None)
    if shape.kind == "oval":
        canv.ellipse(b.x, y, b.x + b.w, y + b.h, stroke=stroke, fill=fill)
    else:
        canv.rect(b.x, y, b.w, b.h, stroke=stroke, fill=fill)
    canv.restoreState()
    _text(s, shape)


def _line(s: Slide, shape: Shape) -> None:
    canv, b, h = s.pen.canv, shape.box, s.pen.page_h
    x1, x2 = (b.x + b.w, b.x) if shape.flip[0] else (b.x, b.x + b.w)
    y1, y2 = (b.y + b.h, b.y) if shape.flip[1] else (b.y, b.y + b.h)
    color, width = shape.line or ("000000", 0.75)
    canv.saveState()
    canv.setStrokeColor(HexColor("#" + color))
    canv.setLineWidth(width)
    canv.line(x1, h - y1, x2, h - y2)
    canv.restoreState()


def _table(s: Slide, shape: Shape) -> None:
    canv, h = s.pen.canv, s.pen.page_h
    for cell in shape.cells:
        b = cell.box
        if cell.fill:
            canv.setFillColor(HexColor("#" + cell.fill))
            canv.rect(b.x, h - b.y - b.h, b.w, b.h, stroke=0, fill=1)
        draw_frame(s.pen, cell.text, b)


def _picture(s: Slide, shape: Shape) -> None:
    if shape.image is None:
        return
    b = shape.box
    s.pen.canv.drawImage(ImageReader(io.BytesIO(shape.image)), b.x, s.pen.page_h - b.y - b.h, b.w, b.h,
                         mask="auto")


def _chart(s: Slide, shape: Shape) -> None:
    """The brief's drawing of the chart the frame is named after, as wide as the frame and no taller."""
    figure = s.charts.get(shape.name)
    if figure is None:
        return
    b = shape.box
    if shape.chart_kind:  # the kind the deck drew, so the two show the same chart
        figure = replace(figure, kind=shape.chart_kind)
    drawing = chart_drawing(figure, b.w, s.chart_style, max_height=b.h, height=b.h, fixed_kind=True)
    x = b.x + (b.w - drawing.width) / 2
    y = s.pen.page_h - b.y - b.h + (b.h - drawing.height) / 2
    renderPDF.draw(drawing, s.pen.canv, x, y)


DRAW = {"rect": _area, "oval": _area, "line": _line, "table": _table, "picture": _picture, "chart": _chart}
