"""load → check → for each language × format: localize → render → write, rebuilding only what changed.

``run`` reads top to bottom (WeasyPrint's ``Document._render`` is the model): take the folder's lock, try
the no-op fast path (nothing parsed, no renderer imported), else load the outline, plan which artifacts
changed, check the outline while the workers warm up, localize each language once and render.
Everything a build knows travels in a ``Session`` made for that build: no module-level state.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..clock import source_date_epoch
from ..errors import DuopressError, Problem
from ..render.memo import Memo, memo_path
from ..render.registry import RENDERERS, default_formats
from ..version import __version__
from .fingerprint import sha256_file
from .lock import build_lock
from .manifest import Entry
from .output import atomic_write, remove_stale_temps
from .plan import Inputs, Job, fast_path, image_files, plan, record_images, record_of, unchanged
from .request import ArtifactResult, BuildRequest, BuildResult, Draft, RenderFailure, select

if TYPE_CHECKING:
    from ..localize.document import Document
    from ..outline.model import Outline
    from ..render.renderer import PageDraft
    from ..style.theme import Theme
    from .workers import FormatWorkers

Report = Callable[[ArtifactResult], None]
Drafts = Callable[[Draft], None]
Early = Callable[[Job, "PageDraft"], None]  # a job's draft, as its render sent it


def run(request: BuildRequest, report: Report | None = None, drafts: Drafts | None = None) -> BuildResult:
    """Build every requested language × format of the request's outline; skip what is up to date.

    Raises DuopressError (located problems in the outline) or UsageError (bad arguments). A renderer that
    fails marks its artifact "failed" and the others still build. ``drafts`` gets the pages renderers draw
    ahead of their artifacts (``Renderer.drafts``), on another thread, as soon as each is drawn.
    """
    report = report or (lambda result: None)
    source_date_epoch()  # a bad SOURCE_DATE_EPOCH is a usage error now, not a crash in every artifact
    formats = select(request.formats, tuple(RENDERERS), "format") if request.formats else default_formats()
    with build_lock(request.out):
        remove_stale_temps(request.out)
        inputs = Inputs.read(request, formats)
        fast = None if request.force else fast_path(inputs, formats)
        if fast is not None:
            for artifact in fast.artifacts:
                report(artifact)
            return fast
        return _full_build(inputs, formats, report, _early(drafts))


def _early(drafts: Drafts | None) -> Early | None:
    if drafts is None:
        return None
    return lambda job, page: drafts(Draft(job.path, job.lang, job.fmt, page))


def _full_build(inputs: Inputs, formats: tuple[str, ...], report: Report, early: Early | None) -> BuildResult:
    """Load; plan which artifacts changed; check the outline while the workers warm up; render."""
    from ..outline.loader import read_outline
    from ..style.theme_file import load_theme

    request = inputs.request
    theme = load_theme(inputs.theme_path)
    for fmt in formats:
        RENDERERS[fmt].check_options(request.options, theme)
    model, problems = read_outline(request.outline)
    if model is None or any(p.is_error for p in problems):  # every problem at once, checks' included
        from ..checks.outline import check_outline

        raise DuopressError(problems + (check_outline(model, theme, advice=False) if model is not None else []))
    jobs = plan(model, inputs, select(request.langs, model.languages, "language"), formats)
    session = Session(model, theme, request, f"duopress {__version__}")
    todo = [job for job in jobs if job.reason]
    # In a process that has imported every renderer already (watch and serve preload them), the workers
    # are forked once the documents are made: they inherit them instead of unpickling them, and have no
    # imports to warm up meanwhile. Otherwise they are forked first and import while the build localizes.
    warm = _warm(formats)
    if warm:
        session.documents = session.localize_all({job.lang for job in todo})
    with _workers(session, todo, early, warm) as workers:
        # The checks are imported once the workers are forked (their patterns compile meanwhile): the
        # renderers' warm-up, the rebuild's critical path, starts that much sooner.
        from ..checks.outline import check_outline, language_problems

        if not warm:
            session.documents = session.localize_all({job.lang for job in todo})
        if workers is not None:  # they render while the outline is checked, and write only after
            workers.start(None if warm else session.documents)
        problems = problems + language_problems(model, theme, {j.lang for j in todo})
        problems = problems + check_outline(model, theme, advice=not any(p.is_error for p in problems))
        if any(p.is_error for p in problems):
            raise DuopressError(problems)
        result = BuildResult(request.outline, warnings=problems)
        _remember_inputs(inputs, model, problems)
        for job in jobs:
            if job.reason is None:
                inputs.manifest.artifacts[job.path.name].inputs = inputs.digest
                _finish(inputs, result, report, unchanged(job.path, job.lang, job.fmt,
                                                          inputs.manifest.artifacts[job.path.name]))
        first = inputs.request.first
        outcomes = workers.results() if workers else session.serially(
            sorted(todo, key=lambda job: job.fmt not in first), early)
        for job, outcome in outcomes:
            if outcome.status == "built":
                inputs.manifest.artifacts[job.path.name] = Entry(
                    inputs.digest, job.content, sha256_file(job.path), [record_of(p) for p in outcome.problems])
            _finish(inputs, result, report, outcome)
    return result


def _warm(formats: tuple[str, ...]) -> bool:
    """Whether this process has imported the drawing code of every format (``api.preload``)."""
    return all(RENDERERS[fmt].module in sys.modules for fmt in formats)


def _remember_inputs(inputs: Inputs, model: Outline, warnings: list[Problem]) -> None:
    inputs.manifest.languages[inputs.digest] = {
        "languages": list(model.languages), "warnings": [record_of(w) for w in warnings],
        "images": record_images(image_files(model), inputs.hashes)}


def _finish(inputs: Inputs, result: BuildResult, report: Report, outcome: ArtifactResult) -> None:
    result.artifacts.append(outcome)
    inputs.manifest.files = inputs.hashes.cache
    inputs.manifest.save()  # after every artifact: an interrupted build loses only what it was doing
    report(outcome)


@dataclass
class Session:
    """One build's context, handed to its worker processes by fork (nothing pickled): the checked model,
    the theme, the request, and the documents localized once per language in the main process."""

    model: Outline
    theme: Theme
    request: BuildRequest
    generator: str
    documents: dict[str, Document] = field(default_factory=dict)

    def localize_all(self, langs: set[str]) -> dict[str, Document]:
        """Each language's document, made once for every format. A language that fails to localize is left
        out: each of its artifacts tries again in its own process and fails alone, with its traceback."""
        from ..localize.document import in_step

        documents: dict[str, Document] = {}
        for lang in self.model.languages:  # every language: a deck is laid out in step with the others
            with contextlib.suppress(Exception):
                documents[lang] = self._localize(lang)
        return {lang: doc for lang, doc in in_step(documents).items() if lang in langs}

    def localize(self, lang: str) -> Document:
        """``lang``'s document, with the other languages' as its partners (a deck is laid out in step)."""
        from ..localize.document import in_step

        return in_step({other: self._localize(other) for other in self.model.languages})[lang]

    def _localize(self, lang: str) -> Document:
        from ..clock import build_clock
        from ..localize.localizer import localize  # babel loads only when something is built
        from ..style.chartroom import chart_room

        clock = build_clock(self.model.meta.date.first_day())
        return localize(self.model, lang, clock, self.generator, self.request.outline.stem,
                        spell_out=lang in self.theme.spell_out, room=chart_room(self.theme))

    def warm_up(self, fmt: str, jobs: list[Job]) -> None:
        """In a format's worker, while the outline is checked: import the renderer, read its fonts."""
        RENDERERS[fmt].warm_up(self.theme)

    def accept(self, documents: dict[str, Document] | None) -> None:
        """In a worker: the documents the build sent with "go", for each artifact's child to inherit (None:
        the worker was forked with them)."""
        if documents is not None:
            self.documents = documents

    def serially(self, jobs: list[Job], early: Early | None = None) -> Iterator[tuple[Job, ArtifactResult]]:
        for job in jobs:
            sent = None if early is None else (lambda page, job=job: early(job, page))
            yield job, self.render_safely(job, early=sent)

    def render_safely(self, job: Job, wait: Callable[[], None] = lambda: None,
                      early: Callable[[PageDraft], None] | None = None) -> ArtifactResult:
        """One artifact, any failure made its result (an OSError is the whole build's, raised).

        ``wait()`` returns once the artifact may be written (in a worker's child: when the outline's
        checks have passed; it never returns if they failed). ``early`` sends the pages the renderer
        draws ahead of the artifact (``Renderer.drafts``)."""
        started = time.perf_counter()
        memo = Memo(memo_path(job.path), job.environment, reuse=not self.request.force)
        try:
            document = self.documents.get(job.lang) or self.localize(job.lang)
            data, problems = job.renderer.render(document, self.theme, self.request.options, memo, early=early)
            wait()
            atomic_write(job.path, data)
            memo.save()  # after the artifact: what the next build may reuse of it
        except (KeyboardInterrupt, OSError):
            raise  # the command reports these; the artifact's previous file is untouched
        except DuopressError as exc:  # the content cannot be drawn (text that cannot fit): located
            return _failed(job, exc.problems[0].message, started, problems=tuple(exc.problems))
        except Exception as exc:  # a bug: it costs this artifact, not the others
            return _failed(job, str(exc), started, error=RenderFailure(str(exc), traceback.format_exc()))
        return ArtifactResult(job.path, job.lang, job.fmt, "built", job.reason or "", _since(started),
                              problems=tuple(problems))


def _failed(job: Job, reason: str, started: float, **details) -> ArtifactResult:
    return ArtifactResult(job.path, job.lang, job.fmt, "failed", reason, _since(started), **details)


def _since(started: float) -> float:
    return time.perf_counter() - started


def _died(job: Job, message: str) -> ArtifactResult:
    return ArtifactResult(job.path, job.lang, job.fmt, "failed", message, 0.0, RenderFailure(message))


def _workers(session: Session, jobs: list[Job], early: Early | None = None,
             warm: bool = False) -> AbstractContextManager[FormatWorkers[Job, ArtifactResult] | None]:
    """Worker processes for ``jobs`` when that pays off (two cores or more), else None (serial).

    Even one job pays: its renderer imports and its fonts are read while the outline is checked.
    """
    from .workers import FormatWorkers, Work, can_fork, cores

    if not jobs or cores() < 2 or os.environ.get("DUOPRESS_WORKERS") == "1" or not can_fork():
        return contextlib.nullcontext()
    work = Work(warm_up=session.warm_up, accept=session.accept, render=session.render_safely, failed=_died)
    try:
        return FormatWorkers(jobs, work, first=session.request.first, on_early=early, warm=warm)
    except OSError:  # fork refused (a process limit): build in this process
        return contextlib.nullcontext()


