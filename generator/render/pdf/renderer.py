"""The PDF policy brief: ``render(doc, theme)`` → PDF bytes (reportlab only); ``render_artifact`` is the
registry's entry.

Modules: fonts (TrueType registration, script runs), markup (Inline → escaped paragraph markup),
styles, charts (reportlab.graphics), figures, flowables, story (the brief's flowables) and page
(header, footer, metadata, build clock).
"""

from __future__ import annotations

from ...errors import Problem
from ...localize.document import Document
from ...style.theme import Theme
from ..memo import Memo
from ..renderer import RenderOptions
from .context import make_context
from .fonts import register
from .page import build
from .story import build_story

__all__ = ["render", "render_artifact", "warm_up"]


def warm_up(theme: Theme) -> None:
    """Have reportlab read the theme's fonts now (a build calls this while the outline is checked)."""
    register(theme, "")


def render_artifact(doc: Document, theme: Theme, options: RenderOptions,
                    memo: Memo | None = None) -> tuple[bytes, list[Problem]]:
    """The brief keeps nothing in ``memo``: its pages flow, so an edit can move every later line."""
    return render(doc, theme, paper=options.paper_for(theme)), []


def render(doc: Document, theme: Theme, *, paper: str = "A4") -> bytes:
    """The brief of ``doc`` as PDF bytes; ``paper`` is "A4" or "letter".

    Laid out once. Two things on the pages are only known when layout ends: the page total of the
    "n / N" footer, and the page of every heading, which the table of contents (before the headings)
    names. Each is drawn as a reference to a named PDF form XObject, in a box whose size does not
    depend on it, and the forms are defined after the last page, just before the canvas is saved
    (``page.BriefTemplate.define_forms``); the PDF resolves a form by name, so a page can show one
    that is written after it.
    """
    ctx = make_context(doc.shown_in("brief"), theme, paper)
    return build(ctx, build_story(ctx))
