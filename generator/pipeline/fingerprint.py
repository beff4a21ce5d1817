"""What each artifact depends on, as digests: so a rebuild writes only what an edit changed.

Two levels. ``input_digest`` hashes the raw bytes of everything a build reads (outline, theme, fonts,
template) plus duopress's version and the options: when it matches the manifest, nothing is parsed at all
(no YAML, no babel, no renderer is imported). ``artifact_digest`` hashes, for one language and format,
only the parts of the parsed outline that artifact shows: editing an English bullet changes the English
deck's digest, not the Korean ones, and not the English brief's unless the brief prints that bullet.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..render.renderer import Showing

if TYPE_CHECKING:
    from ..errors import Span
    from ..outline.model import Text

_NOT_CONTENT = frozenset({"span", "spans", "path", "where"})  # locations: moving a line rebuilds nothing


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class FileHashes:
    """SHA-256 of input files, reused while a file's size and mtime are unchanged (fonts are megabytes)."""

    def __init__(self, cache: Mapping[str, list] | None = None):
        self.cache: dict[str, list] = dict(cache or {})

    def digest(self, path: Path) -> str:
        stat = path.stat()
        key = str(path.resolve())
        cached = self.cache.get(key)
        if cached and cached[0] == stat.st_size and cached[1] == stat.st_mtime_ns:
            return cached[2]
        value = sha256_file(path)
        self.cache[key] = [stat.st_size, stat.st_mtime_ns, value]
        return value


def input_digest(files: Iterable[Path], hashes: FileHashes, options: Mapping[str, Any], version: str) -> str:
    """Everything a build reads, as one digest: the fast path of a no-op rebuild."""
    parts = {str(path): hashes.digest(path) for path in files}
    return _digest({"files": parts, "options": dict(options), "version": version, "environment": environment()})


# Libraries whose version can change an artifact's bytes: number and date formats (babel), the PDF writer
# (reportlab), font tables read (fontTools), the deck's XML (python-pptx, lxml), YAML scalars (PyYAML),
# images (Pillow). The font files themselves are hashed by content with the theme (plan.py).
LIBRARIES = ("babel", "reportlab", "fonttools", "python_pptx", "pyyaml", "pillow", "lxml")


def environment() -> dict:
    """What decides the bytes besides the files and options: the build clock's SOURCE_DATE_EPOCH, the
    libraries' versions, Python's and zlib's (a deck's deflated members). Read every time for the clock
    (a later build in the same process may set it), once per process for the rest."""
    import os

    return {"SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "").strip(), **_versions()}


@functools.cache
def _versions() -> dict:
    import sys
    import zlib

    return {"python": sys.version.split()[0], "zlib": zlib.ZLIB_RUNTIME_VERSION, "libraries": _library_versions()}


def _library_versions() -> dict[str, str]:
    """Each of LIBRARIES' installed version, read from the ``*.dist-info`` folder names on ``sys.path``
    (the first one wins, as for an import): a listing per folder, not importlib.metadata's 45 ms."""
    import os
    import sys

    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                project, _, version = name[: -len(".dist-info")].partition("-")
                key = project.lower().replace("-", "_").replace(".", "_")
                if key in LIBRARIES and key not in found:
                    found[key] = version
    return dict(sorted(found.items()))


def artifact_digest(outline, lang: str, renderer, options, environment: str, memo: dict | None = None) -> str:
    """The digest of what ``renderer``'s artifact in ``lang`` shows of ``outline``: the parts every artifact
    shows, and each item as the renderer's own ``shows_item`` projects it (declared beside the renderer,
    so a change to what a renderer draws is made in one place).

    ``memo``: a dict shared by the digests of one outline's artifacts (a plan), so that each node is made
    plain data once per language, not once per format.
    """
    canon = _canon if memo is None else functools.partial(_canon_once, memo)
    shown = [item for item in outline.items() if renderer.shows(item)]
    any_key = any(p.key for item in shown for p in item.points)
    content = {
        "languages": list(outline.languages),
        "glossary": canon(outline.glossary, None),  # a glossary shows each term with its partners
        **_shown(outline, Showing(lang, any_key, options, _canon), renderer, canon),
    }
    if renderer.medium == "deck":
        content["deck"] = canon(outline.deck, lang)
        # laid out in step with every other language's deck (render/pptx/step.py): their text decides too
        content["in_step"] = {other: _in_step(outline, Showing(other, any_key, options, _canon), renderer, canon)
                              for other in outline.languages if other != lang}
    return _digest({"content": content, "format": renderer.name, "lang": lang,
                    "options": options.subset(renderer.options), "environment": environment})


def _shown(outline, showing: Showing, renderer, canon) -> dict:
    """What every artifact shows of ``outline`` in ``showing.lang``, each item as ``renderer`` projects it."""
    lang = showing.lang
    return {
        "meta": canon(outline.meta, lang),
        "facts": canon(outline.facts, lang),
        "labels": canon(outline.labels, lang),
        "references": canon(outline.references, lang),
        "sections": [_section(s, renderer, showing, canon) for s in outline.sections
                     if not s.items or any(renderer.shows(item) for item in s.items)],
    }


def _in_step(outline, showing: Showing, renderer, canon) -> dict:
    """What of another language decides a deck's plan: its items, references and the words it measures
    (the title slide and metadata are each language's own)."""
    shown = _shown(outline, showing, renderer, canon)
    shown.pop("meta")
    for section in shown["sections"]:
        for item in section["items"]:
            for unmeasured in ("notes", "editor_note", "pull_quote", "sidebar"):  # speaker notes, the brief's
                item.pop(unmeasured, None)
    return shown


def _section(section, renderer, showing: Showing, canon) -> dict:
    shown = dict(canon(section, showing.lang))  # copies: the items are set here, and projected below
    shown["items"] = [renderer.shows_item(dict(canon(item, showing.lang)), item, showing) for item in section.items
                      if renderer.shows(item)]
    return shown


def _canon_once(memo: dict, value: Any, lang: str | None) -> Any:
    """``_canon``, remembered per node and language while the nodes live (``memo`` spans one plan)."""
    key = (id(value), lang)
    if key not in memo:
        memo[key] = (value, _canon(value, lang))  # the node is kept: its id is not reused meanwhile
    return memo[key][1]


@functools.cache
def _model_types() -> tuple[type[Span], type[Text]]:
    """The model's Span and Text, imported on first use: a no-op rebuild never needs them."""
    from ..errors import Span
    from ..outline.model import Text

    return Span, Text


def _canon(value: Any, lang: str | None) -> Any:
    """Plain JSON data of a model node in one language (None: every language); locations dropped."""
    cls: type = type(value)
    kind = _kind(cls)
    if kind == "scalar":
        return value
    if kind == "text":
        return dict(value.by_lang) if lang is None else value.by_lang.get(lang)
    if kind == "node":
        return {name: _canon(getattr(value, name), lang) for name in _content_fields(cls)}
    if kind == "sequence":
        return [_canon(v, lang) for v in value]
    if kind == "set":
        return sorted((_canon(v, lang) for v in value), key=repr)
    if kind == "mapping":
        return {str(k): _canon(v, lang) for k, v in value.items()}
    return None if kind == "span" else str(value)


@functools.cache
def _kind(cls: type) -> str:
    """How ``_canon`` makes a value of this type plain, decided once per type (a plan canonicalises
    thousands of nodes of a dozen types)."""
    span_type, text_type = _model_types()
    if issubclass(cls, span_type):
        return "span"
    if issubclass(cls, text_type):
        return "text"
    if dataclasses.is_dataclass(cls):
        return "node"
    if issubclass(cls, Mapping):
        return "mapping"
    if issubclass(cls, (frozenset, set)):
        return "set"
    if issubclass(cls, (list, tuple)):
        return "sequence"
    if issubclass(cls, (str, int, float, bool)) or cls is type(None):
        return "scalar"
    return "other"


@functools.cache
def _content_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in _NOT_CONTENT)


def _digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
