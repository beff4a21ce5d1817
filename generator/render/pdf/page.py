"""The page: frame from the theme's margins, running header from page 2, footer with "n / N" and date,
document metadata (Info, /Lang) and a fixed build date for byte-identical rebuilds.

What is only known once layout ends (the page total, the page of each heading in the contents) is drawn
as a named form XObject where it belongs and defined by ``BriefTemplate.define_forms`` before saving."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from functools import partial

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, PageTemplate
from reportlab.platypus.doctemplate import ActionFlowable

from ...localize.document import plain
from .context import Ctx
from .figures import shrink_to_fit, split_to_fit
from .flowables import HeadingKeeper
from .notes import LateNotes, NoteFrame
from .paragraph import Paragraph
from .structure import Meta, finish
from .tagging import Tagger, artifact, drawing, tagged_canvas_class


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


FLOAT_GAP = 1 / 6  # of the frame's height: a smaller gap above the page's foot is left, the figure not floated


def _movable(flowable) -> bool:
    """Text that may fill the gap a waiting figure leaves: not a page or template change, not the notes."""
    return not isinstance(flowable, (ActionFlowable, LateNotes))


def _kept_heads(flowables: list) -> int:
    """How many flowables (headings, a rule, a section's summary) keep with a floating figure right after
    them: 0 when the first is the figure, or when the chain of ``keepWithNext`` ends elsewhere."""
    heads = 0
    while heads < len(flowables) and not getattr(flowables[heads], "_float", 0):
        if not getattr(flowables[heads], "keepWithNext", 0) or not _movable(flowables[heads]):
            return 0
        heads += 1
    return heads


class BriefTemplate(BaseDocTemplate):
    """A4/letter pages: 'first' (the cover: no header) then 'later' (running header)."""

    def __init__(self, out: io.BytesIO, ctx: Ctx):
        meta, doc = ctx.doc.meta, ctx.doc
        super().__init__(
            out, pagesize=ctx.pagesize,
            leftMargin=ctx.left, rightMargin=ctx.right, topMargin=ctx.top, bottomMargin=ctx.bottom,
            title=meta.title, author=meta.author, subject=meta.subtitle,
            keywords=", ".join(meta.keywords), creator=doc.generator, lang=doc.language_tag,
            invariant=1, displayDocTitle=1, pageCompression=1, initialFontName=ctx.fonts.main.name,
        )
        self.ctx = ctx
        self.footed: list[int] = []  # pages whose footer shows its "n / N" form
        self.keepTogetherClass = HeadingKeeper  # headings keep with a paragraph's first lines, not all of it
        self.masthead = Masthead(ctx)
        cover_top = max(ctx.top, self.masthead.height + MASTHEAD_GAP)  # the cover's text starts below it
        self.frames = {name: self._frame(name, top) for name, top in (("first", cover_top), ("later", ctx.top))}
        self.addPageTemplates([
            PageTemplate("first", [self.frames["first"]], onPage=self._first_page, onPageEnd=self._page_end),
            PageTemplate("later", [self.frames["later"]], onPage=self._later_page, onPageEnd=self._page_end),
        ])

    def handle_flowable(self, flowables):
        self._float_figure(flowables)
        super().handle_flowable(flowables)

    def _float_figure(self, flowables: list) -> None:
        """A figure that does not fit what is left of the page is set a little smaller to fit it (a chart, an
        image), or runs on over the page break (a long timeline), or else waits for the next page while the
        text after it fills the gap (it never comes before the text that
        mentions it: only later text moves up).

        A figure's first flowable carries ``_float``: how many flowables the figure is (figures.py)."""
        deferred = getattr(self, "_deferred", None)
        if deferred is not None:
            group, page = deferred
            if self.page > page:  # a new page: the waiting figure goes first …
                self._deferred = None
                at = next((i for i, f in enumerate(flowables) if f is group[0]), 0)
                # … after what already waited once (the rest of a paragraph split at the last page's foot):
                # reportlab refuses a flowable postponed twice (LayoutError), and it is read before the figure
                lead = 0
                while lead < at and getattr(flowables[lead], "_postponed", False):
                    lead += 1
                flowables[:] = (flowables[:lead] + flowables[at:at + len(group)] + flowables[lead:at]
                                + flowables[at + len(group):])
            return
        heads = _kept_heads(flowables)
        count = getattr(flowables[heads], "_float", 0) if heads < len(flowables) else 0
        if not count:
            return
        frame = self.frame
        room = frame._y - frame._y1p
        group = flowables[heads:heads + count]
        # the notes the figure cites (a timeline's events, say) take the page's foot with it; None: more
        # than this page may give them
        notes = frame.notes_height(flowables[:heads + count])
        kept = sum(f.wrap(frame._aW, room)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables[:heads])
        height = kept + (room if notes is None else notes) + sum(
            f.wrap(frame._aW, room)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in group)
        if height <= room or room < frame._aH * FLOAT_GAP:
            return
        if notes is not None and (shrink_to_fit(group, height - room + 0.5)
                                  or split_to_fit(group, room - kept - notes, frame._aW)):
            return
        if heads:
            return  # headings kept with the figure: it may not float past the text that follows them
        end = count
        while end < len(flowables) and not getattr(flowables[end], "_float", 0) and _movable(flowables[end]):
            end += 1
        if end > count:
            flowables[:end] = flowables[count:end] + group
            self._deferred = (group, self.page)

    def _frame(self, name: str, top: float) -> NoteFrame:
        ctx = self.ctx
        return NoteFrame(ctx.left, ctx.bottom, ctx.frame_width, ctx.pagesize[1] - top - ctx.bottom, leftPadding=0,
                         rightPadding=0, topPadding=0, bottomPadding=0, id=name, notes=ctx.notes,
                         style=ctx.styles.footnote, rule_color=ctx.c("muted"), endnotes=ctx.endnotes)

    def _page_end(self, canv: Canvas, doc) -> None:
        doc.pageTemplate.frames[0].draw_notes(canv)

    def _first_page(self, canv: Canvas, _doc) -> None:
        canv.showOutline()  # open the bookmarks pane
        self.masthead.draw(canv)
        self._footer(canv)

    def _later_page(self, canv: Canvas, _doc) -> None:
        artifact(canv, lambda: self._running_head(canv), "Pagination")
        self._footer(canv)

    def _running_head(self, canv: Canvas) -> None:
        ctx = self.ctx
        width, height = ctx.pagesize
        y = height - ctx.top + 7 * mm
        self._line(canv, ctx.mark.text(ctx.doc.meta.short_title), ctx.styles.running, y)
        canv.saveState()
        canv.setStrokeColor(ctx.c("light"))
        canv.setLineWidth(0.6)
        canv.line(ctx.left, y - 2.2 * mm, width - ctx.right, y - 2.2 * mm)
        canv.restoreState()

    def _footer(self, canv: Canvas) -> None:
        """The date and "n / N" at the foot of every page: pagination artifacts, as the running head."""
        artifact(canv, lambda: self._draw_footer(canv), "Pagination")

    def _draw_footer(self, canv: Canvas) -> None:
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


MASTHEAD_GAP = 14 * mm  # between the masthead and the cover's title


class Masthead:
    """The cover's band, as a publication's: the series (or the publisher) and the publisher under it on the
    left, the issue's number and date on the right, the theme's logo before the series, in the primary
    colour across the page with an accent rule under it."""

    def __init__(self, ctx: Ctx):
        self.ctx = ctx
        doc, theme, st = ctx.doc, ctx.theme, ctx.styles
        meta = doc.meta
        theme_series = theme.per_language(theme.brief.series, doc.lang) if theme.brief.series else ""
        self.series = meta.series or theme_series or meta.organisation or meta.title
        self.under = meta.organisation if self.series != meta.organisation else ""
        self.issue = [x for x in (meta.number, meta.date_text) if x]
        self.logo = theme.brief.logo
        on_primary = HexColor("#" + theme.colors["on_primary"])
        self.big = ParagraphStyle("masthead", parent=st.body, fontSize=st.h2.fontSize, leading=st.h2.fontSize * 1.3,
                                  textColor=on_primary, spaceAfter=0)
        self.small = ParagraphStyle("masthead-small", parent=st.running, textColor=on_primary)
        self.small_right = ParagraphStyle("masthead-right", parent=self.small, alignment=TA_RIGHT)
        self.height = 30 * mm

    def draw(self, canv: Canvas) -> None:
        """The band and its rule are artifacts; the series, the publisher and the issue are the first
        paragraphs of the document, and the logo a figure named after the series."""
        ctx = self.ctx
        width, height = ctx.pagesize
        bottom = height - self.height

        def band() -> None:
            canv.saveState()
            canv.setFillColor(ctx.c("primary"))
            canv.rect(0, bottom, width, self.height, stroke=0, fill=1)
            canv.setFillColor(ctx.c("accent"))
            canv.rect(0, bottom - 1.6, width, 1.6, stroke=0, fill=1)
            canv.restoreState()

        artifact(canv, band, "Layout")
        left, text_left = ctx.left, ctx.left
        root = ctx.root
        if self.logo is not None:
            drawn: list[float] = []
            drawing(canv, root.child("Figure", Alt=self.series),
                    lambda: drawn.append(self._draw_logo(canv, left, bottom)))
            text_left += drawn[0] + 5 * mm
        column = (width - ctx.right - text_left) * 0.62
        mark = ctx.mark
        y = bottom + self.height * 0.5
        drawing(canv, root.child("P"),
                lambda: self._para(canv, mark.text(self.series, bold=True), self.big, text_left, y, column))
        if self.under:
            drawing(canv, root.child("P"), lambda: self._para(canv, mark.text(self.under), self.small, text_left, y,
                                                              column, below=True))
        right_width = width - ctx.right - text_left - column
        for index, line in enumerate(self.issue):
            drawing(canv, root.child("P"), partial(self._para, canv, mark.text(line, bold=index == 0),
                                                   self.small_right, width - ctx.right - right_width, y,
                                                   right_width, below=index > 0))

    def _draw_logo(self, canv: Canvas, x: float, bottom: float) -> float:
        """The logo at most 16 mm high and 40 mm wide, centred in the band; returns its drawn width."""
        reader = ImageReader(str(self.logo))
        w, h = reader.getSize()
        scale = min(16 * mm / h, 40 * mm / w)
        canv.drawImage(reader, x, bottom + (self.height - h * scale) / 2, w * scale, h * scale, mask="auto")
        return w * scale

    @staticmethod
    def _para(canv: Canvas, markup: str, style, x: float, y: float, width: float, *, below: bool = False) -> None:
        """A line whose baseline box sits on ``y`` (or hangs from it, ``below``)."""
        para = Paragraph(markup, style)
        _, h = para.wrap(width, style.leading * 3)
        para.drawOn(canv, x, y - h - 1.5 if below else y + 1.5)


def footer_form(page: int) -> str:
    return f"footer-page-{page}"


def build(ctx: Ctx, story: list) -> bytes:
    """Lay out ``story`` once on a tagging canvas; return the PDF with its structure tree."""
    out = io.BytesIO()
    template = BriefTemplate(out, ctx)
    tagger = Tagger(ctx.doc.script_languages, describer(ctx), root=ctx.root)
    canvas = tagged_canvas_class(canvas_maker(ctx.doc.clock, before_save=template.define_forms), tagger)
    template.build(story, canvasmaker=canvas)
    return finish(out.getvalue(), tagger, pdf_meta(ctx.doc))


def pdf_meta(doc) -> Meta:
    meta = doc.meta
    return Meta(title=meta.title, author=meta.organisation, subject=meta.subtitle, lang=doc.language_tag,
                clock=doc.clock, producer=doc.generator)


def describer(ctx: Ctx):
    """What a link's annotation says it does: the heading it leads to, the note or reference it
    points at, or the address it opens."""
    titles = {f"s-{s.id}": f"{ctx.doc.label('section', n=s.number)}. {plain(s.title)}" for s in ctx.doc.sections}
    titles |= {f"i-{s.id}-{i.id}": f"{i.number} {plain(i.title)}" for s in ctx.doc.sections for i in s.items}
    titles |= {key: ctx.doc.label(key) for key in ("notes", "references", "glossary")}

    def describe(kind: str, target: str) -> str:
        if kind == "url":
            return target
        if target.startswith("fn-"):
            return ctx.doc.label("footnote_link", n=target[3:])
        if target.startswith("ref-"):
            return ctx.doc.label("reference_link", n=target[4:])
        return titles.get(target, target)

    return describe
