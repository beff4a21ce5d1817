"""The finished deck as plain data, for renderers that draw it elsewhere (the slides PDF and the handout).

python-pptx stays in ``render/pptx/``: this module reopens the deck's own bytes and reads every slide's
shapes into dataclasses (slide_layout.py: boxes in points, colours as hex, paragraphs with their runs), so
another renderer draws exactly what the deck holds, at the sizes its fitter chose, without importing
python-pptx. With a memo, a slide the deck reused is not read again: its layout is kept beside it
(layout_memo.py), and an edit reads back only the slides it changed.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from ...localize.document import Document
from ...style.theme import Theme
from ..memo import Memo
from .deck import build
from .layout_memo import from_json, to_json
from .slide_layout import Box, Cell, DeckLayout, Paragraph, Shape, SlideLayout, TextFrame, TextRun
from .typeset.frames import EMU_PER_PT

FreshLayout = Callable[[SlideLayout, int, int, tuple[float, float]], None]
"""Told of a slide an edit made anew, as soon as it is built: its layout (the one the finished deck's slide
reads back as), its 0-based place, the deck's slide count, and the slide size in points."""


def deck_layout(doc: Document, theme: Theme, *, notes: str = "own", template: Path | None = None,
                memo: Memo | None = None, drawing: str = "", on_fresh: FreshLayout | None = None) -> DeckLayout:
    """Build the deck as the pptx renderer does, and read it back shape by shape; with a ``memo``, the
    slides of the previous render that nothing changed are reused (the same bytes: reuse.py), and so are
    their layouts.

    ``drawing`` names what the caller draws of the deck (its renderer and options). When every slide was
    reused under the same keys, in the same order, as when the memo kept such a drawing, the drawing is the
    same bytes: they come back as ``drawn``, and no slide is read (an edit in another language that left
    this deck's plan alone). The caller keeps its new drawing with ``keep_drawing``.

    ``on_fresh``: told of each slide an edit made anew, before the deck is finished (deck.build)."""
    def fresh(ctx, index: int, slide) -> None:
        assert on_fresh is not None
        on_fresh(_slide(slide, ctx.sections[-1]), index, ctx.total, (_pt(ctx.width), _pt(ctx.height)))

    ctx = build(doc, theme, notes=notes, template=template, memo=memo, on_fresh=fresh if on_fresh is not None else None)
    whole = _drawing_key(ctx, drawing) if memo is not None and drawing else ""
    entries = memo.entries(ctx.memo_context) if memo is not None and ctx.memo_context else {}
    drawn = _drawn_before(memo, entries, whole)
    if drawn is not None:
        return DeckLayout(_pt(ctx.prs.slide_width), _pt(ctx.prs.slide_height), (), ctx.warnings, whole, drawn)
    stored = _stored_layouts(entries.get("layouts"))
    prs = Presentation(io.BytesIO(ctx.data))  # reads the package; a slide's shapes only when asked
    slides, kept = [], {}
    for slide, section, key in zip(prs.slides, ctx.sections, ctx.slide_keys, strict=True):
        layout, text = stored.get(key) or (None, "")
        if layout is None:
            layout = _slide(slide, section)
            text = to_json(layout) if key else ""
        slides.append(layout)
        if key:
            kept[key] = text
    if memo is not None:
        memo.keep_also("layouts", kept)
    return DeckLayout(_pt(prs.slide_width), _pt(prs.slide_height), tuple(slides), ctx.warnings, whole)


def _drawn_before(memo: Memo | None, entries: dict, whole: str) -> bytes | None:
    """The drawing the memo kept under ``whole``, if any; it and the slides' layouts are kept again for
    the next render."""
    kept = entries.get("drawing")
    if memo is None or not whole or not (type(kept) is tuple and len(kept) == 2 and kept[0] == whole
                                         and type(kept[1]) is bytes and type(entries.get("layouts")) is dict):
        return None
    memo.keep_also("layouts", entries["layouts"])  # the same slides: their layouts as they were kept
    memo.keep_also("drawing", kept)
    return kept[1]


def keep_drawing(memo: Memo | None, deck: DeckLayout, data: bytes) -> None:
    """Keep the caller's drawing of ``deck`` for the next render (only when every slide has a key)."""
    if memo is not None and deck.drawing_key:
        memo.keep_also("drawing", (deck.drawing_key, data))


def _drawing_key(ctx, drawing: str) -> str:
    """Every slide's key in order, and the drawing's name: "" when a slide has no key (a picture's slide
    is built each time: its image file may change under the same name)."""
    if not ctx.slide_keys or not all(ctx.slide_keys):
        return ""
    return hashlib.sha256("\0".join([drawing, *ctx.slide_keys]).encode()).hexdigest()


def _stored_layouts(stored: object) -> dict[str, tuple[SlideLayout, str]]:
    """The layouts the previous drawing of this deck kept, by slide key, each with the JSON it was read
    from (layout_memo.py); those that are not a layout's are left out."""
    found: dict[str, tuple[SlideLayout, str]] = {}
    for key, text in (stored.items() if type(stored) is dict else ()):
        try:
            found[key] = (from_json(text), text)
        except (ValueError, TypeError, RecursionError):
            continue
    return found


def _pt(emu) -> float:
    return int(emu or 0) / EMU_PER_PT


def _slide(slide, section: int | None) -> SlideLayout:
    links = {rel.rId: rel.target_ref for rel in slide.part.rels.values() if rel.is_external}
    shapes = tuple(s for shape in slide.shapes if (s := _shape(shape, links)) is not None)
    title_shape = slide.shapes.title
    title = title_shape.text_frame.text if title_shape is not None and _has_text_body(title_shape) else ""
    notes: tuple[str, ...] = ()
    if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
        notes = tuple(p.text for p in slide.notes_slide.notes_text_frame.paragraphs if p.text.strip())
    bg = slide._element.find(f"{qn('p:cSld')}/{qn('p:bg')}/{qn('p:bgPr')}/{qn('a:solidFill')}/{qn('a:srgbClr')}")
    return SlideLayout(shapes, None if bg is None else bg.get("val"), " ".join(title.split()), section, notes)


def _chart_kind(chart) -> str:
    """bar, column, line or pie, as the deck drew it (a column chart of long names is drawn as bars)."""
    plot = chart.plots[0]._element
    tag = plot.tag.rsplit("}", 1)[-1]
    if tag == "barChart":
        direction = plot.find(qn("c:barDir"))
        return "bar" if direction is not None and direction.get("val") == "bar" else "column"
    return {"lineChart": "line", "pieChart": "pie"}.get(tag, "column")


def _box(shape) -> Box:
    return Box(_pt(shape.left), _pt(shape.top), _pt(shape.width), _pt(shape.height))


_PAGINATION = {"Footer", "Date", "Slide number"}  # slides.footer's text boxes
_PAGINATION_TYPES = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER)


def _role(shape) -> str:
    """What a tagged PDF makes of the shape: its slide's title, pagination (an artifact), or content."""
    if shape.is_placeholder:
        kind = shape.placeholder_format.type
        if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
            return "title"
        if kind in _PAGINATION_TYPES:
            return "pagination"
    return "pagination" if shape.name in _PAGINATION else ""


def _shape(shape, links: dict[str, str]) -> Shape | None:
    box, name = _box(shape), shape.name
    alt = shape._element.xpath("./*[1]/p:cNvPr/@descr")
    alt = alt[0] if alt else ""
    if getattr(shape, "has_chart", False) and shape.has_chart:
        return Shape("chart", name, box, chart_kind=_chart_kind(shape.chart), alt=alt)
    if getattr(shape, "has_table", False) and shape.has_table:
        first_row = shape._element.xpath(".//a:tblPr/@firstRow")
        return Shape("table", name, box, cells=_cells(shape, links), header_rows=int(first_row[:1] == ["1"]))
    if shape.shape_type is not None and shape.shape_type == 13:  # MSO_SHAPE_TYPE.PICTURE
        return Shape("picture", name, box, image=shape.image.blob, alt=alt)
    sp_pr = shape._element.find(qn("p:spPr"))
    fill, line = _fill(sp_pr), _line(sp_pr)
    if shape._element.tag == qn("p:cxnSp"):
        xfrm = sp_pr.find(qn("a:xfrm"))
        flip = (xfrm.get("flipH") == "1", xfrm.get("flipV") == "1")
        return Shape("line", name, box, line=line or ("000000", 0.75), flip=flip)
    has_text = shape.has_text_frame and _has_text_body(shape)
    text = _frame(shape.text_frame, links) if has_text and shape.text_frame.text.strip() else None
    geometry = sp_pr.find(qn("a:prstGeom")) if sp_pr is not None else None
    kind = "text"
    if geometry is not None and geometry.get("prst") in ("rect", "ellipse") and (fill or line):
        kind = "oval" if geometry.get("prst") == "ellipse" else "rect"
    if kind == "text" and text is None:
        return None
    return Shape(kind, name, box, fill=fill, line=line, text=text, role=_role(shape))


def _has_text_body(shape) -> bool:
    """python-pptx's ``text_frame`` adds a txBody a shape lacks: read one only where there is one (the
    slide may still be the deck's own, read as soon as it is built: ``on_fresh``)."""
    return shape._element.find(qn("p:txBody")) is not None


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
            cells.append(Cell(Box(x, y, width, height), fill, _paragraphs(cell.text_frame, anchor, insets, links),
                              r, c))
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
