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
from ..renderer import RenderOptions
from .pages import bookmark, draw_scaled, open_canvas, slide_node, slide_painter, slide_tagger

__all__ = ["render", "render_artifact", "warm_up", "check_options"]


def warm_up(theme: Theme) -> None:
    """The deck's fonts for measuring, and reportlab's for drawing."""
    deck_warm_up(theme)
    register(theme, "")


def render_artifact(doc: Document, theme: Theme, options: RenderOptions,
                    memo: Memo | None = None) -> tuple[bytes, list[Problem]]:
    """The deck it is drawn from reuses the slides (and their layouts) an edit left alone; when it left
    every slide alone, the pages are the memo's (``memo``)."""
    return render_slides(doc, theme, template=options.template, memo=memo)


def render(doc: Document, theme: Theme, **kwargs) -> bytes:
    return render_slides(doc, theme, **kwargs)[0]


def render_slides(doc: Document, theme: Theme, *, template=None,
                  memo: Memo | None = None) -> tuple[bytes, list[Problem]]:
    """One page the size of a slide (960 × 540 pt for 13.333 × 7.5 in) per slide of the deck."""
    deck = deck_layout(doc, theme, template=template, memo=memo, drawing="slides")
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
