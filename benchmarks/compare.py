"""Before and after: this checkout against another one (say, main before a change), run by run, alternating.

    git worktree add /tmp/before main   # or: mkdir /tmp/before && git archive main | tar -x -C /tmp/before
    python3 benchmarks/compare.py /tmp/before [--repeat 9] [--outline /tmp/before/outline.yaml]

Each measurement runs the two checkouts' ``duopress`` in turn, in fresh processes, with the same inputs, so
both meet the same machine (someone else's tests, a thermal limit); the medians and the median of the
per-pair ratios are printed as Markdown. The font cache is filled first for both (``bench.py``'s rule).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path, help="the root of the other checkout")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--outline", type=Path, default=bench.ESSAY,
                        help="the outline both build (default: this checkout's essay; give the other checkout's "
                             "when this one's uses fields the other cannot read)")
    args = parser.parse_args()
    roots = {"before": args.before.resolve(), "after": bench.ROOT}
    with tempfile.TemporaryDirectory(prefix="duopress-compare-") as tmp:
        work = Path(tmp)
        shutil.copy(args.outline, work / "outline.yaml")
        text = (work / "outline.yaml").read_text(encoding="utf-8")
        envs = {}
        for side, root in roots.items():
            import compileall

            compileall.compile_dir(str(root / "generator"), quiet=1)
            env = {**os.environ, "PYTHONPATH": str(root), "DUOPRESS_CACHE_DIR": str(work / f"cache-{side}")}
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            envs[side] = env
            bench.run(bench.duopress("build", "-q", "--out", f"out-{side}"), work, env)  # fonts cached
            bench.run(bench.duopress("check"), work, env)  # and the fit, for the check row
        counter = iter(range(10_000))

        def edit():
            (work / "outline.yaml").write_text(
                text.replace(bench.SLIDE_EDIT[0], f"{bench.SLIDE_EDIT[0]} {next(counter)}"), encoding="utf-8")

        cases = [
            ("cold full build", lambda side: shutil.rmtree(work / f"out-{side}", ignore_errors=True), ("build", "-q")),
            ("no-op rebuild", lambda side: None, ("build", "-q")),
            ("one bullet edited, rebuilt", lambda side: edit(), ("build", "-q")),
            ("duopress check", lambda side: None, ("check",)),
        ]
        print("| measurement | before (s) | after (s) | after / before |\n| --- | ---: | ---: | ---: |")
        for label, prepare, command in cases:
            samples: dict[str, list[float]] = {"before": [], "after": []}
            for _ in range(args.repeat):
                for side in ("before", "after"):
                    prepare(side)
                    extra = ("--out", f"out-{side}") if command[0] == "build" else ()
                    samples[side].append(bench.run(bench.duopress(*command, *extra), work, envs[side])[0])
            ratio = statistics.median(a / b for a, b in zip(samples["after"], samples["before"]))
            print(f"| {label} | {statistics.median(samples['before']):.3f} | "
                  f"{statistics.median(samples['after']):.3f} | {ratio:.2f} |", flush=True)
            (work / "outline.yaml").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
