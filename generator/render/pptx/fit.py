"""How every text frame of a deck fits, per language: the record the renderer keeps, and its one error.

``fit_report`` runs the renderer itself (not a second layout) with overflow recorded instead of raised,
so ``duopress check`` prints exactly what ``duopress build`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

STATUSES = ("fits", "shrunk", "continued", "overflow")


@dataclass(frozen=True)
class FitEntry:
    """One text frame of one slide: the size it was set at and how it got there."""

    where: str  # the item's YAML location ("outline.yaml:42:7"), or '' for generated slides
    slide: int  # 1-based slide number
    frame: str  # "title", "points", "caption", "left", "quote", …
    lang: str
    size_pt: float  # the size written (for a frame with smaller sub-bullets: its first-level size)
    min_pt: float  # the smallest size this frame may shrink to
    status: str  # one of STATUSES


class DeckOverflow(Exception):
    """A block that does not fit its box even alone on a slide at the minimum size."""

    content_problem = True  # a problem of the outline's content (exit 1), not a bug in duopress

    def __init__(self, where: str, slide: int, lang: str, message: str):
        super().__init__(f"{where or 'deck'}: error: slide {slide} ({lang}): {message} [deck.overflow]")
        self.where, self.slide, self.lang, self.message = where, slide, lang, message


def status_of(size: float, start: float, fits: bool, continued: bool) -> str:
    if not fits:
        return "overflow"
    if continued:
        return "continued"
    return "fits" if size >= start else "shrunk"


def fit_report(doc, theme, *, template: Path | None = None) -> list[FitEntry]:
    """Every text frame of ``doc``'s deck, in slide order, as the renderer lays it out."""
    from .deck import build  # the renderer itself, with overflow recorded instead of raised

    return build(doc, theme, template=template, strict=False).fits
