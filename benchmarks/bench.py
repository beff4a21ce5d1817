"""duopress's speed and memory on this machine, next to the floor (what the libraries cost by themselves).

    python3 benchmarks/bench.py              # full run (a few minutes), prints Markdown
    python3 benchmarks/bench.py --quick      # fewer repeats and sizes
    python3 benchmarks/bench.py --write      # also rewrite docs/performance.md

Every measurement runs in a fresh process, as a user's command would, and reports the median of repeated
runs (wall time) and the child's peak resident memory. Nothing here is asserted: the targets are ratios
that this script prints next to the numbers.

Ratios are taken within one run. The peers (pandoc for the decks, Typst for the briefs, from inputs
``peers.py`` writes from the outline) are timed in pairs with duopress's cold build, alternating, so both
sides of a ratio meet the same machine; pandoc is found on the PATH (Debian: ``apt-get install pandoc``)
and Typst is the ``typst`` package from PyPI; without them that row says so. ``duopress watch`` is timed
from the write of an edited outline to the line that reports the changed artifact written.

The package is byte-compiled first and ``PYTHONDONTWRITEBYTECODE`` is dropped, as an installed package
runs; parsed fonts are cached in a folder of this run (``DUOPRESS_CACHE_DIR``), filled by a first build.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ESSAY = ROOT / "outline.yaml"
sys.path.insert(0, str(ROOT / "benchmarks"))

import peers  # noqa: E402
from synthetic import outline as synthetic_outline  # noqa: E402

IMPORTS_ONLY = """
import pptx, pptx.chart.data, yaml
import reportlab.pdfbase.ttfonts, reportlab.platypus
import babel.numbers, babel.dates
from babel import Locale
Locale.parse('ko'), Locale.parse('en')
"""

ONE_SLIDE_ONE_PAGE = IMPORTS_ONLY + """
import io, sys
from pptx import Presentation
deck = Presentation(); slide = deck.slides.add_slide(deck.slide_layouts[1])
slide.shapes.title.text = '인공지능 기술의 발전 동향'; deck.save(io.BytesIO())
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate, Paragraph
from reportlab.lib.styles import ParagraphStyle
pdfmetrics.registerFont(TTFont('NanumGothic', sys.argv[1]))
SimpleDocTemplate(io.BytesIO()).build([Paragraph('인공지능 기술의 발전 동향과 국제정치적 함의',
                                        ParagraphStyle('k', fontName='NanumGothic'))])
"""

NOTES_MARKER = "<!-- notes: kept by bench.py --write -->"
# The largest resident set of the process or of any worker process it waited for.
PEAK = ("import resource, sys; print('PEAK', max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss), file=sys.stderr)")


def run(argv: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one command."""
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, argv))}\n{done.stderr[-2000:]}")
    peak = [int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK ")]
    return elapsed, (peak[-1] if peak else 0)


def python(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code + "\n" + PEAK, *args]


def duopress(*args: str) -> list[str]:
    code = ("import sys; from generator.cli import main; rc = main(sys.argv[1:]); " + PEAK + "; sys.exit(rc)")
    return [sys.executable, "-c", code, *args]


def median(samples: list[tuple[float, int]]) -> tuple[float, int]:
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)


def measure(label: str, repeat: int, prepare, argv, cwd: Path, env=None) -> tuple[str, float, int]:
    samples = []
    for _ in range(repeat):
        prepare()
        samples.append(run(argv, cwd, env))
    seconds, peak = median(samples)
    print(f"  {label}: {seconds:.3f} s, peak {peak / 1024:.0f} MB", file=sys.stderr)
    return label, seconds, peak


SLIDE_EDIT = ("spread to image generation and speech synthesis", "spread to image and speech synthesis")
PARAGRAPH_EDIT = ("greatly widened the range of applications", "widened the range of applications a great deal")


def run_together(commands: list[list[str]], cwd: Path) -> float:
    """Wall seconds of commands started at once (the peers given both cores, as ``make -j2`` would)."""
    started = time.perf_counter()
    running = [subprocess.Popen(c, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for c in commands]
    for process, command in zip(running, commands):
        _, err = process.communicate()
        if process.returncode != 0:
            raise SystemExit(f"failed: {' '.join(command)}\n{err.decode()[-2000:]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="3 repeats, sizes up to 400")
    parser.add_argument("--write", action="store_true", help="write docs/performance.md")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    sizes = (25, 100, 400) if args.quick else (25, 100, 400, 1000)
    compileall.compile_dir(str(ROOT / "generator"), quiet=1)
    font = str(ROOT / "assets" / "fonts" / "NanumGothic.ttf")
    with tempfile.TemporaryDirectory(prefix="duopress-bench-") as tmp:
        work = Path(tmp)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "DUOPRESS_CACHE_DIR": str(work / "font-cache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        shutil.copy(ESSAY, work / "outline.yaml")
        out = work / "output"
        rows = []
        nothing = lambda: None  # noqa: E731
        fresh = lambda: shutil.rmtree(out, ignore_errors=True)  # noqa: E731
        rows.append(measure("floor: imports only", repeat, nothing, python(IMPORTS_ONLY), work, env))
        rows.append(measure("floor: one slide + one Korean page", repeat, nothing,
                            python(ONE_SLIDE_ONE_PAGE, font), work, env))
        rows.append(measure("essay: cold full build, font cache empty", max(3, repeat // 2),
                            lambda: (fresh(), shutil.rmtree(work / "font-cache", ignore_errors=True)),
                            duopress("build", "-q"), work, env))
        cold, peer = _paired_with_peers(repeat, fresh, work, env)
        rows.append(cold)
        rows.append(measure("essay: no-op rebuild", repeat, nothing, duopress("build", "-q"), work, env))
        rows.append(measure("essay: duopress check (fit included)", repeat, nothing, duopress("check"), work, env))
        text = (work / "outline.yaml").read_text(encoding="utf-8")
        counter = iter(range(10_000))
        assert SLIDE_EDIT[0] in text and PARAGRAPH_EDIT[0] in text, "bench.py's edits no longer match outline.yaml"
        edit = lambda: (work / "outline.yaml").write_text(  # noqa: E731
            text.replace(SLIDE_EDIT[0], f"{SLIDE_EDIT[0]} {next(counter)}"), encoding="utf-8")
        rows.append(measure("essay: one English bullet edited (build)", repeat, edit, duopress("build", "-q"),
                            work, env))
        (work / "outline.yaml").write_text(text, encoding="utf-8")
        rows += _watch(repeat, text, work, env)
        scaling = []
        for size in sizes:
            source = work / f"synthetic-{size}.yaml"
            source.write_text(synthetic_outline(size), encoding="utf-8")
            target = work / f"out-{size}"
            label, seconds, peak = measure(
                f"synthetic {size} items: full build", max(1, repeat // 2) if size >= 400 else repeat,
                lambda target=target: shutil.rmtree(target, ignore_errors=True),
                duopress("build", str(source), "--out", str(target), "-q"), work, env)
            slides = _slides(target / f"synthetic-{size}.en.pptx")
            pages = _pages(target / f"synthetic-{size}.en.pdf")
            rows.append((label, seconds, peak))
            edits = iter(range(10_000))
            rows.append(measure(  # the English deck rebuilt, its other slides reused from its last build
                f"synthetic {size} items: one slide's notes edited (build)", max(3, repeat // 2),
                lambda source=source, size=size, edits=edits: source.write_text(
                    synthetic_outline(size, f" edited {next(edits)}"), encoding="utf-8"),
                duopress("build", str(source), "--out", str(target), "-q"), work, env))
            scaling.append((size, slides, pages, seconds, peak))
    report = _markdown(rows, scaling, peer)
    print(report)
    if args.write:  # the measured part is replaced; hand-written notes after the marker are kept
        target = ROOT / "docs" / "performance.md"
        old = target.read_text(encoding="utf-8") if target.exists() else ""
        notes = old[old.index(NOTES_MARKER):] if NOTES_MARKER in old else NOTES_MARKER + "\n"
        target.write_text(report + "\n" + notes, encoding="utf-8")


def _paired_with_peers(repeat: int, fresh, work: Path, env: dict):
    """duopress's cold build and the peers' four artifacts, alternating; (row, peers' summary or why not)."""
    missing = [name for name, there in (("pandoc", peers.pandoc()), ("typst", peers.typst_available())) if not there]
    commands = [] if missing else peers.commands(peers.write_inputs(work / "outline.yaml", work / "peers"))
    duo: list[tuple[float, int]] = []
    theirs: list[float] = []
    run(duopress("build", "-q"), work, env)  # fills the font cache, as any earlier build has
    for _ in range(repeat):
        fresh()
        duo.append(run(duopress("build", "-q"), work, env))
        if commands:
            theirs.append(run_together(commands, work))
    seconds, peak = median(duo)
    label = "essay: cold full build (4 artifacts)"
    print(f"  {label}: {seconds:.3f} s, peak {peak / 1024:.0f} MB", file=sys.stderr)
    if missing:
        return (label, seconds, peak), f"not measured: {' and '.join(missing)} not installed"
    ratios = [d[0] / t for d, t in zip(duo, theirs)]
    peer = statistics.median(theirs)
    print(f"  peers (pandoc + Typst): {peer:.3f} s; duopress / peers {statistics.median(ratios):.2f}",
          file=sys.stderr)
    return (label, seconds, peak), (peer, statistics.median(ratios))


def _watch(repeat: int, text: str, work: Path, env: dict) -> list[tuple[str, float, int]]:
    """Save-to-file of ``duopress watch``: an edited outline written, until the changed artifact is reported
    written (the line ``built <path>``)."""
    out = work / "watch-output"
    process = subprocess.Popen(duopress("watch", "--out", str(out)), cwd=work, env={**env, "PYTHONUNBUFFERED": "1"},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[tuple[float, str]] = queue.Queue()
    for stream in (process.stdout, process.stderr):
        threading.Thread(target=_read_lines, args=(stream, lines), daemon=True).start()
    rows = []
    try:
        _wait_for(lines, "duopress: watching", 60)
        for label, (old, new), artifact in (("watch: one bullet edited, save to file", SLIDE_EDIT, "en.pptx"),
                                            ("watch: one paragraph edited, save to file", PARAGRAPH_EDIT, "en.pdf")):
            samples = []
            for n in range(repeat):
                time.sleep(0.3)
                started = time.perf_counter()
                (work / "outline.yaml").write_text(text.replace(old, new if n % 2 == 0 else f"{new} {n}"),
                                                   encoding="utf-8")
                samples.append((_wait_for(lines, f"outline.{artifact}", 30, built=True) - started, 0))
            seconds, _ = median(samples)
            print(f"  {label}: {seconds:.3f} s", file=sys.stderr)
            rows.append((label, seconds, 0))
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C, as a user stops it
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        (work / "outline.yaml").write_text(text, encoding="utf-8")
    return rows


def _read_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put((time.perf_counter(), line))


def _wait_for(lines: queue.Queue, needle: str, timeout: float, built: bool = False) -> float:
    deadline = time.perf_counter() + timeout
    while True:
        try:
            when, line = lines.get(timeout=max(0.01, deadline - time.perf_counter()))
        except queue.Empty:
            raise SystemExit(f"duopress watch: no line with {needle!r} within {timeout} s") from None
        if needle in line and (not built or line.startswith("built")):
            return when


def _slides(deck: Path) -> int:
    import zipfile

    return sum(1 for name in zipfile.ZipFile(deck).namelist()
               if name.startswith("ppt/slides/slide") and name.endswith(".xml"))


def _pages(pdf: Path) -> int:
    import re

    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def _markdown(rows, scaling, peer) -> str:
    floor = dict((label, seconds) for label, seconds, _ in rows)["floor: imports only"]
    lines = [
        "# Performance",
        "",
        f"Measured by `python3 benchmarks/bench.py` on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}. Each figure is the "
        "median wall time of repeated runs, each in a fresh process, and the largest peak resident memory.",
        "",
        "| measurement | seconds | × imports floor | peak memory |",
        "| --- | ---: | ---: | ---: |",
    ]
    for label, seconds, peak in rows:
        memory = f"{peak / 1024:.0f} MB" if peak else "–"
        lines.append(f"| {label} | {seconds:.3f} | {seconds / floor:.2f} | {memory} |")
    if isinstance(peer, str):
        lines += ["", f"Peers (pandoc for the two decks, Typst for the two briefs): {peer}."]
    else:
        lines += ["", f"Peers (pandoc for the two decks, Typst for the two briefs, started together): "
                  f"{peer[0]:.3f} s, {peer[0] / floor:.2f}× the floor. duopress's cold build / the peers' "
                  f"(median of paired, alternating runs): **{peer[1]:.2f}**."]
    lines += ["", "Peak memory is the largest resident set of the command or any of its worker processes (on "
              "machines with two or more cores a build forks a worker per format and a child per artifact).",
              "", "## Scaling (both languages, both formats)", "",
              "| items | slides (en deck) | pages (en brief) | seconds | ms per slide | peak memory |",
              "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for size, slides, pages, seconds, peak in scaling:
        lines.append(f"| {size} | {slides} | {pages} | {seconds:.2f} | {1000 * seconds / (2 * slides):.1f} | "
                     f"{peak / 1024:.0f} MB |")
    lines += ["", "Targets (issues 7 and 19): cold full build of the essay ≤ the peers' time and ≤ 2.0× the imports "
              "floor; watch, save to file ≤ 0.2 s; `duopress check` ≤ 0.4 s; no-op rebuild ≤ 0.5× the floor; "
              "per-slide cost at 1,000 slides within 30% of that at 25; peak memory ≤ 150 MB at 1,000 slides.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
