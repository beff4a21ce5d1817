"""Slide kinds: one table from an item's ``layout:`` hint, through the slide the deck builds, to the theme's layout.

Two of the three vocabularies are public and stay as users write them: an outline item's ``layout:``
(docs/outline.md and the outline's schema) and the keys of a theme's ``deck.layouts`` (style/theme_file.py).
Every part of the deck names the slide it builds by its kind here, and finds the theme's layout and the
outline's hints in this table alone. A name found in more than one vocabulary means the same slide in each:
``title``, ``section`` and ``two_column`` (which an outline writes ``two-column``). tests/test_deck_kinds.py
checks that the table covers every hint the loader accepts and every layout a theme maps.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SlideKind:
    layout: str  # the theme's deck.layouts key: the template layout the slide is built on
    hints: tuple[str, ...] = ()  # the outline's `layout:` values that ask for this kind


SLIDE_KINDS: dict[str, SlideKind] = {
    "title": SlideKind("title", ("title",)),  # the deck's title and closing slides, and an item set like them
    "agenda": SlideKind("content"),
    "section": SlideKind("section"),  # a section's divider
    "bullets": SlideKind("content", ("bullets",)),  # an item's points, or its paragraphs when it has none
    "beside": SlideKind("content"),  # bullets beside a figure
    "two_column": SlideKind("two_column", ("two-column",)),  # an item's points, or a long glossary, halved
    "quote": SlideKind("title_only", ("quote",)),  # the first point large, the rest below
    "figure": SlideKind("title_only", ("chart", "table", "timeline", "image")),  # a figure alone
    "stat": SlideKind("title_only", ("stat",)),  # the item's stats: one to three numbers large
    "cards": SlideKind("title_only", ("cards",)),  # each point a card, its first child the card's text
    "comparison": SlideKind("title_only", ("comparison",)),  # two or three points as headed columns
    "references": SlideKind("content"),
    "glossary": SlideKind("content"),  # in one column; a long glossary is a two_column slide
}

# An outline's `layout:` hint → the slide kind it asks for.
HINTED: dict[str, str] = {hint: name for name, kind in SLIDE_KINDS.items() for hint in kind.hints}
