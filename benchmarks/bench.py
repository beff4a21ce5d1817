"""duopress's speed and memory on this machine, next to the floor (what the libraries cost by themselves).

    python3 benchmarks/bench.py              # full run (a few minutes), prints Markdown
    python3 benchmarks/bench.py --quick      # fewer repeats and sizes
    python3 benchmarks/bench.py --write      # also rewrite docs/performance.md

Every measurement runs in a fresh process, as a user's command would, and reports the median of repeated
runs (wall time) and the child's peak resident memory. Nothing here is asserted: the targets are ratios
that this script prints next to the numbers.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ESSAY = ROOT / "outline.yaml"
sys.path.insert(0, str(ROOT / "benchmarks"))

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="3 repeats, sizes up to 400")
    parser.add_argument("--write", action="store_true", help="write docs/performance.md")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    sizes = (25, 100, 400) if args.quick else (25, 100, 400, 1000)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    font = str(ROOT / "assets" / "fonts" / "NanumGothic.ttf")
    with tempfile.TemporaryDirectory(prefix="duopress-bench-") as tmp:
        work = Path(tmp)
        shutil.copy(ESSAY, work / "outline.yaml")
        out = work / "output"
        rows = []
        nothing = lambda: None  # noqa: E731
        fresh = lambda: shutil.rmtree(out, ignore_errors=True)  # noqa: E731
        rows.append(measure("floor: imports only", repeat, nothing, python(IMPORTS_ONLY), work, env))
        rows.append(measure("floor: one slide + one Korean page", repeat, nothing,
                            python(ONE_SLIDE_ONE_PAGE, font), work, env))
        rows.append(measure("essay: cold full build (4 artifacts)", repeat, fresh,
                            duopress("build", "-q"), work, env))
        rows.append(measure("essay: no-op rebuild", repeat, nothing, duopress("build", "-q"), work, env))
        text = (work / "outline.yaml").read_text(encoding="utf-8")
        counter = iter(range(10_000))
        edit = lambda: (work / "outline.yaml").write_text(  # noqa: E731
            text.replace("spreading to images and speech", f"spreading to images and speech {next(counter)}"),
            encoding="utf-8")
        rows.append(measure("essay: one English bullet edited", repeat, edit, duopress("build", "-q"), work, env))
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
            scaling.append((size, slides, pages, seconds, peak))
    report = _markdown(rows, scaling)
    print(report)
    if args.write:  # the measured part is replaced; hand-written notes after the marker are kept
        target = ROOT / "docs" / "performance.md"
        old = target.read_text(encoding="utf-8") if target.exists() else ""
        notes = old[old.index(NOTES_MARKER):] if NOTES_MARKER in old else NOTES_MARKER + "\n"
        target.write_text(report + "\n" + notes, encoding="utf-8")


def _slides(deck: Path) -> int:
    import zipfile

    return sum(1 for name in zipfile.ZipFile(deck).namelist()
               if name.startswith("ppt/slides/slide") and name.endswith(".xml"))


def _pages(pdf: Path) -> int:
    import re

    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def _markdown(rows, scaling) -> str:
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
        lines.append(f"| {label} | {seconds:.3f} | {seconds / floor:.2f} | {peak / 1024:.0f} MB |")
    lines += ["", "Peak memory is the largest resident set of the command or any of its worker processes (on "
              "machines with two or more cores a build forks a worker per format and a child per artifact).",
              "", "## Scaling (both languages, both formats)", "",
              "| items | slides (en deck) | pages (en brief) | seconds | ms per slide | peak memory |",
              "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for size, slides, pages, seconds, peak in scaling:
        lines.append(f"| {size} | {slides} | {pages} | {seconds:.2f} | {1000 * seconds / (2 * slides):.1f} | "
                     f"{peak / 1024:.0f} MB |")
    lines += ["", "Targets (issue 7): cold full build of the essay ≤ 2.0× the imports floor; no-op rebuild ≤ 0.5×; "
              "per-slide cost at 1,000 slides within 30% of that at 25; peak memory ≤ 150 MB at 1,000 slides.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
