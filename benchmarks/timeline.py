"""Where a cold build of the essay spends its time: a timeline across processes, and each renderer's split
between duopress's own code and the libraries.

    python3 benchmarks/timeline.py            # timeline of one `duopress build --force`
    python3 benchmarks/timeline.py --split    # also: per artifact, profiled time in duopress vs libraries
    python3 benchmarks/timeline.py --edit     # timeline of the rebuild after one English bullet's edit

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
STEPS = ("localize_all", "warm_up", "render_safely")  # methods of pipeline.run.Session


def timeline(outline: Path, edit: bool = False) -> None:
    started = time.time()
    run = importlib.import_module("generator.pipeline.run")
    checks = importlib.import_module("generator.checks.outline")
    load = importlib.import_module("generator.outline.loader")
    api = importlib.import_module("generator.api")

    def log(message: str) -> None:
        sys.stderr.write(f"{time.time() - started:6.3f}  pid {os.getpid():>7}  {message}\n")

    def wrapped(module, name: str) -> None:
        original = getattr(module, name)

        def step(*args, **kwargs):
            what = _describe(args[-1]) if args else ""  # a method's job or format comes after self
            log(f"start {name} {what}")
            try:
                return original(*args, **kwargs)
            finally:
                log(f"end   {name} {what}")

        setattr(module, name, step)

    for name in STEPS:
        wrapped(run.Session, name)
    wrapped(checks, "check_outline")
    wrapped(load, "read_outline")
    with tempfile.TemporaryDirectory() as work:
        if edit:  # built once untimed, then the bench's one-bullet edit: what an author's save costs
            import bench

            edited = Path(work) / "outline.yaml"
            text = outline.read_text(encoding="utf-8")
            edited.write_text(text, encoding="utf-8")
            api.build(edited, out=Path(work) / "out")
            edited.write_text(text.replace(bench.SLIDE_EDIT[0], bench.SLIDE_EDIT[1]), encoding="utf-8")
            outline = edited
        log("build called")
        api.build(outline, out=Path(work) / "out", force=not edit)
        log("build returned")


def _describe(first) -> str:
    """What a step works on: an artifact (a job has a format and a path), or a worker's format (warm-up)."""
    if hasattr(first, "fmt") and hasattr(first, "path"):
        return Path(first.path).name
    return first if isinstance(first, str) else ""


def split(outline: Path) -> None:
    import cProfile
    import pstats

    from generator.outline.loader import read_outline
    from generator.pipeline.request import BuildRequest
    from generator.pipeline.run import Session
    from generator.render.registry import RENDERERS, default_formats
    from generator.render.renderer import RenderOptions
    from generator.style.theme_file import load_theme

    theme, options = load_theme(None), RenderOptions()
    model, _ = read_outline(outline)
    session = Session(model, theme, BuildRequest(outline), "duopress")
    renderers = {fmt: RENDERERS[fmt] for fmt in default_formats()}
    documents = {lang: session.localize(lang) for lang in model.languages}
    for renderer in renderers.values():  # fonts read, caches warm: what each artifact's child finds
        renderer.render(documents[model.languages[0]], theme, options)
    for fmt, renderer in renderers.items():
        for lang, document in documents.items():
            profile = cProfile.Profile()
            profile.enable()
            renderer.render(document, theme, options)
            profile.disable()
            stats = pstats.Stats(profile).stats
            total = sum(entry[2] for entry in stats.values())
            shares: dict[str, float] = {}
            for key, entry in stats.items():
                owner = _owner(key[0])
                shares[owner] = shares.get(owner, 0.0) + entry[2]
            ours = shares.get("duopress", 0.0)
            split_text = ", ".join(f"{name} {seconds / total:.0%}" for name, seconds in
                                   sorted(shares.items(), key=lambda kv: -kv[1]) if seconds / total >= 0.01)
            print(f"{lang}.{fmt}: {total:.3f} s profiled, duopress's own code {ours / total:.0%}, libraries "
                  f"{1 - ours / total:.0%} ({split_text})")


def _owner(filename: str) -> str:
    """Whose code a profiled function is: duopress, a library (by its top-level package), the standard
    library, or C built-ins (``~``: lxml's and reportlab's C parts show up under their callers' names)."""
    if str(ROOT / "generator") in filename:
        return "duopress"
    if filename == "~" or filename.startswith("<"):
        return "built-ins"
    if "site-packages" in filename:
        return filename.split("site-packages/")[1].split("/")[0].removesuffix(".py")
    return "stdlib"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outline", nargs="?", default=str(ROOT / "outline.yaml"))
    parser.add_argument("--split", action="store_true", help="also profile each artifact's renderer")
    parser.add_argument("--edit", action="store_true", help="time the rebuild after bench.py's one-bullet edit")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    timeline(Path(args.outline), args.edit)
    if args.split:
        split(Path(args.outline))


if __name__ == "__main__":
    main()
