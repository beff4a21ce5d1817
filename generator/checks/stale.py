"""Stale translations: a translation whose source text changed since someone last accepted it.

The lock file sits next to the outline (``outline.yaml`` → ``outline.lock.json``) and records, per text
path (``sections[2].items[0].title``), a SHA-256 fingerprint of every language's text as last accepted::

    {"format": 1, "texts": {"meta.title": {"en": "…", "ko": "…"}, …}}

A translation is stale when the fingerprint of its source language (``meta.source``) differs from the
lock's, when its text is not in the lock, or when its own language was never accepted for that text.
With no lock file at all nothing has been accepted yet and nothing is reported: the check starts once
``duopress accept`` first writes the lock (project/accept.py). duopress never rewrites the outline itself.

Fingerprints are taken over the text with runs of white space collapsed, so re-wrapping a YAML line is
not a change. Paths are positional: inserting an item shifts the paths after it, and those texts read as
new (stale) until accepted again — conservative, never silent.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..errors import DuopressError, Level, Problem, Span
from ..outline.model import Outline, Text
from ..outline.walk import all_texts

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
    entries, problem = read_lock(lock_path)
    if problem is not None:
        return [problem]
    source = _source(outline)
    found: list[Problem] = []
    for text in texts_of(outline):
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


def texts_of(outline: Outline) -> list[Text]:
    """The texts worth a fingerprint: stand-ins for broken texts (empty in every language) are not."""
    return [text for text in all_texts(outline) if any(text.by_lang.values())]


def _source(outline: Outline) -> str:
    source = outline.meta.source
    return source if source in outline.languages else outline.languages[0]


def read_lock(path: Path) -> tuple[dict[str, dict[str, str]], Problem | None]:
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


def lock_entries(lock_path: str | Path) -> dict[str, dict[str, str]] | None:
    """The lock's fingerprints by text path, or None when there is no lock (nothing accepted yet); raises
    DuopressError when the lock cannot be read."""
    lock_path = Path(lock_path)
    if not lock_path.exists():
        return None
    entries, problem = read_lock(lock_path)
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
