"""A finished slide as plain data (boxes in points, colours as hex, paragraphs with their runs): what
layout_export.py reads out of the deck and the slides PDF and the handout draw, without python-pptx."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...errors import Problem


@dataclass(frozen=True)
class TextRun:
    text: str
    size: float  # points
    color: str  # "1F3864"
    bold: bool = False
    italic: bool = False
    superscript: bool = False
    href: str | None = None  # a hyperlink's target


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[TextRun, ...]
    align: str = "l"  # a:pPr@algn: l, ctr, r
    margin: float = 0.0  # marL, points
    indent: float = 0.0  # the first line's offset from the margin (negative under a bullet), points
    spacing: float = 1.0  # a:lnSpc as a multiple of single spacing
    space_before: float = 0.0  # points
    bullet: str | None = None
    bullet_color: str | None = None

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class TextFrame:
    paragraphs: tuple[Paragraph, ...]
    anchor: str = "t"  # a:bodyPr@anchor: t, ctr, b
    insets: tuple[float, float, float, float] = (7.2, 3.6, 7.2, 3.6)  # left, top, right, bottom (points)


@dataclass(frozen=True)
class Box:
    x: float  # points from the slide's left edge
    y: float  # points from the slide's top edge
    w: float
    h: float


@dataclass(frozen=True)
class Cell:
    box: Box
    fill: str | None
    text: TextFrame
    row: int = 0
    col: int = 0


@dataclass(frozen=True)
class Shape:
    """One shape: ``kind`` is rect, oval, line, text, table, picture or chart."""

    kind: str
    name: str
    box: Box
    fill: str | None = None
    line: tuple[str, float] | None = None  # colour, width in points
    text: TextFrame | None = None
    cells: tuple[Cell, ...] = ()
    image: bytes | None = None
    flip: tuple[bool, bool] = (False, False)  # a connector drawn from its box's other corners
    chart_kind: str | None = None  # the kind the deck drew (bar, column, line, pie), for the slides PDF
    role: str = ""  # "title" (the slide's title), "pagination" (footer, date, slide number), else ""
    alt: str = ""  # p:cNvPr/@descr: a picture's or a chart's alternative text
    header_rows: int = 0  # a table's header rows (a:tblPr/@firstRow)


@dataclass(frozen=True)
class SlideLayout:
    shapes: tuple[Shape, ...]
    background: str | None  # None: the master's (white in ours)
    title: str  # the title placeholder's text, for bookmarks
    section: int | None  # the section a divider or item slide belongs to
    notes: tuple[str, ...]  # the speaker notes' paragraphs


@dataclass(frozen=True)
class DeckLayout:
    width: float  # points
    height: float
    slides: tuple[SlideLayout, ...]
    warnings: list[Problem] = field(default_factory=list)
    # The drawing's key (every slide's key in order, and what the drawing is: layout_export.py) and, when
    # the memo holds a drawing made under it, that drawing's bytes; ``slides`` is then left empty.
    drawing_key: str = ""
    drawn: bytes | None = None
