"""The page: frame from the theme's margins, running header from page 2, footer with "n / N" and date,
document metadata (Info, /Lang) and a fixed build date for byte-identical rebuilds."""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from .context import Ctx


def pdf_date(clock: dt.datetime) -> str:
    """The build clock as a PDF date string, in UTC (a naive clock is taken to be UTC already)."""
    if clock.tzinfo is not None:
        clock = clock.astimezone(dt.timezone.utc)
    return clock.strftime("D:%Y%m%d%H%M%S+00'00'")


def canvas_maker(clock: dt.datetime):
    """A Canvas class whose Info dates are the build clock instead of "now" (or 2000-01-01,
    which is what reportlab's invariant mode writes)."""
    stamp = pdf_date(clock)

    class ClockCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.setDateFormatter(lambda *_ymdhms: stamp)

    return ClockCanvas


class BriefTemplate(BaseDocTemplate):
    """A4/letter pages: 'first' (the cover: no header) then 'later' (running header)."""

    def __init__(self, out: io.BytesIO, ctx: Ctx, total: int | None):
        meta, doc = ctx.doc.meta, ctx.doc
        super().__init__(
            out, pagesize=ctx.pagesize,
            leftMargin=ctx.left, rightMargin=ctx.right, topMargin=ctx.top, bottomMargin=ctx.bottom,
            title=meta.title, author=meta.organisation, subject=meta.subtitle,
            keywords=", ".join(meta.keywords), creator=doc.generator, lang=doc.language_tag,
            invariant=1, displayDocTitle=1, pageCompression=1, initialFontName=ctx.fonts.main.name,
        )
        self.ctx, self.total = ctx, total
        frame = Frame(ctx.left, ctx.bottom, ctx.frame_width, ctx.pagesize[1] - ctx.top - ctx.bottom,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([
            PageTemplate("first", [frame], onPage=self._first_page),
            PageTemplate("later", [frame], onPage=self._later_page),
        ])

    def _first_page(self, canv: Canvas, _doc) -> None:
        canv.showOutline()  # open the bookmarks pane
        ctx = self.ctx
        width, height = ctx.pagesize
        canv.saveState()
        canv.setFillColor(ctx.c("primary"))
        canv.rect(0, height - 7 * mm, width, 7 * mm, stroke=0, fill=1)
        canv.setFillColor(ctx.c("accent"))
        canv.rect(0, height - 7 * mm - 1.2, width, 1.2, stroke=0, fill=1)
        canv.restoreState()
        self._footer(canv)

    def _later_page(self, canv: Canvas, _doc) -> None:
        ctx = self.ctx
        width, height = ctx.pagesize
        y = height - ctx.top + 7 * mm
        self._line(canv, ctx.mark.text(ctx.doc.meta.short_title), ctx.styles.running, y)
        canv.saveState()
        canv.setStrokeColor(ctx.c("light"))
        canv.setLineWidth(0.6)
        canv.line(ctx.left, y - 2.2 * mm, width - ctx.right, y - 2.2 * mm)
        canv.restoreState()
        self._footer(canv)

    def _footer(self, canv: Canvas) -> None:
        ctx = self.ctx
        y = ctx.bottom - 12 * mm
        page = canv.getPageNumber()
        number = ctx.doc.label("page", n=page, total=self.total if self.total else page)
        self._line(canv, ctx.mark.text(ctx.doc.meta.date_text), ctx.styles.running, y)
        self._line(canv, ctx.mark.text(number), ctx.styles.running_right, y)

    def _line(self, canv: Canvas, markup: str, style, y: float) -> None:
        """One line of running text whose baseline-box bottom is at ``y``."""
        para = Paragraph(markup, style)
        para.wrap(self.ctx.frame_width, style.leading * 2)
        para.drawOn(canv, self.ctx.left, y)


def build(ctx: Ctx, story: list, total: int | None) -> tuple[bytes, int]:
    """Lay out ``story``; return the PDF and its page count."""
    out = io.BytesIO()
    template = BriefTemplate(out, ctx, total)
    template.build(story, canvasmaker=canvas_maker(ctx.doc.clock))
    return out.getvalue(), template.page
