"""Writing artifacts safely: a temp file in the same folder, then an atomic rename."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from ..render import memo
from ..style import sealed

TEMP_PREFIX = ".duopress-"
TEMP_SUFFIX = ".part"


def atomic_write(path: Path, data: bytes) -> None:
    """Readers see the old file or the new one, never half of one; a failure leaves the old file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX + path.name + ".", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def remove_stale_temps(folder: Path) -> None:
    """Temp files a killed build left behind (artifacts', and the decks' memos' in the cache folder): only
    regular files named as ``atomic_write`` names them, never through a link."""
    fd = sealed.open_folder(folder)
    if fd is None:
        return
    try:
        names = os.listdir(fd)
        for name in names:
            if _is_our_temp(name):
                info = os.stat(name, dir_fd=fd, follow_symlinks=False)
                if stat.S_ISREG(info.st_mode):
                    os.unlink(name, dir_fd=fd)
    except OSError:
        pass
    finally:
        os.close(fd)
    memo.remove_temps(folder)


def _is_our_temp(name: str) -> bool:
    """``.duopress-<artifact>.<8 characters of mkstemp's>.part``: what atomic_write names a temp file."""
    if not (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)):
        return False
    stem = name[: -len(TEMP_SUFFIX)]
    head, _, random = stem.rpartition(".")
    return len(head) > len(TEMP_PREFIX) and len(random) == 8 and all(c in _MKSTEMP for c in random)


_MKSTEMP = set("abcdefghijklmnopqrstuvwxyz0123456789_")
