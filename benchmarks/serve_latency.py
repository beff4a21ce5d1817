"""Save to updated page in ``duopress serve``: a client that listens to the page's events, saves an edited
outline, and waits for the event that carries the changed page, then for that page's image.

    python3 benchmarks/serve_latency.py            # the essay, 5 saves per edit
    python3 benchmarks/serve_latency.py --repeat 9

Goals (issue 30): one slide's text within 0.3 s, the brief's page within 1 s. Prints one Markdown row
per edit: the median time from the save to the line that reports the PDF written (the build), to the event
that carries its changed page, and to that page's image drawn and received; serve's own part is the
difference. And how many of the view's pages changed (the others are neither drawn again nor fetched).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench import ESSAY, PARAGRAPH_EDIT, SLIDE_EDIT  # noqa: E402

EDITS = (("one bullet's text (en deck)", SLIDE_EDIT, "slides", "outline.en.slides.pdf", 0.3),
         ("one paragraph (en brief)", PARAGRAPH_EDIT, "pdf", "outline.en.pdf ", 1.0))


class Events:
    """The page's event stream, read as the browser's EventSource reads it, on a thread: each state with
    the time it arrived. A save is then measured from the first state that arrived after it, never from
    one still queued from the save before (a build sends several: a draft, the PDF, the problems)."""

    def __init__(self, port: int):
        self.socket = socket.create_connection(("127.0.0.1", port), timeout=60)
        self.socket.sendall(f"GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        self.reader = self.socket.makefile("rb")
        self.states: list[tuple[float, dict]] = []
        self.arrived = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.reader:
            if line.startswith(b"data: "):
                with self.arrived:
                    self.states.append((time.perf_counter(), json.loads(line[6:])))
                    self.arrived.notify_all()

    def latest(self) -> dict:
        with self.arrived:
            self.arrived.wait_for(lambda: self.states, timeout=60)
            return self.states[-1][1]

    def first_after(self, started: float, changed, timeout: float = 60) -> tuple[float, dict]:
        """The first state that arrived after ``started`` for which ``changed(state)`` holds."""
        def found():
            return next(((t, s) for t, s in self.states if t >= started and changed(s)), None)

        with self.arrived:
            if not self.arrived.wait_for(found, timeout=timeout):
                raise SystemExit("no event showed the edit")
            return found()


def pages(state: dict, view: str, lang: str) -> list[str]:
    shown = next(v for v in state["views"] if v["name"] == view)
    column = shown["langs"].index(lang)
    return [row[column]["src"] for row in shown["rows"] if row[column]]


def differs(view: str, shown: list[str], state: dict) -> bool:
    return pages(state, view, "en") != shown


def fetch(port: int, path: str) -> bool:
    """Whether the page's image came (False: the page moved on before it was asked for, as a draft does
    once its PDF is written; the browser then asks for the newer one)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return body.startswith(b"\x89PNG")


class Lines:
    """The command's output, each line with the time it arrived."""

    def __init__(self, stream):
        self.lines: list[tuple[float, str]] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.append((time.perf_counter(), line))

    def when(self, needle: str, after: float, timeout: float = 60) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [t for t, line in list(self.lines) if t >= after and "built" in line and needle in line]
            if found:
                return found[0]
            time.sleep(0.01)
        raise SystemExit(f"no line reporting {needle.strip()} built")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="duopress-serve-bench-"))
    outline = work / "outline.yaml"
    text = ESSAY.read_text(encoding="utf-8")
    outline.write_text(text, encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "DUOPRESS_CACHE_DIR": str(work / "cache"), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", str(outline), "--port", str(port),
                                "--out", str(work / "output")], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert process.stdout is not None
        while "watching" not in (line := process.stdout.readline()):
            if not line:
                raise SystemExit("duopress serve stopped before it was watching")
        lines = Lines(process.stdout)
        events = Events(port)
        print("| edit | save → PDF written | save → event | save → image | pages changed | goal |\n"
              "| --- | --- | --- | --- | --- | --- |")
        for label, (old, new), view, artifact, goal in EDITS:
            to_file: list[float] = []
            to_event, to_image, changed = [], [], []
            for n in range(args.repeat):
                time.sleep(0.7)  # the last save's build has ended
                before = pages(events.latest(), view, "en")
                started = time.perf_counter()
                outline.write_text(text.replace(old, new if n % 2 == 0 else f"{new} {n}"), encoding="utf-8")
                arrived, state = events.first_after(started, partial(differs, view, before))
                to_event.append(arrived - started)
                while True:  # as the browser: the page the event names, or the next event's if it moved on
                    after = pages(state, view, "en")
                    fresh = [src for src in after if src not in before]
                    if fetch(port, fresh[0]):
                        break
                    arrived, state = events.first_after(arrived + 1e-6, partial(differs, view, after))
                to_image.append(time.perf_counter() - started)
                to_file.append(lines.when(artifact, started) - started)
                changed.append(len(fresh))
            medians = " | ".join(f"{statistics.median(t):.3f} s" for t in (to_file, to_event, to_image))
            print(f"| {label} | {medians} | "
                  f"{statistics.median(changed):g} of {len(after)} | {goal:g} s |")
            outline.write_text(text, encoding="utf-8")
            time.sleep(1.0)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
