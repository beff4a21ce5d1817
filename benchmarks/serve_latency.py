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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench import ESSAY, PARAGRAPH_EDIT, SLIDE_EDIT  # noqa: E402

EDITS = (("one bullet's text (en deck)", SLIDE_EDIT, "slides", "outline.en.slides.pdf", 0.3),
         ("one paragraph (en brief)", PARAGRAPH_EDIT, "pdf", "outline.en.pdf ", 1.0))


class Events:
    """The page's event stream, read as the browser's EventSource reads it."""

    def __init__(self, port: int):
        self.socket = socket.create_connection(("127.0.0.1", port), timeout=60)
        self.socket.sendall(f"GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        self.reader = self.socket.makefile("rb")

    def next_state(self) -> dict:
        for line in self.reader:
            if line.startswith(b"data: "):
                return json.loads(line[6:])
        raise SystemExit("the event stream ended")


def pages(state: dict, view: str, lang: str) -> list[str]:
    shown = next(v for v in state["views"] if v["name"] == view)
    column = shown["langs"].index(lang)
    return [row[column]["src"] for row in shown["rows"] if row[column]]


def fetch(port: int, path: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    assert connection.getresponse().read().startswith(b"\x89PNG")
    connection.close()


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
        state = events.next_state()
        print("| edit | save → PDF written | save → event | save → image | pages changed | goal |\n"
              "| --- | --- | --- | --- | --- | --- |")
        for label, (old, new), view, artifact, goal in EDITS:
            to_file: list[float] = []
            to_event, to_image, changed = [], [], []
            for n in range(args.repeat):
                before = pages(state, view, "en")
                time.sleep(0.5)  # the last save's second event (problems) has passed
                started = time.perf_counter()
                outline.write_text(text.replace(old, new if n % 2 == 0 else f"{new} {n}"), encoding="utf-8")
                while (after := pages(state := events.next_state(), view, "en")) == before:
                    pass
                to_event.append(time.perf_counter() - started)
                to_file.append(lines.when(artifact, started) - started)
                fresh = [src for src in after if src not in before]
                fetch(port, fresh[0])
                to_image.append(time.perf_counter() - started)
                changed.append(len(fresh))
            medians = " | ".join(f"{statistics.median(t):.3f} s" for t in (to_file, to_event, to_image))
            print(f"| {label} | {medians} | "
                  f"{statistics.median(changed):g} of {len(after)} | {goal:g} s |")
            outline.write_text(text, encoding="utf-8")
            time.sleep(1.0)
            state = events.next_state()
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
