"""A figure on a slide: caption above, the figure itself, source line below; dispatch by figure type."""

from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu, Inches

from ....errors import Span
from ....localize import chartfit
from ....localize.document import ChartFigure, Figure, ImageFigure, Inline, Run, TableFigure, TimelineFigure
from ....style.chartroom import CAPTION_GAP_IN, CAPTION_IN, SOURCE_GAP_IN, SOURCE_IN, chart_room
from ..context import Ctx
from ..oxml import xml as _xml
from ..typeset.frames import EMU_PER_PT, Block, Box
from .charts import add_chart, chart_frame
from .table import add_table, rows_fit, table_fits, table_slices
from .timeline import add_timeline, timeline_fits, timeline_slices

CAPTION_H, CAPTION_GAP = int(Inches(CAPTION_IN)), int(Inches(CAPTION_GAP_IN))  # style/chartroom.py: one geometry
SOURCE_H, SOURCE_GAP = int(Inches(SOURCE_IN)), int(Inches(SOURCE_GAP_IN))


def place(ctx: Ctx, slide, figure: Figure, box: Box, where: Span | None) -> None:
    caption_box, rest = box.take_top(CAPTION_H, CAPTION_GAP)
    caption: Inline = (Run(f"{figure.label}   ", bold=True), *figure.title)
    ctx.textbox(where, "caption", slide, caption_box, [Block(caption, color="primary", bold=True)],
                ctx.deck.sub_body_size, ctx.deck.min_size, 1.0, MSO_ANCHOR.BOTTOM, "Caption")
    if figure.source:
        rest, source_box = rest.take_bottom(SOURCE_H, SOURCE_GAP)
        ctx.textbox(where, "source", slide, source_box, [Block(_source(ctx, figure.source), color="muted")],
                    ctx.deck.footer_size, ctx.deck.footer_size - 2, 1.0, MSO_ANCHOR.TOP, "Source")
    if isinstance(figure, ChartFigure):
        add_chart(ctx, slide, figure, rest, where)
    elif isinstance(figure, TableFigure):
        add_table(ctx, slide, figure, rest, where)
    elif isinstance(figure, TimelineFigure):
        add_timeline(ctx, slide, figure, rest, where)
    elif isinstance(figure, ImageFigure):
        _add_image(ctx, slide, figure, rest)


def body_box(figure: Figure, box: Box) -> Box:
    """What is left of ``box`` for the figure itself once caption and source line have their place."""
    rest = box.take_top(CAPTION_H, CAPTION_GAP)[1]
    return rest.take_bottom(SOURCE_H, SOURCE_GAP)[0] if figure.source else rest


def fits_beside_text(ctx: Ctx, figure: Figure) -> bool:
    """Small figures share a slide with the points (in 60% of the width); big ones get a slide. A chart
    shares it only where its names and labels, measured, stay legible in that box (else it grows)."""
    if isinstance(figure, TableFigure):
        return len(figure.header) <= 2 and len(figure.rows) <= 5  # wider tables need the slide
    if isinstance(figure, TimelineFigure):
        return len(figure.events) <= 4
    if isinstance(figure, ChartFigure):
        return len(figure.categories) * max(1, len(figure.series)) <= 8 and chartfit.fits_beside(
            figure, chart_room(ctx.theme))
    return True


def split(ctx: Ctx, figure: Figure, box: Box, count: int | None = None) -> list[Figure]:
    """A table's rows or a timeline's events shared evenly over slides when they do not fit one (over
    ``count`` slides, when given), set at one size (and a table with one set of column widths) across all
    of them."""
    inner = body_box(figure, box)
    if isinstance(figure, TableFigure):
        return list(table_slices(ctx, figure, inner, count))
    if isinstance(figure, TimelineFigure):
        return list(timeline_slices(ctx, figure, inner, count))
    return [figure]


def rows_under(ctx: Ctx, figure: TableFigure, box: Box, first: Box):
    """The tests a table's rows are packed with when its first slice stands in ``first`` (under the item's
    points) and the others in ``box``: (fits a later slice, fits the first)."""
    return rows_fit(ctx, figure, body_box(figure, box)), rows_fit(ctx, figure, body_box(figure, first))


def split_rows(ctx: Ctx, figure: TableFigure, box: Box, first: Box, ranges: list[tuple[int, int]]) -> list[Figure]:
    """The table in the slices ``ranges`` decided for every language, the first in ``first``."""
    return list(table_slices(ctx, figure, body_box(figure, box), ranges=ranges, first=body_box(figure, first)))


def split_in_step(views: list[tuple[Ctx, Figure, Box]]) -> list[Figure]:
    """The first view's figure split over as many slides as the language that needs the most takes (each
    language's figure in its own box)."""
    count = max(len(split(ctx, figure, box)) for ctx, figure, box in views)
    ctx, figure, box = views[0]
    return split(ctx, figure, box, count if count > 1 else None)


def fits_whole(ctx: Ctx, figure: Figure, box: Box) -> bool:
    """Whether the figure fits ``box`` on one slide (a chart or picture scales to any box of some size)."""
    inner = body_box(figure, box)
    if inner.h < int(Inches(1.6)):
        return False
    if isinstance(figure, TableFigure):
        return table_fits(ctx, figure, inner)
    if isinstance(figure, TimelineFigure):
        return timeline_fits(ctx, figure, inner)
    if isinstance(figure, ChartFigure) and figure.kind == "bar":  # its rows, measured (else it grows)
        need = chartfit.bar_height(ctx.ts.faces, chart_frame(ctx, inner), figure.categories, len(figure.series))
        return need is None or need <= inner.h / EMU_PER_PT
    return True


def _source(ctx: Ctx, source: Inline) -> Inline:
    """``출처: {text}`` with the source's own runs in place of {text}."""
    before, _, after = ctx.doc.labels["source"].partition("{text}")
    return tuple(r for r in (Run(before), *source, Run(after)) if r.text)


def _add_image(ctx: Ctx, slide, figure: ImageFigure, box: Box) -> None:
    """The picture scaled to fit the box, centred, keeping its aspect ratio."""
    pic = slide.shapes.add_picture(str(figure.path), Emu(box.x), Emu(box.y))
    scale = min(box.w / pic.width, box.h / pic.height)
    w, h = int(pic.width * scale), int(pic.height * scale)
    Box(box.x + (box.w - w) // 2, box.y + (box.h - h) // 2, w, h).place(pic)
    pic.name = figure.label
    _xml.set_descr(pic, figure.alt)
