"""``duopress init``: the files a new project starts from — a small commented outline (or the bundled essay),
duopress.toml, and optionally an editable theme — never written over a file that is already there."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import UsageError

_HERE = Path(__file__).resolve().parent


def start(folder: Path, *, from_essay: bool = False, theme: str | None = None, config: bool = True) -> list[str]:
    """Write the starting files into ``folder`` (made if missing); the lines to print. Refuses, writing
    nothing, if any of them exists: a half-made project is worse than none."""
    from ..style.resources import bundled_outline, bundled_themes, theme_path

    if theme is not None and theme.lower() not in bundled_themes():
        raise UsageError(f"no bundled theme '{theme}'; choose from {', '.join(bundled_themes())}")
    files = {folder / "outline.yaml": (bundled_outline() if from_essay else _HERE / "starter.yaml").read_bytes()}
    if config:
        files[folder / "duopress.toml"] = _config(theme is not None)
    if theme is not None:
        files[folder / "theme.yaml"] = theme_path(theme.lower()).read_bytes()
    present = [str(path) for path in files if path.exists() or path.is_symlink()]
    if present:
        raise UsageError(f"{', '.join(present)} already exist{'s' if len(present) == 1 else ''}; duopress init "
                         "never overwrites a file: move it aside, or init another folder (duopress init DIR)")
    folder.mkdir(parents=True, exist_ok=True)
    _write_all(files)
    what = "the bundled essay" if from_essay else "a small bilingual outline"
    lines = [f"wrote {path}" for path in files] + [f"{folder / 'outline.yaml'}: {what}, to edit"]
    there = "" if folder == Path(".") else f"cd {folder} && "
    return lines + [f"next: {there}duopress check && duopress build"]


def _write_all(files: dict[Path, bytes]) -> None:
    """Each file whole or not at all, and all of them or none: each is written to a temp file, then
    linked into place (a link never overwrites: a file made meanwhile is kept); a failure (a full disk)
    removes the files this call made, so the next ``init`` is not blocked by half an outline."""
    made: list[Path] = []
    try:
        for path, data in files.items():
            fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.chmod(temp, 0o644)
                os.link(temp, path)
                made.append(path)
            finally:
                Path(temp).unlink(missing_ok=True)
    except BaseException:
        for path in made:
            path.unlink(missing_ok=True)
        raise


def _config(own_theme: bool) -> bytes:
    text = (_HERE / "starter.toml").read_text(encoding="utf-8")
    if own_theme:
        text = text.replace('theme = "default"                # a bundled theme (default, portable) or a theme file',
                            'theme = "theme.yaml"             # the editable copy duopress init wrote')
    return text.encode("utf-8")
