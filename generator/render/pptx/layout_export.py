"""The finished deck as plain data, for renderers that draw it elsewhere (the slides PDF and the handout).

python-pptx stays in ``render/pptx/``: this module reopens the deck's own bytes and reads every slide's
shapes into dataclasses (boxes in points, colours as hex, paragraphs with their runs), so another renderer
draws exactly what the deck holds, at the sizes its fitter chose, without importing python-pptx.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from pptx import Presentation
from pptx.oxml.ns import qn

from ...errors import Problem
from ...localize.document import Document
from ...style.theme import Theme
from ..memo import Memo
from .deck import build
from .typeset.frames import EMU_PER_PT


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


def deck_layout(doc: Document, theme: Theme, *, notes: str = "own", template: Path | None = None,
                memo: Memo | None = None) -> DeckLayout:
    """Build the deck as the pptx renderer does, and read it back shape by shape; with a ``memo``, the
    slides of the previous render that nothing changed are reused (the same bytes: reuse.py)."""
    ctx = build(doc, theme, notes=notes, template=template, memo=memo)
    prs = Presentation(io.BytesIO(ctx.data))
    slides = tuple(_slide(slide, section) for slide, section in zip(prs.slides, ctx.sections))
    return DeckLayout(_pt(prs.slide_width), _pt(prs.slide_height), slides, ctx.warnings)


def _pt(emu) -> float:
    return int(emu or 0) / EMU_PER_PT


def _slide(slide, section: int | None) -> SlideLayout:
    links = {rel.rId: rel.target_ref for rel in slide.part.rels.values() if rel.is_external}
    shapes = tuple(s for shape in slide.shapes if (s := _shape(shape, links)) is not None)
    title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
    notes: tuple[str, ...] = ()
    if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
        notes = tuple(p.text for p in slide.notes_slide.notes_text_frame.paragraphs if p.text.strip())
    bg = slide._element.find(f"{qn('p:cSld')}/{qn('p:bg')}/{qn('p:bgPr')}/{qn('a:solidFill')}/{qn('a:srgbClr')}")
    return SlideLayout(shapes, None if bg is None else bg.get("val"), " ".join(title.split()), section, notes)


def _box(shape) -> Box:
    return Box(_pt(shape.left), _pt(shape.top), _pt(shape.width), _pt(shape.height))


def _shape(shape, links: dict[str, str]) -> Shape | None:
    box, name = _box(shape), shape.name
    if getattr(shape, "has_chart", False) and shape.has_chart:
        return Shape("chart", name, box)
    if getattr(shape, "has_table", False) and shape.has_table:
        return Shape("table", name, box, cells=_cells(shape, links))
    if shape.shape_type is not None and shape.shape_type == 13:  # MSO_SHAPE_TYPE.PICTURE
        return Shape("picture", name, box, image=shape.image.blob)
    sp_pr = shape._element.find(qn("p:spPr"))
    fill, line = _fill(sp_pr), _line(sp_pr)
    if shape._element.tag == qn("p:cxnSp"):
        xfrm = sp_pr.find(qn("a:xfrm"))
        flip = (xfrm.get("flipH") == "1", xfrm.get("flipV") == "1")
        return Shape("line", name, box, line=line or ("000000", 0.75), flip=flip)
    text = _frame(shape.text_frame, links) if shape.has_text_frame and shape.text_frame.text.strip() else None
    geometry = sp_pr.find(qn("a:prstGeom")) if sp_pr is not None else None
    kind = "text"
    if geometry is not None and geometry.get("prst") in ("rect", "ellipse") and (fill or line):
        kind = "oval" if geometry.get("prst") == "ellipse" else "rect"
    if kind == "text" and text is None:
        return None
    return Shape(kind, name, box, fill=fill, line=line, text=text)


def _fill(sp_pr) -> str | None:
    color = None if sp_pr is None else sp_pr.find(f"{qn('a:solidFill')}/{qn('a:srgbClr')}")
    return None if color is None else color.get("val")


def _line(sp_pr) -> tuple[str, float] | None:
    ln = None if sp_pr is None else sp_pr.find(qn("a:ln"))
    if ln is None or ln.find(qn("a:noFill")) is not None:
        return None
    color = ln.find(f"{qn('a:solidFill')}/{qn('a:srgbClr')}")
    if color is None:
        return None
    return color.get("val"), int(ln.get("w", "12700")) / EMU_PER_PT


def _cells(frame, links: dict[str, str]) -> tuple[Cell, ...]:
    table = frame.table
    x0, y0 = _pt(frame.left), _pt(frame.top)
    widths = [_pt(c.width) for c in table.columns]
    heights = [_pt(r.height) for r in table.rows]
    cells = []
    y = y0
    for r, height in enumerate(heights):
        x = x0
        for c, width in enumerate(widths):
            cell = table.cell(r, c)
            tc_pr = cell._tc.tcPr
            fill = _fill(tc_pr)
            insets = (_pt(cell.margin_left), _pt(cell.margin_top), _pt(cell.margin_right), _pt(cell.margin_bottom))
            anchor = (tc_pr.get("anchor") if tc_pr is not None else None) or "t"
            cells.append(Cell(Box(x, y, width, height), fill, _paragraphs(cell.text_frame, anchor, insets, links)))
            x += width
        y += height
    return tuple(cells)


def _frame(text_frame, links: dict[str, str]) -> TextFrame:
    body_pr = text_frame._txBody.find(qn("a:bodyPr"))
    insets = tuple(int(body_pr.get(k, d)) / EMU_PER_PT
                   for k, d in (("lIns", 91440), ("tIns", 45720), ("rIns", 91440), ("bIns", 45720)))
    return _paragraphs(text_frame, body_pr.get("anchor", "t"), insets, links)  # type: ignore[arg-type]


def _paragraphs(text_frame, anchor: str, insets: tuple[float, float, float, float],
                links: dict[str, str]) -> TextFrame:
    return TextFrame(tuple(_paragraph(p._p, links) for p in text_frame.paragraphs), anchor, insets)


def _paragraph(p, links: dict[str, str]) -> Paragraph:
    ppr = p.find(qn("a:pPr"))
    runs = tuple(_run(r, links) for r in p if r.tag in (qn("a:r"), qn("a:fld")))
    if ppr is None:
        return Paragraph(runs)
    spacing = ppr.find(f"{qn('a:lnSpc')}/{qn('a:spcPct')}")
    before = ppr.find(f"{qn('a:spcBef')}/{qn('a:spcPts')}")
    bullet = ppr.find(qn("a:buChar"))
    bullet_color = ppr.find(f"{qn('a:buClr')}/{qn('a:srgbClr')}")
    return Paragraph(
        runs, align=ppr.get("algn", "l"), margin=int(ppr.get("marL", "0")) / EMU_PER_PT,
        indent=int(ppr.get("indent", "0")) / EMU_PER_PT,
        spacing=1.0 if spacing is None else int(spacing.get("val")) / 100000,
        space_before=0.0 if before is None else int(before.get("val")) / 100,
        bullet=None if bullet is None else bullet.get("char"),
        bullet_color=None if bullet_color is None else bullet_color.get("val"),
    )


def _run(r, links: dict[str, str]) -> TextRun:
    rpr = r.find(qn("a:rPr"))
    t = r.find(qn("a:t"))
    text = "" if t is None or t.text is None else t.text
    if rpr is None:
        return TextRun(text, 18.0, "000000")
    color = rpr.find(f"{qn('a:solidFill')}/{qn('a:srgbClr')}")
    link = rpr.find(qn("a:hlinkClick"))
    href = None if link is None else links.get(link.get(qn("r:id")) or "")
    return TextRun(text, int(rpr.get("sz", "1800")) / 100, "000000" if color is None else color.get("val"),
                   bold=rpr.get("b") == "1", italic=rpr.get("i") == "1",
                   superscript=int(rpr.get("baseline", "0")) > 0, href=href)
