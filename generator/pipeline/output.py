"""Writing artifacts safely: a temp file in the same folder, then an atomic rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..render.memo import FOLDER

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
    """Temp files a killed build left behind (artifacts', and the decks' memos' in the cache folder)."""
    if folder.is_dir():
        for stale in [*folder.glob(TEMP_PREFIX + "*" + TEMP_SUFFIX), *(folder / FOLDER).glob(".*" + TEMP_SUFFIX)]:
            stale.unlink(missing_ok=True)
