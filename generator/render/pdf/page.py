"""The page: frame from the theme's margins, running header from page 2, footer with "n / N" and date,
document metadata (Info, /Lang) and a fixed build date for byte-identical rebuilds.

What is only known once layout ends (the page total, the page of each heading in the contents) is drawn
as a named form XObject where it belongs and defined by ``BriefTemplate.define_forms`` before saving."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, PageTemplate, Paragraph

from .context import Ctx
from .notes import NoteFrame


def pdf_date(clock: dt.datetime) -> str:
    """The build clock as a PDF date string, in UTC (a naive clock is taken to be UTC already)."""
    if clock.tzinfo is not None:
        clock = clock.astimezone(dt.UTC)
    return clock.strftime("D:%Y%m%d%H%M%S+00'00'")


def canvas_maker(clock: dt.datetime, before_save: Callable[[Canvas], None] | None = None):
    """A Canvas class whose Info dates are the build clock instead of "now" (or 2000-01-01,
    which is what reportlab's invariant mode writes), and which calls ``before_save`` with itself after
    the last page and before the PDF is written."""
    stamp = pdf_date(clock)

    class ClockCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.setDateFormatter(lambda *_ymdhms: stamp)

        def save(self):
            # platypus saves the canvas as soon as the last page is done and offers no public hook in
            # between: this is the last moment to draw forms the pages referenced ahead.
            if before_save is not None:
                before_save(self)
            super().save()

    return ClockCanvas


class BriefTemplate(BaseDocTemplate):
    """A4/letter pages: 'first' (the cover: no header) then 'later' (running header)."""

    def __init__(self, out: io.BytesIO, ctx: Ctx):
        meta, doc = ctx.doc.meta, ctx.doc
        super().__init__(
            out, pagesize=ctx.pagesize,
            leftMargin=ctx.left, rightMargin=ctx.right, topMargin=ctx.top, bottomMargin=ctx.bottom,
            title=meta.title, author=meta.organisation, subject=meta.subtitle,
            keywords=", ".join(meta.keywords), creator=doc.generator, lang=doc.language_tag,
            invariant=1, displayDocTitle=1, pageCompression=1, initialFontName=ctx.fonts.main.name,
        )
        self.ctx = ctx
        self.footed: list[int] = []  # pages whose footer shows its "n / N" form
        self.body = NoteFrame(ctx.left, ctx.bottom, ctx.frame_width, ctx.frame_height, leftPadding=0,
                              rightPadding=0, topPadding=0, bottomPadding=0, id="body", notes=ctx.notes,
                              style=ctx.styles.footnote, rule_color=ctx.c("muted"), endnotes=ctx.endnotes)
        self.addPageTemplates([
            PageTemplate("first", [self.body], onPage=self._first_page, onPageEnd=self._page_end),
            PageTemplate("later", [self.body], onPage=self._later_page, onPageEnd=self._page_end),
        ])

    def _page_end(self, canv: Canvas, _doc) -> None:
        self.body.draw_notes(canv)

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
        self._line(canv, ctx.mark.text(ctx.doc.meta.date_text), ctx.styles.running, self._footer_y())
        # "n / N" needs the page total, known only after the last page: show a form defined then.
        page = canv.getPageNumber()
        canv.doForm(footer_form(page))
        self.footed.append(page)

    def define_forms(self, canv: Canvas) -> None:
        """Once layout is done: draw the page total into every footer, and each heading's page into
        the contents."""
        for page in self.footed:
            self._define_footer(canv, page, total=self.page)
        ctx = self.ctx
        for key, ref in ctx.page_refs.items():
            landed = ctx.pages.get(key)  # None: the heading was never drawn
            ref.define(canv, ctx.mark.text(str(landed)) if landed else "")

    def _define_footer(self, canv: Canvas, page: int, total: int) -> None:
        """The form of a page's "n / N": drawn where ``_footer`` would draw it, in page coordinates."""
        ctx = self.ctx
        canv.beginForm(footer_form(page))
        number = ctx.doc.label("page", n=page, total=total)
        self._line(canv, ctx.mark.text(number), ctx.styles.running_right, self._footer_y())
        canv.endForm()

    def _footer_y(self) -> float:
        return self.ctx.bottom - 12 * mm

    def _line(self, canv: Canvas, markup: str, style, y: float) -> None:
        """One line of running text whose baseline-box bottom is at ``y``."""
        para = Paragraph(markup, style)
        para.wrap(self.ctx.frame_width, style.leading * 2)
        para.drawOn(canv, self.ctx.left, y)


def footer_form(page: int) -> str:
    return f"footer-page-{page}"


def build(ctx: Ctx, story: list) -> bytes:
    """Lay out ``story`` once; return the PDF."""
    out = io.BytesIO()
    template = BriefTemplate(out, ctx)
    template.build(story, canvasmaker=canvas_maker(ctx.doc.clock, before_save=template.define_forms))
    return out.getvalue()
