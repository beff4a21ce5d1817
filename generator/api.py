"""duopress from Python: build, check and lay out decks without the command line (see docs/api.md).

These names are re-exported by ``generator`` itself. No sub-package is called ``build`` or ``check``, so
``generator.build`` is always this function and never shadows a module (it did once).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .errors import DuopressError, Level, Problem
from .pipeline.request import ArtifactResult, BuildRequest, BuildResult, Draft, names, select
from .render.fit import DeckFit
from .render.renderer import RenderOptions


def build(outline: Path | str, *, langs=None, formats=None, out: Path | str = "output", notes: str = "own",
          paper: str | None = None, theme: Path | str | None = None, template: Path | str | None = None,
          force: bool = False, handout: str = "auto",
          on_artifact: Callable[[ArtifactResult], None] | None = None, first=None,
          on_draft: Callable[[Draft], None] | None = None) -> BuildResult:
    """Build every requested language × format of ``outline`` into ``out``; skip what is up to date.

    ``langs`` and ``formats``: lists or comma-separated strings (None: all declared, the default formats).
    ``first``: formats whose artifacts take the cores before the others' (a preview's pages, say).
    ``on_draft``: called, on another thread, with each page drawn ahead of its artifact (``Draft``: the
    slides PDF's page of a slide an edit changed), while the build goes on; a preview shows it until the
    artifact is written, and drops it if the build fails.
    Raises DuopressError (located problems in the outline) or UsageError (bad arguments).
    """
    from .pipeline.run import run

    request = BuildRequest(
        outline=Path(outline), out=Path(out), langs=names(langs, "language"), formats=names(formats, "format"),
        theme=Path(theme) if theme else None, force=force, first=names(first, "format"),
        options=RenderOptions(notes=notes, paper=paper, template=Path(template) if template else None,
                              handout=handout))
    return run(request, on_artifact, on_draft)


def check(outline: Path | str, *, theme: Path | str | None = None, stale: bool = True) -> list[Problem]:
    """Every problem of ``outline`` (errors and warnings), translations gone stale since the last
    ``duopress accept`` included; raises DuopressError only if it cannot be read. The decks' fit is
    ``deck_fit``'s (``duopress check`` runs both: ``pipeline.check.check``)."""
    from .pipeline.check import check as run_check

    return run_check(Path(outline), theme=_path(theme), stale=stale, fit=False).problems


def load_and_check(path: Path, theme) -> tuple:
    """The outline (None if unreadable) and every problem: loading, then whole-outline checks."""
    from .pipeline.check import load_and_check as load

    return load(Path(path), theme)


def deck_fit(outline: Path | str, *, theme: Path | str | None = None, template: Path | str | None = None,
             langs=None) -> dict[str, DeckFit]:
    """Per language, the fit of every text frame of the deck, as the renderer lays it out.

    An outline with errors cannot be laid out: raises DuopressError with its problems.
    """
    from .pipeline.check import check as run_check

    checked = run_check(Path(outline), theme=_path(theme), template=_path(template), stale=False, fit=False)
    if checked.model is None or any(p.is_error for p in checked.problems):
        raise DuopressError(checked.problems)
    from .pipeline.check import fits_of

    return fits_of(checked.model, checked.theme, theme=_path(theme), template=_path(template), langs=langs)


def fit_problems(fits: dict[str, DeckFit]) -> list[Problem]:
    """The decks' problems (``deck_fit``'s result): overflow errors located at their items, then the warnings
    met laying the decks out."""
    from .checks.fit import fit_problems as problems_of

    return problems_of(fits)


def _path(value: Path | str | None) -> Path | None:
    return Path(value) if value else None


def preload(formats=None, theme: Path | str | None = None) -> None:
    """For a long-lived process (``duopress watch``): import the renderers of ``formats``, read the theme's
    fonts and load babel now, so that the workers of every later build start warm (they are forked from
    this process and inherit all of it)."""
    import importlib

    from .render.registry import RENDERERS, default_formats
    from .style.theme_file import load_theme

    importlib.import_module("generator.localize.localizer")  # babel
    the_theme = load_theme(Path(theme) if theme else None)
    wanted = names(formats, "format")
    for fmt in select(wanted, tuple(RENDERERS), "format") if wanted else default_formats():
        RENDERERS[fmt].warm_up(the_theme)


__all__ = ["build", "check", "deck_fit", "fit_problems", "preload", "load_and_check", "BuildResult",
           "ArtifactResult", "Draft", "BuildRequest", "RenderOptions", "DuopressError", "Level"]
