"""Worker processes for a build: one per format, forked as soon as the outline is loaded.

A build spends its first tenth of a second checking the outline on one core. Each format's worker uses
that time to import its renderer and read its fonts; it then receives the localized documents and
renders that format's artifacts, each in a fresh child of its own: imports are paid once per format,
not once per artifact, and memory one artifact leaves behind never adds to the next one's peak. A
worker runs one child per core it is given; when another worker runs out of work, its core is handed over.

The build sends "go" with the localized documents as soon as it has them, then checks the outline
while the artifacts render: each child renders its artifact's bytes and waits at a gate before it writes
anything. Only once the checks pass does the build open the gate; an outline with errors stops the
workers and their children instead, and the previous artifacts stay as they were.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from .interrupt import default_signals
from .lock import forget_inherited_locks

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

DIED = "the worker process died"


class _FormatJob(Protocol):
    """All the workers need of a job: which format's worker runs it."""

    @property
    def fmt(self) -> str: ...


JobT = TypeVar("JobT", bound=_FormatJob)
OutcomeT = TypeVar("OutcomeT")
ItemT = TypeVar("ItemT")
ResultT = TypeVar("ResultT")


@dataclass(frozen=True)
class Work(Generic[JobT, OutcomeT]):
    """What the workers run: ``warm_up(fmt, jobs)`` once per worker, then ``accept(payload)`` with what the
    build sends along with "go", ``render(job, wait)`` once per job (in a child; it calls ``wait()``
    before it writes anything, and returns only if the build opened the gate), and ``failed(job,
    message)`` for a job whose process died without a word.

    When the build listens for drafts (``FormatWorkers(on_early=...)``), ``render`` is called as
    ``render(job, wait, early)``: ``early(payload)`` sends a draft of the job's artifact ahead of it."""

    warm_up: Callable[[str, list[JobT]], None]
    accept: Callable[[Any], None]  # the payload arrives unpickled from the pipe: whatever start() was given
    render: Callable[..., OutcomeT]
    failed: Callable[[JobT, str], OutcomeT]


class WriteGate:
    """Shut until the build opens it: an artifact's child waits here between rendering and writing.

    A pipe wakes the children (a byte written; nobody reads it, so every child sees it) and a flag in
    memory shared across the forks says why: open, or the build is gone (only the build holds the write
    end — the workers close theirs — so its death reads as end-of-file). A child whose build is gone
    leaves without writing.
    """

    def __init__(self) -> None:
        import mmap

        self._flag = mmap.mmap(-1, 1)  # anonymous and shared: the children see the build's write
        self._read, self._write = os.pipe()

    def open(self) -> None:
        if self._flag[0] != 1:
            self._flag[0] = 1
            os.write(self._write, b"1")

    def wait(self) -> None:
        import select

        waiting = select.poll()  # not select(): a descriptor above 1023 is fine in a long watch session
        waiting.register(self._read, select.POLLIN | select.POLLHUP)
        waiting.poll()
        if self._flag[0] != 1:  # end of file: the build that would open it has died
            os._exit(1)

    def forget_write_end(self) -> None:
        """In a worker: only the build may hold the write end."""
        os.close(self._write)

    def close(self) -> None:
        for fd in (self._read, self._write):
            try:
                os.close(fd)
            except OSError:
                pass
        self._flag.close()


class EarlyChannel:
    """Drafts from the artifacts' children to the build, ahead of their results, while the build still
    checks the outline: one pipe every child writes to under one lock (a draft is larger than a pipe
    takes in one write), read by a thread of the build that hands each draft on until the build closes.
    After ``close`` returns, nothing more is handed on: the workers are gone, and a draft of theirs that
    is still in the pipe is dropped."""

    def __init__(self, fork) -> None:
        self._read, self._write = fork.Pipe(duplex=False)
        self._lock = fork.Lock()  # shared by every process forked from here on
        self._guard = threading.Lock()  # in the build: a draft is handed on, or the channel closes
        self._closed = False
        self._thread: threading.Thread | None = None

    def sender(self, fmt: str, index: int) -> Callable[[object], None]:
        """In a child: what sends the drafts of the worker's job ``index``."""
        def send(payload: object) -> None:
            with self._lock:
                self._write.send((fmt, index, payload))
        return send

    def listen(self, deliver: Callable[[str, int, object], None]) -> None:
        """In the build, once every worker is forked: hand each draft to ``deliver(fmt, index, payload)``."""
        self._write.close()  # the workers hold the write ends now: their end is the pipe's end
        self._thread = threading.Thread(target=self._deliver, args=(deliver,), name="duopress-drafts",
                                        daemon=True)
        self._thread.start()

    def _deliver(self, deliver: Callable[[str, int, object], None]) -> None:
        while True:
            try:
                fmt, index, payload = self._read.recv()
            except (EOFError, OSError):
                return
            with self._guard:
                if self._closed:
                    return
                deliver(fmt, index, payload)

    def close(self) -> None:
        """Hand nothing more on (call once the workers are ended: the reader then meets the pipe's end)."""
        with self._guard:
            self._closed = True
        if self._thread is not None:
            self._thread.join(timeout=5)
        for end in (self._read, self._write):
            end.close()


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def forked_map(work: Callable[[ItemT], ResultT], items: list[ItemT]) -> list[ResultT]:
    """``[work(item) for item in items]``, side by side in forked children when there are two items or more and
    two cores (``DUOPRESS_WORKERS=1``: here). Each child sends back its result or its exception, which is
    raised here; a child that dies is a RuntimeError."""
    if len(items) < 2 or cores() < 2 or os.environ.get("DUOPRESS_WORKERS") == "1" or not can_fork():
        return [work(item) for item in items]
    import multiprocessing

    fork = multiprocessing.get_context("fork")
    children = []
    for item in items:
        receive, send = fork.Pipe(duplex=False)
        child = fork.Process(target=_send_result, args=(work, item, send), daemon=True)
        child.start()
        send.close()
        children.append((item, receive, child))
    results = []
    for item, receive, child in children:
        try:
            outcome = receive.recv()
        except EOFError:
            outcome = RuntimeError(f"working on {item!r}: the process died")
        child.join()
        if isinstance(outcome, BaseException):
            raise outcome
        results.append(outcome)
    return results


def _send_result(work: Callable[[ItemT], ResultT], item: ItemT, send: Connection) -> None:
    try:
        send.send(work(item))
    except Exception as exc:
        send.send(exc)


class FormatWorkers(Generic[JobT, OutcomeT]):
    """One forked worker per format among ``jobs`` (each job has ``.fmt``), warming up from now on."""

    def __init__(self, jobs: Sequence[JobT], work: Work[JobT, OutcomeT], first: Sequence[str] = (),
                 on_early: Callable[[JobT, Any], None] | None = None, warm: bool = False):
        """``first``: formats whose artifacts are wanted soonest (``serve``: the PDFs its page shows). While
        any of them has an artifact to render, the other formats' workers warm up but render nothing: they
        get the cores once the first ones are done.

        ``on_early(job, payload)``: called on a thread of the build with each draft a job's ``render``
        sends ahead of its result (``Work``), as soon as it is sent, until the workers are closed.
        ``warm``: this process has warmed up already (imports, fonts): the workers skip ``warm_up``."""
        import multiprocessing

        fork = multiprocessing.get_context("fork")
        by_format: dict[str, list[JobT]] = {}
        for job in jobs:
            by_format.setdefault(job.fmt, []).append(job)
        self._jobs = by_format
        self._work = work
        self._workers: dict[str, tuple[Connection, BaseProcess]] = {}  # fmt -> (connection, process)
        self._gate = WriteGate()
        self._early = EarlyChannel(fork) if on_early is not None else None
        self._started = False
        # Each worker may run as many children as there are cores: the formats' costs differ (a deck takes
        # longer than a brief), and a core left idle by a worker that ran out of jobs while another still
        # has two to run in turn is the build's tail. With every artifact running, the cores stay busy
        # until the last one ends; each child still renders one artifact, so no process's peak grows.
        slots = cores()
        self._first = {fmt for fmt in first if fmt in by_format}
        self._waiting = bool(self._first)  # the other workers wait, with no core, until the first are done
        try:
            for fmt, fmt_jobs in by_format.items():
                parent_end, worker_end = fork.Pipe()
                own = slots if not self._first or fmt in self._first else 0
                process = fork.Process(target=_worker_main, daemon=True, name=f"duopress-{fmt}",
                                       args=(fmt, fmt_jobs, own, work, worker_end, os.getpid(), self._gate,
                                             self._early, warm))
                self._workers[fmt] = (parent_end, process)
                process.start()
                assert process.pid is not None  # started
                _own_group(process.pid)
                worker_end.close()
        except OSError:  # no more processes allowed: the caller builds in its own process instead
            self.close()
            raise
        if self._early is not None and on_early is not None:
            self._early.listen(lambda fmt, index, payload: on_early(by_format[fmt][index], payload))

    def start(self, payload: object = None) -> None:
        """Send ``payload`` and let the workers render; nothing is written before ``results()``."""
        if self._started:
            return
        self._started = True
        for connection, _ in self._workers.values():
            try:
                connection.send(("go", payload))
            except OSError:  # the worker is gone: its jobs fail below, when its end of the pipe reads empty
                pass

    def results(self, payload: object = None) -> Iterator[tuple[JobT, OutcomeT]]:
        """Let the artifacts be written (``start(payload)`` first, if not yet); (job, outcome) as each
        artifact is done, in the order they finish.

        An ``OSError`` a child met writing (a full disk) is raised here, after the other workers stop.
        """
        self.start(payload)
        self._gate.open()
        left = {fmt: list(jobs) for fmt, jobs in self._jobs.items()}
        open_ = {connection: fmt for fmt, (connection, _) in self._workers.items()}
        while open_:
            for connection in _wait(open_):
                fmt = open_[connection]
                try:
                    index, outcome = connection.recv()
                except (EOFError, ConnectionResetError):  # the worker itself died: its unfinished jobs fail
                    del open_[connection]
                    self._hand_over_cores(fmt, open_)
                    for job in left[fmt]:
                        yield job, self._work.failed(job, DIED)
                    left[fmt] = []
                    continue
                job = self._jobs[fmt][index]
                left[fmt].remove(job)
                if isinstance(outcome, BaseException):
                    raise outcome
                yield job, (self._work.failed(job, DIED) if outcome == DIED else outcome)
                if not left[fmt]:
                    del open_[connection]
                    self._hand_over_cores(fmt, open_)

    def _hand_over_cores(self, done: str, still_open: dict[Connection, str]) -> None:
        """A worker is done: another one may run one more child at a time (one of the ``first`` formats
        while any is left). When the last of those is done, every other worker, which waited with no
        core, gets them all."""
        self._first.discard(done)
        if self._first:
            receivers, count = [c for c, fmt in still_open.items() if fmt in self._first][:1], 1
        elif self._waiting:
            self._waiting = False
            receivers, count = list(still_open), cores()
        else:
            receivers, count = list(still_open)[:1], 1
        for connection in receivers:
            try:
                for _ in range(count):
                    connection.send(("slot", None))
            except OSError:
                pass

    def close(self) -> None:
        """End every worker now: one never told to go has written nothing, and one interrupted mid-way
        leaves only temp files, which the next build removes. Each worker leads its own process group,
        so its artifacts' children end with it instead of finishing and writing after the build stopped."""
        for connection, process in self._workers.values():
            if process.pid is not None:  # started
                _kill_group(process.pid)
                process.join()
            connection.close()
        self._gate.close()
        if self._early is not None:
            self._early.close()

    def __enter__(self) -> FormatWorkers[JobT, OutcomeT]:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _wait(connections: Iterable[Connection]) -> list[Connection]:
    """``multiprocessing.connection.wait`` on pipe ends: those ready, as the connections they are (wait
    returns some of the very objects it is given, typed as any waitable)."""
    from multiprocessing.connection import Connection, wait

    return [ready for ready in wait(list(connections)) if isinstance(ready, Connection)]


def _own_group(pid: int) -> None:
    """The worker leads a process group of its own (set from both sides: whichever runs first wins the race)."""
    try:
        os.setpgid(pid, pid)
    except OSError:  # already its own group, or already gone
        pass


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:  # gone already, or its group not yet set: the worker alone
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _worker_main(fmt: str, jobs: list[JobT], slots: int, work: Work[JobT, Any], connection: Connection,
                 parent: int, gate: WriteGate, early: EarlyChannel | None = None, warm: bool = False) -> None:
    gate.forget_write_end()
    # Out of the terminal's foreground group: Ctrl-C reaches the build, which ends the workers itself.
    _own_group(0)
    default_signals()
    forget_inherited_locks(parent)
    try:
        if not warm:
            work.warm_up(fmt, jobs)
    except Exception:  # only a head start: each artifact's child meets the same error and reports it
        pass
    try:
        command, payload = connection.recv()
    except EOFError:  # the build ended (an error in the outline) before it said go
        return
    if command != "go":
        return
    work.accept(payload)
    _run_children(fmt, jobs, slots, work, connection, gate, early)


def _run_children(fmt: str, jobs: list[JobT], slots: int, work: Work[JobT, Any], connection: Connection,
                  gate: WriteGate, early: EarlyChannel | None) -> None:
    """Each job in a fresh forked child, ``slots`` at a time; (index, outcome) to the build as each ends."""
    import gc
    from multiprocessing import Pipe

    # Everything the worker made so far (imports, fonts, documents) lives until the end: out of the
    # collector's sight, children neither scan it nor copy its pages on write by doing so.
    gc.freeze()
    pending = list(enumerate(jobs))
    running: dict[Connection, tuple[int, int]] = {}  # child's connection -> (index, pid)
    while pending or running:
        while pending and len(running) < slots:
            index, job = pending.pop(0)
            receive, send = Pipe(duplex=False)
            pid = os.fork()
            if pid == 0:  # the child: render, report, and leave without running the worker's code
                receive.close()
                _child(job, work, send, gate, None if early is None else early.sender(fmt, index))
            send.close()
            running[receive] = (index, pid)
        for ready_connection in _wait([*running, connection]):
            if ready_connection is connection:
                try:
                    command, _ = connection.recv()
                except EOFError:
                    return
                if command == "slot":
                    slots += 1
                continue
            index, pid = running.pop(ready_connection)
            try:
                outcome = ready_connection.recv()
            except EOFError:
                outcome = DIED
            ready_connection.close()
            os.waitpid(pid, 0)
            connection.send((index, outcome))


def _child(job: JobT, work: Work[JobT, Any], send: Connection, gate: WriteGate,
           early: Callable[[object], None] | None) -> None:
    code = 0
    try:
        forget_inherited_locks(os.getppid())
        send.send(_render(job, work, gate, early))
    except BaseException:  # nothing may escape into the worker's own code path
        code = 1
    finally:
        os._exit(code)


def _render(job: JobT, work: Work[JobT, OutcomeT], gate: WriteGate,
            early: Callable[[object], None] | None) -> OutcomeT | OSError:
    try:
        return work.render(job, gate.wait) if early is None else work.render(job, gate.wait, early)
    except OSError as exc:  # the build reports a full disk or a refused folder
        return exc
