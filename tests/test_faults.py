"""Faults while writing: a read-only folder, a full disk. Old artifacts survive, no temp file stays, exit 4."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import EXIT_OUTPUT, main

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"


@pytest.fixture
def project(tmp_path):
    shutil.copy(MINIMAL, tmp_path / "talk.yaml")
    assert main(["build", str(tmp_path / "talk.yaml"), "--out", str(tmp_path / "out"), "-q"]) == 0
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (the decks' memos in .duopress-cache too) but the lock."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and not p.name.endswith(".lock")}


def test_a_full_disk_keeps_every_previous_artifact(project, monkeypatch, capsys):
    out = project / "out"
    before = snapshot(out)
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("generator.pipeline.output.os.fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))
    code = main(["build", str(project / "talk.yaml"), "--out", str(out), "--force", "-q"])
    err = capsys.readouterr().err
    assert code == EXIT_OUTPUT
    assert "No space left on device" in err and "Traceback" not in err
    assert snapshot(out) == before
    assert not list(out.glob("*.part"))


def test_a_folder_that_refuses_writes_is_reported(project, monkeypatch, capsys):
    out = project / "out"
    before = snapshot(out)

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(out))

    monkeypatch.setattr("generator.pipeline.output.tempfile.mkstemp", refuse)
    code = main(["build", str(project / "talk.yaml"), "--out", str(out), "--force", "-q"])
    assert code == EXIT_OUTPUT
    assert "Permission denied" in capsys.readouterr().err
    assert snapshot(out) == before


def _read_only_command(out: Path) -> list[str] | None:
    """A command prefix that runs with ``out`` really unwritable: as a normal user, nothing (the folder is
    made 0555); as root (CI), inside a mount namespace where ``out`` is bind-mounted read-only — root ignores
    permission bits but not a read-only mount. None where neither works."""
    if os.geteuid() != 0:
        out.chmod(0o555)
        return []
    if not shutil.which("unshare"):
        return None
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        return None
    mount = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"'
    return ["unshare", "-m", "sh", "-c", mount, str(out)]


def test_a_read_only_folder_for_real(project):
    """The real thing, not a simulated refusal: exit 4, the reason, and every file of the folder as it was."""
    out = project / "out"
    before = snapshot(out)
    prefix = _read_only_command(out)
    if prefix is None:
        pytest.skip("cannot make a folder read-only here: not a normal user, and no mount namespace for root")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run([*prefix, sys.executable, "-m", "generator", "build", str(project / "talk.yaml"),
                               "--out", str(out), "--force", "-q"], capture_output=True, text=True, env=env,
                              timeout=300)
    finally:
        out.chmod(0o755)
    assert done.returncode == EXIT_OUTPUT, done.stderr[-2000:]
    assert "Read-only file system" in done.stderr or "Permission denied" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(out) == before
