"""The PowerPoint deck (python-pptx): native, editable text, charts and tables; speaker notes.

Only the declaration lives here, so that finding the renderer costs nothing; the drawing code is in
``renderer.py`` and imported when a deck is rendered.
"""

from __future__ import annotations

from ..renderer import Renderer, Showing


def shows_item(shown: dict, item, showing: Showing) -> dict:
    """An item as the deck shows it: prose only when it has no points; notes in every language with
    ``--notes both``."""
    if item.points:
        shown.pop("body")
    if showing.options.notes == "both":
        shown["notes"] = showing.canon(item.notes, None)
    return shown


RENDERER = Renderer(
    name="pptx", suffix="pptx", description="the deck, as PowerPoint (.pptx)",
    module="generator.render.pptx.renderer", options=("notes", "template"), shows_item=shows_item,
    medium="deck", fits=True,
    checked=("template",), pages="slides",
)
