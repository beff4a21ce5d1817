"""Ctrl-C and SIGTERM stop a build within a second; finished artifacts and the manifest stay whole."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import outline as synthetic_outline  # noqa: E402

ITEMS = 100  # a build of a few seconds: long enough to be stopped half-way


def _start(work: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", "build", "talk.yaml", "--out", "out"], cwd=work,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _processes_mentioning(text: str) -> list[int]:
    """Live processes whose command line names ``text`` (the build's workers carry the parent's)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to find left-over worker processes")
@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_stops_the_build_and_keeps_what_was_finished(tmp_path, signum, code):
    work = tmp_path / f"stop-{signum.name}"
    work.mkdir()
    (work / "talk.yaml").write_text(synthetic_outline(ITEMS), encoding="utf-8")
    build = _start(work)
    first = build.stdout.readline()  # the first finished artifact: the others are under way
    assert first.startswith("built"), first + build.stderr.read()
    build.send_signal(signum)
    sent = time.monotonic()
    out, err = build.communicate(timeout=10)
    assert time.monotonic() - sent < 1.0
    assert build.returncode == code
    assert f"interrupted ({signum.name})" in err and "Traceback" not in err
    assert len((first + out).splitlines()) < 4  # it stopped: not every artifact was built

    time.sleep(0.5)
    assert _processes_mentioning(str(work)) == []  # the workers and their children ended too
    after = _snapshot(work / "out")
    time.sleep(1.0)
    assert _snapshot(work / "out") == after  # nothing is written after the build stopped
    manifest = json.loads(after[".duopress-manifest.json"])
    finished = first.split()[1].split("/")[-1]
    assert finished in manifest["artifacts"]

    again = subprocess.run([sys.executable, "-m", "generator", "build", "talk.yaml", "--out", "out"], cwd=work,
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"unchanged out/{finished}" in " ".join(again.stdout.split())
    assert not [p.name for p in (work / "out").iterdir() if p.name.endswith(".part")]
    assert sorted(p.name for p in (work / "out").glob("talk.*")) == [
        "talk.en.pdf", "talk.en.pptx", "talk.ko.pdf", "talk.ko.pptx"]


def test_the_main_process_only_is_told_of_a_terminal_ctrl_c(tmp_path):
    """Workers lead their own process group: the terminal's Ctrl-C reaches only the build, which ends them."""
    from generator.pipeline.workers import _own_group

    child = os.fork()
    if child == 0:  # pragma: no cover - the child
        _own_group(0)
        time.sleep(5)
        os._exit(0)
    try:
        deadline = time.monotonic() + 5
        while os.getpgid(child) != child and time.monotonic() < deadline:
            time.sleep(0.01)
        assert os.getpgid(child) == child != os.getpgid(0)
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
