"""duopress's cache folder: what a font file's parse produced, and the decks' fit, kept under digests.

Parsing the two 4.6 MB Hangul files costs every build tens of milliseconds per reader (fontTools for the
checks and the deck's fitting, reportlab for the brief); loading the same tables back is a few. The key is
the sha256 of the file's bytes, the reader's name and version, and this format's version, so an edited,
replaced or renamed font never meets a stale entry.

Entries are plain data (``plain.py``: no ``marshal``, no pickle; its reader checks every type and length)
sealed with the user's key (``sealed.py``): an entry that is damaged, forged, too large, not a regular
file or not of the shape its reader expects is ignored, made again and rewritten (a debug note says so).
They live in ``$DUOPRESS_CACHE_DIR``, else ``$XDG_CACHE_HOME/duopress``, else ``~/.cache/duopress``;
``DUOPRESS_CACHE_DIR=off`` turns every cache off (the decks' memos too: the key lives here). A folder
that cannot be written only costs the parse. ``duopress check`` keeps each deck's fit here too
(``entry``/``store``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from . import plain, sealed

T = TypeVar("T")  # what a reader returns

FORMAT = 2  # bump when what a reader stores changes shape (2: plain data, sealed; 1 was marshal)
LIMIT = 32 << 20  # bytes: the largest entry read back (a parsed Hangul font is about 1.5 MB)
KEEP = 64  # entries of one kind (the text before the first "-": "fit", "font") kept; the oldest go first
_TEMP = ".entry-"


def cache_dir() -> Path | None:
    """Where entries live, or None when the cache is off."""
    chosen = os.environ.get("DUOPRESS_CACHE_DIR")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "duopress"


@contextlib.contextmanager
def opened() -> Iterator[tuple[int, bytes] | None]:
    """The cache folder (a descriptor) and the user's key in it; None when off or neither can be had."""
    folder = cache_dir()
    fd = sealed.open_folder(folder, create=True, follow=True) if folder is not None else None
    if fd is None:
        yield None
        return
    try:
        key = sealed.load_key(fd)
        yield None if key is None else (fd, key)
    finally:
        os.close(fd)


def key() -> bytes | None:
    """The user's sealing key (the decks' memos are sealed with it too); None when the cache is off."""
    with opened() as place:
        return None if place is None else place[1]


def cached(data: bytes, reader: str, parse: Callable[[], T], valid: Callable[[object], bool]) -> T:
    """``parse()``'s result for the font whose bytes are ``data``, from the cache when an entry is there.

    ``reader`` names the parser and its version (``"reportlab-4.2.5"``): another version parses afresh.
    What ``parse`` returns must be plain data (``plain.py``); a stored value is used only if ``valid``.
    """
    digest = hashlib.sha256(data)
    digest.update(f"\0{reader}\0{FORMAT}".encode())
    name = f"font-{digest.hexdigest()[:40]}.plain"
    with opened() as place:
        if place is None:
            return parse()
        folder, secret = place
        value = _load(folder, secret, name)
        if value is not None and valid(value):
            return value  # type: ignore[return-value]  # valid() checked its shape
        if value is not None:
            sealed.log.debug("font cache entry %s ignored: not what %s stores", name, reader)
        value = parse()
        _save(folder, secret, name, plain.encode(value))
        return value


def entry(name: str) -> bytes | None:
    """A stored entry's payload, or None (absent, damaged, forged, too large, or the cache off)."""
    with opened() as place:
        if place is None:
            return None
        data = sealed.read_file(place[0], name, LIMIT)
        payload = None if data is None else sealed.unseal(place[1], _purpose(name), data)
        if data is not None and payload is None:
            sealed.log.debug("cache entry %s ignored: its seal does not match", name)
        return payload


def store(name: str, payload: bytes) -> None:
    """Keep ``payload`` under ``name``; an edit makes a new deck digest, so older entries of the same kind
    beyond KEEP are removed, least recently written first (the folder never grows without bound)."""
    with opened() as place:
        if place is not None:
            _save(place[0], place[1], name, payload)


def _load(folder: int, secret: bytes, name: str) -> object | None:
    data = sealed.read_file(folder, name, LIMIT)
    payload = None if data is None else sealed.unseal(secret, _purpose(name), data)
    if payload is None:
        if data is not None:
            sealed.log.debug("cache entry %s ignored: its seal does not match", name)
        return None
    try:
        return plain.decode(payload)
    except plain.PlainError as error:
        sealed.log.debug("cache entry %s ignored: %s", name, error)
        return None


def _save(folder: int, secret: bytes, name: str, payload: bytes) -> None:
    sealed.remove_temps(folder, _TEMP)
    if sealed.write_file(folder, name, sealed.seal(secret, _purpose(name), payload), _TEMP):
        _prune(folder, name.split("-", 1)[0] + "-")


def _purpose(name: str) -> str:
    """What an entry is for, in its seal: a font's entry is never read as a fit, nor under another name."""
    return f"cache:{name}"


def _prune(folder: int, prefix: str) -> None:
    found = []
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            if name.startswith(prefix):
                info = os.stat(name, dir_fd=folder, follow_symlinks=False)
                if stat.S_ISREG(info.st_mode):
                    found.append((info.st_mtime_ns, name))
    for _, name in sorted(found)[:-KEEP]:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=folder)
