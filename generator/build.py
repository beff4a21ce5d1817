"""load → check → for each language × format: localize → render → write, rebuilding only what changed.

Reads top to bottom: ``build`` takes the lock, tries the no-op fast path (nothing parsed, no renderer
imported), else loads and checks the outline and walks the artifacts, each rebuilt only when what it
shows changed or its file is not the one duopress wrote.
"""

from __future__ import annotations

import importlib
import os
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import resources
from .errors import DuopressError, Level, Problem, Span, UsageError
from .fingerprint import FileHashes, artifact_digest, input_digest, sha256_file
from .lock import build_lock
from .manifest import Entry, Manifest
from .output import atomic_write, remove_stale_temps

FORMATS = ("pptx", "pdf")
RENDERERS = {"pptx": "generator.render.pptx", "pdf": "generator.render.pdf"}
PAPERS = ("A4", "letter")
NOTES = ("own", "both")
FORMAT_OPTIONS = {"pptx": ("notes", "template"), "pdf": ("paper",)}  # the options each format depends on


class RenderFailure(Exception):
    """A renderer's exception, reduced to what survives a worker process: message, kind and traceback."""

    def __init__(self, message: str, content_problem: bool = False, details: str = ""):
        super().__init__(message, content_problem, details)
        self.message, self.content_problem, self.details = message, content_problem, details

    def __str__(self) -> str:
        return self.message


@dataclass
class ArtifactResult:
    path: Path
    lang: str
    fmt: str
    status: str  # "built", "unchanged" or "failed"
    reason: str  # why: "new", "outline changed", "edited by hand", "forced", "up to date", or the error
    seconds: float = 0.0
    error: BaseException | None = None


@dataclass
class BuildResult:
    """What a build wrote, skipped and why, and the warnings it met on the way."""

    outline: Path
    artifacts: list[ArtifactResult] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def written(self) -> list[Path]:
        return [a.path for a in self.artifacts if a.status == "built"]

    @property
    def skipped(self) -> list[Path]:
        return [a.path for a in self.artifacts if a.status == "unchanged"]

    @property
    def failed(self) -> list[ArtifactResult]:
        return [a for a in self.artifacts if a.status == "failed"]


def build(outline: Path | str, *, langs=None, formats=None, out: Path | str = "output", notes: str = "own",
          paper: str = "A4", theme: Path | str | None = None, template: Path | str | None = None,
          force: bool = False, on_artifact: Callable[[ArtifactResult], None] | None = None) -> BuildResult:
    """Build every requested language × format of ``outline`` into ``out``; skip what is up to date.

    Raises DuopressError (located problems in the outline) or UsageError (bad arguments). A renderer that
    fails marks its artifact "failed" and the others still build.
    """
    outline_path, out_dir = Path(outline), Path(out)
    _check_options(notes, paper)
    formats = _select(formats, FORMATS, "format")
    theme_path = Path(theme) if theme else resources.theme_path()
    template_path = Path(template) if template else None
    options = {"notes": notes, "paper": paper, "template": str(template_path or "")}
    report = on_artifact or (lambda result: None)
    with build_lock(out_dir):
        remove_stale_temps(out_dir)
        manifest = Manifest.load(out_dir)
        hashes = FileHashes(manifest.files)
        inputs = _inputs(outline_path, theme_path, template_path, hashes, options)
        fast = None if force else _fast_path(outline_path, out_dir, manifest, inputs, langs, formats)
        if fast is not None:
            for result in fast.artifacts:
                report(result)
            return fast
        return _full_build(outline_path, out_dir, manifest, hashes, inputs, theme_path, template_path,
                           langs, formats, options, force, report)


def _fast_path(outline_path, out_dir, manifest, inputs, langs, formats) -> BuildResult | None:
    """Nothing read has changed and every artifact is the file duopress wrote: report, touch nothing."""
    seen = manifest.languages.get(inputs)
    if not seen:
        return None
    result = BuildResult(outline_path, warnings=[_problem(w) for w in seen.get("warnings", [])])
    for lang in _select(langs, seen["languages"], "language"):
        for fmt in formats:
            path = _target(out_dir, outline_path, lang, fmt)
            entry = manifest.artifacts.get(path.name)
            if entry is None or entry.inputs != inputs or not _is_ours(path, entry):
                return None
            result.artifacts.append(ArtifactResult(path, lang, fmt, "unchanged", "up to date"))
    return result


def _full_build(outline_path, out_dir, manifest, hashes, inputs, theme_path, template_path, langs, formats,
                options, force, report) -> BuildResult:
    """Load; plan which artifacts changed; check the outline while the workers warm up; render."""
    from . import __version__
    from .load import read_outline
    from .theme import load_theme

    the_theme = load_theme(theme_path)
    if template_path is not None and "pptx" in formats:
        _check_template(template_path, the_theme)
    model, problems = read_outline(outline_path)
    if model is None or any(p.is_error for p in problems):  # every problem at once, checks' included
        raise DuopressError(problems + (_check(model, the_theme) if model is not None else []))
    langs = _select(langs, model.languages, "language")
    plans = [_plan(model, out_dir, outline_path, manifest, hashes, theme_path, template_path, options, force, lang, fmt)
             for lang in langs for fmt in formats]
    jobs = [plan for plan in plans if plan.reason is not None]
    global _CONTEXT
    _CONTEXT = _Context(model, the_theme, options, template_path, f"duopress {__version__}", outline_path.stem)
    with _workers(jobs) as workers:
        problems = problems + _check(model, the_theme)
        if any(p.is_error for p in problems):
            raise DuopressError(problems)
        warnings = [p for p in problems if not p.is_error]
        result = BuildResult(outline_path, warnings=warnings)
        manifest.languages[inputs] = {"languages": list(model.languages), "warnings": [_record(w) for w in warnings]}
        for plan in plans:
            if plan.reason is None:
                manifest.artifacts[plan.path.name].inputs = inputs
                _finish(result, manifest, hashes, report,
                        ArtifactResult(plan.path, plan.lang, plan.fmt, "unchanged", "up to date"))
        documents = _localized(jobs)
        outcomes = workers.results(documents) if workers else _serially(jobs, documents)
        for job, outcome in outcomes:
            if outcome.status == "built":
                manifest.artifacts[job.path.name] = Entry(inputs, job.content, sha256_file(job.path))
            _finish(result, manifest, hashes, report, outcome)
    return result


def _plan(model, out_dir, outline_path, manifest, hashes, theme_path, template_path, options, force, lang,
          fmt) -> "_Job":
    """One artifact: where it goes, the digest of what it shows, and why it must be built (None: it need not)."""
    path = _target(out_dir, outline_path, lang, fmt)
    own = {key: options[key] for key in FORMAT_OPTIONS[fmt]}
    environment = _environment(hashes, theme_path, template_path if fmt == "pptx" else None, own)
    content = artifact_digest(model, lang, fmt, own, environment)
    return _Job(lang, fmt, path, _why_build(path, manifest.artifacts.get(path.name), content, force), content)


def _check(model, theme) -> list[Problem]:
    from .check import check_outline

    return check_outline(model, theme)


def _finish(result: BuildResult, manifest: Manifest, hashes: FileHashes, report, outcome: ArtifactResult) -> None:
    result.artifacts.append(outcome)
    manifest.files = hashes.cache
    manifest.save()  # after every artifact: an interrupted build loses only what it was doing
    report(outcome)


@dataclass(frozen=True)
class _Job:
    lang: str
    fmt: str
    path: Path
    reason: str | None  # None: up to date
    content: str


@dataclass(frozen=True)
class _Context:
    """What every language's artifacts are rendered from (inherited by worker processes, not pickled)."""

    model: object
    theme: object
    options: dict
    template: Path | None
    generator: str
    stem: str


_CONTEXT: _Context | None = None  # set before worker processes fork, so they inherit it


def _workers(jobs: list[_Job]):
    """Worker processes for ``jobs`` when that pays off (two cores or more), else None.

    Even one job pays: its renderer imports and its fonts are read while the outline is checked.
    """
    import contextlib

    from .workers import FormatWorkers, Work, cores

    if not jobs or cores() < 2 or os.environ.get("DUOPRESS_WORKERS") == "1" or not _can_fork():
        return contextlib.nullcontext()
    try:
        return FormatWorkers(jobs, Work(warm_up=_warm_up, accept=_accept, render=_render_safely, failed=_died))
    except OSError:  # fork refused (a process limit): build in this process
        return contextlib.nullcontext()


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _warm_up(fmt: str, jobs: list[_Job]) -> None:
    """In a format's worker, while the outline is checked: import the renderer and read the fonts."""
    from . import fonts

    context = _CONTEXT
    importlib.import_module(RENDERERS[fmt]).warm_up(context.theme)
    if fmt == "pptx":
        fonts.preload(context.theme)  # the deck measures text with them


def _localized(jobs: list[_Job]) -> dict:
    """The document of each language ``jobs`` need, made once for every format (the main process is
    free once the checks pass). A language that fails to localize is left out: each of its artifacts
    tries again in its own process and fails alone, with its traceback."""
    context, documents = _CONTEXT, {}
    for lang in dict.fromkeys(job.lang for job in jobs):
        try:
            documents[lang] = _localize(context.model, lang, context.generator, context.stem)
        except Exception:
            pass
    return documents


def _accept(documents: dict) -> None:
    """In a worker: keep the documents the build sent, for each artifact's child to inherit."""
    _DOCUMENTS.update(documents)


_DOCUMENTS: dict = {}  # language -> localized document, sent to the workers with "go"


def _serially(jobs: list[_Job], documents: dict):
    """(job, outcome) for each job, in this process."""
    _accept(documents)
    for job in jobs:
        yield job, _render_safely(job)


def _render_safely(job: _Job) -> ArtifactResult:
    """``_render_job``, any failure made the artifact's result (an OSError is the whole build's)."""
    try:
        return _render_job(job)
    except OSError:
        raise
    except Exception as exc:  # a bug outside the renderer (localizing): reported with its traceback
        failure = RenderFailure(str(exc), getattr(exc, "content_problem", False), traceback.format_exc())
        return ArtifactResult(job.path, job.lang, job.fmt, "failed", str(exc), 0.0, failure)


def _died(job: _Job, message: str) -> ArtifactResult:
    return ArtifactResult(job.path, job.lang, job.fmt, "failed", message, 0.0, RenderFailure(message))


def _render_job(job: _Job) -> ArtifactResult:
    """One artifact: its language's document (localized now if the build sent none), rendered; a
    renderer's failure becomes a picklable result."""
    context = _CONTEXT
    document = _DOCUMENTS.get(job.lang) or _localize(context.model, job.lang, context.generator, context.stem)
    return _render(document, context.theme, job.fmt, job.path, job.reason, context.options, context.template)


def _check_template(template: Path, theme) -> None:
    from .render.pptx import TemplateError, check_template

    try:
        check_template(template, theme)
    except TemplateError as exc:
        raise UsageError(str(exc)) from None


def _localize(model, lang: str, generator: str, stem: str):
    from .clock import build_clock
    from .localize import localize  # babel loads only when something is built

    return localize(model, lang, build_clock(model.meta.date.first_day()), generator, stem)


def _render(document, theme, fmt: str, path: Path, reason: str, options, template) -> ArtifactResult:
    started = time.perf_counter()
    try:
        renderer = importlib.import_module(RENDERERS[fmt])
        if fmt == "pptx":
            kwargs = {"notes": options["notes"]}
            if template is not None:
                kwargs["template"] = template
        else:
            kwargs = {"paper": options["paper"]}
        atomic_write(path, renderer.render(document, theme, **kwargs))
    except (KeyboardInterrupt, OSError):
        raise  # the command reports these; the artifact's previous file is untouched
    except Exception as exc:  # a renderer's failure costs its artifact, not the others
        failure = RenderFailure(str(exc), getattr(exc, "content_problem", False), traceback.format_exc())
        return ArtifactResult(path, document.lang, fmt, "failed", str(exc), time.perf_counter() - started, failure)
    return ArtifactResult(path, document.lang, fmt, "built", reason, time.perf_counter() - started)


def _why_build(path: Path, entry: Entry | None, content: str, force: bool) -> str | None:
    if force:
        return "forced"
    if entry is None:
        return "new"
    if not path.is_file():
        return "missing"
    if sha256_file(path) != entry.sha256:
        return "edited by hand"
    if entry.content != content:
        return "outline changed"
    return None


def _is_ours(path: Path, entry: Entry) -> bool:
    try:
        return sha256_file(path) == entry.sha256
    except OSError:
        return False


def _target(out_dir: Path, outline_path: Path, lang: str, fmt: str) -> Path:
    return out_dir / f"{outline_path.stem}.{lang}.{fmt}"


def _inputs(outline_path, theme_path, template_path, hashes, options) -> str:
    from . import __version__

    if not outline_path.is_file():
        raise UsageError(f"no outline file '{outline_path}'")
    files = [outline_path, *_environment_files(theme_path, template_path)]
    return input_digest(files, hashes, options, __version__)


def _environment_files(theme_path: Path, template_path: Path | None) -> list[Path]:
    """The theme, every font it may name and the template: what a build reads besides the outline."""
    from .theme import font_files

    if not theme_path.is_file():
        raise UsageError(f"no theme file '{theme_path}'")
    if template_path is not None and not template_path.is_file():
        raise UsageError(f"no template file '{template_path}'")
    return [theme_path, *font_files(theme_path), *([template_path] if template_path else [])]


def _environment(hashes, theme_path, template_path, options) -> str:
    """Everything an artifact depends on besides the outline: theme, fonts, its template, options, version."""
    from . import __version__

    return input_digest(_environment_files(theme_path, template_path), hashes, options, __version__)


def preload(formats=None, theme: Path | str | None = None) -> None:
    """For a long-lived process (``duopress watch``): import the renderers of ``formats``, read the
    theme's fonts and load babel now, so that the workers of every later build start warm (they are
    forked from this process and inherit all of it)."""
    from . import fonts
    from .theme import load_theme

    importlib.import_module(f"{__package__}.localize")  # babel
    the_theme = load_theme(Path(theme) if theme else resources.theme_path())
    fonts.preload(the_theme)
    for fmt in _select(formats, FORMATS, "format"):
        importlib.import_module(RENDERERS[fmt]).warm_up(the_theme)


def load_and_check(path: Path, theme) -> tuple:
    """The outline (None if unreadable) and every problem: loading, then whole-outline checks."""
    from .check import check_outline
    from .load import read_outline

    model, problems = read_outline(path)
    if model is not None:
        problems = problems + check_outline(model, theme)
    return model, problems


def check(outline: Path | str, *, theme: Path | None = None, stale: bool = True) -> list[Problem]:
    """Every problem of ``outline`` (errors and warnings), translations gone stale since the last
    ``duopress accept`` included; raises DuopressError only if it cannot be read."""
    from .stale import lock_path_for, stale_problems
    from .theme import load_theme

    model, problems = load_and_check(Path(outline), load_theme(theme))
    if stale and model is not None:
        problems = problems + stale_problems(model, lock_path_for(outline))
    return problems


def deck_fit(outline: Path | str, *, theme: Path | None = None, template: Path | None = None,
             langs=None) -> dict[str, list]:
    """Per language, the fit of every text frame of the deck, as the renderer lays it out.

    An outline with errors cannot be laid out: call ``check`` first.
    """
    from . import __version__
    from .render.pptx import fit_report
    from .theme import load_theme

    the_theme = load_theme(theme)
    model, problems = load_and_check(Path(outline), the_theme)
    if model is None or any(p.is_error for p in problems):
        raise DuopressError(problems)
    return {lang: fit_report(_localize(model, lang, f"duopress {__version__}", Path(outline).stem), the_theme,
                             template=template)
            for lang in _select(langs, model.languages, "language")}


def fit_problems(fits: dict[str, list]) -> list[Problem]:
    """A frame that does not fit even at the minimum size is an error located at its item."""
    problems = []
    for lang, entries in fits.items():
        for entry in entries:
            if entry.status == "overflow":
                problems.append(Problem(_span_of(entry.where), Level.ERROR, "deck.overflow",
                                        f"slide {entry.slide} ({lang}): the {entry.frame} text does not fit its "
                                        f"box even at {entry.min_pt:g}pt"))
    return problems


def _span_of(where: str) -> Span:
    """'outline.yaml:42:7' → Span (the renderer knows items by this string)."""
    file, _, rest = where.rpartition(":")
    file, _, line = file.rpartition(":")
    try:
        return Span(file, int(line), int(rest))
    except ValueError:
        return Span(where or "deck")


def _record(problem: Problem) -> dict:
    return {"file": problem.span.file, "line": problem.span.line, "column": problem.span.column,
            "code": problem.code, "message": problem.message, "path": problem.path}


def _problem(record: dict) -> Problem:
    span = Span(record["file"], record["line"], record["column"])
    return Problem(span, Level.WARNING, record["code"], record["message"], record["path"])


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
