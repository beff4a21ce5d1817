"""A slide's shapes on a reportlab canvas: background, rectangles and ovals, lines, tables, pictures, charts.

Boxes arrive in slide points measured from the top left (``layout_export``); the canvas counts from the
bottom, so every y is turned over with the page height.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from functools import partial

from reportlab.graphics import renderPDF
from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader

from ...localize.document import ChartFigure, Document
from ..pdf.charts import ChartStyle, chart_drawing
from ..pdf.tagging import ARTIFACT, Node, artifact, drawing
from ..pptx.slide_layout import Shape, SlideLayout
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


def draw_slide(s: Slide, slide: SlideLayout, sect: Node | None = None, heading: str = "H2") -> None:
    """The slide's shapes in their order (the deck's reading order), as the content of ``sect``: the title
    a ``heading``, text paragraphs (lists where bulleted), tables, figures with their alt text; the
    background, bare shapes and lines, the footer and the slide number as artifacts."""
    canv, h = s.pen.canv, s.pen.page_h

    def background() -> None:
        canv.setFillColor(HexColor("#" + (slide.background or s.background)))
        canv.rect(0, 0, s.width, h, stroke=0, fill=1)

    artifact(canv, background, "Layout")
    for shape in slide.shapes:
        DRAW.get(shape.kind, _text)(s, shape, _parent(shape, sect), heading)


def _parent(shape: Shape, sect: Node | None) -> Node | None:
    if sect is None:
        return None
    return ARTIFACT if shape.role == "pagination" else sect


def _text(s: Slide, shape: Shape, parent: Node | None, heading: str) -> None:
    if shape.text is not None:
        role = heading if shape.role == "title" else "P"
        draw_frame(s.pen, shape.text, shape.box, parent, role)


def _area(s: Slide, shape: Shape, parent: Node | None, heading: str) -> None:
    """A filled rectangle or oval, with its outline if it has one (decoration), then any text it holds."""
    artifact(s.pen.canv, lambda: _fill_area(s, shape), "Layout")
    _text(s, shape, parent, heading)


def _fill_area(s: Slide, shape: Shape) -> None:
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


def _line(s: Slide, shape: Shape, parent: Node | None, heading: str) -> None:
    artifact(s.pen.canv, lambda: _draw_line(s, shape), "Layout")


def _draw_line(s: Slide, shape: Shape) -> None:
    canv, b, h = s.pen.canv, shape.box, s.pen.page_h
    x1, x2 = (b.x + b.w, b.x) if shape.flip[0] else (b.x, b.x + b.w)
    y1, y2 = (b.y + b.h, b.y) if shape.flip[1] else (b.y, b.y + b.h)
    color, width = shape.line or ("000000", 0.75)
    canv.saveState()
    canv.setStrokeColor(HexColor("#" + color))
    canv.setLineWidth(width)
    canv.line(x1, h - y1, x2, h - y2)
    canv.restoreState()


def _table(s: Slide, shape: Shape, parent: Node | None, heading: str) -> None:
    """Cell fills are artifacts; each cell a TH (the header row's, by column) or a TD of its row."""
    canv = s.pen.canv
    table = parent.child("Table") if parent is not None and parent is not ARTIFACT else None
    rows: dict[int, Node] = {}
    for cell in shape.cells:
        b = cell.box
        if cell.fill:
            artifact(canv, partial(_cell_fill, s, b, cell.fill), "Layout")
        node = None
        if table is not None:
            row = rows.setdefault(cell.row, table.child("TR"))
            node = row.child("TH", Scope="Column") if cell.row < shape.header_rows else row.child("TD")
        draw_frame(s.pen, cell.text, b, node, "P" if node is None else "")


def _cell_fill(s: Slide, b, fill: str) -> None:
    s.pen.canv.setFillColor(HexColor("#" + fill))
    s.pen.canv.rect(b.x, s.pen.page_h - b.y - b.h, b.w, b.h, stroke=0, fill=1)


def _figure(parent: Node | None, shape: Shape) -> Node | None:
    """A picture or chart with its alt text a Figure; one the deck marks as without (decorative) an artifact."""
    if parent is None or parent is ARTIFACT:
        return parent
    return parent.child("Figure", Alt=shape.alt) if shape.alt.strip() else ARTIFACT


def _picture(s: Slide, shape: Shape, parent: Node | None, heading: str) -> None:
    if shape.image is None:
        return
    b, image = shape.box, shape.image
    drawing(s.pen.canv, _figure(parent, shape), lambda: s.pen.canv.drawImage(
        ImageReader(io.BytesIO(image)), b.x, s.pen.page_h - b.y - b.h, b.w, b.h, mask="auto"))


def _chart(s: Slide, shape: Shape, parent: Node | None, heading: str) -> None:
    """The brief's drawing of the chart the frame is named after, as wide as the frame and no taller."""
    figure = s.charts.get(shape.name)
    if figure is None:
        return
    b = shape.box
    if shape.chart_kind:  # the kind the deck drew, so the two show the same chart
        figure = replace(figure, kind=shape.chart_kind)
    chart = chart_drawing(figure, b.w, s.chart_style, max_height=b.h, height=b.h, fixed_kind=True)
    x = b.x + (b.w - chart.width) / 2
    y = s.pen.page_h - b.y - b.h + (b.h - chart.height) / 2
    drawing(s.pen.canv, _figure(parent, shape), lambda: renderPDF.draw(chart, s.pen.canv, x, y))


DRAW = {"rect": _area, "oval": _area, "line": _line, "table": _table, "picture": _picture, "chart": _chart}
