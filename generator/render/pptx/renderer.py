"""The PowerPoint renderer: a Document and a Theme in, deterministic .pptx bytes and warnings out.

``render_artifact`` is the registry's entry; ``render_deck(doc, theme)`` returns the bytes and the
warnings (an explicit ``layout`` the content does not suit). Text that cannot fit even alone at the
theme's minimum size raises ``DeckOverflow``; ``fit_report`` lists how every text frame fits, per slide,
without raising.
"""

from __future__ import annotations

from pathlib import Path

from ...errors import Problem, UsageError
from ...localize.document import Document
from ...style import fonts
from ...style.theme import Theme
from ..fit import DeckFit, DeckOverflow, FitEntry
from ..memo import Memo
from ..renderer import RenderOptions
from .context import TemplateError
from .deck import NOTES_MODES, build, check_template, prepare

__all__ = ["render", "render_deck", "render_artifact", "warm_up", "fit_report", "FitEntry", "DeckOverflow",
           "NOTES_MODES", "TemplateError", "check_template"]


def render_artifact(doc: Document, theme: Theme, options: RenderOptions,
                    memo: Memo | None = None) -> tuple[bytes, list[Problem]]:
    return render_deck(doc, theme, notes=options.notes, template=options.template, memo=memo)


def render(doc: Document, theme: Theme, *, notes: str = "own", template: Path | None = None) -> bytes:
    """The deck as .pptx bytes (the same bytes for the same document, theme and template)."""
    return render_deck(doc, theme, notes=notes, template=template)[0]


def check_options(options: RenderOptions, theme: Theme) -> None:
    """A template that cannot be used (the bundled one included: a theme may map a layout it lacks) is a
    usage error naming every missing layout, before any work; the bundled template's answer is kept per
    mapping (opening it costs 50 ms)."""
    template = options.template
    if template is not None and not template.is_file():
        raise UsageError(f"no template file '{template}'")
    try:
        if template is None:
            _check_bundled(tuple(sorted(theme.deck.layouts.items())), theme)
        else:
            check_template(template, theme)
    except TemplateError as exc:
        raise UsageError(str(exc)) from None


_BUNDLED_OK: set[tuple] = set()  # layout mappings the bundled template was found to have


def _check_bundled(mapping: tuple, theme: Theme) -> None:
    if mapping not in _BUNDLED_OK:
        check_template(None, theme)
        _BUNDLED_OK.add(mapping)


def warm_up(theme: Theme) -> None:
    """Read the fonts the deck measures its text with (python-pptx loads its chart modules on import) and
    make the next deck's empty presentation."""
    fonts.preload_deck(theme)
    prepare(theme)


def fit_report(doc: Document, theme: Theme, *, template: Path | None = None) -> DeckFit:
    """Every text frame of ``doc``'s deck, in slide order, as the renderer lays it out (overflow recorded,
    not raised), and the warnings met on the way."""
    ctx = build(doc, theme, template=template, strict=False)
    return DeckFit(ctx.fits, ctx.warnings)


def render_deck(doc: Document, theme: Theme, *, notes: str = "own", template: Path | None = None,
                memo: Memo | None = None) -> tuple[bytes, list[Problem]]:
    """The deck's bytes and the warnings met while planning it; with a ``memo``, the slides of the
    previous render that nothing changed are reused (the same bytes as laying them out again)."""
    ctx = build(doc, theme, notes=notes, template=template, memo=memo)
    return ctx.data, ctx.warnings
