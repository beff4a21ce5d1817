"""Footnotes of the brief: numbered in reading order, set at the foot of the page that holds their marker
(or gathered as endnotes, by the theme's ``brief.footnotes``).

reportlab has no footnotes, so the page keeps room for them itself. ``NoteFrame`` is the body frame: before
it places a flowable whose markers point to notes not yet on the page, it raises its own bottom by the
height of those notes, so the flowable (or the part of it that fits) and its notes share the page; a
part split off to the next page takes its own markers with it. Which notes a flowable carries is read
from its paragraphs' link targets (``#fn-N``), the same in a whole paragraph and in each part of a split
one. ``NoteFrame.draw_notes`` sets the notes under a short rule when the page ends.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial

from reportlab.platypus import Flowable
from reportlab.platypus.tables import Table

from .paragraph import Paragraph
from .tagging import Node, TagFrame, TaggedCanvas, artifact, drawing, node_of, tag

_TARGET = re.compile(r"#fn-(\d+)$")
MAX_SHARE = 0.5  # the notes of a page take at most half its frame
RULE_GAP = 9.0  # points between the text and the notes' rule, and between the rule and the first note


class Footnotes:
    """The brief's notes by number, as paragraph markup, in the order the story names them."""

    def __init__(self) -> None:
        self.markup: dict[int, str] = {}
        self.overflow: list[int] = []  # notes too tall for the foot of a page, set at the end instead
        self.root = Node("Document", attached=True)  # the tree the notes join where they are drawn

    def node(self, number: int) -> Node:
        """Note ``number``'s structure element: a Note (its number the Lbl), with the ID its markers point at."""
        return Node("Note", self.root, {"ID": f"fn-{number}"}, labelled=True)

    def add(self, markup: str) -> int:
        number = len(self.markup) + 1
        self.markup[number] = markup
        return number


def marker(number: int, color: str, font: str) -> str:
    """The superscript number in the text, a link to its note, and the note's way back."""
    return (f'<a name="fnref-{number}"/><a href="#fn-{number}" color="{color}">'
            f'<font face="{font}"><super>{number}</super></font></a>')


def note_paragraph(notes: Footnotes, number: int, style) -> Paragraph:
    """A note as it is set: its number hanging (in the style's bullet font), then its text, which is
    where the marker's link leads."""
    para = Paragraph(f'<a name="fn-{number}"/>{notes.markup[number]}', style, bulletText=str(number))
    return tag(para, notes.node(number))


def numbers_in(flowable) -> list[int]:
    """The note numbers whose markers ``flowable`` holds, in order: a paragraph's (whole or a split part),
    a table's cells', a kept-together group's."""
    return list(dict.fromkeys(_numbers(flowable)))


def _numbers(flowable) -> Iterator[int]:
    if isinstance(flowable, Paragraph):
        yield from _frag_numbers(flowable.frags)
    elif isinstance(flowable, Table):
        for row in flowable._cellvalues:
            for cell in row:
                for inner in cell if isinstance(cell, (list, tuple)) else (cell,):
                    yield from _numbers(inner)
    else:
        for inner in getattr(flowable, "_content", ()) or ():
            yield from _numbers(inner)


def _frag_numbers(frags) -> Iterator[int]:
    """Link targets in reportlab's fragments: ParaFrags in a paragraph, [width, (frag, text), …] words in
    a split part."""
    for frag in frags:
        if isinstance(frag, (list, tuple)):
            yield from _frag_numbers(frag)
            continue
        for link in getattr(frag, "link", None) or ():
            target = link[1] if isinstance(link, tuple) and len(link) > 1 else link
            match = _TARGET.match(str(target))
            if match:
                yield int(match.group(1))


class NoteFrame(TagFrame):
    """The body frame: keeps the foot of each page for the notes whose markers the page holds."""

    def __init__(self, *args, notes: Footnotes, style, rule_color, endnotes: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.endnotes = endnotes  # the theme sets every note at the end: the page keeps no room
        self.notes, self.note_style, self.rule_color = notes, style, rule_color
        self.on_page: list[int] = []
        self.heights: dict[int, float] = {}

    def _reset(self) -> None:
        super()._reset()
        self._geom()  # give back the room the last page kept for its notes
        self.on_page = []

    def add(self, flowable, canv, trySplit=0):
        new = self._new_notes(flowable)
        extra = self._room(new)
        if extra is None:
            return 0  # its notes would crowd this page's foot: the flowable starts the next page
        self._y1p += extra
        placed = super().add(flowable, canv, trySplit)
        if placed:
            self.on_page += new
        else:
            self._y1p -= extra
        return placed

    def split(self, flowable, canv):
        """Split with room kept for all the flowable's notes: the first part, which takes only its own,
        then surely fits."""
        extra = self._room(self._new_notes(flowable))
        if extra is None:
            return []
        self._y1p += extra
        try:
            return super().split(flowable, canv)
        finally:
            self._y1p -= extra

    def notes_height(self, flowables: list) -> float | None:
        """The room the notes of ``flowables`` not yet on this page would keep at its foot (None: more
        than the page may give them)."""
        return self._room(list(dict.fromkeys(n for f in flowables for n in self._new_notes(f))))

    def _new_notes(self, flowable) -> list[int]:
        if self.endnotes or not self.notes.markup:  # most briefs have no notes: no fragments to scan
            return []
        return [n for n in numbers_in(flowable) if n not in self.on_page and n not in self.notes.overflow]

    def _room(self, numbers: list[int]) -> float | None:
        """The height the notes ``numbers`` add to this page's foot (with the rule, if they are its first),
        or None when the notes would take more than MAX_SHARE of the page: then what cites them waits for
        the next page — unless this page is fresh, and the notes are set as endnotes instead."""
        if not numbers:
            return 0.0
        taken = self._y1p - self._y1 - self._bottomPadding
        room = sum(self._note_height(n) for n in numbers) + (0.0 if self.on_page else 2 * RULE_GAP)
        if taken + room <= self._height * MAX_SHARE:
            return room
        if not self._atTop and room <= self._height * MAX_SHARE:
            return None  # they fit a fresh page's foot: what cites them starts the next page
        # Taller than the share even alone (a long note in large type): waiting for a fresh page would not
        # help, and a heading kept with the paragraph would make that page refuse it too (LayoutError).
        self.notes.overflow += numbers  # they run on as endnotes
        return 0.0

    def _note_height(self, number: int) -> float:
        if number not in self.heights:
            para = note_paragraph(self.notes, number, self.note_style)
            _, height = para.wrap(self._aW, self._height)
            self.heights[number] = height + self.note_style.spaceAfter
        return self.heights[number]

    def draw_notes(self, canv) -> None:
        """Set this page's notes at the foot of the frame, under a short rule."""
        if not self.on_page:
            return
        y = self._y1 + sum(self._note_height(n) for n in self.on_page)

        def rule() -> None:
            canv.saveState()
            canv.setStrokeColor(self.rule_color)
            canv.setLineWidth(0.5)
            canv.line(self._x1, y + RULE_GAP, self._x1 + self._aW * 0.3, y + RULE_GAP)
            canv.restoreState()

        artifact(canv, rule, "Layout")
        for number in self.on_page:
            para = note_paragraph(self.notes, number, self.note_style)
            _, height = para.wrap(self._aW, self._height)
            y -= height
            node = node_of(para)
            if isinstance(canv, TaggedCanvas) and node is not None:
                canv.tagger.home_note(node)
            drawing(canv, node, partial(para.drawOn, canv, self._x1, y), label=True)
            y -= self.note_style.spaceAfter


class LateNotes(Flowable):
    """The notes too tall for the foot of any page, known only once layout reaches them: nothing, or a
    heading and those notes."""

    def __init__(self, notes: Footnotes, style, heading: Callable[[], list]):
        super().__init__()
        self.notes, self.style, self.heading = notes, style, heading

    def numbers(self) -> list[int]:
        return sorted(self.notes.overflow)

    def wrap(self, availWidth, availHeight):
        return (availWidth, 0xFFFFFF) if self.numbers() else (0, 0)  # too tall: the frame asks for split

    def split(self, availWidth, availHeight):
        return [*self.heading(), *(note_paragraph(self.notes, n, self.style) for n in self.numbers())]

    def drawOn(self, canvas, x, y, _sW=0):
        pass  # laid out as nothing: write nothing either, not even a move (the bytes stay as without it)
