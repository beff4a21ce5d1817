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
    text: str = ""  # the frame's text, quoted by the messages
    capacity: int = 0  # about how many characters fit the box at min_pt (0: not measured)
    fix: str = ""  # what else than shortening makes it fit, in words ("" when nothing)


# What each frame is, in the words of a person reading the deck (the renderer's names are terse).
FRAME_WORDS = {
    "title": "the slide's title", "subtitle": "the subtitle", "kicker": "the line above the title",
    "points": "the points", "caption": "the figure's title", "source": "the figure's source line",
    "quote": "the quote", "attribution": "the quote's attribution", "stat": "a stat's number",
    "stat label": "a stat's label", "card": "a card", "column": "a column", "column heading": "a column's heading",
    "left": "the left column", "right": "the right column", "summary": "the section's summary",
    "agenda": "the agenda", "citations": "the sources line", "table": "the table", "timeline": "the timeline",
    "section number": "the section number", "byline": "the byline", "where": "the event line",
    "footer": "the footer", "date": "the footer's date", "slide number": "the slide number",
}


def frame_words(frame: str) -> str:
    return FRAME_WORDS.get(frame, f"the {frame} text")


def excerpt(text: str, limit: int = 60) -> str:
    """``text`` quoted, cut at a word near ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return f"“{text}”"
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return f"“{cut}…”"


def overflow_message(entry: FitEntry) -> str:
    """What does not fit, quoted, in plain words, and what to do: "the figure's title “…” does not fit
    even at 14pt: about 58 characters fit (it has 97); shorten it"."""
    what = frame_words(entry.frame) + (f" {excerpt(entry.text)}" if entry.text else "")
    does, its = ("do", "their") if entry.frame in _PLURAL else ("does", "its")
    message = f"{what} {does} not fit {its} box even at {entry.min_pt:g}pt"
    fixes = []
    if entry.capacity and entry.text:
        it = "they have" if entry.frame in _PLURAL else "it has"
        fixes.append(f"about {entry.capacity} characters fit ({it} {len(' '.join(entry.text.split()))}); "
                     f"shorten {'them' if entry.frame in _PLURAL else 'it'}")
    else:
        fixes.append(f"shorten {'them' if entry.frame in _PLURAL else 'it'}")
    if entry.fix:
        fixes.append(entry.fix)
    return f"{message}: {', or '.join(fixes)}"


def describe(entry: FitEntry) -> str:
    """One frame of ``check --fit`` as a sentence."""
    what = frame_words(entry.frame)
    what = what[0].upper() + what[1:]
    if entry.status == "overflow":
        return f"{overflow_message(entry)[0].upper()}{overflow_message(entry)[1:]}."
    many = entry.frame in _PLURAL
    is_, its, fits = ("are", "their", "fit") if many else ("is", "its", "fits")
    if entry.status == "shrunk":
        return f"{what} {is_} set at {entry.size_pt:g}pt, smaller than {its} usual size, to fit."
    if entry.status == "continued":
        return f"{what} {is_} set at {entry.size_pt:g}pt and continue{'' if many else 's'} on the next slide."
    return f"{what} {fits} at {entry.size_pt:g}pt."


_PLURAL = {"points"}


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

