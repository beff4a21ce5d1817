"""duopress from Python: build, check and lay out decks without the command line (see docs/api.md).

These names are re-exported by ``generator`` itself. No sub-package is called ``build`` or ``check``, so
``generator.build`` is always this function and never shadows a module (it did once).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .errors import DuopressError, Level, Problem, Span
from .pipeline.request import ArtifactResult, BuildRequest, BuildResult, names, select
from .render.renderer import RenderOptions


def build(outline: Path | str, *, langs=None, formats=None, out: Path | str = "output", notes: str = "own",
          paper: str | None = None, theme: Path | str | None = None, template: Path | str | None = None,
          force: bool = False, handout: str = "auto",
          on_artifact: Callable[[ArtifactResult], None] | None = None) -> BuildResult:
    """Build every requested language × format of ``outline`` into ``out``; skip what is up to date.

    ``langs`` and ``formats``: lists or comma-separated strings (None: all declared, the default formats).
    Raises DuopressError (located problems in the outline) or UsageError (bad arguments).
    """
    from .pipeline.run import run

    request = BuildRequest(
        outline=Path(outline), out=Path(out), langs=names(langs, "language"), formats=names(formats, "format"),
        theme=Path(theme) if theme else None, force=force,
        options=RenderOptions(notes=notes, paper=paper, template=Path(template) if template else None,
                              handout=handout))
    return run(request, on_artifact)


def check(outline: Path | str, *, theme: Path | str | None = None, stale: bool = True) -> list[Problem]:
    """Every problem of ``outline`` (errors and warnings), translations gone stale since the last
    ``duopress accept`` included; raises DuopressError only if it cannot be read."""
    return checked(outline, theme=theme, stale=stale)[2]


def checked(outline: Path | str, *, theme: Path | str | None = None, stale: bool = True) -> tuple:
    """``check``, and the outline (None if unreadable) and theme it read, for ``fits_of``: (model, theme,
    problems). ``duopress check`` reads the outline once for both."""
    from .checks.stale import lock_path_for, stale_problems
    from .style.theme_file import load_theme

    the_theme = load_theme(Path(theme) if theme else None)
    model, problems = load_and_check(Path(outline), the_theme)
    if stale and model is not None:
        problems = problems + stale_problems(model, lock_path_for(outline))
    return model, the_theme, problems


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
    from .style.theme_file import load_theme

    the_theme = load_theme(Path(theme) if theme else None)
    model, problems = load_and_check(Path(outline), the_theme)
    if model is None or any(p.is_error for p in problems):
        raise DuopressError(problems)
    return fits_of(model, the_theme, theme=Path(theme) if theme else None,
                   template=Path(template) if template else None, langs=langs)


def fits_of(model, the_theme, *, theme: Path | None, template: Path | None, langs=None) -> dict[str, list]:
    """``deck_fit`` of a loaded and checked outline. A deck whose digest (what it shows, the theme, the fonts,
    the template: what decides its bytes) was laid out before is read from the cache folder
    (``style/cache.py``); the others are laid out, in a process per language when there are two cores.

    The digest leaves out where things are written, which the report names (an item's file, line and
    column); the outline's path and every item's place are part of the key too, so a line added above an
    item lays the decks out again rather than report old line numbers.
    """
    import hashlib

    from .pipeline.fingerprint import FileHashes
    from .pipeline.plan import content_digest
    from .render.pptx import RENDERER as DECK
    from .style import resources

    options = RenderOptions(template=template)
    DECK.check_options(options, the_theme)
    wanted = select(names(langs, "language"), model.languages, "language")
    hashes = FileHashes()
    places = repr([str(model.path)] + [(i.span.file, i.span.line, i.span.column) for i in model.items()])
    where = hashlib.sha256(places.encode()).hexdigest()[:16]
    theme_path = theme or resources.theme_path()
    keys = {lang: f"fit-{content_digest(model, lang, DECK, options, theme_path, hashes)}-{where}.json"
            for lang in wanted}
    found: dict[str, list] = {}
    for lang in wanted:
        cached = _cached_fit(keys[lang])
        if cached is not None:
            found[lang] = cached
    for lang, fit in _lay_out(model, the_theme, template, [lang for lang in wanted if lang not in found]):
        _store_fit(keys[lang], fit)
        found[lang] = fit
    return {lang: found[lang] for lang in wanted}


def _lay_out(model, the_theme, template: Path | None, langs: list[str]) -> list[tuple[str, list]]:
    """Each language's deck laid out (overflow recorded, not raised): side by side in forked children when
    there are two languages and two cores, else here."""
    import os

    from .pipeline.run import Session
    from .pipeline.workers import cores
    from .version import __version__

    session = Session(model, the_theme, BuildRequest(Path(model.path)), f"duopress {__version__}")

    def fit(lang: str) -> list:
        from .render.pptx.renderer import fit_report

        return fit_report(session.localize(lang), the_theme, template=template)

    if len(langs) < 2 or cores() < 2 or os.environ.get("DUOPRESS_WORKERS") == "1":
        return [(lang, fit(lang)) for lang in langs]
    import multiprocessing

    fork = multiprocessing.get_context("fork")
    children = []
    for lang in langs:
        receive, send = fork.Pipe(duplex=False)
        child = fork.Process(target=_fit_child, args=(fit, lang, send), daemon=True)
        child.start()
        send.close()
        children.append((lang, receive, child))
    results = []
    for lang, receive, child in children:
        try:
            outcome = receive.recv()
        except EOFError:
            outcome = RuntimeError(f"laying out the {lang} deck: the process died")
        child.join()
        if isinstance(outcome, BaseException):
            raise outcome
        results.append((lang, outcome))
    return results


def _fit_child(fit: Callable[[str], list], lang: str, send) -> None:
    """In a forked child: the fit, or the exception, sent back as plain data (a DeckFit's warnings ride as
    an attribute, which pickling a list keeps)."""
    try:
        send.send(fit(lang))
    except Exception as exc:
        send.send(exc)


def _cached_fit(name: str) -> list | None:
    import json

    from .render.pptx.fit import DeckFit, FitEntry
    from .style import cache

    payload = cache.entry(name)
    if payload is None:
        return None
    try:
        data = json.loads(payload)
        entries = [FitEntry(**{**e, "where": Span(*e["where"]) if e["where"] else None}) for e in data["entries"]]
        warnings = [Problem(Span(*w["span"]), Level(w["level"]), w["code"], w["message"], w["path"], w["excerpt"])
                    for w in data["warnings"]]
    except (ValueError, KeyError, TypeError):  # damaged: lay the deck out again
        return None
    return DeckFit(entries, warnings)


def _store_fit(name: str, fit: list) -> None:
    import dataclasses
    import json

    from .style import cache

    entries = [{**dataclasses.asdict(e), "where": _span(e.where)} for e in fit]
    warnings = [{"span": _span(w.span), "level": w.level.value, "code": w.code, "message": w.message,
                 "path": w.path, "excerpt": w.excerpt} for w in getattr(fit, "warnings", [])]
    cache.store(name, json.dumps({"entries": entries, "warnings": warnings}, ensure_ascii=False).encode())


def _span(span: Span | None) -> list | None:
    return None if span is None else [span.file, span.line, span.column]


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
