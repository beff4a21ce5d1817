"""A TimelineFigure drawn with native shapes: an axis line, markers, and labels alternating above/below."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from ....errors import Span
from ....localize.document import Run, TimelineFigure
from ..context import Ctx
from ..oxml import xml as _xml
from ..packing import even_chunks
from ..typeset.frames import Block, Box, Fitted, fill, fit

MARKER = int(Inches(0.24))
STEM_GAP = int(Inches(0.3))  # from the axis to the nearest edge of a label
LABEL_GAP = int(Inches(0.2))  # between two labels on the same side


def label_boxes(box: Box, count: int) -> tuple[list[int], int]:
    """Marker x positions and the label width, so labels two apart (same side) never overlap.

    With label width L and step s between markers, same-side neighbours are 2s apart: L = 2s - gap,
    and the first and last labels end at the box edges: s = (w - L) / (n - 1).
    """
    if count == 1:
        return [box.x + box.w // 2], box.w
    width = (2 * box.w - LABEL_GAP * (count - 1)) // (count + 1)
    width = min(width, box.w)
    step = (box.w - width) / (count - 1)
    return [int(box.x + width / 2 + i * step) for i in range(count)], width


@dataclass(frozen=True)
class TimelineSlice(TimelineFigure):
    """Some events of a timeline that continues over slides, all set at the size of the tightest slice."""

    size: float = 0.0


def timeline_slices(ctx: Ctx, figure: TimelineFigure, box: Box, count: int | None = None) -> list[TimelineFigure]:
    """The timeline on one slide if it fits; else its events shared evenly over as few slides as hold them
    (or over ``count``, the number the language that needs the most room takes), every slice at one size."""
    events = figure.events
    if count is None and (len(events) <= 1 or timeline_fits(ctx, figure, box)):
        return [figure]
    for tried in range(count or 2, len(events) + 1):
        parts = [dataclasses.replace(figure, events=events[a:b]) for a, b in even_chunks(len(events), tried)]
        if count is not None or all(timeline_fits(ctx, part, box) for part in parts):
            break
    size = min(_layout(ctx, part, box)[4].size for part in parts)
    fields = {f.name: getattr(figure, f.name) for f in dataclasses.fields(TimelineFigure) if f.name != "events"}
    return [TimelineSlice(**fields, events=part.events, size=size) for part in parts]


def _layout(ctx: Ctx, figure: TimelineFigure, box: Box):
    """Label boxes alternating above and below the axis, their blocks, one shared size, and whether it fits."""
    axis_y = box.y + box.h // 2
    xs, width = label_boxes(box, len(figure.events))
    half = box.h // 2 - STEM_GAP
    boxes = [Box(x - width // 2, box.y if i % 2 == 0 else axis_y + STEM_GAP, width, half) for i, x in enumerate(xs)]
    blocks = [_blocks(event, above=(i % 2 == 0)) for i, event in enumerate(figure.events)]
    start = figure.size if isinstance(figure, TimelineSlice) else ctx.deck.sub_body_size
    fits = [fit(ctx.ts, b, bx, start, ctx.deck.min_size, ctx.spacing) for b, bx in zip(blocks, boxes)]
    size = min(f.size for f in fits)
    return axis_y, xs, boxes, blocks, Fitted(size, all(f.fits for f in fits), ctx.deck.sub_body_size,
                                             ctx.deck.min_size)


def timeline_fits(ctx: Ctx, figure: TimelineFigure, box: Box) -> bool:
    return not figure.events or _layout(ctx, figure, box)[4].fits


def add_timeline(ctx: Ctx, slide, figure: TimelineFigure, box: Box, where: Span | None) -> None:
    if not figure.events:
        return
    axis_y, xs, boxes, blocks, fitted = _layout(ctx, figure, box)
    ctx.record(where, "timeline", fitted)
    line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(box.x), Emu(axis_y),
                                      Emu(box.x + box.w), Emu(axis_y))
    line.line.color.rgb = ctx.rgb("primary")
    line.line.width = Pt(3)
    line.name = f"{figure.label} axis"
    _xml.set_descr(line, figure.alt)  # the timeline's alt text, on its first shape (the rest decorates or is text)
    for i, (x, bx, bl) in enumerate(zip(xs, boxes, blocks)):
        above = i % 2 == 0
        stem_end = axis_y - STEM_GAP + int(Inches(0.05)) if above else axis_y + STEM_GAP - int(Inches(0.05))
        stem = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(x), Emu(axis_y), Emu(x), Emu(stem_end))
        stem.line.color.rgb = ctx.rgb("muted")
        stem.line.width = Pt(1)
        marker = ctx.rect(slide, Box(x - MARKER // 2, axis_y - MARKER // 2, MARKER, MARKER), "accent",
                          f"{figure.label} marker {i + 1}", MSO_SHAPE.OVAL)
        marker.line.color.rgb = ctx.rgb("background")
        marker.line.width = Pt(2)
        label = slide.shapes.add_textbox(Emu(bx.x), Emu(bx.y), Emu(bx.w), Emu(bx.h))
        label.name = f"{figure.label} event {i + 1}"
        fill(ctx.ts, label.text_frame, bl, bx, fitted.size, fitted.size, ctx.spacing,
             MSO_ANCHOR.BOTTOM if above else MSO_ANCHOR.TOP)


def _blocks(event, above: bool) -> list[Block]:
    return [
        Block((Run(event.date_text),), color="accent_text", bold=True, align=PP_ALIGN.CENTER),
        Block(event.text, color="text", align=PP_ALIGN.CENTER, space_before=0.15),
    ]
