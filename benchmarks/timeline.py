"""Where a cold build of the essay spends its time: a timeline across processes, and each renderer's split
between duopress's own code and the libraries.

    python3 benchmarks/timeline.py            # timeline of one `duopress build --force`
    python3 benchmarks/timeline.py --split    # also: per artifact, profiled time in duopress vs libraries

The timeline wraps a few build steps with timestamps (seconds since the script began timing, after
Python's own start-up; one line per step and process); nothing in duopress itself is changed. Times
under the profiler (``--split``) are inflated; read them as shares.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = ("_check", "_warm_up", "_localized", "_render_job")


def timeline(outline: Path) -> None:
    started = time.time()
    build = importlib.import_module("generator.pipeline.run")  # the package's ``build`` is the function
    load = importlib.import_module("generator.outline.loader")

    def log(message: str) -> None:
        sys.stderr.write(f"{time.time() - started:6.3f}  pid {os.getpid():>7}  {message}\n")

    def wrapped(module, name: str) -> None:
        original = getattr(module, name)

        def step(*args, **kwargs):
            what = _describe(args[0]) if args else ""
            log(f"start {name} {what}")
            try:
                return original(*args, **kwargs)
            finally:
                log(f"end   {name} {what}")

        setattr(module, name, step)

    for name in STEPS:
        wrapped(build, name)
    wrapped(load, "read_outline")
    with tempfile.TemporaryDirectory() as out:
        log("build called")
        build.build(outline, out=out, force=True)
        log("build returned")


def _describe(first) -> str:
    """The artifact a step works on (a job has a format and a path), or a worker's format (its warm-up)."""
    if hasattr(first, "fmt") and hasattr(first, "path"):
        return Path(first.path).name
    return first if isinstance(first, str) else ""


def split(outline: Path) -> None:
    import cProfile
    import pstats

    build = importlib.import_module("generator.pipeline.run")
    from generator.outline.loader import read_outline
    from generator.style.theme_file import load_theme

    theme = load_theme(None)
    model, _ = read_outline(outline)
    renderers = {fmt: importlib.import_module(module) for fmt, module in build.RENDERERS.items()}
    documents = {lang: build._localize(model, lang, "duopress", outline.stem) for lang in model.languages}
    for renderer in renderers.values():  # fonts read, caches warm: what each artifact's child finds
        renderer.render(documents[model.languages[0]], theme)
    for fmt, renderer in renderers.items():
        for lang, document in documents.items():
            profile = cProfile.Profile()
            profile.enable()
            renderer.render(document, theme)
            profile.disable()
            stats = pstats.Stats(profile).stats
            total = sum(entry[2] for entry in stats.values())
            ours = sum(entry[2] for key, entry in stats.items() if str(ROOT / "generator") in key[0])
            print(f"{lang}.{fmt}: {total:.3f} s profiled, duopress's own code {ours / total:.0%}, libraries "
                  f"{1 - ours / total:.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outline", nargs="?", default=str(ROOT / "outline.yaml"))
    parser.add_argument("--split", action="store_true", help="also profile each artifact's renderer")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    timeline(Path(args.outline))
    if args.split:
        split(Path(args.outline))


if __name__ == "__main__":
    main()
