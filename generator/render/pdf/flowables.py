"""Small flowables of the brief: a heading that bookmarks itself, and a short coloured rule."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph


class Heading(Paragraph):
    """A paragraph that adds a nested outline entry (PDF bookmark) where it is drawn."""

    def __init__(self, text, style, *, key: str, title: str, level: int, pages: dict | None = None):
        super().__init__(text, style)
        self.key, self.title, self.level = key, title, level
        self.pages = pages if pages is not None else {}

    def draw(self):
        canv = self.canv
        done = canv.__dict__.setdefault("_duopress_outline", set())
        if self.key not in done:  # a split heading draws twice; bookmark it once
            done.add(self.key)
            self.pages[self.key] = canv.getPageNumber()  # for the table of contents of the next pass
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


class Rule(Flowable):
    """A horizontal rule ``length`` wide (None: the full frame), with space around it."""

    def __init__(self, color, *, thickness: float = 0.6, length: float | None = None,
                 before: float = 0, after: float = 0):
        super().__init__()
        self.color, self.thickness, self.length = color, thickness, length
        self.spaceBefore, self.spaceAfter = before, after

    def wrap(self, availWidth, availHeight):
        self.width = self.length if self.length is not None else availWidth
        return self.width, self.thickness

    def draw(self):
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, self.thickness / 2, self.width, self.thickness / 2)
