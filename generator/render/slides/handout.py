"""The handout: on A4 (or letter) pages, the slides drawn small with their speaker notes.

Why this layout: a talk with substantial notes is half in the notes; the slide is the picture, the notes
the argument. The compact layout (the default) sets each slide at half the page's width with its notes
beside it and running on under it, so two to four slides share a page; slides without notes take only
their picture's room, two side by side. A deck whose notes are long essays (LONG_NOTES) gets PowerPoint's
"Notes Pages" instead, a slide above its notes on each page; ``layout="one"`` asks for that always. The
slide is the slides PDF's own drawing, scaled; notes that run long continue on the next page.
"""

from __future__ import annotations

import io
from functools import partial

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, PageBreak, PageTemplate, Spacer

from ...errors import Problem
from ...localize.document import Document
from ...style.theme import Theme
from ..memo import Memo
from ..pdf.context import page_size
from ..pdf.fonts import register
from ..pdf.markup import Marker
from ..pdf.page import canvas_maker, pdf_meta
from ..pdf.paragraph import Paragraph
from ..pdf.structure import finish
from ..pdf.styles import hex_of, make_styles
from ..pdf.tagging import Node, TagFrame, Tagger, artifact, drawing, node_of, tag, tagged_canvas_class
from ..pptx.layout_export import deck_layout, keep_drawing
from ..pptx.renderer import check_options
from ..pptx.slide_layout import DeckLayout
from ..renderer import RenderOptions
from .pages import Slide, bookmark, draw_scaled, slide_node, slide_painter, slide_tagger
from .renderer import warm_up

__all__ = ["render", "render_artifact", "warm_up", "check_options"]

MARGIN = 18 * mm
GAP = 7 * mm


class SlideFlowable(Flowable):
    """Slide ``n`` of the deck, as wide as the frame, with a hairline border and its bookmark."""

    def __init__(self, deck: DeckLayout, n: int, width: float, painter_for, sect: Node, heading: str):
        super().__init__()
        self.deck, self.n, self.width = deck, n, width
        self.sect, self.heading = sect, heading  # the slide's part of the tree (its notes follow in it)
        self.height = width * deck.height / deck.width
        self._painter_for = painter_for

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        canv = self.canv
        bookmark(canv, self.deck, self.n)
        draw_scaled(self._painter_for(canv), self.deck.slides[self.n - 1], 0, 0, self.width / self.deck.width,
                    self.sect, self.heading)
        artifact(canv, self._border, "Layout")

    def _border(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(HexColor("#BFC7D1"))
        canv.setLineWidth(0.5)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canv.restoreState()


def render_artifact(doc: Document, theme: Theme, options: RenderOptions,
                    memo: Memo | None = None) -> tuple[bytes, list[Problem]]:
    """Drawn whole each time; the deck it is drawn from reuses the slides the edit left alone (``memo``)."""
    return render_handout(doc, theme, paper=options.paper_for(theme), notes=options.notes,
                          template=options.template, memo=memo, layout=options.handout)


def render(doc: Document, theme: Theme, **kwargs) -> bytes:
    return render_handout(doc, theme, **kwargs)[0]


LAYOUTS = ("auto", "compact", "one")
LONG_NOTES = 1500  # characters: a deck whose slides with notes carry more than this (median) reads as notes pages


def render_handout(doc: Document, theme: Theme, *, paper: str = "A4", notes: str = "own", template=None,
                   memo: Memo | None = None, layout: str = "auto") -> tuple[bytes, list[Problem]]:
    """``layout``: "compact" (slides beside their notes, several a page), "one" (a slide a page, its notes
    under it) or "auto" (compact unless the notes are long essays)."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)} (got {layout!r})")
    pagesize = page_size(paper)
    deck = deck_layout(doc, theme, notes=notes, template=template, memo=memo,
                       drawing=f"handout\0{paper}\0{notes}\0{layout}")
    if deck.drawn is not None:  # every slide as when the memo's handout was drawn: the same bytes
        return deck.drawn, deck.warnings
    fonts = register(theme, doc.lang)
    styles = make_styles(theme, fonts, doc.lang)
    mark = Marker(fonts, accent=hex_of(theme, "accent_text"), link=hex_of(theme, "primary"))
    width, frame_height = pagesize[0] - 2 * MARGIN, pagesize[1] - 2 * MARGIN
    chosen = layout if layout != "auto" else ("one" if _long_notes(deck) else "compact")

    def lay_out(breaks: frozenset[int]) -> tuple[bytes, list[float], dict[int, int], int]:
        """The handout with a page break before the compact rows ``breaks``: its bytes, the rows' heights,
        the page each whole row was drawn on, and the page count."""
        painters: dict[int, Slide] = {}

        def painter_for(canv) -> Slide:  # one painter per canvas (platypus draws on the document's canvas)
            return painters.setdefault(id(canv), slide_painter(doc, theme, deck, canv))

        tagger: Tagger = slide_tagger(doc)
        nodes = {n: slide_node(tagger, n) for n in range(1, len(deck.slides) + 1)}  # join the tree when drawn

        def slide_at(n: int, slide_width: float) -> SlideFlowable:
            return SlideFlowable(deck, n, slide_width, painter_for, *nodes[n])

        def notes_of(n: int) -> list:
            return [tag(Paragraph(mark.text(text), styles.body), nodes[n][0].child("P"))
                    for text in deck.slides[n - 1].notes]

        drawn: dict[int, int] = {}
        rows = _compact(deck, width, slide_at, notes_of) if chosen == "compact" else []
        for index, row in enumerate(rows):
            row.__dict__.update(_index=index, _drawn=drawn)
        story = (_flow(rows, breaks) if chosen == "compact" else _one_per_page(deck, width, slide_at, notes_of))
        out = io.BytesIO()
        meta = doc.meta
        template_ = BaseDocTemplate(
            out, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
            title=meta.title, author=meta.organisation, subject=meta.subtitle, keywords=", ".join(meta.keywords),
            creator=doc.generator, lang=doc.language_tag, invariant=1, displayDocTitle=1, pageCompression=1,
            initialFontName=fonts.main.name)
        frame = TagFrame(MARGIN, MARGIN, width, frame_height, leftPadding=0, rightPadding=0,
                         topPadding=0, bottomPadding=0, id="body")
        template_.addPageTemplates([PageTemplate("page", [frame], onPage=lambda canv, _doc: canv.showOutline())])
        template_.build(story or [Spacer(1, 1)], canvasmaker=tagged_canvas_class(canvas_maker(doc.clock), tagger))
        heights = [row.wrap(width, frame_height)[1] for row in rows]
        return finish(out.getvalue(), tagger, pdf_meta(doc)), heights, drawn, template_.page

    data, heights, drawn, pages = lay_out(frozenset())
    breaks = _balanced_tail(heights, drawn, pages, frame_height)
    if breaks:
        data = lay_out(breaks)[0]
    keep_drawing(memo, deck, data)
    return data, deck.warnings


def _flow(rows: list[Flowable], breaks: frozenset[int]) -> list:
    """The compact rows with a gap between them, and a page break before each of ``breaks``."""
    story: list = []
    for index, row in enumerate(rows):
        if index in breaks:
            story.append(PageBreak())
        elif story:
            story.append(Spacer(1, GAP))
        story.append(row)
    return story


def _balanced_tail(heights: list[float], drawn: dict[int, int], pages: int, height: float) -> frozenset[int]:
    """Where a page break evens out the last two pages when the last holds a lone row of slides after a
    fuller page: the later rows of the page before move over (as many as leave the two pages even, and fit),
    so the page count stays the same. Only rows drawn whole are moved; none when the last page is not a lone
    row (or a row's notes ran on over the break)."""
    last = [i for i, page in drawn.items() if page == pages]
    before = sorted(i for i, page in drawn.items() if page == pages - 1)
    if pages < 2 or last != [len(heights) - 1] or not before or before[-1] != last[0] - 1:
        return frozenset()
    run: list[int] = []  # the rows drawn whole just before the last, in order
    for i in reversed(before):
        if i != (run[0] if run else last[0]) - 1:
            break
        run.insert(0, i)
    for moved in range((len(before) - 1) // 2, 0, -1):
        take = run[-moved:] if moved <= len(run) else []
        if take and sum(heights[i] for i in take + last) + GAP * len(take) <= height:
            return frozenset({take[0]})
    return frozenset()


def _long_notes(deck: DeckLayout) -> bool:
    lengths = sorted(sum(len(t) for t in slide.notes) for slide in deck.slides if slide.notes)
    return bool(lengths) and lengths[len(lengths) // 2] > LONG_NOTES


def _one_per_page(deck: DeckLayout, width: float, slide_at, notes_of) -> list:
    story: list = []
    for n in range(1, len(deck.slides) + 1):
        story += [slide_at(n, width), Spacer(1, GAP), *notes_of(n)]
        if n < len(deck.slides):
            story.append(PageBreak())
    return story


def _compact(deck: DeckLayout, width: float, slide_at, notes_of) -> list[Flowable]:
    """The rows of the compact layout: each slide with notes at half the width, its notes beside it and on
    under it; slides without notes in pairs, side by side."""
    half = (width - GAP) / 2
    rows: list[Flowable] = []
    bare: list[int] = []

    def flush() -> None:
        rows.extend(Pair([slide_at(n, half) for n in bare[i:i + 2]], GAP) for i in range(0, len(bare), 2))
        bare.clear()

    for n in range(1, len(deck.slides) + 1):
        notes = notes_of(n)
        if not notes:
            bare.append(n)
            continue
        flush()
        rows.append(Beside(slide_at(n, half), notes, GAP))
    flush()
    return rows


def _record(row: Flowable) -> None:
    """Note the page a compact row is drawn on (a part split off a row carries no index: not drawn whole)."""
    if "_drawn" in row.__dict__:
        row.__dict__["_drawn"][row.__dict__["_index"]] = row.canv.getPageNumber()


class Pair(Flowable):
    """One or two slides side by side (slides without notes take only their pictures' room)."""

    def __init__(self, slides: list[SlideFlowable], gap: float):
        super().__init__()
        self.slides, self.gap = slides, gap
        self.height = max(s.height for s in slides)
        self.width = sum(s.width for s in slides) + gap * (len(slides) - 1)

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        _record(self)
        x = 0.0
        for slide in self.slides:
            slide.drawOn(self.canv, x, self.height - slide.height)
            x += slide.width + self.gap


class Beside(Flowable):
    """A slide with its notes beside it; notes too long for the page run on under it, at full width."""

    def __init__(self, picture: SlideFlowable, notes: list, gap: float):
        super().__init__()
        self.picture, self.notes, self.gap = picture, notes, gap
        self.width, self.height, self._column = picture.width, picture.height, 0.0

    def wrap(self, avail_width, avail_height):
        self._column = avail_width - self.picture.width - self.gap
        self.width = avail_width
        self.height = max(self.picture.height, sum(p.wrap(self._column, avail_height)[1] for p in self.notes))
        return self.width, self.height

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        if self.height <= avail_height:
            return [self]
        if self.picture.height > avail_height:
            return []  # the slide itself does not fit: the next page
        kept, room = [], avail_height
        for i, para in enumerate(self.notes):
            h = para.wrap(self._column, room)[1]
            if h <= room:
                kept.append(para)
                room -= h
                continue
            parts = [tag(part, node_of(para)) for part in para.split(self._column, room)] or [None, para]
            head, rest = (parts[0], parts[1:]) if len(parts) > 1 else (None, parts)  # a part stays its note's P
            return [Beside(self.picture, kept + ([head] if head else []), self.gap), *rest, *self.notes[i + 1:]]
        return [self]

    def draw(self):
        _record(self)
        self.picture.drawOn(self.canv, 0, self.height - self.picture.height)
        y = self.height
        x = self.picture.width + self.gap
        for para in self.notes:
            h = para.wrap(self._column, y)[1]
            y -= h
            drawing(self.canv, node_of(para), partial(para.drawOn, self.canv, x, y))
