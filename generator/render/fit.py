"""How every text frame of a deck fits, per language: the record a renderer that fits text keeps, and its one
error.

A renderer that declares ``fits`` (the deck) lays itself out with overflow recorded instead of raised
(``fit_report``), so the fit check (checks/fit.py) reports exactly what ``duopress build`` does.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import DuopressError, Level, Problem, Span

STATUSES = ("fits", "shrunk", "continued", "overflow")


@dataclass(frozen=True)
class FitEntry:
    """One text frame of one slide: the size it was set at and how it got there."""

    where: Span | None  # the item's place in the outline; None for generated slides (agenda, title)
    slide: int  # 1-based slide number
    frame: str  # "title", "points", "caption", "left", "quote", …
    lang: str
    size_pt: float  # the size written (for a frame with smaller sub-bullets: its first-level size)
    min_pt: float  # the smallest size this frame may shrink to
    status: str  # one of STATUSES


class DeckOverflow(DuopressError):
    """A block that does not fit its box even alone on a slide at the minimum size: a located problem of
    the outline's content (exit 1), not a bug in duopress."""

    def __init__(self, where: Span | None, slide: int, lang: str, message: str):
        self.where, self.slide, self.lang, self.message = where, slide, lang, message
        super().__init__([overflow_problem(where, slide, lang, message)])


def overflow_problem(where: Span | None, slide: int, lang: str, message: str) -> Problem:
    """The error of a frame that cannot fit, located at its item (or the deck, for a generated slide)."""
    return Problem(where or Span("deck"), Level.ERROR, "deck.overflow", f"slide {slide} ({lang}): {message}")


def status_of(size: float, start: float, fits: bool, continued: bool) -> str:
    if not fits:
        return "overflow"
    if continued:
        return "continued"
    return "fits" if size >= start else "shrunk"


class DeckFit(list):
    """Every text frame of a deck, in slide order (a list of FitEntry), and the warnings met laying it out."""

    def __init__(self, entries: list[FitEntry], warnings: list[Problem]):
        super().__init__(entries)
        self.warnings = warnings

