"""Slides for what an item says: key numbers (stat), an enumeration as a grid of cards, a comparison.

Each is set on the content area of a framed slide (kicker, title, rule, footer) and sized to its content:
one size for all the numbers of a slide, one for all the cards' headings, one for the columns, the largest
the room allows within the theme's type scale; the block is then placed on the grid (grid.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from ....localize.document import Inline, Item, Point, Run, Stat, plain
from ..context import Ctx
from ..typeset import grid
from ..typeset.frames import Block, Box, fit, height_of
from ..typeset.text import clean

GAP = int(Inches(0.4))  # between cards, stats and columns
PAD = int(Inches(0.22))  # inside a card or a column's panel
STRIP = int(Inches(0.06))  # the accent strip on a card's top edge
MAX_CARDS = 9
# cards → (columns, rows): three or fewer in a row; six trends as 3 × 2; more in rows of three or four
GRIDS = {1: (1, 1), 2: (2, 1), 3: (3, 1), 4: (2, 2), 5: (3, 2), 6: (3, 2), 7: (4, 2), 8: (4, 2), 9: (3, 3)}


def _line_h(ctx: Ctx, size: float, lines: int = 1) -> int:
    """EMU of ``lines`` single-spaced lines at ``size`` in the fitting envelope, with the frame's insets."""
    return int((ctx.ts.faces.line_height(size) * lines + 0.5) * grid.EMU_PER_PT) + int(Pt(4))


def _columns(area: Box, n: int, gap: int = GAP) -> list[Box]:
    width = (area.w - gap * (n - 1)) // n
    return [Box(area.x + i * (width + gap), area.y, width, area.h) for i in range(n)]


# -- stat: one to three key numbers ----------------------------------------------------------------


def stat_size(ctx: Ctx, values: Sequence[Inline], width: int) -> float | None:
    """The largest size from ``stat_size`` down to ``title_size`` (in 4 pt steps) at which every number is one
    line in ``width``, measured whole (a fact's no-break spaces and the autospace around its Hangul units
    count, as in a line); None when none is (the slide falls back to bullets)."""
    room = (width - 2 * int(Pt(4))) / grid.EMU_PER_PT - 1
    size = ctx.deck.stat_size
    while size >= ctx.deck.title_size:
        if all(ctx.ts.faces.width(clean(plain(v)), size, True) <= room for v in values):
            return size
        size -= 4
    return None


@dataclass(frozen=True)
class StatLayout:
    """Where a stat slide's numbers go: side by side in ``columns`` (number over rule over label), or, when
    the numbers are too wide for that (a long amount such as "about KRW 2.4 trillion"), in ``rows``:
    the number on the left, an accent rule, the label beside it."""

    rows: bool
    boxes: list[Box]  # a column per stat, or the number's box of each row
    size: float | None  # the numbers' size; None: they fit neither way (the slide falls back to bullets)
    label_size: float
    label_h: int
    source_h: int
    number_h: int  # one line of the numbers

    @property
    def height(self) -> int:
        if self.size is None:
            return 0
        if self.rows:
            return len(self.boxes) * self.row_h - ROW_GAP  # boxes[i].h is the row's height, gap included
        return (self.number_h + int(Inches(0.3)) + self.label_h
                + (int(Inches(0.1)) + self.source_h if self.source_h else 0))

    @property
    def row_h(self) -> int:
        return self.boxes[0].h


ROW_GAP = int(Inches(0.3))  # between the rows of a stat slide
NUMBER_SHARE = 0.6  # of the content width, the most the numbers' column takes when the stats are set in rows


def stat_geometry(ctx: Ctx, stats: Sequence[Stat], area: Box, rows: bool, size: float | None = None) -> StatLayout:
    """The numbers side by side in columns, or in ``rows``; at ``size`` (the size shared by every language),
    else at the largest that fits this language."""
    n = len(stats)
    values = [s.value for s in stats]
    if not rows:
        columns = _columns(area, n) if n > 1 else [Box(area.x, area.y, area.w * 2 // 3, area.h)]
        size = size or stat_size(ctx, values, columns[0].w)
        label_size, label_h = _labels(ctx, stats, columns[0].w, int(Inches(1.5)))
        return StatLayout(False, columns, size, label_size, label_h, _sources_h(ctx, stats, columns[0].w),
                          _line_h(ctx, size or ctx.deck.title_size))
    size = size or stat_size(ctx, values, int(area.w * NUMBER_SHARE))
    # The numbers' column as wide as the widest number at that size (and 16 pt: the fitter wraps a line with
    # a margin for the substitutes' widths), at most NUMBER_SHARE: the labels take the rest.
    widest = max(ctx.ts.faces.width(clean(plain(v)), size or ctx.deck.title_size, True) for v in values)
    number_w = min(int(area.w * NUMBER_SHARE), int((widest + 16) * grid.EMU_PER_PT) + 2 * int(Pt(4)))
    label_w = area.w - number_w - GAP
    line = _line_h(ctx, size or ctx.deck.title_size)
    label_size, label_h = _labels(ctx, stats, label_w, max(line, int(Inches(1.1))))
    source_h = _sources_h(ctx, stats, label_w)
    row = max(line, label_h + (int(Inches(0.06)) + source_h if source_h else 0)) + ROW_GAP
    boxes = [Box(area.x, area.y + i * row, number_w, row) for i in range(n)]
    return StatLayout(True, boxes, size, label_size, label_h, source_h, line)


def stat_arrangement(views: Sequence[tuple[Ctx, Sequence[Stat]]], area: Box) -> tuple[bool, float] | None:
    """(in rows, size) for every language's stats: the arrangement whose numbers get the larger size in the
    language that needs the most room (columns on a tie), among those every language's slide holds; None
    when the numbers fit neither way (the slide falls back to bullets)."""
    if not all(1 <= len(stats) <= 3 for _, stats in views):
        return None
    best: tuple[bool, float] | None = None
    for rows in (False, True):
        sizes = [stat_geometry(ctx, stats, area, rows).size for ctx, stats in views]
        if any(size is None for size in sizes):
            continue
        size = min(s for s in sizes if s is not None)
        if any(stat_geometry(ctx, stats, area, rows, size).height > area.h for ctx, stats in views):
            continue
        if best is None or size > best[1]:
            best = (rows, size)
    return best


def _labels(ctx: Ctx, stats: Sequence[Stat], width: int, height: int) -> tuple[float, int]:
    """One size for every label (the largest from subtitle_size + 4 that fits ``height``), and the tallest."""
    room, start, minimum = Box(0, 0, width, height), ctx.deck.subtitle_size + 4, ctx.deck.min_size
    label_size = min(fit(ctx.ts, [Block(s.label)], room, start, minimum, 1.1).size for s in stats)
    return label_size, max(height_of(ctx.ts, [Block(s.label)], width, label_size, 1.1) for s in stats)


def _sources_h(ctx: Ctx, stats: Sequence[Stat], width: int) -> int:
    sources = [s.source for s in stats if s.source]
    return max((height_of(ctx.ts, [Block(src)], width, ctx.deck.source_size, 1.0) for src in sources),
               default=0)


def stat_block(ctx: Ctx, slide, item: Item, area: Box, takeaway: list[Block],
               arrangement: tuple[bool, float]) -> None:
    """The numbers large in the accent colour, an accent rule, the label, the source muted; a takeaway line
    under them, if the item has points; the whole block at the optical centre. ``arrangement``: (in rows,
    the numbers' size), the same in every language (plan.py)."""
    layout = stat_geometry(ctx, item.stats, area, *arrangement)
    assert layout.size is not None  # plan.py gave the item a stat slide because its numbers fit
    height = layout.height
    takeaway_size, takeaway_h = 0.0, 0
    if takeaway:
        rest = Box(area.x, 0, area.w, area.h - height - GAP)
        takeaway_size = fit(ctx.ts, takeaway, rest, ctx.deck.body_size, ctx.deck.min_size, ctx.spacing).size
        takeaway_h = height_of(ctx.ts, takeaway, area.w, takeaway_size, ctx.spacing)
    block = grid.balanced(area, height + (GAP + takeaway_h if takeaway else 0))
    place = _stat_rows if layout.rows else _stat_columns
    for i, stat in enumerate(item.stats):
        place(ctx, slide, item, layout, i, stat, block.y - area.y)
    if takeaway:
        box = Box(area.x, block.y + height + GAP, area.w, takeaway_h)
        ctx.textbox(item.span, "points", slide, box, takeaway, takeaway_size, takeaway_size, ctx.spacing,
                    MSO_ANCHOR.TOP, "Points")


def _stat_columns(ctx: Ctx, slide, item: Item, layout: StatLayout, i: int, stat: Stat, shift: int) -> None:
    """A column: the number, a short primary rule, the label, the source."""
    assert layout.size is not None
    column, size = layout.boxes[i], layout.size
    y = column.y + shift
    number_h = layout.number_h
    ctx.textbox(item.span, "stat", slide, Box(column.x, y, column.w, number_h),
                [Block(stat.value, color="accent_text", bold=True)], size, size, 1.0, MSO_ANCHOR.BOTTOM,
                f"Stat {i + 1}")
    y += number_h + int(Inches(0.08))
    ctx.rect(slide, Box(column.x + int(Pt(4)), y, int(Inches(0.9)), int(Pt(3))), "primary", f"Stat rule {i + 1}")
    y += int(Inches(0.22))
    ctx.textbox(item.span, "stat label", slide, Box(column.x, y, column.w, layout.label_h),
                [Block(stat.label, color="text")], layout.label_size, layout.label_size, 1.1, MSO_ANCHOR.TOP,
                f"Stat label {i + 1}")
    if stat.source:
        _stat_source(ctx, slide, item, stat, Box(column.x, y + layout.label_h + int(Inches(0.1)), column.w,
                                                 layout.source_h), i)


def _stat_rows(ctx: Ctx, slide, item: Item, layout: StatLayout, i: int, stat: Stat, shift: int) -> None:
    """A row: the number right-aligned in its column, a primary rule, the label (and source) beside it,
    both centred on the row."""
    assert layout.size is not None
    cell, size = layout.boxes[i], layout.size
    inner = cell.h - ROW_GAP
    y = cell.y + shift
    ctx.textbox(item.span, "stat", slide, Box(cell.x, y, cell.w, inner),
                [Block(stat.value, color="accent_text", bold=True, align=PP_ALIGN.RIGHT)], size, size, 1.0,
                MSO_ANCHOR.MIDDLE, f"Stat {i + 1}")
    rule_x = cell.x + cell.w + GAP // 2
    ctx.rect(slide, Box(rule_x - int(Pt(1.5)), y + inner // 6, int(Pt(3)), inner * 2 // 3), "primary",
             f"Stat rule {i + 1}")
    label_x = cell.x + cell.w + GAP
    label_w = slide_width_left(ctx, label_x)
    own_h = height_of(ctx.ts, [Block(stat.label)], label_w, layout.label_size, 1.1)  # centred as it is
    text_h = own_h + (int(Inches(0.06)) + layout.source_h if stat.source else 0)
    top = y + max(0, (inner - text_h) // 2)
    ctx.textbox(item.span, "stat label", slide, Box(label_x, top, label_w, own_h),
                [Block(stat.label, color="text")], layout.label_size, layout.label_size, 1.1, MSO_ANCHOR.TOP,
                f"Stat label {i + 1}")
    if stat.source:
        _stat_source(ctx, slide, item, stat, Box(label_x, top + own_h + int(Inches(0.06)), label_w,
                                                 layout.source_h), i)


def slide_width_left(ctx: Ctx, x: int) -> int:
    """The width from ``x`` to the content area's right edge."""
    box = ctx.content_box()
    return box.x + box.w - x


def _stat_source(ctx: Ctx, slide, item: Item, stat: Stat, box: Box, i: int) -> None:
    assert stat.source is not None
    size = ctx.deck.source_size
    ctx.textbox(item.span, "source", slide, box, [Block(stat.source, color="muted")], size, size, 1.0,
                MSO_ANCHOR.TOP, f"Source {i + 1}")


def takeaway_blocks(points: Sequence[Point]) -> list[Block]:
    return [Block(p.text, bullet=len(points) > 1, space_before=0.4 if i else 0.0) for i, p in enumerate(points)]


def stat_fits(ctx: Ctx, item: Item, area: Box, with_points: bool,
              arrangement: tuple[bool, float] | None = None) -> bool:
    """Whether the numbers fit one line each at title_size or more (in the ``arrangement`` given, else the
    best for this language alone), and the labels (and, ``with_points``, the points at body_size or less,
    down to sub_body_size) fit with them."""
    arrangement = arrangement or stat_arrangement([(ctx, item.stats)], area)
    if arrangement is None:
        return False
    layout = stat_geometry(ctx, item.stats, area, *arrangement)
    if layout.size is None or layout.height > area.h:
        return False
    if not with_points:
        return True
    rest = Box(area.x, 0, area.w, area.h - layout.height - GAP)
    return rest.h > 0 and fit(ctx.ts, takeaway_blocks(item.points), rest, ctx.deck.body_size,
                              ctx.deck.sub_body_size, ctx.spacing).fits


# -- cards: an enumeration as a grid -----------------------------------------------------------------


def card_blocks(ctx: Ctx, points: Sequence[Point], size: float) -> list[list[Block]]:
    """Each card: its number, its point as the heading, the point's first child as its short text."""
    body = max(ctx.deck.min_size, round(size * 0.78)) / size
    cards = []
    for i, point in enumerate(points, start=1):
        blocks = [Block((Run(f"{i:02d}"),), color="accent_text", bold=True, scale=0.8),
                  Block(point.text, color="primary", bold=True, space_before=0.15)]
        if point.children:
            blocks.append(Block(point.children[0].text, color="text", scale=body, space_before=0.35))
        cards.append(blocks)
    return cards


def card_layout(ctx: Ctx, points: Sequence[Point], area: Box) -> tuple[float, int, list[Box]] | None:
    """The cards' heading size, the height of a card and the cells, the largest size from subtitle_size + 4
    down to min_size at which the tallest card fits its row; None if they fit at no size."""
    columns, rows = GRIDS[len(points)]
    cells = _columns(Box(area.x, 0, area.w, 0), columns)
    inner = cells[0].w - 2 * PAD
    size = ctx.deck.subtitle_size + 4
    while size >= ctx.deck.min_size:
        card_h = max(height_of(ctx.ts, blocks, inner, size, 1.1) for blocks in card_blocks(ctx, points, size))
        card_h += 2 * PAD + STRIP
        if rows * card_h + (rows - 1) * GAP <= area.h:
            return size, card_h, cells
        size -= 1
    return None


def cards_block(ctx: Ctx, slide, item: Item, points: Sequence[Point], area: Box) -> None:
    layout = card_layout(ctx, points, area)
    assert layout is not None  # plan.py gave the item cards because they fit
    size, card_h, cells = layout
    columns, rows = GRIDS[len(points)]
    block = grid.balanced(area, rows * card_h + (rows - 1) * GAP)
    for i, blocks in enumerate(card_blocks(ctx, points, size)):
        cell = cells[i % columns]
        y = block.y + (i // columns) * (card_h + GAP)
        ctx.rect(slide, Box(cell.x, y, cell.w, card_h), "light", f"Card {i + 1}")
        ctx.rect(slide, Box(cell.x, y, cell.w, STRIP), "accent", f"Card strip {i + 1}")
        text = Box(cell.x + PAD, y + STRIP + PAD, cell.w - 2 * PAD, card_h - STRIP - 2 * PAD)
        ctx.textbox(item.span, "card", slide, text, blocks, size, size, 1.1, MSO_ANCHOR.TOP, f"Card text {i + 1}")


# -- comparison: two or three headed columns ----------------------------------------------------------


def comparison_blocks(ctx: Ctx, point: Point) -> tuple[list[Block], list[Block]]:
    """A column's heading, and its points (the heading point's children) as bullets."""
    heading = [Block(point.text, color="primary", bold=True)]
    body = [Block(c.text, bullet=True, space_before=0.45 if i else 0.0) for i, c in enumerate(point.children)]
    return heading, body


def comparison_layout(ctx: Ctx, points: Sequence[Point], area: Box):
    """Heading and body sizes shared by the columns, and the heights of the tallest heading and body; None
    when the columns do not fit at min_size."""
    inner = _columns(area, len(points))[0].w - 2 * PAD
    parts = [comparison_blocks(ctx, p) for p in points]
    minimum, spacing = ctx.deck.min_size, ctx.spacing
    head_room = Box(0, 0, inner + 2 * int(Pt(4)), int(area.h * 0.3))
    head = min(fit(ctx.ts, h, head_room, ctx.deck.subtitle_size + 4, minimum, 1.1).size for h, _ in parts)
    head_h = max(height_of(ctx.ts, h, inner, head, 1.1) for h, _ in parts)
    room = Box(0, 0, inner + 2 * int(Pt(4)), area.h - head_h - 2 * PAD - int(Inches(0.3)))
    if room.h <= 0:
        return None
    grow = min(ctx.deck.max_body_size, head)  # a column's points no larger than its heading
    fits = [fit(ctx.ts, b, room, ctx.deck.body_size, minimum, spacing, grow) for _, b in parts if b]
    if not all(f.fits for f in fits):
        return None
    body = min([f.size for f in fits] or [ctx.deck.body_size])
    body_h = max([height_of(ctx.ts, b, inner, body, spacing) for _, b in parts if b] or [0])
    return parts, head, head_h, body, body_h


def comparison_block(ctx: Ctx, slide, item: Item, points: Sequence[Point], area: Box) -> None:
    layout = comparison_layout(ctx, points, area)
    assert layout is not None  # plan.py gave the item columns because they fit
    parts, head, head_h, body, body_h = layout
    rule_gap = int(Inches(0.3))
    panel_h = head_h + rule_gap + body_h + 2 * PAD
    block = grid.balanced(area, panel_h)
    for i, ((heading, bullets), column) in enumerate(zip(parts, _columns(area, len(points)))):
        ctx.rect(slide, Box(column.x, block.y, column.w, panel_h), "light", f"Column panel {i + 1}")
        x, w = column.x + PAD, column.w - 2 * PAD
        y = block.y + PAD
        ctx.textbox(item.span, "column heading", slide, Box(x, y, w, head_h), heading, head, head, 1.1,
                    MSO_ANCHOR.BOTTOM, f"Column heading {i + 1}")
        ctx.rect(slide, Box(x + int(Pt(4)), y + head_h + rule_gap // 3, int(Inches(0.7)), int(Pt(3))), "accent",
                 f"Column rule {i + 1}")
        if bullets:
            ctx.textbox(item.span, "column", slide, Box(x, y + head_h + rule_gap, w, body_h), bullets, body, body,
                        ctx.spacing, MSO_ANCHOR.TOP, f"Column {i + 1}")


def fits(ctx: Ctx, kind: str, item: Item, area: Box) -> bool:
    """Whether the item's points fit ``kind``'s layout (else its slide falls back to bullets)."""
    if kind == "cards":
        return 2 <= len(item.points) <= MAX_CARDS and card_layout(ctx, item.points, area) is not None
    if kind == "comparison":
        return 2 <= len(item.points) <= 3 and comparison_layout(ctx, item.points, area) is not None
    return stat_fits(ctx, item, area, with_points=bool(item.points))

