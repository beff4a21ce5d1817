"""What an artifact's last render left for the next one: pieces (a deck's slides) kept by the digest of
everything that decides their bytes, in a file beside the output.

An edit usually changes one slide of forty. The pipeline gives each render a ``Memo``; a renderer that
can reuse pieces reads the previous render's entries (``entries``), uses those whose key it computes
again, and hands back every piece it made or reused (``keep``); the pipeline writes them after the
artifact (``save``). An entry is used only when its key matches, and the key covers every input of the
piece, so a stale, foreign or old file costs time, never correctness. ``--force`` lays everything out
again (``reuse=False``) and still saves, for the next build.

The file is ``marshal`` data (loading runs no code, unlike a pickle) behind a header and the SHA-256 of
the payload: a torn or damaged file is noticed before it is read, and ignored. Writing it is best
effort: a full disk loses the next build's head start, not this build.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

FORMAT = 1  # of the file: entries written by another layout of it are never read
_MAGIC = b"duopress-memo\n"
FOLDER = ".duopress-cache"  # in the output folder, beside the manifest


def memo_path(artifact: Path) -> Path:
    """Where the memo of ``artifact`` lives: ``output/.duopress-cache/<artifact's name>.memo``."""
    return artifact.parent / FOLDER / f"{artifact.name}.memo"


@dataclass
class Memo:
    """One artifact's memo: the previous render's entries (read once, on demand) and this render's."""

    path: Path | None  # None: nothing is read or kept (an API call, a preview)
    environment: str = ""  # digest of what the document does not carry: theme, fonts, template, options, version
    reuse: bool = True  # False: read nothing (--force); this render's entries are still saved
    _kept: tuple[str, dict] | None = field(default=None, repr=False)

    def entries(self, context: str) -> dict:
        """The previous render's entries when it was made in the same ``context`` (the renderer's digest of
        everything its pieces share), else none."""
        if self.path is None or not self.reuse:
            return {}
        stored = _read(self.path)
        if stored is None or stored[0] != FORMAT or stored[1] != self._scope(context):
            return {}
        entries = stored[2]
        return entries if isinstance(entries, dict) else {}

    def keep(self, context: str, entries: dict) -> None:
        """This render's entries (only these are saved: the file never holds pieces no render uses)."""
        self._kept = (context, entries)

    def save(self) -> None:
        """Write what ``keep`` was given; best effort (a failure leaves the previous file or none)."""
        if self.path is None or self._kept is None:
            return
        context, entries = self._kept
        try:
            _write(self.path, marshal.dumps((FORMAT, self._scope(context), entries)))
        except (OSError, ValueError):  # no room, no permission; or a value marshal cannot hold (a bug)
            pass

    def _scope(self, context: str) -> str:
        return hashlib.sha256(f"{self.environment}\0{context}".encode()).hexdigest()


def _read(path: Path):
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + 32
    if not data.startswith(_MAGIC) or hashlib.sha256(data[head:]).digest() != data[len(_MAGIC):head]:
        return None
    try:
        stored = marshal.loads(data[head:])
    except (EOFError, ValueError, TypeError):
        return None
    return stored if isinstance(stored, tuple) and len(stored) == 3 else None


def _write(path: Path, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # a killed build's temp file is removed by the next one (pipeline.output.remove_stale_temps: ".*.part")
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:  # no fsync: a torn file fails its checksum and is ignored
            handle.write(_MAGIC + hashlib.sha256(payload).digest())
            handle.write(payload)  # apart: no copy of a large memo joined to its header
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
