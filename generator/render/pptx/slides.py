"""The slide kinds of a deck: title, agenda, section divider, content, references, glossary, closing."""

from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from ...document import Inline, Item, Point, Run, Section
from . import _xml, figures
from .context import Ctx
from .frames import Block, Box, fill, fit, textbox
from .notes import write_notes


def _line(text: str) -> Inline:
    return (Run(text),)


def _title(ctx: Ctx, slide, text: Inline, box: Box, start: float, minimum: float, color: str,
           where: str, align=None, anchor=MSO_ANCHOR.BOTTOM):
    """Fill the slide's real title placeholder (outline view and screen readers read it)."""
    shape = slide.shapes.title
    box.place(shape)
    fitted = fill(ctx.ts, shape.text_frame, [Block(text, color=color, bold=True, align=align)], box,
                  start, minimum, 1.0, anchor)
    if not fitted.fits:
        ctx.warn(where, f"title does not fit at {minimum:g}pt", "deck.overflow")
    _xml.no_caps(shape.text_frame)
    return shape


def _drop_other_placeholders(slide, keep: set[int]) -> None:
    for ph in list(slide.placeholders):
        if ph.placeholder_format.idx not in keep:
            _xml.remove_shape(ph)


# -- title and closing ----------------------------------------------------------------------------


def title_slide(ctx: Ctx, n: int) -> None:
    doc, m = ctx.doc, ctx.margin
    slide = ctx.prs.slides.add_slide(ctx.layout("title"))
    ctx.background(slide, "primary")
    width = ctx.width - 2 * m
    ctx.rect(slide, Box(m, int(Inches(2.05)), int(Inches(1.4)), int(Inches(0.09))), "accent", "Accent")
    _title(ctx, slide, _line(doc.meta.title), Box(m, int(Inches(2.3)), width, int(Inches(1.9))),
           ctx.size("title_size") + 8, ctx.size("title_size") - 4, "on_primary", "title", PP_ALIGN.LEFT)
    sub = slide.placeholders[1]
    box = Box(m, int(Inches(4.3)), width, int(Inches(0.9)))
    box.place(sub)
    fill(ctx.ts, sub.text_frame, [Block(_line(doc.meta.subtitle), color="light", align=PP_ALIGN.LEFT)],
         box, ctx.size("subtitle_size") + 4, ctx.size("min_size"), 1.0)
    _drop_other_placeholders(slide, {0, 1})
    byline = [Block(_line(t), color="light", align=PP_ALIGN.LEFT)
              for t in _unique(doc.meta.event, doc.meta.organisation, doc.meta.date_text)]
    textbox(ctx.ts, slide, Box(m, ctx.height - int(Inches(1.75)), width, int(Inches(1.1))), byline,
            ctx.size("subtitle_size") - 4, ctx.size("footer_size"), 1.15, MSO_ANCHOR.BOTTOM, "Byline")


def closing_slide(ctx: Ctx, n: int) -> None:
    doc, m = ctx.doc, ctx.margin
    slide = ctx.prs.slides.add_slide(ctx.layout("title"))
    ctx.background(slide, "primary")
    width = ctx.width - 2 * m
    ctx.rect(slide, Box(m, int(Inches(2.6)), int(Inches(1.4)), int(Inches(0.09))), "accent", "Accent")
    _title(ctx, slide, _line(doc.label("thank_you")), Box(m, int(Inches(2.85)), width, int(Inches(1.2))),
           ctx.size("title_size") + 12, ctx.size("title_size"), "on_primary", "closing", PP_ALIGN.LEFT)
    sub = slide.placeholders[1]
    box = Box(m, int(Inches(4.15)), width, int(Inches(0.7)))
    box.place(sub)
    fill(ctx.ts, sub.text_frame, [Block(_line(doc.label("questions")), color="accent", bold=True,
                                        align=PP_ALIGN.LEFT)], box, ctx.size("subtitle_size") + 4,
         ctx.size("min_size"), 1.0)
    _drop_other_placeholders(slide, {0, 1})
    byline = [Block(_line(t), color="light", align=PP_ALIGN.LEFT)
              for t in _unique(doc.meta.title, doc.meta.event, doc.meta.organisation)]
    textbox(ctx.ts, slide, Box(m, ctx.height - int(Inches(1.75)), width, int(Inches(1.1))), byline,
            ctx.size("subtitle_size") - 4, ctx.size("footer_size"), 1.15, MSO_ANCHOR.BOTTOM, "Byline")


def _unique(*texts: str) -> list[str]:
    seen: list[str] = []
    for text in texts:
        if text and text not in seen:
            seen.append(text)
    return seen


# -- content-slide frame: kicker, title, rule, footer ---------------------------------------------


def framed_slide(ctx: Ctx, n: int, kind: str, title: Inline, kicker: str | None, where: str):
    """A white slide with a small kicker line, a navy title, an amber-and-grey rule and the footer."""
    slide = ctx.prs.slides.add_slide(ctx.layout(kind))
    m, width = ctx.margin, ctx.width - 2 * ctx.margin
    if kicker:
        textbox(ctx.ts, slide, Box(m, int(Inches(0.3)), width, int(Inches(0.36))),
                [Block(_line(kicker), color="accent", bold=True)], ctx.size("footer_size") + 2,
                ctx.size("footer_size"), 1.0, MSO_ANCHOR.BOTTOM, "Kicker")
    _title(ctx, slide, title, Box(m, int(Inches(0.66)), width, int(Inches(0.86))),
           ctx.size("title_size"), ctx.size("subtitle_size"), "primary", where, PP_ALIGN.LEFT)
    rule_y = int(Inches(1.52))
    ctx.rect(slide, Box(m, rule_y, width, int(Pt(0.75))), "light", "Rule")
    ctx.rect(slide, Box(m, rule_y - int(Pt(1)), int(Inches(1.2)), int(Pt(2.75))), "accent", "Rule accent")
    footer(ctx, slide, n)
    return slide


def footer(ctx: Ctx, slide, n: int) -> None:
    """Small, muted: event (or organisation) left, date centre, "n / N" right."""
    m, doc = ctx.margin, ctx.doc
    y, h = ctx.height - int(Inches(0.5)), int(Inches(0.3))
    third = (ctx.width - 2 * m) // 3
    size = ctx.size("footer_size")
    parts = (
        (doc.meta.event or doc.meta.organisation, PP_ALIGN.LEFT, "Footer"),
        (doc.meta.date_text, PP_ALIGN.CENTER, "Date"),
        (doc.label("slide", n=n, total=ctx.total), PP_ALIGN.RIGHT, "Slide number"),
    )
    for i, (text, align, name) in enumerate(parts):
        if text:
            textbox(ctx.ts, slide, Box(m + i * third, y, third, h),
                    [Block(_line(text), color="muted", align=align)], size, size - 2, 1.0,
                    MSO_ANCHOR.MIDDLE, name)


# -- agenda and section dividers -----------------------------------------------------------------


def agenda_slide(ctx: Ctx, n: int) -> None:
    doc = ctx.doc
    slide = framed_slide(ctx, n, "content", _line(doc.label("agenda")), None, "agenda")
    blocks: list[Block] = []
    show_items = sum(len(s.items) for s in doc.sections) <= 12
    for i, section in enumerate(doc.sections):
        number = doc.label("section", n=section.number)
        blocks.append(Block((Run(f"{number}   ", bold=True), *section.title), color="primary", bold=True,
                            space_before=0.6 if i else 0.0))
        if show_items:
            for item in section.items:
                blocks.append(Block((Run(f"{item.number}   "), *item.title), color="muted",
                                    scale=ctx.size("sub_body_size") / ctx.size("body_size"), space_before=0.15))
    body = slide.placeholders[1]
    box = ctx.content_box()
    box.place(body)
    fitted = fill(ctx.ts, body.text_frame, blocks, box, ctx.size("body_size") + 4, ctx.size("min_size"),
                  ctx.spacing)
    if not fitted.fits:
        ctx.warn("agenda", f"agenda does not fit at {ctx.size('min_size'):g}pt", "deck.overflow")


def section_slide(ctx: Ctx, n: int, section: Section) -> None:
    m, width = ctx.margin, ctx.width - 2 * ctx.margin
    slide = ctx.prs.slides.add_slide(ctx.layout("section"))
    ctx.background(slide, "primary")
    textbox(ctx.ts, slide, Box(m, int(Inches(1.5)), width, int(Inches(1.4))),
            [Block(_line(ctx.doc.label("section", n=section.number)), color="accent", bold=True)],
            72, 48, 1.0, MSO_ANCHOR.BOTTOM, "Section number")
    ctx.rect(slide, Box(m, int(Inches(3.05)), int(Inches(1.4)), int(Inches(0.09))), "accent", "Accent")
    _title(ctx, slide, section.title, Box(m, int(Inches(3.3)), width, int(Inches(1.3))),
           ctx.size("title_size") + 8, ctx.size("title_size") - 4, "on_primary", f"section {section.id}",
           PP_ALIGN.LEFT, MSO_ANCHOR.TOP)
    keep = {0}
    if section.summary:
        body = slide.placeholders[1]
        box = Box(m, int(Inches(4.75)), width, int(Inches(1.3)))
        box.place(body)
        fill(ctx.ts, body.text_frame, [Block(section.summary, color="light")], box,
             ctx.size("subtitle_size") + 2, ctx.size("min_size"), ctx.spacing)
        keep.add(1)
    _drop_other_placeholders(slide, keep)


# -- content --------------------------------------------------------------------------------------


def point_blocks(ctx: Ctx, points: tuple[Point, ...]) -> list[Block]:
    sub = ctx.size("sub_body_size") / ctx.size("body_size")
    blocks: list[Block] = []
    for i, point in enumerate(points):
        blocks.append(Block(point.text, bullet=True, space_before=0.55 if i else 0.0))
        for child in point.children:
            blocks.append(Block(child.text, level=1, bullet=True, color="muted", scale=sub, space_before=0.2))
    return blocks


def body_blocks(item: Item) -> list[Block]:
    """An item without points shows its brief paragraphs as plain text."""
    return [Block(p, space_before=0.5 if i else 0.0) for i, p in enumerate(item.body)]


def text_blocks(ctx: Ctx, item: Item, points: tuple[Point, ...] | None = None) -> list[Block]:
    points = item.points if points is None else points
    return point_blocks(ctx, points) if points else body_blocks(item)


def content_slide(ctx: Ctx, n: int, section: Section, item: Item, with_text: bool, with_figure: bool,
                  continued: bool = False, points: tuple[Point, ...] | None = None) -> None:
    """One slide of an item: its points (or ``points``, a share of them), its figure, or both."""
    title = item.title + ((Run(" " + ctx.doc.label("continued")),) if continued else ())
    kicker = f"{item.number}  ·  " + "".join(r.text for r in section.title)
    has_text = with_text and bool(text_blocks(ctx, item, points))
    slide = framed_slide(ctx, n, "content" if has_text else "title_only", title, kicker, item.where)
    box = ctx.content_box()
    text_box, figure_box = None, None
    if has_text and with_figure and item.figure is not None:
        text_box, figure_box = box.split_x(0.4, int(Inches(0.45)))
    elif has_text:
        text_box = box
    elif with_figure and item.figure is not None:
        figure_box = box
    if text_box is not None:
        _text(ctx, slide, item, text_box, points)
    else:
        _drop_other_placeholders(slide, {0})
    if figure_box is not None:
        figures.place(ctx, slide, item.figure, figure_box, item.where)
    write_notes(ctx, slide, item)


def _text(ctx: Ctx, slide, item: Item, box: Box, points: tuple[Point, ...] | None) -> None:
    blocks = text_blocks(ctx, item, points)
    if item.citations:
        box, cite_box = box.take_bottom(int(Inches(0.32)), int(Inches(0.1)))
        refs = ", ".join(f"[{c}]" for c in item.citations)
        textbox(ctx.ts, slide, cite_box, [Block(_line(f"{ctx.doc.label('references')} {refs}"), color="muted")],
                ctx.size("footer_size"), ctx.size("footer_size"), 1.0, MSO_ANCHOR.BOTTOM, "Citations")
    body = slide.placeholders[1]
    box.place(body)
    fitted = fill(ctx.ts, body.text_frame, blocks, box, ctx.size("body_size"), ctx.size("min_size"), ctx.spacing)
    if not fitted.fits:
        ctx.warn(item.where, f"points of {item.id!r} do not fit at {ctx.size('min_size'):g}pt", "deck.overflow")


def text_boxes(ctx: Ctx) -> tuple[Box, Box]:
    """Where an item's text goes: the whole content area, or its left 40% beside a figure."""
    box = ctx.content_box()
    left, _ = box.split_x(0.4, int(Inches(0.45)))
    return box.take_bottom(int(Inches(0.42)))[0], left.take_bottom(int(Inches(0.42)))[0]


def text_fits(ctx: Ctx, item: Item, box: Box, minimum: float, points: tuple[Point, ...] | None = None) -> bool:
    fitted = fit(ctx.ts, text_blocks(ctx, item, points), box, ctx.size("body_size"), minimum, ctx.spacing)
    return fitted.fits


def split_points(ctx: Ctx, item: Item) -> list[tuple[Point, ...]]:
    """The item's points in runs of whole top-level points, each fitting one slide at sub_body_size.

    Splitting at a comfortable size rather than at min_size keeps continued slides readable.
    """
    full, _ = text_boxes(ctx)
    chunks: list[tuple[Point, ...]] = []
    for point in item.points:
        if chunks and text_fits(ctx, item, full, ctx.size("sub_body_size"), chunks[-1] + (point,)):
            chunks[-1] += (point,)
        else:
            chunks.append((point,))
    return chunks


# -- back matter ----------------------------------------------------------------------------------


def references_slide(ctx: Ctx, n: int) -> None:
    doc = ctx.doc
    slide = framed_slide(ctx, n, "content", _line(doc.label("references")), None, "references")
    blocks = []
    for i, ref in enumerate(doc.references):
        runs: Inline = (Run(f"[{ref.number}]  ", bold=True), *ref.text)
        if ref.url:
            runs += (Run(" "), Run(ref.url, href=ref.url))
        blocks.append(Block(runs, space_before=0.4 if i else 0.0))
    _back_matter_body(ctx, slide, blocks, "references")


def glossary_slide(ctx: Ctx, n: int) -> None:
    doc = ctx.doc
    slide = framed_slide(ctx, n, "content", _line(doc.label("glossary")), None, "glossary")
    blocks = []
    for i, term in enumerate(doc.glossary):
        runs: Inline = (Run(term.term, bold=True), Run(f"  ({term.partner})" if term.partner else ""))
        if term.definition:
            runs += (Run(" — "), *term.definition)
        blocks.append(Block(runs, space_before=0.4 if i else 0.0))
    _back_matter_body(ctx, slide, blocks, "glossary")


def _back_matter_body(ctx: Ctx, slide, blocks: list[Block], where: str) -> None:
    body = slide.placeholders[1]
    box = ctx.content_box()
    box.place(body)
    fitted = fill(ctx.ts, body.text_frame, blocks, box, ctx.size("sub_body_size"), ctx.size("min_size"),
                  ctx.spacing)
    if not fitted.fits:
        ctx.warn(where, f"{where} do not fit at {ctx.size('min_size'):g}pt", "deck.overflow")
