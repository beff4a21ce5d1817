"""A TableFigure as a native PowerPoint table: measured column widths and font size, banded rows."""

from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu, Pt

from ...errors import Span
from ...localize.document import Inline, TableFigure, plain
from . import _xml
from .context import Ctx
from .frames import EMU_PER_PT, Box, Fitted
from .measure import wrap
from .text import Style, clean

PAD_X, PAD_Y = 8.0, 5.0  # cell margins in points


def _rows(figure: TableFigure):
    rows = [figure.header, *figure.rows]
    ncols = max(len(r) for r in rows)
    return [tuple(r) + ((),) * (ncols - len(r)) for r in rows]


def table_fits(ctx: Ctx, figure: TableFigure, box: Box) -> bool:
    return _fit(ctx, _rows(figure), box)[3]


def add_table(ctx: Ctx, slide, figure: TableFigure, box: Box, where: Span | None):
    rows = _rows(figure)
    ncols = len(rows[0])
    size, widths, heights, fits = _fit(ctx, rows, box)
    ctx.record(where, "table", Fitted(size, fits, ctx.size("sub_body_size"), ctx.size("min_size")))
    frame = slide.shapes.add_table(len(rows), ncols, Emu(box.x), Emu(box.y), Emu(box.w),
                                   Emu(sum(heights)))
    frame.name = figure.label
    _xml.set_descr(frame, figure.alt)
    table = frame.table
    _xml.no_table_style(table._tbl)
    table.first_row = True
    table.horz_banding = False
    for i, width in enumerate(widths):
        table.columns[i].width = Emu(width)
    for r, (row, height) in enumerate(zip(rows, heights)):
        table.rows[r].height = Emu(height)
        for c, inline in enumerate(row):
            _cell(ctx, table.cell(r, c), inline, size, header=(r == 0), band=(r % 2 == 0))
    return frame


def _cell(ctx: Ctx, cell, inline: Inline, size: float, header: bool, band: bool) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = ctx.rgb("primary" if header else ("light" if band else "background"))
    cell.margin_left = cell.margin_right = Pt(PAD_X)
    cell.margin_top = cell.margin_bottom = Pt(PAD_Y)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    tf = cell.text_frame
    tf.word_wrap = True
    p = tf.paragraphs[0]
    p.line_spacing = ctx.spacing
    color = ctx.theme.colors["on_primary" if header else "text"]
    ctx.ts.paragraph(p, inline, Style(size, color, bold=header))


def _fit(ctx: Ctx, rows, box: Box):
    """Font size, column widths and row heights (EMU) so the table fits the box, shrinking in 1pt steps."""
    faces = ctx.ts.faces
    size = ctx.size("sub_body_size")
    minimum = ctx.size("min_size")
    while True:
        widths = _column_widths(ctx, rows, box.w, size)
        heights = []
        for r, row in enumerate(rows):
            lines = 1
            for inline, width in zip(row, widths):
                inner = width / EMU_PER_PT - 2 * PAD_X - 1
                lines = max(lines, len(wrap(clean(plain(inline)), inner, faces, size, bold=(r == 0))))
            line_h = faces.line_height(size) * ctx.spacing
            heights.append(int((lines * line_h + 2 * PAD_Y + 2) * EMU_PER_PT))
        if sum(heights) <= box.h or size <= minimum:
            return size, widths, heights, sum(heights) <= box.h
        size = max(minimum, size - 1)


def _column_widths(ctx: Ctx, rows, total: int, size: float) -> list[int]:
    """Every column at least as wide as its longest word; the rest shared by natural (unwrapped) width."""
    faces = ctx.ts.faces
    natural, floor = [], []
    for c in range(len(rows[0])):
        texts = [(clean(plain(row[c])), r == 0) for r, row in enumerate(rows)]
        natural.append(max(faces.width(t, size, bold) for t, bold in texts) + 2 * PAD_X + 2)
        floor.append(max((faces.width(w, size, bold) for t, bold in texts for w in t.split()), default=0)
                     + 2 * PAD_X + 2)
    total_pt = total / EMU_PER_PT
    if sum(natural) <= total_pt:
        shares = [n + (total_pt - sum(natural)) / len(natural) for n in natural]
    elif sum(floor) >= total_pt:
        shares = [f * total_pt / sum(floor) for f in floor]
    else:
        spare = total_pt - sum(floor)
        wants = [n - f for n, f in zip(natural, floor)]
        shares = [f + spare * w / sum(wants) for f, w in zip(floor, wants)]
    widths = [int(s * EMU_PER_PT) for s in shares]
    widths[-1] += total - sum(widths)
    return widths
