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
    """A cached fit, or None when it is not one ``encode`` wrote (damaged, foreign, too large)."""
    if len(payload) > _LIMIT:
        return None
    try:
        data = json.loads(payload)
        entries = [FitEntry(**{**e, "where": Span(*e["where"]) if e["where"] else None}) for e in data["entries"]]
        warnings = [Problem(Span(*w["span"]), Level(w["level"]), w["code"], w["message"], w["path"], w["excerpt"])
                    for w in data["warnings"]]
    except (ValueError, KeyError, TypeError):
        return None
    return DeckFit(entries, warnings)


def _span(span: Span | None) -> list | None:
    return None if span is None else [span.file, span.line, span.column]
