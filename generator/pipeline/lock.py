"""One build at a time per output folder: an advisory lock file that the OS releases if a build dies."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

LOCK_NAME = ".duopress.lock"
_held: list[int] = []  # lock descriptors of this process, for forked workers to let go of


@contextlib.contextmanager
def build_lock(out_dir: Path, *, wait_message: str = "duopress: waiting for another build of this folder…"
               ) -> Iterator[None]:
    out_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(out_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        _acquire(fd, wait_message)
        _held.append(fd)
        yield
    finally:
        if fd in _held:
            _held.remove(fd)
        os.close(fd)  # closing the last descriptor of the lock releases it


def forget_inherited_locks(parent: int | None = None) -> None:
    """In a forked worker: close the inherited lock descriptors, so that a killed build's orphaned
    workers never keep its folder locked (flock belongs to every descriptor of the open file), and
    ask Linux to end the worker with its parent, so a killed build leaves no process behind."""
    while _held:
        os.close(_held.pop())
    _die_with_parent()
    if parent is not None and os.getppid() != parent:  # the parent died before we could ask
        os._exit(1)


def _die_with_parent() -> None:
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: orphaned workers end when their queue closes
        pass


def _acquire(fd: int, wait_message: str) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no locking, as before
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(wait_message, file=sys.stderr)
        fcntl.flock(fd, fcntl.LOCK_EX)
