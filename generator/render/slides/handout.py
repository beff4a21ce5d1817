"""The handout: on A4 (or letter) pages, each slide drawn small above its speaker notes.

Why this layout: a talk with substantial notes is half in the notes. PowerPoint prints it as "Notes Pages"
(slide above, notes below), and that is what print shops are handed and what a policy audience reads
afterwards: the slide for the picture, the notes for the argument. Six slides to a page drop the notes,
and a slide per 16:9 page leaves no room for them. The slide is the slides PDF's own drawing, scaled;
notes that run long continue on the next page, under the same slide's bookmark.
"""

from __future__ import annotations

import io

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, Spacer

from ...errors import Problem
from ...localize.document import Document
from ...style.theme import Theme
from ..memo import Memo
from ..pdf.context import PAPERS
from ..pdf.fonts import register
from ..pdf.markup import Marker
from ..pdf.page import canvas_maker
from ..pdf.paragraph import Paragraph
from ..pdf.styles import hex_of, make_styles
from ..pptx.layout_export import DeckLayout, deck_layout
from ..pptx.renderer import check_options
from ..renderer import RenderOptions
from .pages import Slide, bookmark, draw_scaled, slide_painter
from .renderer import warm_up

__all__ = ["render", "render_artifact", "warm_up", "check_options"]

MARGIN = 18 * mm
GAP = 7 * mm


class SlideFlowable(Flowable):
    """Slide ``n`` of the deck, as wide as the frame, with a hairline border and its bookmark."""

    def __init__(self, deck: DeckLayout, n: int, width: float, painter_for):
        super().__init__()
        self.deck, self.n, self.width = deck, n, width
        self.height = width * deck.height / deck.width
        self._painter_for = painter_for

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        canv = self.canv
        bookmark(canv, self.deck, self.n)
        draw_scaled(self._painter_for(canv), self.deck.slides[self.n - 1], 0, 0, self.width / self.deck.width)
        canv.saveState()
        canv.setStrokeColor(HexColor("#BFC7D1"))
        canv.setLineWidth(0.5)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canv.restoreState()


def render_artifact(doc: Document, theme: Theme, options: RenderOptions,
                    memo: Memo | None = None) -> tuple[bytes, list[Problem]]:
    """Drawn whole each time: ``memo`` is not used."""
    return render_handout(doc, theme, paper=options.paper_for(theme), notes=options.notes,
                          template=options.template)


def render(doc: Document, theme: Theme, **kwargs) -> bytes:
    return render_handout(doc, theme, **kwargs)[0]


def render_handout(doc: Document, theme: Theme, *, paper: str = "A4", notes: str = "own",
                   template=None) -> tuple[bytes, list[Problem]]:
    try:
        pagesize = PAPERS[paper.lower()]
    except KeyError:
        raise ValueError(f"paper must be one of A4, letter (got {paper!r})") from None
    deck = deck_layout(doc, theme, notes=notes, template=template)
    fonts = register(theme, doc.lang)
    styles = make_styles(theme, fonts, doc.lang)
    mark = Marker(fonts, accent=hex_of(theme, "accent"), link=hex_of(theme, "primary"))
    painters: dict[int, Slide] = {}

    def painter_for(canv) -> Slide:  # one painter per canvas (platypus draws on the document's canvas)
        return painters.setdefault(id(canv), slide_painter(doc, theme, deck, canv))

    width = pagesize[0] - 2 * MARGIN
    story: list = []
    for n, slide in enumerate(deck.slides, start=1):
        story += [SlideFlowable(deck, n, width, painter_for), Spacer(1, GAP)]
        story += [Paragraph(mark.text(text), styles.body) for text in slide.notes]
        if n < len(deck.slides):
            story.append(PageBreak())
    out = io.BytesIO()
    meta = doc.meta
    template_ = BaseDocTemplate(
        out, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=meta.title, author=meta.organisation, subject=meta.subtitle, keywords=", ".join(meta.keywords),
        creator=doc.generator, lang=doc.language_tag, invariant=1, displayDocTitle=1, pageCompression=1,
        initialFontName=fonts.main.name)
    frame = Frame(MARGIN, MARGIN, width, pagesize[1] - 2 * MARGIN, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0, id="body")
    template_.addPageTemplates([PageTemplate("page", [frame], onPage=lambda canv, _doc: canv.showOutline())])
    template_.build(story or [Spacer(1, 1)], canvasmaker=canvas_maker(doc.clock))
    return out.getvalue(), deck.warnings
