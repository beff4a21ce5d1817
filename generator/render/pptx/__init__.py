"""The PowerPoint renderer: a Document and a Theme in, deterministic .pptx bytes out.

``render(doc, theme)`` returns the bytes; ``render_deck`` also returns warnings (an explicit ``layout``
the content does not suit). Text that cannot fit even alone at the theme's minimum size raises
``DeckOverflow``; ``fit_report`` lists how every text frame fits, per slide, without raising.
"""

from __future__ import annotations

from pathlib import Path

from ...localize.document import Document
from ...style.theme import Theme
from .context import TemplateError
from .deck import NOTES_MODES, build, check_template
from .fit import DeckOverflow, FitEntry, fit_report

__all__ = ["render", "render_deck", "warm_up", "fit_report", "FitEntry", "DeckOverflow", "NOTES_MODES", "TemplateError",
           "check_template"]


def render(doc: Document, theme: Theme, *, notes: str = "own", template: Path | None = None) -> bytes:
    """The deck as .pptx bytes (the same bytes for the same document, theme and template)."""
    return render_deck(doc, theme, notes=notes, template=template)[0]


def warm_up(theme: Theme) -> None:
    """Nothing to prepare beyond importing this package: python-pptx loads its chart modules eagerly, and
    the fonts' widths come from ``generator.style.fonts`` (preloaded by the build)."""


def render_deck(doc: Document, theme: Theme, *, notes: str = "own",
                template: Path | None = None) -> tuple[bytes, list[str]]:
    """The deck's bytes and the warnings met while planning it."""
    ctx = build(doc, theme, notes=notes, template=template)
    return ctx.data, ctx.warnings
