"""Small flowables of the brief: a heading that bookmarks itself, the page number of a heading in the
contents (drawn before that page is known), and a short coloured rule."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether, Table

from .paragraph import Paragraph
from .tagging import ARTIFACT, Node, TableTags, split_rows, tag


class Heading(Paragraph):
    """A paragraph that adds a nested outline entry (PDF bookmark) where it is drawn."""

    def __init__(self, text, style, bulletText=None, frags=None, *, key: str = "", title: str = "", level: int = 0,
                 pages: dict | None = None):
        """``pages`` (heading key → page) learns the page this heading is drawn on. ``bulletText`` and
        ``frags`` are Paragraph's: its split() makes each part with ``self.__class__(None, style,
        bulletText=…, frags=…)``; ``split`` below gives the first part its key and the rest no bookmark."""
        super().__init__(text, style, bulletText=bulletText, frags=frags)
        self.key, self.title, self.level = key, title, level
        self.pages = pages if pages is not None else {}

    def draw(self):
        canv = self.canv
        done = canv.__dict__.setdefault("_duopress_outline", set())
        if self.key not in done:  # a split heading draws twice; bookmark it once
            done.add(self.key)
            self.pages[self.key] = canv.getPageNumber()  # for the contents' page numbers
            canv.bookmarkHorizontal(self.key, 0, self.height)
            canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)
        super().draw()

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        for part in parts:  # only the first part carries the bookmark
            part.__class__ = Paragraph
        if parts:
            first = parts[0]
            first.__class__ = Heading
            first.key, first.title, first.level, first.pages = self.key, self.title, self.level, self.pages
        return parts


class HeadingKeeper(KeepTogether):
    """``keepWithNext`` as a typesetter means it: headings keep with the first lines of the paragraph after
    them, not with the whole paragraph.

    reportlab groups a heading and what follows into a KeepTogether that moves to the next page whenever
    the group does not fit whole, so a heading over a long paragraph left the rest of a page empty (a third
    of the contents' page, before the first section). When the group ends in a paragraph and the headings
    with three of its lines fit, they stay, and the paragraph splits (its orphan control keeps at least two
    lines with them). A group ending in a figure or table is kept whole, as before.
    """

    TAIL_LINES = 3

    def split(self, aW, aH):
        tail = self._content[-1]
        if isinstance(tail, Paragraph) and not isinstance(tail, Heading):
            if getattr(self, "_wrapInfo", None) != (aW, aH):
                self.wrap(aW, aH)
            tail_h = tail.height  # set when the group was wrapped just now: no second line breaking
            need = self._H - tail_h + min(tail_h, self.TAIL_LINES * tail.style.leading)
            if aH < self._H and need <= aH:
                return self._content[:]
        return super().split(aW, aH)


class PageRef(Flowable):
    """The page of heading ``key``, as a link to it, in a box one line of ``style`` high.

    The contents come before the headings they list, so the number is not known where it is drawn:
    the box shows the form XObject ``form_name(key)`` instead, and ``define`` draws the number into that
    form once layout is done (reportlab resolves a form by name only when it writes the PDF). ``drawn``
    learns every reference drawn, so that each of their forms gets defined.
    """

    def __init__(self, key: str, style, drawn: dict):
        super().__init__()
        self.key, self.style, self.drawn = key, style, drawn

    @staticmethod
    def form_name(key: str) -> str:
        return f"toc-page-{key}"

    def wrap(self, availWidth, availHeight):
        # The box the number's one-line paragraph took, whatever the number: the rows keep their heights.
        self.width, self.height = availWidth, self.style.leading
        return self.width, self.height

    def draw(self):
        self.canv.doForm(self.form_name(self.key))
        self.canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1)
        self.drawn[self.key] = self

    def define(self, canv, markup: str) -> None:
        """Draw ``markup`` (the page number; "" for a heading never drawn) into this reference's form,
        placed as the paragraph it stands for would be. A form must exist once referenced, even empty."""
        # The form keeps the cell's origin; its box (which clips) is a line larger than the cell all round.
        pad = self.height
        canv.beginForm(self.form_name(self.key), lowerx=-pad, lowery=-pad,
                       upperx=self.width + pad, uppery=self.height + pad)
        if markup:
            para = Paragraph(markup, self.style)
            para.wrap(self.width, self.height * 2)
            para.drawOn(canv, 0, 0)
        canv.endForm()


class Rule(Flowable):
    """A horizontal rule ``length`` wide (None: the full frame), with space around it."""

    def __init__(self, color, *, thickness: float = 0.6, length: float | None = None,
                 before: float = 0, after: float = 0):
        super().__init__()
        self.color, self.thickness, self.length = color, thickness, length
        self.spaceBefore, self.spaceAfter = before, after
        tag(self, ARTIFACT)  # a rule is decoration

    def wrap(self, availWidth, availHeight):
        self.width = self.length if self.length is not None else availWidth
        return self.width, self.thickness

    def draw(self):
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, self.thickness / 2, self.width, self.thickness / 2)


class RunOnTable(Table):
    """A table whose rows may run on to the next page (``splitInRow``), that always makes progress.

    reportlab 4–5 can split a table in a row into a first part that holds nothing and a rest as tall as
    the whole, in the same space: the frame places the empty part and splits the rest again, for ever
    (seen with 16 pt body text and double leading). A split whose rest is as tall as the whole table is
    refused here, so the table moves on to the next frame instead; a row taller than a page still runs on.
    """

    def __init__(self, *args, tags: Sequence[Sequence[Node | None]] | None = None, **kwargs):
        """``tags``: the structure node of each cell (tagging.TableTags), by row and column."""
        kwargs.setdefault("splitInRow", 1)  # reportlab passes it again to the parts of a split
        if tags is not None:
            kwargs["renderCB"] = TableTags(tags)
        super().__init__(*args, **kwargs)

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) > 1 and _height(parts[-1], availWidth) >= _height(self, availWidth) - 0.5:
            return []
        split_rows(self, parts)
        return parts


class KeptRowsTable(RunOnTable):
    """A data table split between pages only where each part keeps KEPT_ROWS rows or more under its
    repeated header (the last rows moved over with the ones before them, or the table moved whole). A
    table of fewer than twice that many rows (the rest of a split, say) moves whole, unless it starts a
    page: then it runs on as RunOnTable lets it (a tall cell), which always makes progress."""

    KEPT_ROWS = 3

    def head_room(self, width: float) -> float:
        """What must fit for the table to start: the header and the first KEPT_ROWS rows (the whole of a
        table too short to split)."""
        self.wrap(width, 1e9)
        rows = len(self._cellvalues) - self.repeatRows
        return sum(self._rowHeights[: self.repeatRows + (self.KEPT_ROWS if rows >= 2 * self.KEPT_ROWS else rows)])

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        rows = len(self._cellvalues) - self.repeatRows
        if len(parts) != 2 or rows <= 1:
            return parts
        if rows < 2 * self.KEPT_ROWS:  # too short to leave KEPT_ROWS each side: whole, or runs on from a page's top
            frame = getattr(self, "_frame", None)
            return parts if frame is None or frame._atTop else []
        first, rest = (len(part._cellvalues) - self.repeatRows for part in parts)
        if first < self.KEPT_ROWS:
            return []
        if rest >= self.KEPT_ROWS:
            return parts
        keep = first - (self.KEPT_ROWS - rest)  # rows left on this page
        if keep < self.KEPT_ROWS:
            return []
        self.wrap(availWidth, 1e9)
        return super().split(availWidth, sum(self._rowHeights[: self.repeatRows + keep]) + 0.5)


def _height(table: Table, width: float) -> float:
    return table.wrap(width, 1e9)[1]
