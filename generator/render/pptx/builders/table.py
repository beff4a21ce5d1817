"""A TableFigure as a native PowerPoint table: measured column widths and font size, banded rows."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu, Pt

from ....errors import Span
from ....localize.document import Inline, TableFigure, plain
from ....style.measure import wrap
from ..context import Ctx
from ..oxml import xml as _xml
from ..packing import even_chunks
from ..typeset.frames import EMU_PER_PT, Box, Fitted
from ..typeset.text import Style, clean

PAD_X, PAD_Y = 8.0, 5.0  # cell margins in points


def _rows(figure: TableFigure):
    rows = [figure.header, *figure.rows]
    ncols = max(len(r) for r in rows)
    return [tuple(r) + ((),) * (ncols - len(r)) for r in rows]


@dataclass(frozen=True)
class TableSlice(TableFigure):
    """Some rows of a table that continues over slides, set like the whole table: one size, one set of
    column widths (measured over every row), so the columns do not jump from slide to slide."""

    size: float = 0.0
    widths: tuple[int, ...] = ()


def table_fits(ctx: Ctx, figure: TableFigure, box: Box) -> bool:
    return _fit(ctx, _rows(figure), box)[3]


def table_slices(ctx: Ctx, figure: TableFigure, box: Box, count: int | None = None,
                 ranges: list[tuple[int, int]] | None = None, first: Box | None = None) -> list[TableFigure]:
    """The table on one slide if it fits at some size down to the minimum; else its rows shared evenly over
    as few slides as hold them at the minimum (or over ``count`` slides: the number the language that needs
    the most room takes; or in ``ranges`` of rows, decided for every language, the first slice in ``first``
    under the item's points), each slice repeating the header, all at the largest size at which every
    slice fits and with one set of column widths."""
    if ranges is None and count is None and (len(figure.rows) <= 1 or table_fits(ctx, figure, box)):
        return [figure]
    rows = _rows(figure)
    if ranges is None:
        ranges = _even_ranges(ctx, rows, box, count)
    rooms = [box.h] * len(ranges)
    if first is not None:
        rooms[0] = first.h
    size, widths = _slice_type(ctx, rows, box.w, ranges, rooms)
    return [TableSlice(**_fields(figure), rows=figure.rows[a:b], size=size, widths=tuple(widths))
            for a, b in ranges]


def rows_fit(ctx: Ctx, figure: TableFigure, box: Box):
    """Whether some of the table's rows (by index) fit ``box`` under the header at the minimum size: the test
    a plan packs rows with."""
    rows, minimum = _rows(figure), ctx.deck.min_size
    heights = _row_heights(ctx, rows, _column_widths(ctx, rows, box.w, minimum), minimum)
    return lambda chunk: heights[0] + sum(heights[1 + r] for r in chunk) <= box.h


def _even_ranges(ctx: Ctx, rows, box: Box, count: int | None) -> list[tuple[int, int]]:
    """The fewest even slices at the minimum size (or ``count`` even slices)."""
    if count is None:
        minimum = ctx.deck.min_size
        heights = _row_heights(ctx, rows, _column_widths(ctx, rows, box.w, minimum), minimum)
        count = len(_fewest_chunks(heights[0], heights[1:], box.h))
    return even_chunks(len(rows) - 1, min(count, len(rows) - 1))


def _slice_type(ctx: Ctx, rows, width: int, ranges: list[tuple[int, int]], rooms: list[int]) -> tuple[float, list[int]]:
    """The size and column widths shared by every slice of a continued table: the largest size, down from
    the comfortable one, at which each slice still fits its room."""
    size, minimum = ctx.deck.sub_body_size, ctx.deck.min_size
    while True:
        widths = _column_widths(ctx, rows, width, size)
        heights = _row_heights(ctx, rows, widths, size)
        if all(heights[0] + sum(heights[1 + a:1 + b]) <= room for (a, b), room in zip(ranges, rooms)) \
                or size <= minimum:
            return size, widths
        size = max(minimum, size - 1)


def _fewest_chunks(head: int, body: list[int], room: int) -> list[tuple[int, int]]:
    """The fewest even chunks of rows that each fit ``room`` under the header (one row each, at worst)."""
    for count in range(1, len(body) + 1):
        chunks = even_chunks(len(body), count)
        if all(head + sum(body[a:b]) <= room for a, b in chunks):
            return chunks
    return even_chunks(len(body), len(body))


def _fields(figure: TableFigure) -> dict:
    return {f.name: getattr(figure, f.name) for f in dataclasses.fields(TableFigure) if f.name != "rows"}


def add_table(ctx: Ctx, slide, figure: TableFigure, box: Box, where: Span | None):
    rows = _rows(figure)
    ncols = len(rows[0])
    if isinstance(figure, TableSlice):
        size, widths = figure.size, list(figure.widths)
        heights = _row_heights(ctx, rows, widths, size)
        fits = sum(heights) <= box.h
    else:
        size, widths, heights, fits = _fit(ctx, rows, box)
    ctx.record(where, "table", Fitted(size, fits, ctx.deck.sub_body_size, ctx.deck.min_size))
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
    color = ctx.theme.deck_colors["on_primary" if header else "text"]
    ctx.ts.paragraph(p, inline, Style(size, color, bold=header))


def _fit(ctx: Ctx, rows, box: Box):
    """Font size, column widths and row heights (EMU) so the table fits the box, shrinking in 1pt steps."""
    size = ctx.deck.sub_body_size
    minimum = ctx.deck.min_size
    while True:
        widths = _column_widths(ctx, rows, box.w, size)
        heights = _row_heights(ctx, rows, widths, size)
        if sum(heights) <= box.h or size <= minimum:
            return size, widths, heights, sum(heights) <= box.h
        size = max(minimum, size - 1)


def _row_heights(ctx: Ctx, rows, widths: list[int], size: float) -> list[int]:
    """Each row's height (EMU) at ``size``: its tallest cell, wrapped in its column's width."""
    faces = ctx.ts.faces
    line_h = faces.line_height(size) * ctx.spacing
    heights = []
    for r, row in enumerate(rows):
        lines = 1
        for inline, width in zip(row, widths):
            inner = width / EMU_PER_PT - 2 * PAD_X - 1
            lines = max(lines, len(wrap(clean(plain(inline)), inner, faces, size, bold=(r == 0))))
        heights.append(int((lines * line_h + 2 * PAD_Y + 2) * EMU_PER_PT))
    return heights


def _column_widths(ctx: Ctx, rows, total: int, size: float) -> list[int]:
    """Every column at least as wide as its longest word (up to 40% of the table: a 60-letter compound must
    not starve the other columns); the rest shared by natural (unwrapped) width."""
    faces = ctx.ts.faces
    natural, floor = [], []
    for c in range(len(rows[0])):
        texts = [(clean(plain(row[c])), r == 0) for r, row in enumerate(rows)]
        natural.append(max(faces.width(t, size, bold) for t, bold in texts) + 2 * PAD_X + 2)
        longest = max((faces.width(w, size, bold) for t, bold in texts for w in t.split()), default=0)
        floor.append(min(longest, total / EMU_PER_PT * 0.4) + 2 * PAD_X + 2)
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
