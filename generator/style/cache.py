"""duopress's cache folder: what a font file's parse produced, and the decks' fit, kept under digests.

Parsing the two 4.6 MB Hangul files costs every build tens of milliseconds per reader (fontTools for the
checks and the deck's fitting, reportlab for the brief); loading the same tables back is a few. The key is
the sha256 of the file's bytes, the reader's name and version, and this format's version, so an edited,
replaced or renamed font never meets a stale entry; a damaged or unreadable entry is parsed again.

Entries are ``marshal`` data (plain dicts, lists, numbers, strings and bytes), never pickles: loading one
runs no code. They live in ``$DUOPRESS_CACHE_DIR``, else ``$XDG_CACHE_HOME/duopress``, else
``~/.cache/duopress``; ``DUOPRESS_CACHE_DIR=off`` turns the cache off. A folder that cannot be written only
costs the parse. ``duopress check`` keeps each deck's fit there under the deck's digest (``entry``/``store``).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")  # what a reader returns

FORMAT = 1  # bump when what a reader stores changes shape


def cache_dir() -> Path | None:
    """Where entries live, or None when the cache is off."""
    chosen = os.environ.get("DUOPRESS_CACHE_DIR")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "duopress"


def cached(data: bytes, reader: str, parse: Callable[[], T]) -> T:
    """``parse()``'s result for the font whose bytes are ``data``, from the cache when an entry is there.

    ``reader`` names the parser and its version (``"reportlab-4.2.5"``): another version parses afresh.
    What ``parse`` returns must be marshal data.
    """
    folder = cache_dir()
    if folder is None:
        return parse()
    key = hashlib.sha256(data)
    key.update(f"\0{reader}\0{FORMAT}".encode())
    path = folder / f"font-{key.hexdigest()[:40]}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):  # not there yet, or damaged: parse it again
        pass
    value = parse()
    marshalled: Any = value  # marshal data, by this function's contract
    _store(path, marshal.dumps(marshalled))
    return value


def entry(name: str) -> bytes | None:
    """A stored entry's bytes, or None (absent, unreadable, or the cache off)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return (folder / name).read_bytes()
    except OSError:
        return None


KEEP = 64  # entries of one kind (the text before the first "-": "fit", "font") kept; the oldest go first


def store(name: str, payload: bytes) -> None:
    """Keep ``payload`` under ``name``; an edit makes a new deck digest, so older entries of the same kind
    beyond KEEP are removed, least recently written first (the folder never grows without bound)."""
    folder = cache_dir()
    if folder is not None:
        _store(folder / name, payload)
        _prune(folder, name.split("-", 1)[0] + "-")


def _prune(folder: Path, prefix: str) -> None:
    try:
        entries = sorted((p.stat().st_mtime_ns, p.name, p) for p in folder.glob(prefix + "*") if p.is_file())
    except OSError:
        return
    for _, _, path in entries[:-KEEP]:
        with contextlib.suppress(OSError):
            path.unlink()


def _store(path: Path, payload: bytes) -> None:
    """Write atomically (a parallel build may write the same entry); give up quietly if it cannot."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".entry-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
