"""What the command prints besides progress: problems, the decks' fit, check's JSON, and an internal error's
notice (the traceback goes to a file)."""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path

from ..errors import Problem, sorted_problems
from ..version import __version__
from .exits import EXIT_INTERNAL


def print_json_check(outline: Path, problems: list[Problem], fits: dict, ok: bool) -> None:
    import json

    from ..live.progress import problem_record

    data = {
        "outline": str(outline),
        "ok": ok,
        "errors": sum(1 for p in problems if p.is_error),
        "warnings": sum(1 for p in problems if not p.is_error),
        "problems": [problem_record(p) for p in sorted_problems(problems)],
        "fit": {lang: [vars(e) if hasattr(e, "__dict__") else e._asdict() for e in entries]
                for lang, entries in fits.items()},
    }
    print(json.dumps(data, ensure_ascii=False, indent=1, default=str))


def print_fit(fits: dict, every_frame: bool) -> None:
    """One summary line per language (and with --fit, a sentence per frame): fits, shrunk, continued, overflow."""
    from ..render.fit import describe as frame_sentence

    for lang, entries in fits.items():
        if every_frame:
            for e in entries:
                print(f"{e.where or 'deck'}: slide {e.slide} ({lang}): {frame_sentence(e)}")
        counts = {status: sum(1 for e in entries if e.status == status)
                  for status in ("fits", "shrunk", "continued", "overflow")}
        slides = max((e.slide for e in entries), default=0)
        smallest = min((e.size_pt for e in entries if e.status != "overflow"), default=0)
        print(f"deck fit ({lang}): {slides} slides, {len(entries)} text frames: "
              + ", ".join(f"{n} {status}" for status, n in counts.items()) + f"; smallest text {smallest:g}pt"
              + " (fitted for our fonts and the substitutes a recipient may get)", file=sys.stderr)


def print_problems(problems: list[Problem], args=None) -> None:
    from ..live.terminal import Paint, problem_text

    paint = Paint.for_stream(sys.stderr, no_color(args))
    for problem in sorted_problems(problems):
        print(problem_text(problem, paint), file=sys.stderr)


def no_color(args) -> bool:
    return bool(getattr(args, "no_color", False))


def display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def internal_error(details: str | None = None) -> int:
    """Say briefly that duopress failed; save the traceback (this one, or a worker's) for the report."""
    fd, report = tempfile.mkstemp(prefix="duopress-crash-", suffix=".txt")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(f"duopress {__version__}, Python {sys.version}\n\n")
        if details:
            handle.write(details)
        else:
            traceback.print_exc(file=handle)
    print(f"duopress: internal error (a bug in duopress, not in your outline); details saved to {report}",
          file=sys.stderr)
    return EXIT_INTERNAL
