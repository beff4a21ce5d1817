"""One build at a time per output folder: an advisory lock file that the OS releases if a build dies."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Iterator

LOCK_NAME = ".duopress.lock"


@contextlib.contextmanager
def build_lock(out_dir: Path, *, wait_message: str = "duopress: waiting for another build of this folder…"
               ) -> Iterator[None]:
    out_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(out_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, wait_message)
        yield
    finally:
        os.close(fd)  # closing releases the lock


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
