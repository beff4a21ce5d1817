"""A TimelineFigure drawn with native shapes: an axis line, markers, and labels alternating above/below."""

from __future__ import annotations

from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from ...document import Run, TimelineFigure
from .context import Ctx
from .frames import Block, Box, fill, fit

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


def add_timeline(ctx: Ctx, slide, figure: TimelineFigure, box: Box, where: str) -> None:
    events = figure.events
    if not events:
        return
    axis_y = box.y + box.h // 2
    xs, width = label_boxes(box, len(events))
    line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(box.x), Emu(axis_y),
                                      Emu(box.x + box.w), Emu(axis_y))
    line.line.color.rgb = ctx.rgb("primary")
    line.line.width = Pt(3)
    line.name = f"{figure.label} axis"
    half = box.h // 2 - STEM_GAP
    boxes = []
    for i, x in enumerate(xs):
        above = i % 2 == 0
        y = box.y if above else axis_y + STEM_GAP
        boxes.append(Box(x - width // 2, y, width, half))
    blocks = [_blocks(event, above=(i % 2 == 0)) for i, event in enumerate(events)]
    size = min(fit(ctx.ts, b, bx, ctx.size("sub_body_size"), ctx.size("min_size"), ctx.spacing).size
               for b, bx in zip(blocks, boxes))
    for i, (event, x, bx, bl) in enumerate(zip(events, xs, boxes, blocks)):
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
        fitted = fill(ctx.ts, label.text_frame, bl, bx, size, size, ctx.spacing,
                      MSO_ANCHOR.BOTTOM if above else MSO_ANCHOR.TOP)
        if not fitted.fits:
            ctx.warn(where, f"timeline event {event.date_text!r} does not fit", "deck.overflow")


def _blocks(event, above: bool) -> list[Block]:
    return [
        Block((Run(event.date_text),), color="accent", bold=True, align=PP_ALIGN.CENTER),
        Block(event.text, color="text", align=PP_ALIGN.CENTER, space_before=0.15),
    ]
