"""Stale translations: a translation whose source text changed since someone last accepted it.

The lock file sits next to the outline (``outline.yaml`` → ``outline.lock.json``) and records, per text
path (``sections[2].items[0].title``), a SHA-256 fingerprint of every language's text as last accepted::

    {"format": 1, "texts": {"meta.title": {"en": "…", "ko": "…"}, …}}

A translation is stale when the fingerprint of its source language (``meta.source``) differs from the
lock's, when its text is not in the lock, or when its own language was never accepted for that text.
With no lock file at all nothing has been accepted yet and nothing is reported: the check starts once
``duopress accept`` first writes the lock. duopress never rewrites the outline itself.

Fingerprints are taken over the text with runs of white space collapsed, so re-wrapping a YAML line is
not a change. Paths are positional: inserting an item shifts the paths after it, and those texts read as
new (stale) until accepted again — conservative, never silent.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..errors import DuopressError, Level, Problem, Span, UsageError
from ..outline.model import Outline, Text
from ..outline.walk import all_texts
from ..pipeline.output import atomic_write

LOCK_FORMAT = 1


def lock_path_for(outline_path: str | Path) -> Path:
    """``outline.yaml`` → ``outline.lock.json`` in the same folder."""
    path = Path(outline_path)
    return path.with_name(f"{path.stem}.lock.json")


def fingerprint(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def stale_problems(outline: Outline, lock_path: str | Path) -> list[Problem]:
    """A ``translation.stale`` warning at every translation not accepted since its source changed."""
    lock_path = Path(lock_path)
    if not lock_path.exists():
        return []
    entries, problem = _read_lock(lock_path)
    if problem is not None:
        return [problem]
    source = _source(outline)
    found: list[Problem] = []
    for text in _texts(outline):
        entry = entries.get(text.path)
        for lang in outline.languages:
            if lang == source:
                continue
            message = _stale_message(entry, text, source, lang)
            if message:
                found.append(Problem(text.spans[lang], Level.WARNING, "translation.stale", message,
                                     f"{text.path}.{lang}"))
    return found


def _stale_message(entry: dict | None, text: Text, source: str, lang: str) -> str | None:
    if entry is None:
        return (f"this {lang} translation of a new {source} text was never reviewed: check it against the "
                f"{source}, then run `duopress accept`")
    if entry.get(source) != fingerprint(text[source]):
        return (f"the {source} source changed since this {lang} translation was accepted: update the "
                "translation, then run `duopress accept`")
    if lang not in entry:
        return (f"this {lang} translation was never reviewed: check it against the {source}, then run "
                "`duopress accept`")
    return None


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
        entries, problem = _read_lock(lock_path)
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
    texts = _texts(outline)
    if not only:
        return texts
    for prefix in only:
        if not any(_under(text.path, prefix.strip()) for text in texts):
            raise UsageError(f"no text at '{prefix}' (a node path such as sections[0].items[1].title)")
    return [text for text in texts if any(_under(text.path, prefix.strip()) for prefix in only)]


def _under(path: str, prefix: str) -> bool:
    """``sections[2]`` covers ``sections[2].title`` but not ``sections[20].title``."""
    return path == prefix or (path.startswith(prefix) and path[len(prefix)] in ".[")


def _texts(outline: Outline) -> list[Text]:
    """The texts worth a fingerprint: stand-ins for broken texts (empty in every language) are not."""
    return [text for text in all_texts(outline) if any(text.by_lang.values())]


def _source(outline: Outline) -> str:
    source = outline.meta.source
    return source if source in outline.languages else outline.languages[0]


def _read_lock(path: Path) -> tuple[dict[str, dict[str, str]], Problem | None]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return {}, _lock_problem(path, f"cannot be read ({_reason(exc)})")
    if not isinstance(data, dict) or data.get("format") != LOCK_FORMAT:
        return {}, _lock_problem(path, f"is not a duopress lock file of format {LOCK_FORMAT}")
    texts = data.get("texts")
    if not isinstance(texts, dict) or not all(
        isinstance(v, dict) and all(isinstance(h, str) for h in v.values()) for v in texts.values()
    ):
        return {}, _lock_problem(path, "has no valid 'texts' table")
    return texts, None


def _reason(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or str(exc).split("\n")[0]


def _lock_problem(path: Path, what: str) -> Problem:
    return Problem(Span(str(path)), Level.ERROR, "lock.invalid",
                   f"the lock file {what}; run duopress accept to write a new one")


def _write_lock(path: Path, entries: dict[str, dict[str, str]]) -> None:
    data = json.dumps({"format": LOCK_FORMAT, "texts": entries}, ensure_ascii=False, indent=2, sort_keys=True)
    atomic_write(path, (data + "\n").encode("utf-8"))


def lock_entries(lock_path: str | Path) -> dict[str, dict[str, str]] | None:
    """The lock's fingerprints by text path, or None when there is no lock (nothing accepted yet); raises
    DuopressError when the lock cannot be read."""
    lock_path = Path(lock_path)
    if not lock_path.exists():
        return None
    entries, problem = _read_lock(lock_path)
    if problem is not None:
        raise DuopressError([problem])
    return entries


def translation_state(entries: dict[str, dict[str, str]] | None, text: Text, source: str, lang: str) -> str:
    """``new`` (no translation), ``stale`` (the source changed since it was accepted), ``translated`` (not
    reviewed since it was written) or ``reviewed`` (accepted, and neither language changed since)."""
    if not text.by_lang.get(lang):
        return "new"
    entry = None if entries is None else entries.get(text.path)
    if entry is None:
        return "translated"
    if entry.get(source) != fingerprint(text[source]):
        return "stale"
    return "reviewed" if entry.get(lang) == fingerprint(text[lang]) else "translated"


def accept_translations(outline: Outline, lock_path: str | Path, accepted: dict[str, list[str]]) -> int:
    """Record, for each text path in ``accepted``, its source and the listed languages as reviewed (``duopress
    import --accept``). The other languages of a text keep their fingerprints while its source is unchanged;
    when the source changed they are dropped, so they read as never reviewed (stale) rather than silently
    accepted against a source they were not checked against. Returns how many entries changed."""
    lock_path = Path(lock_path)
    entries = lock_entries(lock_path) or {}
    source = _source(outline)
    texts = {text.path: text for text in _texts(outline)}
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
