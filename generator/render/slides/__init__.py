"""The deck as PDF, Python only: ``slides`` (one 16:9 page per slide) and ``handout`` (each slide above its
speaker notes, on A4 or letter), both drawn from the pptx renderer's own slides.

Only the declarations live here, so that finding the renderers costs nothing; the drawing code is in
``renderer.py`` and ``handout.py`` and imported when one of them is rendered.
"""

from __future__ import annotations

from ..pptx import BUNDLED_LAYOUTS
from ..pptx import shows_item as deck_shows_item
from ..renderer import Renderer, Showing


def shows_item(shown: dict, item, showing: Showing) -> dict:
    """An item as the slides show it: what the deck shows, less its speaker notes."""
    shown = deck_shows_item(shown, item, showing)
    shown.pop("notes", None)
    return shown


def handout_shows_item(shown: dict, item, showing: Showing) -> dict:
    """An item as the handout prints it: what the deck shows, with its notes (every language's with
    ``--notes both``)."""
    return deck_shows_item(shown, item, showing)


SLIDES = Renderer(
    name="slides", suffix="slides.pdf", description="the deck, as PDF: one page per slide",
    module="generator.render.slides.renderer", options=("template",), shows_item=shows_item, medium="deck",
    default=False, checked=("template",), bundled_layouts=BUNDLED_LAYOUTS, pages="slides", drafts=True,
)

HANDOUT = Renderer(
    name="handout", suffix="handout.pdf", description="the deck as a PDF handout: each slide above its notes",
    module="generator.render.slides.handout", options=("notes", "paper", "template", "handout"),
    shows_item=handout_shows_item, medium="deck", default=False, checked=("template",),
    bundled_layouts=BUNDLED_LAYOUTS, pages="handout",
)
