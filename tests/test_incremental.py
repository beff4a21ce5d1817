"""Rebuilds write only what an edit changed, never damage what was there, and a no-op costs almost nothing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.api import build
from generator.errors import DuopressError
from generator.pipeline.manifest import MANIFEST_NAME

ROOT = Path(__file__).resolve().parent.parent
ESSAY = ROOT / "outline.yaml"
ALL = {"outline.ko.pptx", "outline.ko.pdf", "outline.en.pptx", "outline.en.pdf"}
PLAIN_BULLET_EN = "LLMs and generative AI went mainstream and spread to image generation and speech synthesis"
KEY_BULLET_EN = ("In a short span, AI moved from the laboratory into daily life, industry, and foreign and "
                 "security policy")


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    work = tmp_path_factory.mktemp("incremental")
    shutil.copy(ESSAY, work / "outline.yaml")
    result = build(work / "outline.yaml", out=work / "output")
    assert {p.name for p in result.written} == ALL
    return work


@pytest.fixture
def project(first_build, tmp_path):
    work = tmp_path / "project"
    shutil.copytree(first_build, work)
    return work


def statuses(result) -> dict[str, str]:
    return {a.path.name: a.status for a in result.artifacts}


def edit(outline: Path, old: str, new: str) -> None:
    text = outline.read_text(encoding="utf-8")
    assert old in text
    outline.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_second_build_changes_nothing(project):
    result = build(project / "outline.yaml", out=project / "output")
    assert set(statuses(result).values()) == {"unchanged"}


def test_an_english_bullet_shown_only_on_slides_rebuilds_only_the_decks(project):
    """The Korean deck too: the decks are laid out in step, so an English line may move a Korean slide."""
    korean = (project / "output" / "outline.ko.pptx").read_bytes()
    edit(project / "outline.yaml", PLAIN_BULLET_EN, PLAIN_BULLET_EN + " and video")
    result = build(project / "outline.yaml", out=project / "output")
    assert sorted(a.path.name for a in result.artifacts if a.status == "built") == ["outline.en.pptx",
                                                                                   "outline.ko.pptx"]
    assert {a.reason for a in result.artifacts if a.status == "built"} == {"outline changed"}
    assert (project / "output" / "outline.ko.pptx").read_bytes() == korean  # the same plan: the same slides


def test_an_english_key_takeaway_rebuilds_the_english_brief_and_the_decks(project):
    edit(project / "outline.yaml", KEY_BULLET_EN, KEY_BULLET_EN + " alike")
    result = build(project / "outline.yaml", out=project / "output")
    assert sorted(a.path.name for a in result.artifacts if a.status == "built") == \
        ["outline.en.pdf", "outline.en.pptx", "outline.ko.pptx"]


def test_a_shared_fact_rebuilds_everything(project):
    edit(project / "outline.yaml", "fm_us:              {kind: count, value: 64,",
         "fm_us:              {kind: count, value: 65,")
    result = build(project / "outline.yaml", out=project / "output")
    assert set(statuses(result).values()) == {"built"}


def test_an_artifact_deleted_or_edited_by_hand_is_rebuilt(project):
    out = project / "output"
    (out / "outline.ko.pdf").unlink()
    (out / "outline.en.pptx").write_bytes(b"edited")
    result = build(project / "outline.yaml", out=out)
    reasons = {a.path.name: a.reason for a in result.artifacts if a.status == "built"}
    assert reasons == {"outline.ko.pdf": "missing", "outline.en.pptx": "edited by hand"}


def test_force_rebuilds_all(project):
    result = build(project / "outline.yaml", out=project / "output", force=True)
    assert {a.reason for a in result.artifacts} == {"forced"}


def test_options_are_inputs_too(project):
    result = build(project / "outline.yaml", out=project / "output", paper="letter")
    assert statuses(result) == {"outline.ko.pptx": "unchanged", "outline.ko.pdf": "built",
                                "outline.en.pptx": "unchanged", "outline.en.pdf": "built"}


def test_a_broken_outline_keeps_the_previous_artifacts_and_manifest(project):
    out = project / "output"
    before = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    edit(project / "outline.yaml", "languages: [ko, en]", "languages: [ko, en, ko]")
    with pytest.raises(DuopressError):
        build(project / "outline.yaml", out=out)
    assert {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_temp_files_left_by_a_killed_build_are_removed(project):
    out = project / "output"
    (out / ".duopress-outline.ko.pdf.abc_1234.part").write_bytes(b"half a file")  # as mkstemp names it
    build(project / "outline.yaml", out=out)
    assert not list(out.glob("*.part"))


def test_the_manifest_records_what_was_written(project):
    import hashlib

    data = json.loads((project / "output" / MANIFEST_NAME).read_text(encoding="utf-8"))
    for name in ALL:
        digest = hashlib.sha256((project / "output" / name).read_bytes()).hexdigest()
        assert data["artifacts"][name]["sha256"] == digest


def test_a_no_op_rebuild_imports_no_renderer_no_babel_and_no_parser(project):
    code = ("import sys; from generator.cli import main; rc = main(['build', 'outline.yaml', '-q']); "
            "heavy = [m for m in ('pptx', 'reportlab', 'babel', 'yaml', 'generator.outline') if m in sys.modules]; "
            "print(rc, heavy)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # The first build in the copied folder records where the project now lives; the second is the no-op.
    for _ in range(2):
        run = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, env=env,
                             timeout=120)
    assert run.stdout.strip() == "0 []", run.stdout + run.stderr


def test_a_renderer_failure_costs_only_its_artifact(project, monkeypatch):
    import generator.render.pdf.renderer as pdf_renderer

    def broken(*args, **kwargs):
        raise RuntimeError("simulated renderer failure")

    monkeypatch.setattr(pdf_renderer, "render_artifact", broken)
    out = project / "output"
    before = (out / "outline.ko.pdf").read_bytes()
    result = build(project / "outline.yaml", out=out, force=True)
    assert {a.path.name for a in result.failed} == {"outline.ko.pdf", "outline.en.pdf"}
    assert {a.path.name for a in result.artifacts if a.status == "built"} == {"outline.ko.pptx", "outline.en.pptx"}
    assert (out / "outline.ko.pdf").read_bytes() == before
    assert not list(out.glob("*.part"))
    # the kept briefs are still the right ones for this outline: the next build has nothing to do
    monkeypatch.undo()
    again = build(project / "outline.yaml", out=out)
    assert set(statuses(again).values()) == {"unchanged"}


@pytest.mark.parametrize("delay", [0.6, 1.4])
def test_a_build_killed_mid_way_leaves_whole_artifacts_and_the_next_build_mends_it(project, delay):
    import hashlib
    import signal
    import time

    out = project / "output"
    before = {name: (out / name).read_bytes() for name in ALL}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-m", "generator", "build", "--force", "-q"], cwd=project, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    deadline = time.monotonic() + 10
    while _processes_in(project) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _processes_in(project), "a killed build left worker processes behind"
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))  # still valid JSON
    for name in ALL:
        data = (out / name).read_bytes()
        assert data == before[name] or hashlib.sha256(data).hexdigest() == manifest["artifacts"][name]["sha256"]
    result = build(project / "outline.yaml", out=out)
    assert not list(out.glob("*.part"))
    assert all(a.status in ("built", "unchanged") for a in result.artifacts)


def _processes_in(folder: Path) -> list[int]:
    """Processes (other than this one) whose working directory is ``folder``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if Path(os.readlink(entry / "cwd")) == folder.resolve():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _solid_png(color: tuple[int, int, int]) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_edited_image_rebuilds_what_shows_it(tmp_path):
    """An image is an input like the outline: editing it is never an "unchanged" (the fast path included)."""
    shutil.copy(ROOT / "tests" / "fixtures" / "valid" / "every-figure.yaml", tmp_path / "figures.yaml")
    (tmp_path / "dot.png").write_bytes(_solid_png((200, 30, 30)))
    out = tmp_path / "output"
    build(tmp_path / "figures.yaml", out=out, langs="en")
    before = {p.name: p.read_bytes() for p in out.glob("figures.*")}
    assert set(statuses(build(tmp_path / "figures.yaml", out=out, langs="en")).values()) == {"unchanged"}
    (tmp_path / "dot.png").write_bytes(_solid_png((30, 30, 200)))
    again = build(tmp_path / "figures.yaml", out=out, langs="en")
    assert set(statuses(again).values()) == {"built"}
    assert all((out / name).read_bytes() != data for name, data in before.items())


def test_a_language_that_fails_to_localize_never_renders_an_older_document(project, monkeypatch):
    """In one long-lived process (watch, serial builds), a failed localization fails its artifacts; it
    never renders the document an earlier build localized (build._DOCUMENTS once kept it)."""
    import generator.localize.localizer as localizer

    monkeypatch.setenv("DUOPRESS_WORKERS", "1")
    outline, out = project / "outline.yaml", project / "output"
    build(outline, out=out, formats="pdf", force=True)
    before = (out / "outline.en.pdf").read_bytes()
    outline.write_text(outline.read_text(encoding="utf-8").replace("Artificial", "Synthetic"), encoding="utf-8")
    real = localizer.localize

    def fails_in_english(model, lang, *args):
        if lang == "en":
            raise RuntimeError("simulated localization bug")
        return real(model, lang, *args)

    monkeypatch.setattr(localizer, "localize", fails_in_english)
    result = build(outline, out=out, formats="pdf")
    assert {a.path.name for a in result.failed} == {"outline.en.pdf"}
    assert (out / "outline.en.pdf").read_bytes() == before
