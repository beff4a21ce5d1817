"""``duopress check`` through the pipeline: the outline's problems, then each language's deck laid out by its
renderer (the fit check), from the cache where the deck's digest was laid out before."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem
from ..render.registry import RENDERERS
from ..render.renderer import RenderOptions
from ..version import __version__
from .fingerprint import FileHashes
from .plan import content_digest
from .request import BuildRequest, names, select
from .workers import forked_map

if TYPE_CHECKING:
    from ..outline.model import Outline
    from ..render.fit import DeckFit
    from ..style.theme import Theme


@dataclass
class Checked:
    """What ``check`` found: the outline (None if unreadable), the theme, every problem and each deck's fit."""

    model: Outline | None
    theme: Theme
    problems: list[Problem]
    fits: dict[str, DeckFit] = field(default_factory=dict)


def check(outline: Path, *, theme: Path | None = None, template: Path | None = None, stale: bool = True,
          fit: bool = True, langs=None) -> Checked:
    """Every problem of ``outline``: loading, whole-outline checks, stale translations, and (when the outline
    has no errors and ``fit``) how each language's deck fits. Raises DuopressError only if it cannot be read."""
    from ..checks.fit import fit_problems
    from ..checks.stale import lock_path_for, stale_problems
    from ..style.theme_file import load_theme

    the_theme = load_theme(theme)
    model, problems = load_and_check(outline, the_theme)
    if stale and model is not None:
        problems = problems + stale_problems(model, lock_path_for(outline))
    checked = Checked(model, the_theme, problems)
    if fit and model is not None and not any(p.is_error for p in problems):
        checked.fits = fits_of(model, the_theme, theme=theme, template=template, langs=langs)
        checked.problems = problems + fit_problems(checked.fits)
    return checked


def load_and_check(path: Path, theme: Theme) -> tuple[Outline | None, list[Problem]]:
    """The outline (None if unreadable) and every problem: loading, then whole-outline checks."""
    from ..checks.outline import check_outline, language_problems
    from ..outline.loader import read_outline

    model, problems = read_outline(path)
    if model is not None:
        problems = problems + language_problems(model, theme)
        problems = problems + check_outline(model, theme, advice=not any(p.is_error for p in problems))
    return model, problems


def fits_of(model: Outline, the_theme: Theme, *, theme: Path | None, template: Path | None,
            langs=None) -> dict[str, DeckFit]:
    """Each language's deck laid out by the renderer that declares ``fits`` (overflow recorded, not raised).

    A deck whose digest (what it shows, the theme, the fonts, the template: what decides its bytes) was laid
    out before is read from the cache folder (``style/cache.py``); the others are laid out, a process per
    language when there are two cores. The digest leaves out where things are written, which the report
    names (an item's file, line and column), so the outline's path and every item's place are in the key too:
    a line added above an item lays the decks out again rather than report old line numbers.
    """
    from ..checks.fit import decode, encode
    from ..style import cache, resources

    renderer = next(r for r in RENDERERS.values() if r.fits)
    options = RenderOptions(template=template)
    renderer.check_options(options, the_theme)
    wanted = select(names(langs, "language"), model.languages, "language")
    places = repr([str(model.path)] + [(i.span.file, i.span.line, i.span.column) for i in model.items()])
    where = hashlib.sha256(places.encode()).hexdigest()[:16]
    hashes, theme_path = FileHashes(), theme or resources.theme_path()
    keys = {lang: f"fit-{content_digest(model, lang, renderer, options, theme_path, hashes)}-{where}.json"
            for lang in wanted}
    found: dict[str, DeckFit] = {}
    for lang in wanted:
        payload = cache.entry(keys[lang])
        if payload is not None and (fit := decode(payload)) is not None:
            found[lang] = fit
    from .run import Session

    session = Session(model, the_theme, BuildRequest(Path(model.path)), f"duopress {__version__}")

    def lay_out(lang: str) -> DeckFit:
        return renderer.fit(session.localize(lang), the_theme, options)

    todo = [lang for lang in wanted if lang not in found]
    for lang, fit in zip(todo, forked_map(lay_out, todo)):
        cache.store(keys[lang], encode(fit))
        found[lang] = fit
    return {lang: found[lang] for lang in wanted}
