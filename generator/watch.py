"""``duopress watch``: rebuild what changed whenever the outline, theme, template or assets are saved."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from . import resources
from .errors import DuopressError, UsageError, sorted_problems

DEBOUNCE_MS = 400  # an editor's save is often several writes; wait for them to settle


def watched_paths(outline: Path, theme: Path | None, template: Path | None) -> list[Path]:
    """The files and folders whose changes can change an artifact."""
    from .theme import font_folders

    theme = theme or resources.theme_path()
    own_fonts = font_folders(theme)[:-1]  # a fonts folder beside the theme (the bundled one is in assets)
    paths = [outline.resolve(), theme.resolve(), resources.assets_dir().resolve(), *(p.resolve() for p in own_fonts)]
    if template is not None:
        paths.append(template.resolve())
    return list(dict.fromkeys(paths))


def watch(outline: Path, run_build: Callable[[], object], *, theme: Path | None = None,
          template: Path | None = None, stop_event=None, stream=sys.stderr,
          prepare: Callable[[], object] | None = None) -> None:
    """Build once, then again after every burst of saves; a broken outline keeps the last good artifacts.

    ``prepare`` runs once after the first build (importing the renderers, say), so later rebuilds
    start warm; if it fails, they only start cold.
    """
    from watchfiles import watch as watch_changes

    _attempt(run_build, stream)
    if prepare is not None:
        try:
            prepare()
        except Exception:  # a head start only: the next build meets any real error and reports it
            pass
    paths = watched_paths(outline, theme, template)
    announced = False
    try:
        # yield_on_timeout: the first (empty) yield comes once the watcher is live, so "watching" is true
        for changes in watch_changes(*paths, debounce=DEBOUNCE_MS, step=50, stop_event=stop_event,
                                     raise_interrupt=False, yield_on_timeout=True, rust_timeout=250):
            if not changes:
                if not announced:
                    announced = True
                    print(f"duopress: watching {', '.join(str(p) for p in paths)} (Ctrl-C to stop)", file=stream)
                continue
            names = sorted({Path(path).name for _, path in changes})
            print(f"duopress: changed: {', '.join(names)}", file=stream)
            _attempt(run_build, stream)
    except KeyboardInterrupt:  # pragma: no cover - watchfiles normally swallows it (raise_interrupt=False)
        pass
    print("duopress: stopped watching", file=stream)


def _attempt(run_build: Callable[[], object], stream) -> None:
    """One build; its problems are printed and the previous artifacts stay in place."""
    try:
        run_build()
    except DuopressError as exc:
        for problem in sorted_problems(exc.problems):
            print(problem, file=stream)
        print("duopress: not rebuilt; the last good artifacts are kept", file=stream)
    except UsageError as exc:
        print(f"duopress: error: {exc}", file=stream)
