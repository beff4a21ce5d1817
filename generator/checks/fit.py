"""The fit check: how every text frame of each language's deck fits, as the deck's renderer lays it out.

The pipeline (``pipeline/check.py``) localizes the outline and asks the renderer that declares ``fits``; this
module turns what came back into problems, and into the plain data the cache keeps.
"""

from __future__ import annotations

import dataclasses
import json

from ..errors import Level, Problem, Span, once
from ..render.fit import DeckFit, FitEntry, overflow_message, overflow_problem

_LIMIT = 1 << 24  # a cached fit larger than this is not one duopress wrote: lay the deck out again


def fit_problems(fits: dict[str, DeckFit]) -> list[Problem]:
    """The decks' problems: a frame that does not fit even at the minimum size is an error located at its
    item; the warnings met laying the deck out (a ``layout`` its item does not suit) follow, each once."""
    found = [overflow_problem(entry.where, entry.slide, lang, overflow_message(entry))
             for lang, entries in fits.items() for entry in entries if entry.status == "overflow"]
    return once(found + [w for entries in fits.values() for w in getattr(entries, "warnings", [])])


def encode(fit: DeckFit) -> bytes:
    """A deck's fit as JSON, for the cache."""
    entries = [{**dataclasses.asdict(e), "where": _span(e.where)} for e in fit]
    warnings = [{"span": _span(w.span), "level": w.level.value, "code": w.code, "message": w.message,
                 "path": w.path, "excerpt": w.excerpt} for w in fit.warnings]
    return json.dumps({"entries": entries, "warnings": warnings}, ensure_ascii=False).encode()


def decode(payload: bytes) -> DeckFit | None:
    """A cached fit, or None when it is not one ``encode`` wrote (damaged, foreign, too large, or a field of
    another type). The cache seals it (``style/sealed.py``): a forged entry never gets here; the types
    are checked all the same, so a stored value cannot reach the report as something it is not."""
    if len(payload) > _LIMIT:
        return None
    try:
        data = json.loads(payload)
        entries = [FitEntry(**{**e, "where": _span_of(e["where"])}) for e in data["entries"] if _fit_types(e)]
        texts = ("code", "message", "path", "excerpt")
        warnings = [Problem(_span_of(w["span"]) or Span(""), Level(w["level"]), *(w[k] for k in texts))
                    for w in data["warnings"] if all(type(w[k]) is str for k in texts)]
        if len(entries) != len(data["entries"]) or len(warnings) != len(data["warnings"]):
            return None
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return DeckFit(entries, warnings)


def _fit_types(entry: dict) -> bool:
    return (type(entry.get("slide")) is int and all(type(entry.get(k)) is str for k in ("frame", "lang", "status"))
            and all(type(entry.get(k)) in (int, float) for k in ("size_pt", "min_pt")))


def _span_of(value) -> Span | None:
    if value is None:
        return None
    file, line, column = value
    if not (type(file) is str and type(line) is int and type(column) is int):
        raise TypeError("not a span")
    return Span(file, line, column)


def _span(span: Span | None) -> list | None:
    return None if span is None else [span.file, span.line, span.column]
