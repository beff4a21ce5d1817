"""The printed policy brief (reportlab): embedded fonts, bookmarks, links, a table of contents.

Only the declaration lives here, so that finding the renderer costs nothing; the drawing code is in
``renderer.py`` and imported when a brief is rendered.
"""

from __future__ import annotations

from ..renderer import Renderer, Showing


def shows_item(shown: dict, item, showing: Showing) -> dict:
    """An item as the brief prints it: no speaker notes; beside prose, only its key takeaways (or, when no
    point of the outline is key, its first point)."""
    shown.pop("notes")
    if item.body:
        keep = [p for p in item.points if p.key] if showing.any_key else list(item.points[:1])
        shown["points"] = showing.canon(tuple(keep), showing.lang)
    return shown


RENDERER = Renderer(
    name="pdf", suffix="pdf", description="the brief, as PDF",
    module="generator.render.pdf.renderer", options=("paper",), shows_item=shows_item, medium="brief",
    pages="pdf",
)
