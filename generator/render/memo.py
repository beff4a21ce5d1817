"""What an artifact's last render left for the next one: pieces (a deck's slides) kept by the digest of
everything that decides their bytes, in a file beside the output.

An edit usually changes one slide of forty. The pipeline gives each render a ``Memo``; a renderer that
can reuse pieces reads the previous render's entries (``entries``), uses those whose key it computes
again, and hands back every piece it made or reused (``keep``); the pipeline writes them after the
artifact (``save``). An entry is used only when its key matches, and the key covers every input of the
piece, so a stale, foreign or old file costs time, never correctness. ``--force`` lays everything out
again (``reuse=False``) and still saves, for the next build.

The file is plain data (``style/plain.py``: its reader checks every type and length, runs no code)
sealed with the user's key (``style/sealed.py``), which lives in the user's cache folder, not in
``output/``: whoever can write ``output/`` but not read that key cannot make a memo a build will use, so
a forged, damaged, foreign or torn file is ignored (a debug note) and replaced by this render's. The
folder is opened without following links; a link in its place is replaced by a folder. Writing is best
effort: a full disk loses the next build's head start, not this build. With the cache off
(``DUOPRESS_CACHE_DIR=off``) there is no key, and no memo is read or written.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..style import cache, plain, sealed

FORMAT = 2  # of the file: entries written by another layout of it are never read (1 was marshal)
FOLDER = ".duopress-cache"  # in the output folder, beside the manifest
LIMIT = 256 << 20  # bytes: a larger file is not read (a deck of 40 slides leaves about 400 KB)
TEMP_PREFIX = ".duopress-memo-"  # of a memo's temp file, then 12 hex digits and ".part"


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
    _file: tuple | None = field(default=None, repr=False, compare=False)  # the file, decoded once


    def entries(self, context: str) -> dict:
        """The previous render's entries when it was made in the same ``context`` (the renderer's digest of
        everything its pieces share), else none."""
        if self.path is None or not self.reuse:
            return {}
        if self._file is None:
            self._file = _read(self.path) or ()
        stored = self._file
        if not stored or stored[0] != FORMAT or stored[1] != self._scope(context):
            return {}
        entries = stored[2]
        return entries if type(entries) is dict else {}

    def keep(self, context: str, entries: dict) -> None:
        """This render's entries (only these are saved: the file never holds pieces no render uses)."""
        self._kept = (context, entries)

    def keep_also(self, name: str, value: object) -> None:
        """One more entry beside what ``keep`` was given (a renderer that draws the deck keeps its drawing
        of each slide beside the deck's slides)."""
        if self._kept is not None:
            self._kept[1][name] = value

    def save(self) -> None:
        """Write what ``keep`` was given; best effort (a failure leaves the previous file or none)."""
        if self.path is None or self._kept is None:
            return
        context, entries = self._kept
        _write(self.path, plain.encode((FORMAT, self._scope(context), entries)))

    def _scope(self, context: str) -> str:
        return hashlib.sha256(f"{self.environment}\0{context}".encode()).hexdigest()


def _read(path: Path):
    secret = cache.key()
    folder = sealed.open_folder(path.parent) if secret is not None else None
    if secret is None or folder is None:
        return None
    try:
        data = sealed.read_file(folder, path.name, LIMIT)
    finally:
        os.close(folder)
    payload = None if data is None else sealed.unseal(secret, _purpose(path), data)
    if payload is None:
        if data is not None:
            sealed.log.debug("memo %s ignored: its seal does not match (damaged, foreign or forged)", path)
        return None
    try:
        stored = plain.decode(payload)
    except plain.PlainError as error:
        sealed.log.debug("memo %s ignored: %s", path, error)
        return None
    return stored if type(stored) is tuple and len(stored) == 3 else None


def _write(path: Path, payload: bytes) -> None:
    """Seal and write; a link where the memo folder should be is replaced by a folder (never followed)."""
    secret = cache.key()
    if secret is None:
        return
    folder = sealed.open_folder(path.parent, create=True, replace_link=True)
    if folder is None:
        return
    try:
        sealed.write_file(folder, path.name, sealed.seal(secret, _purpose(path), payload), TEMP_PREFIX)
    finally:
        os.close(folder)


def _purpose(path: Path) -> str:
    """In the seal: a memo is never read as a cache entry (another deck's memo has another scope)."""
    return "memo"


def remove_temps(out_dir: Path) -> None:
    """The temp files of memos a killed build left (only those: names as ``_write`` makes them)."""
    folder = sealed.open_folder(out_dir / FOLDER)
    if folder is not None:
        try:
            sealed.remove_temps(folder, TEMP_PREFIX)
        finally:
            os.close(folder)
