"""The PDF policy brief: ``render(doc, theme)`` → PDF bytes (reportlab only).

Modules: fonts (TrueType registration, script runs), markup (Inline → escaped paragraph markup),
styles, charts (reportlab.graphics), figures, flowables, story (the brief's flowables) and page
(header, footer, metadata, build clock).
"""

from __future__ import annotations

from ...document import Document
from ...theme import Theme
from .context import make_context
from .fonts import register
from .page import build
from .story import build_story

__all__ = ["render", "warm_up"]


def warm_up(theme: Theme) -> None:
    """Have reportlab read the theme's fonts now (a build calls this while the outline is checked)."""
    register(theme, "")


def render(doc: Document, theme: Theme, *, paper: str = "A4") -> bytes:
    """The brief of ``doc`` as PDF bytes; ``paper`` is "A4" or "letter".

    Laid out twice: the first pass counts the pages for the "n / N" footer and finds the page of every
    heading for the table of contents. Neither changes the layout of the second pass: the footer sits
    outside the frame and the contents table has the same rows in both passes.
    """
    ctx = make_context(doc, theme, paper)
    _, pages = build(ctx, build_story(ctx), total=None)
    pdf, _ = build(ctx, build_story(ctx), total=pages)
    return pdf
