"""load → check → for each language × format: localize → render → write. One screen, top to bottom."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from .check import check_outline
from .clock import build_clock
from .errors import DuopressError, Problem, UsageError
from .load import read_outline
from .output import atomic_write, remove_stale_temps
from .theme import load_theme

FORMATS = ("pptx", "pdf")
RENDERERS = {"pptx": "generator.render.pptx", "pdf": "generator.render.pdf"}
PAPERS = ("A4", "letter")
NOTES = ("own", "both")


@dataclass
class BuildResult:
    """What a build wrote, and the warnings it met on the way."""

    outline: Path
    written: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def build(outline: Path | str, *, langs=None, formats=None, out: Path | str = "output", notes: str = "own",
          paper: str = "A4", theme: Path | None = None) -> BuildResult:
    """Build every requested language × format of ``outline`` into ``out``.

    Raises DuopressError (located problems in the outline) or UsageError (bad arguments).
    """
    outline_path, out_dir = Path(outline), Path(out)
    _check_options(notes, paper)
    the_theme = load_theme(theme)
    model, problems = _load_and_check(outline_path, the_theme)
    if model is None or any(p.is_error for p in problems):
        raise DuopressError(problems)
    langs = _select(langs, model.languages, "language")
    formats = _select(formats, FORMATS, "format")
    clock = build_clock(model.meta.date.first_day())
    from . import __version__
    from .localize import localize  # babel loads only when something is built

    result = BuildResult(outline_path, warnings=[p for p in problems if not p.is_error])
    remove_stale_temps(out_dir)
    stem = outline_path.stem
    for lang in langs:
        document = localize(model, lang, clock, f"duopress {__version__}", stem)
        for fmt in formats:
            renderer = importlib.import_module(RENDERERS[fmt])
            options = {"notes": notes} if fmt == "pptx" else {"paper": paper}
            target = out_dir / f"{stem}.{lang}.{fmt}"
            atomic_write(target, renderer.render(document, the_theme, **options))
            result.written.append(target)
    return result


def check(outline: Path | str, *, theme: Path | None = None) -> list[Problem]:
    """Every problem of ``outline`` (errors and warnings); raises DuopressError only if it cannot be read."""
    return _load_and_check(Path(outline), load_theme(theme))[1]


def _load_and_check(path: Path, theme) -> tuple:
    """The outline (None if unreadable) and every problem: loading, then whole-outline checks."""
    model, problems = read_outline(path)
    if model is not None:
        problems = problems + check_outline(model, theme)
    return model, problems


def _select(requested, available, what: str) -> tuple[str, ...]:
    if not requested:
        return tuple(available)
    if isinstance(requested, str):
        requested = [part.strip() for part in requested.split(",") if part.strip()]
    unknown = [r for r in requested if r not in available]
    if unknown:
        raise UsageError(f"unknown {what} {', '.join(map(repr, unknown))}; choose from {', '.join(available)}")
    return tuple(dict.fromkeys(requested))


def _check_options(notes: str, paper: str) -> None:
    if notes not in NOTES:
        raise UsageError(f"--notes must be one of {', '.join(NOTES)}")
    if paper not in PAPERS:
        raise UsageError(f"--paper must be one of {', '.join(PAPERS)}")
