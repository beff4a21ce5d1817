"""duopress from Python: build, check and lay out decks without the command line (see docs/api.md).

These names are re-exported by ``generator`` itself. No sub-package is called ``build`` or ``check``, so
``generator.build`` is always this function and never shadows a module (it did once).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .errors import DuopressError, Level, Problem
from .pipeline.request import ArtifactResult, BuildRequest, BuildResult, names, select
from .render.renderer import RenderOptions


def build(outline: Path | str, *, langs=None, formats=None, out: Path | str = "output", notes: str = "own",
          paper: str = "A4", theme: Path | str | None = None, template: Path | str | None = None,
          force: bool = False, on_artifact: Callable[[ArtifactResult], None] | None = None) -> BuildResult:
    """Build every requested language × format of ``outline`` into ``out``; skip what is up to date.

    ``langs`` and ``formats``: lists or comma-separated strings (None: all declared, the default formats).
    Raises DuopressError (located problems in the outline) or UsageError (bad arguments).
    """
    from .pipeline.run import run

    request = BuildRequest(
        outline=Path(outline), out=Path(out), langs=names(langs, "language"), formats=names(formats, "format"),
        theme=Path(theme) if theme else None, force=force,
        options=RenderOptions(notes=notes, paper=paper, template=Path(template) if template else None))
    return run(request, on_artifact)


def check(outline: Path | str, *, theme: Path | str | None = None, stale: bool = True) -> list[Problem]:
    """Every problem of ``outline`` (errors and warnings), translations gone stale since the last
    ``duopress accept`` included; raises DuopressError only if it cannot be read."""
    from .checks.stale import lock_path_for, stale_problems
    from .style.theme_file import load_theme

    model, problems = load_and_check(Path(outline), load_theme(Path(theme) if theme else None))
    if stale and model is not None:
        problems = problems + stale_problems(model, lock_path_for(outline))
    return problems


def load_and_check(path: Path, theme) -> tuple:
    """The outline (None if unreadable) and every problem: loading, then whole-outline checks."""
    from .checks.outline import check_outline, language_problems
    from .outline.loader import read_outline

    model, problems = read_outline(path)
    if model is not None:
        problems = problems + check_outline(model, theme) + language_problems(model)
    return model, problems


def deck_fit(outline: Path | str, *, theme: Path | str | None = None, template: Path | str | None = None,
             langs=None) -> dict[str, list]:
    """Per language, the fit of every text frame of the deck, as the renderer lays it out.

    An outline with errors cannot be laid out: call ``check`` first.
    """
    from .pipeline.run import Session
    from .render.pptx.renderer import check_options, fit_report
    from .style.theme_file import load_theme
    from .version import __version__

    the_theme = load_theme(Path(theme) if theme else None)
    check_options(RenderOptions(template=Path(template) if template else None), the_theme)
    model, problems = load_and_check(Path(outline), the_theme)
    if model is None or any(p.is_error for p in problems):
        raise DuopressError(problems)
    session = Session(model, the_theme, BuildRequest(Path(outline)), f"duopress {__version__}")
    return {lang: fit_report(session.localize(lang), the_theme, template=Path(template) if template else None)
            for lang in select(names(langs, "language"), model.languages, "language")}


def fit_problems(fits: dict[str, list]) -> list[Problem]:
    """The decks' problems: a frame that does not fit even at the minimum size is an error located at its
    item; the warnings met laying the deck out (a ``layout`` its item does not suit) follow."""
    from .render.pptx.fit import overflow_problem

    found = [overflow_problem(entry.where, entry.slide, lang, f"the {entry.frame} text does not fit its box "
                                                              f"even at {entry.min_pt:g}pt")
             for lang, entries in fits.items() for entry in entries if entry.status == "overflow"]
    for entries in fits.values():
        found += [w for w in getattr(entries, "warnings", []) if w not in found]
    return found


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
           "ArtifactResult", "BuildRequest", "RenderOptions", "DuopressError", "Level"]
