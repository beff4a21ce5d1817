"""``duopress watch``: rebuild what changed whenever the outline, theme, template or assets are saved.

Folders are watched, not files. Editors save in many ways: write in place, write a temp file and rename
it over the outline (``sed -i``, vim, most IDEs), rename the original to a backup first (vim's
``backupcopy=no``), or delete and recreate. A watch on a file follows its inode, which a rename replaces:
the first such save would be the last one seen. A watch on the folder sees every name that arrives in it.

What is watched, and why:

- the outline's folder, recursively, for images (``.png``, ``.jpg``, ``.jpeg``, ``.gif``): an image must
  lie inside it (``image.outside`` otherwise), so this covers every image the outline uses or will use,
  in folders created later too, without re-reading the outline. Other files there are not inputs, and
  one of them may be this command's own log (``duopress watch 2> watch.log``): were it watched, every
  build would trigger the next. For the same reason the output folder is excluded (previews are PNGs).
  An image saved under another name is picked up at the next save of the outline.
- the bundled assets folder (themes, fonts), recursively.
- the folders of the theme and the template, for those two files only. watchfiles has one ``recursive``
  flag per watcher, so such a folder is walked too; keep a theme in a small folder, not in your home.

Editor debris (``outline.yaml~``, ``.swp``, vim's ``4913`` probe, temp files) never triggers a build.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from watchfiles import DefaultFilter
from watchfiles import watch as watch_changes

from ..errors import DuopressError, UsageError, sorted_problems
from ..style import resources
from ..style.theme import font_folders

DEBOUNCE_MS = 400  # an editor's save is often several writes; wait for them to settle
# A burst of changes ends when none follows within this time. A save's writes come microseconds apart
# (a rename, or a truncate and a write), and a change is yielded one to two steps after it happened:
# every rebuild waits that long before it starts. A save still half written when read is reported and
# built again when its last write arrives. Waking every 10 ms while idle costs nothing measurable.
STEP_MS = 10
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".jpe", ".gif"}  # what check.IMAGE_FORMATS admits


class WatchScope(DefaultFilter):
    """Which changes can change an artifact; also a ``watch_filter`` for watchfiles."""

    # DefaultFilter already drops .git, __pycache__, "~" backups, ".sw?" swap files and emacs locks
    ignore_entity_patterns = (*DefaultFilter.ignore_entity_patterns,
                              r"^4913$",                 # vim's probe: can it write in this folder?
                              r"\.te?mp$", r"^sed\w{6}$")  # temp files, renamed over the target at once

    def __init__(self, outline: Path, theme: Path | None, template: Path | None, out: Path | str):
        super().__init__()
        self.outline_dir = outline.resolve().parent
        self.assets = resources.assets_dir().resolve()
        theme = theme or resources.theme_path()
        inputs = [outline, theme] + ([template] if template is not None else [])
        self.files = {Path(path).resolve() for path in inputs}
        # a fonts folder beside a user's theme (the bundled fonts are in assets)
        self.fonts = [folder.resolve() for folder in font_folders(theme)[:-1]]
        self.theme_dir = Path(theme).resolve().parent  # where its logo is
        self.out = _excluded_output(Path(out).resolve(), self.outline_dir)

    def roots(self) -> list[Path]:
        """The folders to hand to watchfiles: each existing one once, none inside another."""
        folders = {p for p in [self.outline_dir, self.assets, *self.fonts, *(f.parent for f in self.files)]
                   if p.is_dir()}
        return sorted(p for p in folders if not any(p != q and p.is_relative_to(q) for q in folders))

    def __call__(self, change, path: str) -> bool:
        changed = Path(path)
        if changed in self.files:  # whatever the name patterns say: these are the inputs themselves
            return True
        if not super().__call__(change, path) or (self.out is not None and changed.is_relative_to(self.out)):
            return False
        if changed.is_relative_to(self.assets) or any(changed.is_relative_to(f) for f in self.fonts):
            return True
        image = changed.suffix.lower() in IMAGE_SUFFIXES
        return image and (changed.is_relative_to(self.outline_dir) or changed.parent == self.theme_dir)


def _excluded_output(out: Path, outline_dir: Path) -> Path | None:
    """The output folder to ignore; None when it holds the outline, as ignoring it would ignore the images.

    Then nothing is lost: artifacts and bookkeeping files are not images.
    """
    return None if outline_dir.is_relative_to(out) else out


def watch(outline: Path, run_build: Callable[[], object], *, theme: Path | None = None,
          template: Path | None = None, out: Path | str = "output", stop_event=None, stream=sys.stderr,
          prepare: Callable[[], object] | None = None) -> None:
    """Build once, then again after every burst of saves; a broken outline keeps the last good artifacts.

    ``out`` is the output folder the builds write to (the default matches ``build``'s): its changes are
    ignored. ``prepare`` runs once after the first build (importing the renderers, say), so later rebuilds
    start warm; if it fails, they only start cold.
    """
    _attempt(run_build, stream)
    if prepare is not None:
        try:
            prepare()
        except Exception:  # a head start only: the next build meets any real error and reports it
            pass
    scope = WatchScope(outline, theme, template, out)
    roots = scope.roots()
    announced = False
    try:
        # yield_on_timeout: the first (empty) yield comes once the watcher is live, so "watching" is true.
        # ignore_permission_denied: an unreadable subfolder holds nothing a build could read either.
        for changes in watch_changes(*roots, watch_filter=scope, debounce=DEBOUNCE_MS, step=STEP_MS,
                                     stop_event=stop_event, raise_interrupt=False, yield_on_timeout=True,
                                     rust_timeout=250, ignore_permission_denied=True):
            if not changes:
                if not announced:
                    announced = True
                    print(f"duopress: watching {', '.join(str(p) for p in roots)} (Ctrl-C to stop)", file=stream)
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
