"""Which slides a deck has, counted before any is built: slide kinds per item, and continuation slides."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import TypeVar

from ...localize.document import ChartFigure, ImageFigure, Item, Point, Run, TableFigure, TimelineFigure, plain
from .builders import backmatter, figures, layouts
from .builders import structure as slides
from .builders.content import (
    Part,
    column_blocks,
    column_boxes,
    item_slide,
    part_blocks,
    quote_blocks,
    quote_boxes,
    text_boxes,
)
from .context import Ctx
from .kinds import HINTED
from .typeset.frames import Block, Box, fit

Builder = Callable[[Ctx, int], None]
T = TypeVar("T")
# The figure each figure hint (`layout: chart`, …) needs before the figure gets a slide of its own.
FIGURE_HINTS = {"chart": ChartFigure, "table": TableFigure, "timeline": TimelineFigure, "image": ImageFigure}


def plan_slides(ctx: Ctx) -> list[Builder]:
    """Every slide in order, as a builder taking (ctx, slide number)."""
    doc, structure = ctx.doc, ctx.structure
    plan: list[Builder] = [slides.title_slide] if structure.title_slide else []
    plan += agenda_plan(ctx) if structure.agenda else []
    for section in doc.sections:
        if structure.section_dividers:
            plan.append(partial(slides.section_slide, section=section))
        for item in section.items:
            plan += [partial(item_slide, section=section, item=item, part=part) for part in item_parts(ctx, item)]
    plan += backmatter.plan(ctx)
    if structure.closing_slide:
        plan.append(slides.closing_slide)
    return plan


def agenda_plan(ctx: Ctx) -> list[Builder]:
    """One agenda slide, or as many as the sections need at a readable size (no item lines then)."""
    sections = list(ctx.doc.sections)
    if not sections:
        return []
    show_items = sum(len(s.items) for s in sections) <= 12
    box = ctx.content_box()

    def fits(chunk, items: bool, minimum: float) -> bool:
        blocks = slides.agenda_blocks(ctx, chunk, items)
        return fit(ctx.ts, blocks, box, ctx.deck.body_size + 4, minimum, ctx.spacing).fits

    if fits(sections, show_items, slides.agenda_minimum(ctx, show_items)):
        return [partial(slides.agenda_slide, sections=tuple(sections), show_items=show_items)]
    chunks: list[list] = []
    for section in sections:
        if chunks and fits(chunks[-1] + [section], False, ctx.deck.sub_body_size):
            chunks[-1].append(section)
        else:
            chunks.append([section])
    return [partial(slides.agenda_slide, sections=tuple(c), show_items=False, continued=i > 0, split=True)
            for i, c in enumerate(chunks)]


def kind_of(ctx: Ctx, item: Item) -> str:
    """The item's slide kind (kinds.py): the one its ``layout`` hint asks for when the content suits it, else
    inferred."""
    hint = item.layout
    if hint is None:
        return _inferred(item)
    kind = HINTED.get(hint)
    if kind is not None and _suits(kind, hint, item):
        return kind
    ctx.warn(item.span, f"layout {hint!r} does not suit the item's content; its slide kind is inferred",
             "deck.layout")
    return _inferred(item)


def _inferred(item: Item) -> str:
    """Stats read as a stat slide; two points that each head sub-points as two columns, three as a
    comparison; three to six short points each with one sub-point as cards; anything else as bullets."""
    points = item.points
    if item.stats:
        return "stat"
    if 3 <= len(points) <= 6 and all(len(p.children) == 1 and len(plain(p.text)) <= CARD_HEADING for p in points):
        return "cards"
    if 2 <= len(points) <= 3 and all(p.children for p in points):
        return "two_column" if len(points) == 2 else "comparison"
    return "bullets"


CARD_HEADING = 40  # characters: a point longer than this reads as a sentence, not a card's heading


def _suits(kind: str, hint: str, item: Item) -> bool:
    """Whether the item has what the kind shows: the hinted figure, a point to quote, points to halve,
    stats to show, points to set as cards or columns."""
    if kind == "figure":
        return isinstance(item.figure, FIGURE_HINTS[hint])
    return {"quote": bool(item.points), "two_column": len(item.points) >= 2, "stat": bool(item.stats),
            "cards": 2 <= len(item.points) <= layouts.MAX_CARDS,
            "comparison": 2 <= len(item.points) <= 3}.get(kind, True)


def item_parts(ctx: Ctx, item: Item) -> list[Part]:
    kind = kind_of(ctx, item)
    cites = bool(item.citations)
    parts: list[Part] = []
    area = text_boxes(ctx, cites)[0]
    if kind == "stat":
        if layouts.stat_fits(ctx, item, area, with_points=bool(item.points)):
            return [Part("stat", points=item.points)] + _figure_parts(ctx, item, True)
        if layouts.stat_fits(ctx, item, area, with_points=False):  # the points on the slides after
            rest = [replace(p, continued=True) for p in text_parts(ctx, item, cites)] if item.points else []
            return [Part("stat"), *rest] + _figure_parts(ctx, item, True)
        # numbers too long to set large: each stat a bullet, "number — label", before the points
        item = replace(item, points=tuple(Point((*s.value, Run(" — "), *s.label)) for s in item.stats) + item.points)
        kind = "bullets"
    if kind in ("cards", "comparison"):
        if layouts.fits(ctx, kind, item, area):
            return [Part(kind, points=item.points)] + _figure_parts(ctx, item, True)
        kind = "bullets"
    if kind in ("two_column", "quote", "title"):
        if _special_fits(ctx, kind, item, cites):
            parts = [Part(kind, points=item.points)]
        else:
            kind = "bullets"  # too long for the special layout: bullets, which may continue
    has_text = bool(item.points or item.body)
    if not parts and has_text:
        whole = Part("bullets", item.points, item.body)
        beside = text_boxes(ctx, cites)[1]
        if (item.figure is not None and kind == "bullets" and figures.fits_beside_text(item.figure)
                and fit(ctx.ts, part_blocks(ctx, whole), beside, ctx.deck.body_size, ctx.deck.sub_body_size,
                        ctx.spacing).fits):
            return [Part("beside", item.points, item.body, item.figure)]
        parts = text_parts(ctx, item, cites)
    parts += _figure_parts(ctx, item, bool(parts))
    # An item of a title alone (a bridge between parts, say) is a statement slide: dropping it would leave
    # the agenda listing a slide the deck does not have.
    return parts or [Part("title")]


def _figure_parts(ctx: Ctx, item: Item, after: bool) -> list[Part]:
    """The item's figure on slides of its own (``after`` other slides of the item: the title says (cont.))."""
    if item.figure is None:
        return []
    pieces = figures.split(ctx, item.figure, ctx.content_box())
    return [Part("figure", figure=piece, continued=after or i > 0, split=len(pieces) > 1)
            for i, piece in enumerate(pieces)]


def _special_fits(ctx: Ctx, kind: str, item: Item, cites: bool) -> bool:
    minimum = ctx.deck.min_size
    if kind == "two_column":
        pairs = zip(column_blocks(ctx, item.points), column_boxes(ctx, cites))
        return all(fit(ctx.ts, b, box, ctx.deck.body_size, minimum, ctx.spacing).fits for b, box in pairs)
    if kind == "quote":
        pairs = zip(quote_blocks(ctx, item.points), quote_boxes(ctx, cites))
        return all(fit(ctx.ts, b, box, ctx.deck.sub_body_size, minimum, ctx.spacing).fits
                   for b, box in pairs if b)
    return len(item.points) <= 4 and fits(ctx, [Block(p.text) for p in item.points],
                                            Box(0, 0, ctx.width - 2 * ctx.margin, int(2.0 * 914400)), minimum)


def fits(ctx: Ctx, blocks: list[Block], box: Box, minimum: float) -> bool:
    return fit(ctx.ts, blocks, box, ctx.deck.body_size, minimum, ctx.spacing).fits


def text_parts(ctx: Ctx, item: Item, cites: bool) -> list[Part]:
    """The item's points (or paragraphs) on one slide if they fit at min_size; else over several slides.

    Slides are filled with whole top-level points at sub_body_size, which keeps continued slides readable;
    a point too long for a slide by itself is split between its sub-points. What still does not fit is
    left to the renderer, which stops with DeckOverflow naming the item, slide and language.
    """
    box = text_boxes(ctx, cites)[0]
    minimum, comfortable = ctx.deck.min_size, ctx.deck.sub_body_size
    if fits(ctx, part_blocks(ctx, Part("bullets", item.points, item.body)), box, minimum):
        return [Part("bullets", item.points, item.body)]
    if item.points:
        units = [piece for p in item.points for piece in _pieces(ctx, p, box)]
        chunks = pack(units, lambda ps: fits(ctx, part_blocks(ctx, Part("bullets", tuple(ps))), box, comfortable))
        return [Part("bullets", points=tuple(c), continued=i > 0, split=True) for i, c in enumerate(chunks)]
    paragraphs = pack(list(item.body), lambda ps: fits(ctx, part_blocks(ctx, Part("bullets", body=tuple(ps))), box,
                                                       comfortable))
    return [Part("bullets", body=tuple(c), continued=i > 0, split=True) for i, c in enumerate(paragraphs)]


def _pieces(ctx: Ctx, point: Point, box: Box) -> list[Point]:
    """A point, or (when it does not fit a slide alone) the point repeated over shares of its sub-points."""
    def alone(p: Point) -> bool:
        return fits(ctx, part_blocks(ctx, Part("bullets", (p,))), box, ctx.deck.min_size)

    if len(point.children) < 2 or alone(point):
        return [point]
    groups = pack(list(point.children), lambda cs: alone(Point(point.text, tuple(cs), point.key)))
    return [Point(point.text, tuple(g), point.key) for g in groups]


def pack(units: Sequence[T], fits_together: Callable[[list[T]], bool]) -> list[list[T]]:
    """Greedy: each unit joins the current chunk while the chunk still fits, else starts the next one."""
    chunks: list[list[T]] = []
    for unit in units:
        if chunks and fits_together(chunks[-1] + [unit]):
            chunks[-1].append(unit)
        else:
            chunks.append([unit])
    return chunks
