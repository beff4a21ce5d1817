"""Cache files a forger cannot write and a hostile folder cannot turn against the build.

Every cache entry duopress reads back (parsed fonts, the decks' fit, the decks' memos) is sealed: an
HMAC-SHA256 under a key of the user's, made once with 32 random bytes and kept as a 0600 file in the
user's cache folder — never in ``output/``, which a shared drive or a repository lets others write. The
seal covers the entry's purpose (``font``, ``fit``, ``memo:<artifact>``) and its bytes, so an entry is
never taken for another's. Whoever cannot read the key cannot make an entry duopress will use; a key
file that is not a regular file of this user's, readable only by them, is not used (nothing is cached).

Files are opened without following links (``O_NOFOLLOW``, relative to a folder opened the same way),
without blocking (a FIFO is refused, not waited on), and read only when they are regular files within a
size bound. Whatever fails any of this is treated as absent: the entry is made again and rewritten.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import logging
import os
import secrets
import stat
from pathlib import Path

log = logging.getLogger("duopress.cache")

MAGIC = b"duopress-sealed-1\n"
KEY_NAME = "seal.key"
KEY_SIZE = 32
_NOFOLLOW = os.O_NOFOLLOW | os.O_CLOEXEC | getattr(os, "O_NONBLOCK", 0)
_TAG = hashlib.sha256().digest_size


# -- files ------------------------------------------------------------------------------------------


def open_folder(path: Path, *, create: bool = False, replace_link: bool = False, follow: bool = False
                ) -> int | None:
    """A descriptor of the folder ``path`` (not a link's target unless ``follow``), made if ``create``; None
    if it cannot be.

    ``replace_link``: a symbolic link where the folder should be is removed (the link only, never what it
    points to) and a folder made in its place — for folders duopress owns inside ``output/``. ``follow``:
    the user's own cache folder, which they may well keep behind a link on another disk.
    """
    flags = os.O_RDONLY | os.O_DIRECTORY | (_NOFOLLOW & ~os.O_NOFOLLOW if follow else _NOFOLLOW)
    for _ in range(2):
        try:
            return os.open(path, flags)
        except FileNotFoundError:
            if not create:
                return None
            with contextlib.suppress(FileExistsError):
                os.makedirs(path, mode=0o700)
        except OSError as error:
            if not (replace_link and error.errno in (errno.ELOOP, errno.ENOTDIR) and _is_link(path)):
                log.debug("cache folder %s not used: %s", path, error)
                return None
            log.debug("cache folder %s is a symbolic link: replaced by a folder", path)
            with contextlib.suppress(OSError):
                os.unlink(path)
    return None


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def read_file(folder: int, name: str, limit: int) -> bytes | None:
    """The bytes of regular file ``name`` in the open ``folder`` if it holds at most ``limit``; else None."""
    try:
        fd = os.open(name, os.O_RDONLY | _NOFOLLOW, dir_fd=folder)
    except OSError:
        return None  # absent, a link, unreadable
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            log.debug("cache entry %s ignored: not a regular file of at most %d bytes", name, limit)
            return None
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(fd)


def write_file(folder: int, name: str, data: bytes, temp_prefix: str) -> bool:
    """Replace ``name`` in the open ``folder`` atomically with ``data`` (mode 0600); False if it cannot.

    The temp file is ``<temp_prefix><random>.part``, made with ``O_EXCL`` and without following links; a
    killed build's is removed by the next (``remove_temps``).
    """
    temp = f"{temp_prefix}{secrets.token_hex(6)}.part"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=folder)
    except OSError as error:
        log.debug("cache entry %s not written: %s", name, error)
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
        return True
    except OSError as error:
        log.debug("cache entry %s not written: %s", name, error)
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=folder)
        return False


def remove_temps(folder: int, temp_prefix: str) -> None:
    """Delete the temp files ``write_file`` made with ``temp_prefix`` that a killed process left: regular
    files of this user's named exactly as it names them (nothing else, and never through a link)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if not is_temp_name(name, temp_prefix):
            continue
        with contextlib.suppress(OSError):
            info = os.stat(name, dir_fd=folder, follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid():
                os.unlink(name, dir_fd=folder)


def is_temp_name(name: str, temp_prefix: str) -> bool:
    middle = name[len(temp_prefix):-len(".part")]
    return (name.startswith(temp_prefix) and name.endswith(".part") and len(middle) == 12
            and all(c in "0123456789abcdef" for c in middle))


# -- the key and the seal ---------------------------------------------------------------------------


def load_key(folder: int) -> bytes | None:
    """The user's sealing key in the open cache ``folder``, made if absent; None if none can be trusted."""
    key = _read_key(folder)
    if key is None and not _make_key(folder):
        log.debug("no sealing key could be made: nothing is cached")
    key = _read_key(folder) if key is None else key
    return key or None


def _read_key(folder: int) -> bytes | None:
    """The key; None if there is no key file; b"" if there is one that cannot be trusted (left alone)."""
    try:
        fd = os.open(KEY_NAME, os.O_RDONLY | _NOFOLLOW, dir_fd=folder)
    except FileNotFoundError:
        return None
    except OSError as error:
        log.debug("sealing key not used: %s", error)
        return b""  # there but not openable as a file (a link, no permission): do not replace it
    try:
        info = os.fstat(fd)
        if (not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077
                or info.st_size != KEY_SIZE):
            log.debug("sealing key not used: not a %d-byte 0600 file of this user's", KEY_SIZE)
            return b""
        key = os.read(fd, KEY_SIZE + 1)
        return key if len(key) == KEY_SIZE else b""
    finally:
        os.close(fd)


def _make_key(folder: int) -> bool:
    """Write a new key under a temp name and link it into place: two processes starting at once agree on
    whichever was linked first. False if it could not be made (then the other's is read)."""
    temp = f".{KEY_NAME}.{secrets.token_hex(6)}.part"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=folder)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(KEY_SIZE))
        os.link(temp, KEY_NAME, src_dir_fd=folder, dst_dir_fd=folder, follow_symlinks=False)
        return True
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=folder)


def seal(key: bytes, purpose: str, payload: bytes) -> bytes:
    """``payload`` behind the header and its tag: what ``unseal`` accepts with the same key and purpose."""
    return MAGIC + _tag(key, purpose, payload) + payload


def unseal(key: bytes, purpose: str, data: bytes) -> bytes | None:
    """The payload ``seal`` wrapped, or None if ``data`` was not sealed with this key for this purpose."""
    head = len(MAGIC) + _TAG
    if len(data) < head or not data.startswith(MAGIC):
        return None
    payload = data[head:]
    return payload if hmac.compare_digest(data[len(MAGIC):head], _tag(key, purpose, payload)) else None


def _tag(key: bytes, purpose: str, payload: bytes) -> bytes:
    mac = hmac.new(key, purpose.encode("utf-8") + b"\0", hashlib.sha256)
    mac.update(payload)
    return mac.digest()
