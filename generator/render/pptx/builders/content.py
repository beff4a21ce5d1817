"""An item's slides: bullets, bullets beside a figure, a figure alone, two columns, a quote, a title."""

from __future__ import annotations

from dataclasses import dataclass

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches

from ....errors import Span
from ....localize.document import Figure, Inline, Item, Point, Run, Section
from ....style.chartroom import GUTTER_IN, TEXT_SHARE
from ..context import Ctx
from ..typeset import grid
from ..typeset.frames import Block, Box, fit, height_of, prepare, write
from . import figures, layouts
from .notes import write_notes
from .structure import BODY, SUBTITLE, finish, frame_in, framed_slide, line, title

GUTTER = int(Inches(GUTTER_IN))
COLUMN_GAP = int(Inches(0.6))


@dataclass(frozen=True)
class Part:
    """One slide of an item: which kind, and the share of the item's points, paragraphs or figure on it."""

    kind: str  # a slide kind of kinds.py: "bullets", "beside", "figure", "two_column", "quote", "title"
    points: tuple[Point, ...] = ()
    body: tuple[Inline, ...] = ()
    figure: Figure | None = None
    continued: bool = False  # not the item's first slide: the title says (cont.)
    split: bool = False  # the item's text runs over more than one slide
    stat: tuple[bool, float] | None = None  # a stat slide's arrangement, (in rows, numbers' size), for all languages


# -- blocks ---------------------------------------------------------------------------------------


def point_blocks(ctx: Ctx, points: tuple[Point, ...]) -> list[Block]:
    sub = ctx.deck.sub_body_size / ctx.deck.body_size
    blocks: list[Block] = []
    for i, point in enumerate(points):
        blocks.append(Block(point.text, bullet=True, space_before=0.55 if i else 0.0))
        for child in point.children:
            blocks.append(Block(child.text, level=1, bullet=True, color="muted", scale=sub, space_before=0.2))
    return blocks


def body_blocks(body: tuple[Inline, ...]) -> list[Block]:
    """An item without points shows its brief paragraphs as plain text."""
    return [Block(p, space_before=0.5 if i else 0.0) for i, p in enumerate(body)]


def part_blocks(ctx: Ctx, part: Part) -> list[Block]:
    return point_blocks(ctx, part.points) if part.points else body_blocks(part.body)


def column_blocks(ctx: Ctx, points: tuple[Point, ...]) -> tuple[list[Block], list[Block]]:
    """Two top-level points with children become two headed columns; other points are halved."""
    if len(points) == 2 and all(p.children for p in points):
        return tuple(  # type: ignore[return-value]
            [Block(p.text, color="primary", bold=True), *point_blocks(ctx, p.children)] for p in points)
    half = (len(points) + 1) // 2
    return point_blocks(ctx, points[:half]), point_blocks(ctx, points[half:])


def quote_blocks(ctx: Ctx, points: tuple[Point, ...]) -> tuple[list[Block], list[Block]]:
    """The first point as a callout; the rest (and the first point's children) smaller, below."""
    first, rest = points[0], points[1:]
    callout = [Block(first.text, color="primary")]
    return callout, point_blocks(ctx, first.children + rest)


# -- geometry -------------------------------------------------------------------------------------


def text_boxes(ctx: Ctx, citations: bool) -> tuple[Box, Box]:
    """Where an item's text goes: the whole content area, or its left 40% beside a figure."""
    box = ctx.content_box()
    left, _ = box.split_x(TEXT_SHARE, GUTTER)
    if citations:
        return box.take_bottom(int(Inches(0.42)))[0], left.take_bottom(int(Inches(0.42)))[0]
    return box, left


UNDER_SHARE = 0.34  # of the content area's height, the most the points under a figure may take


def under_boxes(ctx: Ctx, blocks: list[Block], citations: bool) -> tuple[Box | None, Box]:
    """Points under a figure: their strip at the content area's foot, measured at sub_body_size, and the
    figure's box above it; no strip (None) when the points would take more than UNDER_SHARE."""
    area = ctx.content_box()
    text_area = text_boxes(ctx, citations)[0]
    height = height_of(ctx.ts, blocks, text_area.w, ctx.deck.sub_body_size, ctx.spacing)
    if not blocks or height > area.h * UNDER_SHARE:
        return None, area
    figure_box, _ = area.take_bottom(height + (area.h - text_area.h), int(Inches(0.2)))
    return Box(text_area.x, text_area.y + text_area.h - height, text_area.w, height), figure_box


def column_boxes(ctx: Ctx, citations: bool) -> tuple[Box, Box]:
    return text_boxes(ctx, citations)[0].split_x(0.5, COLUMN_GAP)


def quote_boxes(ctx: Ctx, citations: bool) -> tuple[Box, Box]:
    box = text_boxes(ctx, citations)[0]
    inner = Box(box.x + int(Inches(0.5)), box.y + int(Inches(0.1)), box.w - int(Inches(0.5)), box.h)
    return inner.take_top(int(inner.h * 0.5), int(Inches(0.2)))


# -- builders -------------------------------------------------------------------------------------


def item_slide(ctx: Ctx, n: int, section: Section, item: Item, part: Part) -> None:
    heading = item.title + ((Run(" " + ctx.doc.label("continued")),) if part.continued else ())
    kicker = f"{item.number}  ·  " + "".join(r.text for r in section.title)
    if part.kind == "title":
        _title_item(ctx, item, part, heading)
        return
    slide = framed_slide(ctx, part.kind, heading, kicker, item.span, continued=part.split)
    if part.kind in ("bullets", "beside"):
        area = text_boxes(ctx, bool(item.citations))[part.kind == "beside"]
        balanced_text(ctx, slide, item.span, "points" if part.points else "body", part_blocks(ctx, part), area,
                      part.split)
    elif part.kind == "two_column":
        _columns(ctx, slide, item, column_blocks(ctx, part.points), column_boxes(ctx, bool(item.citations)),
                 ("left", "right"), ctx.deck.body_size)
    elif part.kind == "quote":
        _quote(ctx, slide, item, part)
    elif part.kind == "stat":
        area = text_boxes(ctx, bool(item.citations))[0]
        assert part.stat is not None  # plan.py set the arrangement for every language
        layouts.stat_block(ctx, slide, item, area, layouts.takeaway_blocks(part.points) if part.points else [],
                           part.stat)
    elif part.kind == "cards":
        layouts.cards_block(ctx, slide, item, part.points, text_boxes(ctx, bool(item.citations))[0])
    elif part.kind == "comparison":
        layouts.comparison_block(ctx, slide, item, part.points, text_boxes(ctx, bool(item.citations))[0])
    if item.citations and (part.kind != "figure" or part.points or part.body):
        _citations(ctx, slide, item, part.kind == "beside")
    if part.figure is not None:
        box = ctx.content_box()
        if part.kind == "beside":
            box = box.split_x(TEXT_SHARE, GUTTER)[1]
        elif part.points or part.body:  # points under the figure (plan.py: they fit there)
            blocks = part_blocks(ctx, part)
            text_box, box = under_boxes(ctx, blocks, bool(item.citations))
            assert text_box is not None
            ctx.textbox(item.span, "points", slide, text_box, blocks, ctx.deck.sub_body_size,
                        ctx.deck.min_size, ctx.spacing, MSO_ANCHOR.TOP, "Points")
        figures.place(ctx, slide, part.figure, box, item.span)
    finish(slide)
    write_notes(ctx, slide, item)


def balanced_text(ctx: Ctx, slide, where: Span | None, frame: str, blocks: list[Block], area: Box,
                  continued: bool, name: str = "Points") -> Box:
    """Text that fills its slide well: grown up to ``max_body_size`` when sparse (a continued slide keeps
    ``body_size``, like the slide before it), shrunk down to ``min_size`` when dense; its frame sized to the
    measured lines and set on the grid (grid.py), its lines centred in the frame."""
    start, minimum = ctx.deck.body_size, ctx.deck.min_size
    grow = None if continued else ctx.deck.max_body_size
    fitted = fit(ctx.ts, blocks, area, start, minimum, ctx.spacing, grow)
    box = grid.balanced(area, height_of(ctx.ts, blocks, area.w, fitted.size, ctx.spacing), top=continued)
    shape = frame_in(ctx, slide, box, BODY, name)
    ctx.fill(where, frame, shape.text_frame, blocks, box, start, minimum, ctx.spacing, MSO_ANCHOR.MIDDLE,
             continued, grow)
    return box


def _columns(ctx: Ctx, slide, item: Item, blocks, boxes, names, start: float) -> None:
    """Two frames at one size (the smaller of the two fits, grown on a sparse slide), so the columns read as
    a pair; both start on one row of the grid, the pair at the optical centre."""
    grow, spacing = ctx.deck.max_body_size, ctx.spacing
    fits = [fit(ctx.ts, b, box, start, ctx.deck.min_size, spacing, grow) for b, box in zip(blocks, boxes)]
    size = min(f.size for f in fits)
    height = max(height_of(ctx.ts, b, box.w, size, spacing) for b, box in zip(blocks, boxes))
    boxes = [grid.balanced(box, height) for box in boxes]
    for b, box, name, fitted in zip(blocks, boxes, names, fits):
        frame = frame_in(ctx, slide, box, BODY, name.title()).text_frame
        prepare(frame)
        write(ctx.ts, frame, b, size, ctx.spacing)
        ctx.record(item.span, name, type(fitted)(size, fitted.fits, fitted.start, fitted.minimum))


def _quote(ctx: Ctx, slide, item: Item, part: Part) -> None:
    """The first point large beside an accent bar, its attribution (if the item has one) under it: smaller,
    muted, right-aligned, after an em dash; the rest of the points below. Alone, the quote takes the whole
    area and sits at its optical centre."""
    callout, rest = quote_blocks(ctx, part.points)
    top, bottom = quote_boxes(ctx, bool(item.citations))
    if not rest:
        top = Box(top.x, top.y, top.w, text_boxes(ctx, bool(item.citations))[0].h - int(Inches(0.1)))
    by = attribution(item)
    small = ctx.deck.subtitle_size
    byline = [Block((Run("\u2014 "), *by), color="muted", align=PP_ALIGN.RIGHT)] if by else []
    gap = int(Inches(0.25))
    by_h = height_of(ctx.ts, byline, top.w, small, 1.0) + gap if byline else 0
    room = Box(top.x, top.y, top.w, top.h - by_h)
    start, minimum = ctx.deck.title_size + 4, ctx.deck.min_size
    size = fit(ctx.ts, callout, room, start, minimum, ctx.spacing).size
    quote_h = min(height_of(ctx.ts, callout, room.w, size, ctx.spacing), room.h)
    block = grid.balanced(top, quote_h + by_h)
    box = Box(top.x, block.y, top.w, quote_h)
    ctx.rect(slide, Box(top.x - int(Inches(0.4)), box.y, int(Inches(0.09)), box.h), "accent", "Quote bar")
    ctx.fill(item.span, "quote", frame_in(ctx, slide, box, BODY, "Quote").text_frame, callout, box, start, minimum,
             ctx.spacing, MSO_ANCHOR.MIDDLE)
    if byline:
        ctx.textbox(item.span, "attribution", slide, Box(top.x, box.y + quote_h + gap, top.w, by_h - gap), byline,
                    small, minimum, 1.0, MSO_ANCHOR.TOP, "Attribution")
    if rest:
        ctx.textbox(item.span, "points", slide, bottom, rest, ctx.deck.sub_body_size, ctx.deck.min_size,
                    ctx.spacing, MSO_ANCHOR.TOP, "Points")


def attribution(item: Item) -> Inline:
    """Who said the quote: the item's ``attribution`` where the Document has one (text or runs), else none."""
    value = getattr(item, "attribution", None)
    if not value:
        return ()
    return (Run(value),) if isinstance(value, str) else tuple(value)


def _title_item(ctx: Ctx, item: Item, part: Part, heading: Inline) -> None:
    """``layout: title``: the item set like the title slide, its points as the lines under its title."""
    m, width = ctx.margin, ctx.width - 2 * ctx.margin
    slide = ctx.new_slide("title")
    ctx.background(slide, "cover")
    ctx.rect(slide, Box(m, int(Inches(2.05)), int(Inches(1.4)), int(Inches(0.09))), "accent", "Accent")
    title(ctx, slide, heading, Box(m, int(Inches(2.3)), width, int(Inches(1.9))), ctx.deck.title_size + 8,
          "on_cover", item.span)
    if part.points:
        box = Box(m, int(Inches(4.4)), width, int(Inches(2.0)))
        blocks = [Block(p.text, color=ctx.ink("on_cover_muted"), align=PP_ALIGN.LEFT, space_before=0.3 if i else 0.0)
                  for i, p in enumerate(part.points)]
        ctx.fill(item.span, "points", frame_in(ctx, slide, box, SUBTITLE, "Points").text_frame, blocks, box,
                 ctx.deck.subtitle_size + 2, ctx.deck.min_size, ctx.spacing)
    finish(slide)
    write_notes(ctx, slide, item)


def _citations(ctx: Ctx, slide, item: Item, beside: bool) -> None:
    box = ctx.content_box()
    box = (box.split_x(TEXT_SHARE, GUTTER)[0] if beside else box).take_bottom(int(Inches(0.32)))[1]
    refs = ", ".join(f"[{c}]" for c in item.citations)
    ctx.textbox(item.span, "citations", slide, box,
                [Block(line(f"{ctx.doc.label('references')} {refs}"), color="muted")],
                ctx.deck.footer_size, ctx.deck.footer_size, 1.0, MSO_ANCHOR.BOTTOM, "Citations")
