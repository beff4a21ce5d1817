"""What each medium would show for nothing: an empty section, an item with nothing in a medium, a deck of
structure slides only. Warnings, located; never an error (an outline in progress has all three)."""

from __future__ import annotations

from ..errors import Level, Problem
from ..outline.model import Item, Outline


def shown_problems(outline: Outline) -> list[Problem]:
    problems = []
    for section in outline.sections:
        if not section.items:
            problems.append(Problem(section.span, Level.WARNING, "section.empty",
                                    "the section has no items: the deck would show a divider and the agenda a "
                                    "line for nothing, the brief a heading; add items or remove it",
                                    section.path))
        for item in section.items:
            problems += _nothing_shown(item)
    shown = [item for item in outline.items() if item.show in ("both", "deck")]
    if outline.sections and not shown:
        problems.append(Problem(outline.span, Level.WARNING, "deck.structure-only",
                                "no item is shown in the deck (every one is `show: brief`): it would hold "
                                "only its title, agenda and closing slides"))
    return problems


def _nothing_shown(item: Item) -> list[Problem]:
    """An item shown in the brief with nothing under its heading; in the deck, a title alone is a statement
    slide when asked for (`layout: title`), else a warning."""
    found = []
    text = bool(item.points or item.body or item.figure or item.stats or item.sidebar or item.pull_quote)
    if item.show in ("both", "brief") and not text:
        found.append(Problem(item.span, Level.WARNING, "item.empty",
                             "the item has nothing to show in the brief but its heading; give it `body:` or "
                             "points, or `show: deck`", item.path))
    deck = bool(item.points or item.body or item.figure or item.stats)
    if item.show in ("both", "deck") and not deck and item.layout != "title":
        found.append(Problem(item.span, Level.WARNING, "item.empty",
                             "the item has nothing to show in the deck but its title; give it points, or "
                             "`layout: title` for a statement slide, or `show: brief`", item.path))
    return found
