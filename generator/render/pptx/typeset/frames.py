"""Boxes and text frames: position shapes, fit paragraphs to a box at a measured size, write them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from ....localize.document import Inline, plain
from ....style.measure import Para, block_height, fit_size
from ..oxml import xml as _xml
from .text import Style, Typesetter, clean

EMU_PER_PT = 12700
INSET_X = Pt(4)  # small, fixed insets so the measured width is the real one
INSET_Y = Pt(2)


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    x: int
    y: int
    w: int
    h: int

    def place(self, shape) -> None:
        shape.left, shape.top, shape.width, shape.height = Emu(self.x), Emu(self.y), Emu(self.w), Emu(self.h)

    def split_x(self, fraction: float, gap: int) -> tuple[Box, Box]:
        left_w = int((self.w - gap) * fraction)
        return (Box(self.x, self.y, left_w, self.h),
                Box(self.x + left_w + gap, self.y, self.w - left_w - gap, self.h))

    def take_top(self, h: int, gap: int = 0) -> tuple[Box, Box]:
        return Box(self.x, self.y, self.w, h), Box(self.x, self.y + h + gap, self.w, self.h - h - gap)

    def take_bottom(self, h: int, gap: int = 0) -> tuple[Box, Box]:
        return (Box(self.x, self.y, self.w, self.h - h - gap),
                Box(self.x, self.y + self.h - h, self.w, h))


@dataclass(frozen=True)
class Block:
    """One paragraph to write: rich text, list level (0 none/top, 1 sub), colour and weight."""

    text: Inline
    level: int = 0
    color: str = "text"
    bold: bool = False
    bullet: bool = False
    scale: float = 1.0  # size relative to the frame's size (sub-bullets are smaller)
    space_before: float = 0.0  # in lines
    align: PP_ALIGN | None = None


@dataclass
class Fitted:
    """What fitting chose: the size, and whether the text fits at all."""

    size: float
    fits: bool = True
    start: float = 0.0  # the size fitting began at (``size < start`` means it shrank)
    minimum: float = 0.0


BULLET_INDENT_PT = 22
SUB_INDENT_PT = 44


def prepare(text_frame, anchor: MSO_ANCHOR = MSO_ANCHOR.TOP) -> None:
    """Wrapping on, no autofit flag, fixed insets, vertical anchor."""
    _xml.set_body_wrap(text_frame._txBody.bodyPr)
    text_frame.margin_left = text_frame.margin_right = INSET_X
    text_frame.margin_top = text_frame.margin_bottom = INSET_Y
    text_frame.vertical_anchor = anchor


def fit(ts: Typesetter, blocks: Sequence[Block], box: Box, start: float, minimum: float,
        spacing: float, grow: float | None = None) -> Fitted:
    """The size (for scale 1.0) at which ``blocks`` fit the box, measured with the real fonts: the largest
    from ``grow`` (a sparse slide's text grows up to it; default ``start``) down to ``minimum``. ``start``
    stays the frame's nominal size: below it, the frame counts as shrunk."""
    height = (box.h - 2 * INSET_Y) / EMU_PER_PT
    size, fits = fit_size(_paras(blocks), _width(box), height, ts.faces, max(start, grow or start), minimum,
                          spacing)
    return Fitted(size, fits, float(start), float(minimum))


def _paras(blocks: Sequence[Block]) -> list[Para]:
    return [Para(clean(plain(b.text)), b.scale, b.bold, _indent(b), b.space_before) for b in blocks]


def _width(box: Box) -> float:
    """The width lines are wrapped in, in points: the box less its insets and a point of slack."""
    return (box.w - 2 * INSET_X) / EMU_PER_PT - 1


def height_of(ts: Typesetter, blocks: Sequence[Block], width: int, size: float, spacing: float) -> int:
    """The height (EMU) of a box ``width`` wide that holds ``blocks`` at ``size``: the measured lines in the
    fitting envelope, the insets and half a point of rounding slack."""
    lines = block_height(_paras(blocks), _width(Box(0, 0, width, 0)), ts.faces, size, spacing)
    return int((lines + 0.5) * EMU_PER_PT) + 2 * int(INSET_Y)


def write(ts: Typesetter, text_frame, blocks: Sequence[Block], size: float, spacing: float) -> None:
    """Replace the frame's paragraphs with ``blocks`` at ``size`` (times each block's scale)."""
    part = text_frame.part
    paragraphs = "".join(_paragraph_xml(ts, block, size, spacing, part) for block in blocks)
    _xml.replace_paragraphs(text_frame._txBody, paragraphs or "<a:p/>")


def _paragraph_xml(ts: Typesetter, block: Block, size: float, spacing: float, part) -> str:
    """One ``a:p``: alignment, indents, line breaking, spacing and bullet (``a:pPr``), then the runs."""
    attrs, children = "", f'<a:lnSpc><a:spcPct val="{round(spacing * 100000)}"/></a:lnSpc>'
    if block.align is not None:
        attrs += f' algn="{block.align.xml_value}"'
    if block.space_before:
        before = Pt(round(block.space_before * size * block.scale, 1)).centipoints
        children += f'<a:spcBef><a:spcPts val="{before}"/></a:spcBef>'
    if block.bullet:
        indent = Pt(BULLET_INDENT_PT if block.level == 0 else SUB_INDENT_PT - BULLET_INDENT_PT)
        margin = Pt(_indent(block))
        attrs += (f' lvl="{block.level}"' if block.level else "") + f' marL="{margin}" indent="{-indent}"'
        children += _xml.bullet_xml("•" if block.level == 0 else "–", ts.color("accent"), ts.bullet_font)
    else:
        attrs += ' marL="0" indent="0"'
        children += "<a:buNone/>"
    style = Style(round(size * block.scale * 2) / 2, ts.color(block.color), block.bold)
    return (f"<a:p><a:pPr{attrs}{_xml.LINE_BREAKING}>{children}</a:pPr>"
            f"{ts.runs_xml(block.text, style, part)}</a:p>")


def _indent(block: Block) -> float:
    if not block.bullet:
        return 0.0
    return float(SUB_INDENT_PT if block.level else BULLET_INDENT_PT)


def fill(ts: Typesetter, text_frame, blocks: Sequence[Block], box: Box, start: float, minimum: float,
         spacing: float, anchor: MSO_ANCHOR = MSO_ANCHOR.TOP, grow: float | None = None) -> Fitted:
    """Prepare, fit and write in one go; the caller warns when ``fits`` is False."""
    prepare(text_frame, anchor)
    fitted = fit(ts, blocks, box, start, minimum, spacing, grow)
    write(ts, text_frame, blocks, fitted.size, spacing)
    return fitted


def textbox(ts: Typesetter, slide, box: Box, blocks: Sequence[Block], start: float, minimum: float,
            spacing: float = 1.0, anchor: MSO_ANCHOR = MSO_ANCHOR.TOP, name: str | None = None,
            grow: float | None = None):
    shape = slide.shapes.add_textbox(Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h))
    if name:
        shape.name = name
    fitted = fill(ts, shape.text_frame, blocks, box, start, minimum, spacing, anchor, grow)
    return shape, fitted
