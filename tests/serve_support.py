"""A ``duopress serve`` session in a thread, for the serve tests and the benchmark."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

from generator.api import build
from generator.live.serve import serve
from generator.render.registry import default_formats, page_sources

FIXTURES = Path(__file__).parent / "fixtures"


class Session:
    """``serve`` on a free port of 127.0.0.1, building ``outline`` into ``out``; stop() ends it."""

    def __init__(self, outline: Path, out: Path, formats: tuple[str, ...] = ()):
        self.outline, self.out = outline, out
        self.formats = ",".join(page_sources(formats or default_formats()))
        self.url = ""
        self.builds = 0
        self.drafts: list = []  # every Draft the builds handed over
        self.log: list[str] = []
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _build(self, show, draft):
        def drafted(page) -> None:
            self.drafts.append(page)
            draft(page)

        result = build(self.outline, out=self.out, formats=self.formats, on_artifact=show, on_draft=drafted)
        self.builds += 1
        return result, result.problems

    def _serve(self) -> None:
        serve(self.outline, self._build, port=0, out=self.out, stop_event=self.stop_event, stream=self,
              ready=self._ready)

    def _ready(self, url: str) -> None:
        self.url = url

    def write(self, text: str) -> None:  # the session's terminal
        self.log.append(text)

    def flush(self) -> None:
        pass

    def __enter__(self) -> Session:
        self.thread.start()
        wait_for(lambda: self.builds >= 1 and any("watching" in line for line in self.log), timeout=120)
        return self

    def __exit__(self, *exc) -> None:
        self.stop_event.set()
        self.thread.join(timeout=20)
        assert not self.thread.is_alive()


def copy_fixture(name: str, folder: Path) -> Path:
    target = folder / "talk.yaml"
    shutil.copy(FIXTURES / name, target)
    return target


def wait_for(condition, timeout: float = 60.0, step: float = 0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, "timed out"
        time.sleep(step)
