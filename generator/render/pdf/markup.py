"""Inline runs → reportlab paragraph markup, with every piece of user text escaped.

reportlab's ``Paragraph`` parses its text as markup: ``R&D`` silently becomes ``R&D;``, an unbalanced
``<b>`` raises, ``<img src=…>`` opens local files and ``<a href="javascript:…">`` is written as-is. So
markup is only ever built here, from the typed ``Run`` model, around text that went through ``esc``.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from ...localize.document import Inline, Run
from .fonts import Fonts
from .notes import Footnotes, marker

SAFE_SCHEMES = ("http://", "https://", "mailto:")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def esc(text: str) -> str:
    """User text made safe for a paragraph: NFC (NFD Hangul prints as loose jamo), no control
    characters, and ``& < > " '`` as entities."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", text))
    return escape(text, {'"': "&quot;", "'": "&#39;"})


def safe_href(href: str | None) -> str | None:
    """The link if it is http, https or mailto (checked upstream too), else None."""
    if href and href.strip().lower().startswith(SAFE_SCHEMES) and not _CONTROL.search(href):
        return href.strip()
    return None


class Marker:
    """Builds markup for one paragraph style: fonts per script run, and the accent colour."""

    def __init__(self, fonts: Fonts, accent: str, link: str, notes: Footnotes | None = None, *,
                 notes_inline: bool = False):
        self.fonts = fonts
        self.accent = accent  # "#D9822B": Hangul emphasis is bold in this colour
        self.link = link  # colour of link text
        self.notes = notes  # numbers each footnote as its marker is written
        self.notes_inline = notes_inline  # without ``notes``: a footnote shows in brackets where it stands
        # (the translation review, where a translator must see it); else it is left out (the handout)

    def text(self, text: str, *, bold: bool = False) -> str:
        """Plain user text, split into script runs, each in its family's font."""
        return "".join(self._chunk(fam, chunk, bold=bold) for fam, chunk in self.fonts.runs(text))

    def inline(self, inline: Inline, *, bold: bool = False) -> str:
        return "".join(self.run(run, bold=bold) for run in inline)

    def run(self, run: Run, *, bold: bool = False) -> str:
        if run.note is not None:
            return self.footnote(run.note)
        href = safe_href(run.href)
        if href and run.text.strip():
            # Spaces around a link's text stay outside it, so the underline starts at the word.
            text = run.text.strip()
            lead, trail = run.text[: run.text.index(text)], run.text[run.text.index(text) + len(text):]
            inner = self._styled(text, run, bold)
            link = f'<a href="{esc(href)}" color="{self.link}" underline="1">{inner}</a>'
            return self.text(lead) + link + self.text(trail)
        return self._styled(run.text, run, bold)

    def _styled(self, text: str, run: Run, bold: bool) -> str:
        out = "".join(
            self._chunk(fam, chunk, bold=bold or run.bold, emphasis=run.emphasis)
            for fam, chunk in self.fonts.runs(text)
        )
        return f"<super>{out}</super>" if run.superscript else out

    def footnote(self, note: Inline) -> str:
        """A footnote's marker; its text is kept, numbered, for the foot of the page or the endnotes.
        Call once per marker written into the story: the number is taken as the marker is written."""
        if self.notes is None:
            return f'<font color="{self.link}">\u2009[{self.inline(note)}]</font>' if self.notes_inline else ""
        number = self.notes.add(self.inline(note))
        return marker(number, self.link, self.fonts.family("latin").name)

    def link_text(self, href: str) -> str:
        """A URL shown as itself and clickable (dropped to plain text if not http/https/mailto)."""
        return self.run(Run(href, href=href))

    def _chunk(self, fam, chunk: str, *, bold: bool = False, emphasis: bool = False) -> str:
        body = esc(chunk)
        if emphasis and bold:  # nested emphasis: bold italic, a synthetic oblique of the bold face
            return f'<font face="{esc(fam.bold_italic())}">{body}</font>'
        if emphasis and fam.italic:
            body = f"<i>{body}</i>"
        elif emphasis:
            # No italic for this script (Hangul): plain emphasis shows as bold in the accent colour.
            body = f'<font color="{self.accent}"><b>{body}</b></font>'
        if bold:
            body = f"<b>{body}</b>"
        return f'<font face="{esc(fam.name)}">{body}</font>'
