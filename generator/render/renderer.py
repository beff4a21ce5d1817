"""What a renderer declares: its name, file suffix, options, warm-up, ``render`` and what it shows.

The pipeline, the fingerprints and the CLI find renderers in ``registry.RENDERERS`` and name no format
(Sphinx's builders are the model). A declaration is light: the module that draws is imported only when
an artifact of that format is rendered or warmed up, so a no-op rebuild never loads python-pptx or
reportlab.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..options import NOTES, PAPER

NOTES_MODES = NOTES.values
PAPERS = PAPER.values


@dataclass(frozen=True)
class RenderOptions:
    """Every option a renderer may take; each renderer declares which of them its bytes depend on."""

    notes: str = "own"  # the deck's speaker notes: its own language, or followed by the others ("both")
    paper: str | None = None  # the brief's and handout's paper: "A4" or "letter"; None: the theme's
    template: Path | None = None  # a .pptx whose masters and layouts the deck builds on
    handout: str = "auto"  # the handout's layout: "auto", "compact" or "one" (a slide a page)

    def problems(self) -> list[str]:
        """What is wrong with these options, as usage messages (none: usable)."""
        found = []
        if self.notes not in NOTES_MODES:
            found.append(f"--notes must be one of {', '.join(NOTES_MODES)}")
        if self.paper is not None and self.paper not in PAPERS:
            found.append(f"--paper must be one of {', '.join(PAPERS)}")
        return found

    def paper_for(self, theme) -> str:
        """The paper to draw on: the option when given (command line, duopress.toml), else the theme's
        ``brief.paper``, else A4."""
        return self.paper or theme.brief.paper or PAPER.default

    def subset(self, names: tuple[str, ...]) -> dict[str, str]:
        """The named options as strings, for digests (a file option is named here and hashed elsewhere)."""
        known = {f.name for f in fields(self)}
        return {name: "" if getattr(self, name) is None else str(getattr(self, name))
                for name in names if name in known}

    def files(self, names: tuple[str, ...]) -> list[Path]:
        """The option values among ``names`` that are files a renderer reads (a template)."""
        return [value for name in names if isinstance(value := getattr(self, name, None), Path)]


@dataclass(frozen=True)
class Showing:
    """What a renderer's projection needs besides the item: the language, the outline's shape, the options,
    and ``canon`` (model node → plain data, one language or all)."""

    lang: str
    any_key: bool  # some point of an item the artifact shows is marked `key: true`
    options: RenderOptions
    canon: Callable[[Any, str | None], Any]


ShowsItem = Callable[[dict, Any, Showing], dict]


@dataclass(frozen=True)
class PageDraft:
    """One page of an artifact, drawn ahead of the artifact (``duopress serve``: the slide an edit changed,
    shown before the whole slides PDF is drawn). Its pixels are the artifact's page's; its bytes are not
    (the artifact subsets its fonts over every page)."""

    page: int  # 0-based, among the artifact's pages
    pages: int  # how many pages the artifact has: a draft fits a sheet of that many pages only
    pdf: bytes  # a PDF of that one page


Early = Callable[[PageDraft], None]
"""Where a renderer hands its drafts, as each is drawn."""


def _shows_everything(shown: dict, item: Any, showing: Showing) -> dict:
    return shown


@dataclass(frozen=True)
class Renderer:
    """One output format: ``output/<stem>.<lang>.<suffix>``."""

    name: str  # what --format takes
    suffix: str  # the file name's last part
    description: str  # one line, for --help
    module: str  # where render_artifact() and warm_up() live, imported on first use
    options: tuple[str, ...] = ()  # the RenderOptions fields its bytes depend on
    shows_item: ShowsItem = field(default=_shows_everything)  # an item as its digest sees it
    default: bool = True  # built when no --format is given
    checked: tuple[str, ...] = ()  # options checked before any work when given (a template's layouts)
    # Layout names the bundled template has, each with a title placeholder: a theme that maps another is
    # checked against the template before any work, as a given template is (no import for the usual theme)
    bundled_layouts: frozenset[str] = frozenset()
    fits: bool = False
    """Its module's ``fit_report(document, theme, options)`` lays the artifact out with every text frame's fit
    recorded (fit.py), for the fit check."""
    medium: str | None = None
    """"deck" or "brief": the items it shows are those whose `show:` is ``both`` or this (None: every item),
    and a deck's digest covers the outline's `deck:` switches."""
    pages: str | None = None
    """How its artifact becomes page images (``duopress preview`` and ``serve``): the name of the renderer
    whose PDF shows its pages — its own when its bytes are a PDF, another's when they are not (a deck is
    shown by the slides PDF); None: it has no pages to show."""
    drafts: bool = False
    """Its module's ``render_artifact`` takes ``early`` (an ``Early``) and hands it the pages an edit changed
    as soon as each is laid out, before the artifact is finished."""

    def shows(self, item: Any) -> bool:
        """Whether the artifact shows the item at all (its `show:`); ``shows_item`` projects a shown one."""
        return self.medium is None or getattr(item, "show", "both") in ("both", self.medium)

    def implementation(self):
        return importlib.import_module(self.module)

    def warm_up(self, theme) -> None:
        """Import the drawing code and read the fonts now, in a worker, while the outline is checked."""
        self.implementation().warm_up(theme)

    def check_options(self, options: RenderOptions, theme) -> None:
        """Raise UsageError now, before the outline is read, for a given option that cannot be used."""
        given = any(getattr(options, name) is not None for name in self.checked)
        layouts = theme.deck.layouts if self.bundled_layouts else {}
        if given or not set(layouts.values()) <= self.bundled_layouts:
            self.implementation().check_options(options, theme)

    def fit(self, document, theme, options: RenderOptions):
        """Every text frame of the artifact, laid out as ``render`` lays it out (a ``fit.DeckFit``)."""
        return self.implementation().fit_report(document, theme, template=options.template)

    def render(self, document, theme, options: RenderOptions, memo=None,
               early: Early | None = None) -> tuple[bytes, list[Problem]]:
        """The artifact's bytes and the problems met drawing it (warnings; errors raise DuopressError).

        ``memo`` (memo.py): what the artifact's previous render kept, and where this one keeps its pieces.
        ``early``: where a renderer that ``drafts`` hands the pages an edit changed, ahead of the artifact.
        """
        if early is not None and self.drafts:
            return self.implementation().render_artifact(document, theme, options, memo, early=early)
        return self.implementation().render_artifact(document, theme, options, memo)
