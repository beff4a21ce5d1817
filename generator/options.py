"""The build options that take one of a fixed set of values, declared once.

The command line, duopress.toml, the theme (``brief.paper``) and the renderers all read their choices and
defaults here, so a new paper size or notes mode is one line.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    """An option's values (in their canonical spelling) and what it means when nothing sets it."""

    name: str
    values: tuple[str, ...]
    default: str
    help: str

    def folded(self, value: str) -> str | None:
        """``value`` in its canonical spelling (``a4`` → ``A4``: case never changes the meaning), or None."""
        return {v.casefold(): v for v in self.values}.get(value.casefold())


NOTES = Choice("notes", ("own", "both"), "own",
               "speaker notes in the deck's language only (own, the default), or followed by the other languages")
PAPER = Choice("paper", ("A4", "letter"), "A4",
               "the brief's and handout's paper (default: the theme's brief.paper, A4 in the bundled themes)")
HANDOUT = Choice("handout", ("auto", "compact", "one"), "auto",
                 "the handout's layout: slides beside their notes, several a page (compact), a slide a page "
                 "above its notes (one), or compact unless the notes are long (auto, the default)")
CHOICES = {choice.name: choice for choice in (NOTES, PAPER, HANDOUT)}
