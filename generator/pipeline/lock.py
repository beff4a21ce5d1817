"""One build at a time per output folder: an advisory lock file that the OS releases if a build dies."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import UsageError

LOCK_NAME = ".duopress.lock"
_held: list[int] = []  # lock descriptors of this process, for forked workers to let go of


@contextlib.contextmanager
def build_lock(out_dir: Path, *, wait_message: str = "duopress: waiting for another build of this folder…"
               ) -> Iterator[None]:
    out_dir.mkdir(parents=True, exist_ok=True)
    fd = _open_lock(out_dir / LOCK_NAME)
    try:
        _acquire(fd, wait_message)
        _held.append(fd)
        yield
    finally:
        if fd in _held:
            _held.remove(fd)
        os.close(fd)  # closing the last descriptor of the lock releases it


def _open_lock(path: Path) -> int:
    """The lock file, never through a link (a link in its place is removed: it is duopress's own name, and
    following it would create or lock a file outside the output folder), nor a FIFO or device."""
    flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as error:
        if error.errno != errno.ELOOP:
            raise
        os.unlink(path)  # the link only
        fd = os.open(path, flags | os.O_EXCL, 0o644)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise UsageError(f"'{path}' is not a regular file: remove it (duopress keeps its build lock there)")
    return fd


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
