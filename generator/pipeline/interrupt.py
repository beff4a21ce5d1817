"""Ctrl-C and SIGTERM stop a build: in the main process both raise ``Interrupted``, and the workers end.

Python installs no SIGINT handler when a process starts with SIGINT ignored (a shell's background job),
and SIGTERM's default kills the process at once, leaving its worker processes running and writing. So
the command installs its own handlers for both, whatever it inherited: a build told to stop, stops.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(KeyboardInterrupt):
    """A stop signal, raised where the main process happens to be; unwinding ends workers and temp files."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # the shell's convention: 130 for SIGINT, 143 for SIGTERM

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


@contextmanager
def stop_on_signals() -> Iterator[list[int]]:
    """SIGINT and SIGTERM raise ``Interrupted`` inside the block (signals reach only the main thread).

    Yields the signals received, in order: a library that catches the exception and returns (watchfiles
    ends its watch so) leaves the caller the signal to exit with (130 or 143, not 0)."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return

    def stop(signum: int, frame) -> None:
        received.append(signum)
        raise Interrupted(signum)

    previous = {signum: signal.signal(signum, stop) for signum in SIGNALS}
    try:
        yield received
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def default_signals() -> None:
    """In a worker process: the plain default action, so that ending it needs no cooperation."""
    for signum in SIGNALS:
        signal.signal(signum, signal.SIG_DFL)
