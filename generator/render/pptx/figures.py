"""A figure on a slide: caption above, the figure itself, source line below; dispatch by figure type."""

from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu, Inches

from ...document import ChartFigure, Figure, ImageFigure, Inline, Run, TableFigure, TimelineFigure
from . import _xml
from .charts import add_chart
from .context import Ctx
from .frames import Block, Box, textbox
from .table import add_table
from .timeline import add_timeline


def place(ctx: Ctx, slide, figure: Figure, box: Box, where: str) -> None:
    caption_box, rest = box.take_top(int(Inches(0.5)), int(Inches(0.1)))
    caption: Inline = (Run(f"{figure.label}   ", bold=True), *figure.title)
    _, fitted = textbox(ctx.ts, slide, caption_box, [Block(caption, color="primary", bold=True)],
                        ctx.size("sub_body_size"), ctx.size("min_size"), 1.0, MSO_ANCHOR.BOTTOM, "Caption")
    if not fitted.fits:
        ctx.warn(where, "figure caption does not fit", "deck.overflow")
    if figure.source:
        rest, source_box = rest.take_bottom(int(Inches(0.32)), int(Inches(0.08)))
        textbox(ctx.ts, slide, source_box, [Block(_source(ctx, figure.source), color="muted")],
                ctx.size("footer_size"), ctx.size("footer_size") - 2, 1.0, MSO_ANCHOR.TOP, "Source")
    if isinstance(figure, ChartFigure):
        add_chart(ctx, slide, figure, rest)
    elif isinstance(figure, TableFigure):
        add_table(ctx, slide, figure, rest, where)
    elif isinstance(figure, TimelineFigure):
        add_timeline(ctx, slide, figure, rest, where)
    elif isinstance(figure, ImageFigure):
        _add_image(ctx, slide, figure, rest)


def fits_beside_text(figure: Figure) -> bool:
    """Small figures share a slide with the points (in 60% of the width); big ones get a slide."""
    if isinstance(figure, TableFigure):
        return len(figure.header) <= 3 and len(figure.rows) <= 5
    if isinstance(figure, TimelineFigure):
        return len(figure.events) <= 4
    if isinstance(figure, ChartFigure):
        return len(figure.categories) * max(1, len(figure.series)) <= 8
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
    _xml.set_descr(pic, figure.alt)
