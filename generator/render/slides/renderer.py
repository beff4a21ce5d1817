"""The deck as PDF: one page per slide, drawn from the pptx renderer's own slides (``deck_layout``), so the
texts, sizes, line breaks and positions are the deck's; fonts embedded as subsets, bookmarks per section
and slide, /Lang and the build clock as in the brief.
"""

from __future__ import annotations

import io

from ...errors import Problem
from ...localize.document import Document
from ...style.theme import Theme
from ..memo import Memo
from ..pdf.fonts import register
from ..pdf.page import pdf_meta
from ..pdf.structure import finish
from ..pptx.layout_export import deck_layout, keep_drawing
from ..pptx.renderer import check_options
from ..pptx.renderer import warm_up as deck_warm_up
from ..pptx.slide_layout import DeckLayout, SlideLayout
from ..renderer import Early, PageDraft, RenderOptions
from .pages import bookmark, draw_scaled, open_canvas, slide_node, slide_painter, slide_tagger

__all__ = ["render", "render_artifact", "warm_up", "check_options"]


def warm_up(theme: Theme) -> None:
    """The deck's fonts for measuring, and reportlab's for drawing."""
    deck_warm_up(theme)
    register(theme, "")


DRAFTED = 3
"""How many slides an edit may make anew and still have them drawn ahead (``early``): typing changes one
or two; more is a rebuild, which the whole PDF shows soon enough."""


def render_artifact(doc: Document, theme: Theme, options: RenderOptions, memo: Memo | None = None,
                    early: Early | None = None) -> tuple[bytes, list[Problem]]:
    """The deck it is drawn from reuses the slides (and their layouts) an edit left alone; when it left
    every slide alone, the pages are the memo's (``memo``). ``early`` gets a page for each of the first
    ``DRAFTED`` slides the edit made anew, as soon as each is built."""
    return render_slides(doc, theme, template=options.template, memo=memo, early=early)


def render(doc: Document, theme: Theme, **kwargs) -> bytes:
    return render_slides(doc, theme, **kwargs)[0]


def render_slides(doc: Document, theme: Theme, *, template=None, memo: Memo | None = None,
                  early: Early | None = None) -> tuple[bytes, list[Problem]]:
    """One page the size of a slide (960 × 540 pt for 13.333 × 7.5 in) per slide of the deck."""
    drafts = Drafts(doc, theme, early) if early is not None else None
    deck = deck_layout(doc, theme, template=template, memo=memo, drawing="slides", on_fresh=drafts)
    if deck.drawn is not None:  # every slide as when the memo's drawing was made: the same page bytes
        return deck.drawn, deck.warnings
    out = io.BytesIO()
    tagger = slide_tagger(doc)
    canv = open_canvas(out, doc, register(theme, doc.lang), (deck.width, deck.height), tagger)
    canv.showOutline()
    painter = slide_painter(doc, theme, deck, canv)
    for n, slide in enumerate(deck.slides, start=1):
        bookmark(canv, deck, n)
        draw_scaled(painter, slide, 0, 0, 1.0, *slide_node(tagger, n))
        canv.showPage()
    canv.save()
    data = finish(out.getvalue(), tagger, pdf_meta(doc))
    keep_drawing(memo, deck, data)
    return data, deck.warnings


class Drafts:
    """Draws each slide an edit made anew on a page of its own, as the slides PDF will draw it, and hands
    it to ``early`` at once (the first ``DRAFTED`` only). The page is untagged and subsets its fonts alone:
    the same pixels as the PDF's page, not the same bytes."""

    def __init__(self, doc: Document, theme: Theme, early: Early):
        self.doc, self.theme, self.early = doc, theme, early
        self.left = DRAFTED

    def __call__(self, slide: SlideLayout, index: int, total: int, size: tuple[float, float]) -> None:
        if self.left <= 0:
            return
        self.left -= 1
        self.early(PageDraft(index, total, self.page(slide, index, size)))

    def page(self, slide: SlideLayout, index: int, size: tuple[float, float]) -> bytes:
        out = io.BytesIO()
        tagger = slide_tagger(self.doc)
        canv = open_canvas(out, self.doc, register(self.theme, self.doc.lang), size, tagger)
        deck = DeckLayout(size[0], size[1], (slide,))
        draw_scaled(slide_painter(self.doc, self.theme, deck, canv), slide, 0, 0, 1.0,
                    *slide_node(tagger, index + 1))
        canv.showPage()
        canv.save()
        return out.getvalue()
