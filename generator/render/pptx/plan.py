"""Which slides a deck has, counted before any is built: slide kinds per item, and continuation slides.

Every decision is made in step with the deck's other languages (the Document's ``partners``): an item is
seen through one ``View`` per language, and a layout holds only when it holds in every view, so the one
that needs the most room decides and every language's deck has the same slides in the same order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

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
    under_boxes,
)
from .context import Ctx
from .kinds import HINTED
from .packing import pack
from .typeset.frames import Block, Box, fit

Builder = Callable[[Ctx, int], None]
# The figure each figure hint (`layout: chart`, …) needs before the figure gets a slide of its own; a chart
# that cannot be legible reaches the deck as the table of its values (localize/chartfit.py) and keeps its slide.
FIGURE_HINTS: dict[str, type | tuple[type, ...]] = {
    "chart": (ChartFigure, TableFigure), "table": TableFigure, "timeline": TimelineFigure, "image": ImageFigure}
TABLE_SLIDES_WARN = 3  # a table on more slides than this reads as a spreadsheet: warn, suggest the brief


@dataclass(frozen=True)
class View:
    """One language's context and its copy of an item."""

    ctx: Ctx
    item: Item


def every(views: list[View], test: Callable[[Ctx, Item], bool]) -> bool:
    return all(test(v.ctx, v.item) for v in views)


def plan_slides(ctx: Ctx, partners: list[Ctx] | None = None) -> list[Builder]:
    """Every slide in order, as a builder taking (ctx, slide number); ``partners``: the other languages'
    contexts, laid out in step."""
    ctxs = [ctx, *(partners or [])]
    doc, structure = ctx.doc, ctx.structure
    plan: list[Builder] = [slides.title_slide] if structure.title_slide else []
    plan += agenda_plan(ctxs) if structure.agenda else []
    for s, section in enumerate(doc.sections):
        if structure.section_dividers:
            plan.append(partial(slides.section_slide, section=section))
        for i, item in enumerate(section.items):
            views = [View(ctx, item)] + [View(c, other) for c in ctxs[1:] if (other := _partner(c, s, i, item))]
            plan += [partial(item_slide, section=section, item=item, part=part) for part in item_parts(views)]
    plan += backmatter.plan(ctxs)
    if structure.closing_slide:
        plan.append(slides.closing_slide)
    return plan


def _partner(ctx: Ctx, s: int, i: int, item: Item) -> Item | None:
    """The other language's copy of the item (same place, same id), if its document has one."""
    sections = ctx.doc.sections
    other = sections[s].items[i] if s < len(sections) and i < len(sections[s].items) else None
    return other if other is not None and other.id == item.id and _shape(other) == _shape(item) else None


def _shape(item: Item) -> tuple:
    """What must match for two languages' copies of an item to be planned as one: the counts of points,
    sub-points, paragraphs and stats, the figure's kind and size (a Document made by hand may differ)."""
    figure = item.figure
    size = (len(figure.rows) if isinstance(figure, TableFigure) else
            len(figure.events) if isinstance(figure, TimelineFigure) else 0)
    return (tuple(len(p.children) for p in item.points), len(item.body), len(item.stats), type(figure), size,
            item.layout, bool(item.citations))


def agenda_plan(ctxs: list[Ctx]) -> list[Builder]:
    """One agenda slide, or as many as the sections need at a readable size (no item lines then)."""
    ctx = ctxs[0]
    count = len(ctx.doc.sections)
    if not count:
        return []
    ctxs = [c for c in ctxs if len(c.doc.sections) == count]  # a hand-made Document may differ
    show_items = sum(len(s.items) for s in ctx.doc.sections) <= 12

    def fits(chunk: list[int], items: bool, minimum: float) -> bool:
        return all(fit(c.ts, slides.agenda_blocks(c, [c.doc.sections[n] for n in chunk], items), c.content_box(),
                       c.deck.body_size + 4, minimum, c.spacing).fits for c in ctxs)

    if fits(list(range(count)), show_items, slides.agenda_minimum(ctx, show_items)):
        return [partial(slides.agenda_slide, sections=_listed(ctx.doc.sections, show_items), show_items=show_items)]
    chunks = pack(list(range(count)), lambda chunk: fits(chunk, False, ctx.deck.sub_body_size))
    return [partial(slides.agenda_slide, sections=_listed([ctx.doc.sections[n] for n in c], False), show_items=False,
                    continued=i > 0, split=True) for i, c in enumerate(chunks)]


def _listed(sections, show_items: bool) -> tuple:
    """The sections an agenda slide lists, with their items only if it lists those too: a slide's builder
    arguments are its reuse key (reuse.py), so an edit to an item leaves an agenda of sections alone."""
    return tuple(sections) if show_items else tuple(replace(s, items=()) for s in sections)


def kind_of(ctx: Ctx, item: Item, views: list[View] | None = None) -> str:
    """The item's slide kind (kinds.py): the one its ``layout`` hint asks for when the content suits it, else
    inferred (in every language alike)."""
    views = views or [View(ctx, item)]
    hint = item.layout
    if hint is None:
        return _inferred(views)
    kind = HINTED.get(hint)
    if kind is not None and _suits(kind, hint, item):
        return kind
    ctx.warn(item.span, f"layout {hint!r} does not suit the item's content; its slide kind is inferred",
             "deck.layout")
    return _inferred(views)


def _inferred(views: list[View]) -> str:
    """Stats read as a stat slide; two points that each head sub-points as two columns, three as a
    comparison; three to six short points (in every language) each with one sub-point as cards; anything
    else as bullets."""
    points = views[0].item.points
    if views[0].item.stats:
        return "stat"
    if 3 <= len(points) <= 6 and all(len(p.children) == 1 for p in points) and all(
            len(plain(p.text)) <= CARD_HEADING for v in views for p in v.item.points):
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


def item_parts(views: list[View]) -> list[Part]:
    """The item's slides (for ``views[0]``'s language), decided in every view."""
    ctx, item = views[0].ctx, views[0].item
    kind = kind_of(ctx, item, views)
    cites = bool(item.citations)
    area = text_boxes(ctx, cites)[0]
    if kind == "stat":
        arrangement = layouts.stat_arrangement([(v.ctx, v.item.stats) for v in views], area)
        if arrangement is not None:
            if every(views, lambda c, it: layouts.stat_fits(c, it, area, bool(it.points), arrangement)):
                return [Part("stat", points=item.points, stat=arrangement)] + _figure_parts(views, True)
            if every(views, lambda c, it: layouts.stat_fits(c, it, area, False, arrangement)):
                rest = [replace(p, continued=True) for p in _text(views, cites)] if item.points else []
                return [Part("stat", stat=arrangement), *rest] + _figure_parts(views, True)
        # numbers too long to set large: each stat a bullet, "number — label", before the points
        views = [View(v.ctx, _stats_as_points(v.item)) for v in views]
        item, kind = views[0].item, "bullets"
    if kind in ("cards", "comparison"):
        if every(views, lambda c, it: layouts.fits(c, kind, it, area)):
            return [Part(kind, points=item.points)] + _figure_parts(views, True)
        kind = "bullets"
    if kind in ("two_column", "quote", "title"):
        if every(views, lambda c, it: _special_fits(c, kind, it, cites)):
            return [Part(kind, points=item.points)] + _figure_parts(views, True)
        kind = "bullets"  # too long for the special layout: bullets, which may continue
    if not (item.points or item.body):
        # An item of a title alone (a bridge between parts, say) is a statement slide: dropping it would
        # leave the agenda listing a slide the deck does not have.
        return _figure_parts(views, False) or [Part("title")]
    if item.figure is not None and kind == "figure" and _one_line(item):
        # a figure that asks for its slide (`layout: chart`, …) takes the item's one line under it (never
        # beside) rather than leave it on a slide by itself
        return _text_and_figure(views, cites, beside=False)
    if item.figure is None or kind != "bullets":
        return _text(views, cites) + _figure_parts(views, True)
    return _text_and_figure(views, cites)


def _one_line(item: Item) -> bool:
    """Whether the item's deck text is a single point without sub-points (or a single paragraph)."""
    if item.points:
        return len(item.points) == 1 and not item.points[0].children
    return len(item.body) == 1


def _stats_as_points(item: Item) -> Item:
    return replace(item, points=tuple(Point((*s.value, Run(" — "), *s.label)) for s in item.stats) + item.points)


def _text_and_figure(views: list[View], cites: bool, beside: bool = True) -> list[Part]:
    """Points and a figure: on one slide, the text beside the figure or under it, if they fit; else the text
    on its slides and the figure on its own, which keeps the item's title and takes the last of the points
    with it when they fit beside or under it, so no slide is left with a line or two."""
    item = views[0].item
    whole = Chunk(tuple((i, None) for i in range(len(item.points))), tuple(range(len(item.body))))
    joined = _with_figure(views, whole, cites, beside=beside)
    if joined is not None:
        return [joined]
    text = _text(views, cites)
    pieces = _figure_parts(views, False)
    if len(text) == 1 and len(pieces) > 1:  # a table over slides: the points under its first slice
        under = _under_first_slice(views, cites, len(text) + len(pieces))
        if under:
            return under
    if len(pieces) == 1 and len(text) > 1:
        chunks = _chunks(views, cites)
        last = _with_figure(views, chunks[-1], cites, continued=True, beside=beside)
        if last is not None:
            return text[:-1] + [last]
    return text + pieces


def _with_figure(views: list[View], chunk: Chunk, cites: bool, continued: bool = False,
                 beside: bool = True) -> Part | None:
    """The chunk's text beside the figure (a small one, unless not ``beside``) or under it (what the figure
    leaves), if it fits in every view; else None."""
    item = views[0].item
    figure = item.figure
    assert figure is not None
    if beside and every(views, lambda c, it: it.figure is not None and figures.fits_beside_text(c, it.figure) and fit(
            c.ts, part_blocks(c, chunk.part(it, "beside")), text_boxes(c, cites)[1], c.deck.body_size,
            c.deck.sub_body_size, c.spacing).fits):
        return replace(chunk.part(item, "beside", item.figure), continued=continued, split=continued)
    if every(views, lambda c, it: _fits_under(c, it, chunk, cites)):
        return replace(chunk.part(item, "figure", item.figure), continued=continued, split=continued)
    return None


def _under_first_slice(views: list[View], cites: bool, most: int) -> list[Part]:
    """The item's few points under the first slice of its figure, if that takes no more than ``most`` slides
    (those of the points' own slide and the figure's: never a slide more for sparing a slide of a line or
    two); else none. A table's rows are packed (packing.py) with less room on that first slice,
    in step in every language; a timeline's every slice is sized for the room the points leave."""
    whole = _chunks(views, cites)[0]
    boxes = []
    for view in views:
        text_box, figure_box = under_boxes(view.ctx, part_blocks(view.ctx, whole.part(view.item, "figure")), cites)
        if text_box is None:
            return []
        boxes.append(figure_box)
    figure = views[0].item.figure
    assert figure is not None
    if isinstance(figure, TableFigure):
        tests = [figures.rows_under(v.ctx, v.item.figure, v.ctx.content_box(), box)
                 for v, box in zip(views, boxes) if isinstance(v.item.figure, TableFigure)]
        ranges = pack(list(range(len(figure.rows))), lambda rows: all(later(rows) for later, _ in tests),
                      first=lambda rows: all(first(rows) for _, first in tests))
        if len(ranges) > most or not all(first(ranges[0]) for _, first in tests):
            return []
        pieces = figures.split_rows(views[0].ctx, figure, views[0].ctx.content_box(), boxes[0],
                                    [(c[0], c[-1] + 1) for c in ranges])
    else:
        pieces = figures.split_in_step([(v.ctx, v.item.figure, box) for v, box in zip(views, boxes)
                                        if v.item.figure is not None])
    if len(pieces) > most:
        return []
    first = replace(whole.part(views[0].item, "figure", pieces[0]), split=True)
    return [first] + [Part("figure", figure=piece, continued=True, split=True) for piece in pieces[1:]]


def _fits_under(ctx: Ctx, item: Item, chunk: Chunk, cites: bool) -> bool:
    """Short text under a figure: at sub_body_size or more in the strip ``under_boxes`` gives, the figure
    whole in what is left."""
    figure = item.figure
    assert figure is not None
    text_box, figure_box = under_boxes(ctx, part_blocks(ctx, chunk.part(item, "figure")), cites)
    if text_box is None:
        return False
    return figures.fits_whole(ctx, figure, figure_box)


def _figure_parts(views: list[View], after: bool) -> list[Part]:
    """The item's figure on slides of its own, split alike in every language. A figure after the item's
    other slides keeps the item's title: it continues nothing; a table's later slices say (cont.)."""
    ctx, item = views[0].ctx, views[0].item
    if item.figure is None:
        return []
    pieces = figures.split_in_step([(v.ctx, v.item.figure, v.ctx.content_box()) for v in views
                                    if v.item.figure is not None])
    if len(pieces) > TABLE_SLIDES_WARN:
        # in the tool's words, with the language named: the figure's own label is in the deck's language
        ctx.warn(item.span, f"the {ctx.doc.lang} deck needs {len(pieces)} slides for this item's table, even "
                 f"at {ctx.deck.min_size:g}pt; consider `show: brief` for the item, or split the table",
                 "deck.long_table")
    return [Part("figure", figure=piece, continued=i > 0, split=len(pieces) > 1) for i, piece in enumerate(pieces)]


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


# -- text over slides -------------------------------------------------------------------------------

Piece = tuple[int, "tuple[int, ...] | None"]  # a point (by index), whole or with some of its sub-points


@dataclass(frozen=True)
class Chunk:
    """A share of an item's text, by index, the same in every language: points (or pieces) or paragraphs."""

    points: tuple[Piece, ...] = ()
    body: tuple[int, ...] = ()

    def part(self, item: Item, kind: str, figure=None) -> Part:
        points = tuple(_piece(item, p) for p in self.points)
        return Part(kind, points, () if points else tuple(item.body[i] for i in self.body), figure)


def _piece(item: Item, piece: Piece) -> Point:
    point = item.points[piece[0]]
    kept = piece[1]
    return point if kept is None else Point(point.text, tuple(point.children[c] for c in kept), point.key)


def _text(views: list[View], cites: bool) -> list[Part]:
    """The item's points (or paragraphs) as slides: one if they fit at min_size, else several."""
    chunks = _chunks(views, cites)
    item, split = views[0].item, len(chunks) > 1
    return [replace(c.part(item, "bullets"), continued=split and i > 0, split=split) for i, c in enumerate(chunks)]


def _chunks(views: list[View], cites: bool) -> list[Chunk]:
    """All the text in one chunk if it fits at min_size in every language; else whole top-level points
    (or paragraphs) packed at sub_body_size, which keeps continued slides readable, a point too long for
    a slide by itself split between its sub-points. What still does not fit is left to the renderer,
    which stops with DeckOverflow naming the item, slide and language."""
    item = views[0].item

    def holds(chunk: Chunk, size: str) -> bool:
        return every(views, lambda c, it: fits(c, part_blocks(c, chunk.part(it, "bullets")),
                                               text_boxes(c, cites)[0], getattr(c.deck, size)))

    whole = Chunk(tuple((i, None) for i in range(len(item.points))), tuple(range(len(item.body))))
    if holds(whole, "min_size"):
        return [whole]
    if item.points:
        units = [piece for i in range(len(item.points)) for piece in _pieces(views, i, cites)]
        return [Chunk(points=tuple(c)) for c in pack(units, lambda ps: holds(Chunk(points=tuple(ps)),
                                                                            "sub_body_size"))]
    return [Chunk(body=tuple(c)) for c in pack(list(range(len(item.body))),
                                               lambda ps: holds(Chunk(body=tuple(ps)), "sub_body_size"))]


def _pieces(views: list[View], index: int, cites: bool) -> list[Piece]:
    """A point, or (when it does not fit a slide alone) the point repeated over shares of its sub-points."""
    def alone(piece: Piece) -> bool:
        return every(views, lambda c, it: fits(c, part_blocks(c, Part("bullets", (_piece(it, piece),))),
                                               text_boxes(c, cites)[0], c.deck.min_size))

    count = len(views[0].item.points[index].children)
    if count < 2 or alone((index, None)):
        return [(index, None)]
    return [(index, tuple(g)) for g in pack(list(range(count)), lambda cs: alone((index, tuple(cs))))]
