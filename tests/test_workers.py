"""Worker processes: warmed up while the outline is checked, never writing before it passes, and a
child that dies costs only its artifact."""

from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path

import pytest

from generator.api import build
from generator.errors import DuopressError
from generator.pipeline.workers import FormatWorkers, Work, cores

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"

build_module = importlib.import_module("generator.pipeline.run")
pytestmark = pytest.mark.skipif(cores() < 2, reason="builds run in-process on one core")


@pytest.fixture
def project(tmp_path):
    shutil.copy(MINIMAL, tmp_path / "outline.yaml")
    return tmp_path


def _artifacts(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.suffix in (".pptx", ".pdf")}


def test_an_outline_that_fails_its_checks_writes_nothing(project):
    out = project / "output"
    build(project / "outline.yaml", out=out)
    before = _artifacts(out)
    outline = project / "outline.yaml"
    # a glyph no bundled font has: found by the checks, which run while the workers warm up
    outline.write_text(outline.read_text(encoding="utf-8").replace("작은 예시", "작은 예시 \U0001F600", 1),
                       encoding="utf-8")
    with pytest.raises(DuopressError) as raised:
        build(outline, out=out, force=True)
    assert any(p.code.startswith("glyph") for p in raised.value.problems)
    assert _artifacts(out) == before
    assert not list(out.glob("*.part")) and not list(out.glob(".*.tmp*"))


def test_artifacts_rendered_before_the_checks_end_are_not_written_when_they_fail(project, monkeypatch):
    """The children render while the outline is checked; slow checks that fail find them waiting at the
    gate, and they are stopped there: nothing written, the memo of the last build untouched too."""
    import time

    from generator.errors import Level, Problem, Span

    out = project / "output"
    build(project / "outline.yaml", out=out)
    before = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    rendered = project / "rendered"
    real_render = build_module.Session.render_safely

    def render_and_note(session, job, wait):
        (rendered / f"{job.lang}.{job.fmt}").touch()
        return real_render(session, job, wait)

    def slow_failing_checks(model, theme, advice=True):
        time.sleep(3)  # both Korean artifacts have rendered by now
        return [Problem(Span("outline.yaml", 1, 1), Level.ERROR, "test.error", "found late")]

    rendered.mkdir()
    outline = project / "outline.yaml"  # an edit: a build that wrote would change the artifacts
    outline.write_text(outline.read_text(encoding="utf-8").replace("작은 예시", "작은 예시 둘", 1), encoding="utf-8")
    monkeypatch.setattr(build_module.Session, "render_safely", render_and_note)
    monkeypatch.setattr("generator.checks.outline.check_outline", slow_failing_checks)
    with pytest.raises(DuopressError):
        build(outline, out=out)
    assert sorted(p.name for p in rendered.iterdir()) == ["ko.pdf", "ko.pptx"]  # rendered before the checks ended
    assert {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_child_at_the_gate_leaves_without_writing_when_its_build_is_gone():
    from generator.pipeline.workers import WriteGate

    for opened in (True, False):
        gate = WriteGate()
        pid = os.fork()
        if pid == 0:  # the child: as an artifact's child would, waits, then "writes" (exits 0)
            gate.forget_write_end()
            gate.wait()
            os._exit(0)
        if opened:
            gate.open()
        else:
            os.close(gate._write)  # the build gone: its write end closed, the gate never opened
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == (0 if opened else 1)
        if opened:
            gate.close()


def test_a_child_that_dies_costs_only_its_artifact(project, monkeypatch):
    real = build_module.Session.render_safely

    def dies_on_the_english_brief(session, job, wait):
        if job.lang == "en" and job.fmt == "pdf":
            os._exit(9)  # as if killed: no result, no exception
        return real(session, job, wait)

    monkeypatch.setattr(build_module.Session, "render_safely", dies_on_the_english_brief)
    result = build(project / "outline.yaml", out=project / "output", force=True)
    assert {a.path.name: a.reason for a in result.failed} == {"outline.en.pdf": "the worker process died"}
    assert len([a for a in result.artifacts if a.status == "built"]) == 3


def test_a_warm_up_that_fails_is_only_a_lost_head_start(project, monkeypatch):
    import generator.render.pdf.renderer as pdf_renderer

    def broken(theme):
        raise RuntimeError("simulated warm-up failure")

    monkeypatch.setattr(pdf_renderer, "warm_up", broken)
    result = build(project / "outline.yaml", out=project / "output", force=True)
    assert not result.failed
    assert len(result.written) == 4


def test_a_refused_fork_builds_in_this_process(project, monkeypatch):
    import multiprocessing.process

    def refuse(self):
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", refuse)
    result = build(project / "outline.yaml", out=project / "output", force=True)
    assert not result.failed and len(result.written) == 4


def test_every_job_runs_once_and_a_finished_worker_hands_over_its_core():
    jobs = [_Job("ko", "pptx"), _Job("en", "pptx"), _Job("de", "pptx"), _Job("ko", "pdf")]
    work = Work(warm_up=lambda fmt, jobs: None, accept=lambda payload: None,
                render=lambda job, wait: (job.lang, job.fmt, os.getpid()),
                failed=lambda job, message: message)
    with FormatWorkers(jobs, work) as workers:
        outcomes = dict(workers.results())
    assert {(job.lang, job.fmt) for job in outcomes} == {(j.lang, j.fmt) for j in jobs}
    assert all(outcome[:2] == (job.lang, job.fmt) for job, outcome in outcomes.items())
    assert len({outcome[2] for outcome in outcomes.values()}) == 4  # a fresh child per artifact


def _timed(job, wait) -> tuple[float, float]:
    import time

    started = time.monotonic()
    time.sleep(0.3 if job.fmt == "slides" else 0.05)
    return started, time.monotonic()


def test_the_formats_wanted_first_render_before_the_others_start():
    """serve's page shows the slides PDFs: the decks' children wait until every slides PDF is done, then
    get every core (none is left unused or lost: the build ends)."""
    jobs = [_Job("ko", "pptx"), _Job("en", "pptx"), _Job("en", "slides"), _Job("ko", "slides"), _Job("en", "pdf")]
    work = Work(warm_up=lambda fmt, jobs: None, accept=lambda payload: None, render=_timed,
                failed=lambda job, message: message)
    with FormatWorkers(jobs, work, first=("slides", "pdf")) as workers:
        outcomes = {(job.lang, job.fmt): outcome for job, outcome in workers.results()}
    assert len(outcomes) == len(jobs)
    first_done = max(end for (lang, fmt), (start, end) in outcomes.items() if fmt != "pptx")
    assert all(start >= first_done for (lang, fmt), (start, end) in outcomes.items() if fmt == "pptx")
    decks = [span for (lang, fmt), span in outcomes.items() if fmt == "pptx"]
    assert max(start for start, _ in decks) < min(end for _, end in decks)  # both decks at once: every core


def test_a_first_format_whose_worker_dies_still_lets_the_others_run(monkeypatch):
    jobs = [_Job("en", "slides"), _Job("en", "pptx")]

    def render(job, wait):
        if job.fmt == "slides":
            os._exit(1)
        return "built"

    work = Work(warm_up=lambda fmt, jobs: os._exit(1) if fmt == "slides" else None, accept=lambda payload: None,
                render=render, failed=lambda job, message: message)
    with FormatWorkers(jobs, work, first=("slides",)) as workers:
        outcomes = {job.fmt: outcome for job, outcome in workers.results()}
    assert outcomes == {"slides": "the worker process died", "pptx": "built"}


class _Job:
    def __init__(self, lang: str, fmt: str):
        self.lang, self.fmt = lang, fmt
