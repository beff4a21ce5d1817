"""``duopress accept``: record the current translations as reviewed, in the stale-translation lock beside the
outline (the check that reads it is checks/stale.py)."""

from __future__ import annotations

import json
from pathlib import Path

from ..checks.stale import LOCK_FORMAT, fingerprint, lock_entries, read_lock, texts_of
from ..errors import DuopressError, UsageError
from ..outline.model import Outline, Text
from ..pipeline.output import atomic_write


def accept(outline: Outline, lock_path: str | Path, only: list[str] | None = None) -> int:
    """Record the current fingerprints (of the texts under the ``only`` paths, or of all) in the lock.

    Returns how many text entries were added, changed or (on a full accept) dropped because their text
    no longer exists. The lock is written atomically and only when something changed. Raises UsageError
    for an ``only`` path that names no text, and DuopressError when ``only`` is given but the existing
    lock cannot be read (a full accept replaces an unreadable lock).
    """
    lock_path = Path(lock_path)
    entries: dict[str, dict[str, str]] = {}
    if lock_path.exists():
        entries, problem = read_lock(lock_path)
        if problem is not None:
            if only:
                raise DuopressError([problem])
            entries = {}
    texts = _selected(outline, only)
    updated = dict(entries)
    for text in texts:
        updated[text.path] = {lang: fingerprint(text[lang]) for lang in outline.languages}
    if not only:
        current = {text.path for text in texts}
        updated = {path: value for path, value in updated.items() if path in current}
    changed = sum(1 for path in set(entries) | set(updated) if entries.get(path) != updated.get(path))
    if changed or not lock_path.exists():
        _write_lock(lock_path, updated)
    return changed


def _selected(outline: Outline, only: list[str] | None) -> list[Text]:
    texts = texts_of(outline)
    if not only:
        return texts
    for prefix in only:
        if not any(_under(text.path, prefix.strip()) for text in texts):
            raise UsageError(f"no text at '{prefix}' (a node path such as sections[0].items[1].title)")
    return [text for text in texts if any(_under(text.path, prefix.strip()) for prefix in only)]


def _under(path: str, prefix: str) -> bool:
    """``sections[2]`` covers ``sections[2].title`` but not ``sections[20].title``."""
    return path == prefix or (path.startswith(prefix) and path[len(prefix)] in ".[")


def _write_lock(path: Path, entries: dict[str, dict[str, str]]) -> None:
    data = json.dumps({"format": LOCK_FORMAT, "texts": entries}, ensure_ascii=False, indent=2, sort_keys=True)
    atomic_write(path, (data + "\n").encode("utf-8"))


def accept_translations(outline: Outline, lock_path: str | Path, accepted: dict[str, list[str]]) -> int:
    """Record, for each text path in ``accepted``, its source and the listed languages as reviewed (``duopress
    import --accept``). The other languages of a text keep their fingerprints while its source is unchanged;
    when the source changed they are dropped, so they read as never reviewed (stale) rather than silently
    accepted against a source they were not checked against. Returns how many entries changed."""
    lock_path = Path(lock_path)
    entries = lock_entries(lock_path) or {}
    source = outline.meta.source if outline.meta.source in outline.languages else outline.languages[0]
    texts = {text.path: text for text in texts_of(outline)}
    updated = dict(entries)
    for path, langs in accepted.items():
        text = texts.get(path)
        if text is None:
            raise UsageError(f"no text at '{path}'")
        old = entries.get(path, {})
        source_print = fingerprint(text[source])
        entry = {lang: value for lang, value in old.items() if old.get(source) == source_print}
        entry[source] = source_print
        entry.update({lang: fingerprint(text[lang]) for lang in langs})
        updated[path] = entry
    changed = sum(1 for path in updated if entries.get(path) != updated[path])
    if changed or not lock_path.exists():
        _write_lock(lock_path, updated)
    return changed
