"""The deck's own slides: title, agenda, section divider, closing; the content frame and its footer."""

from __future__ import annotations

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from ....errors import Span
from ....localize.document import Inline, Run, Section
from ..context import Ctx
from ..oxml import xml as _xml
from ..typeset import grid
from ..typeset.frames import Block, Box, fit, height_of

BODY = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
SUBTITLE = (PP_PLACEHOLDER.SUBTITLE, *BODY)


def line(text: str) -> Inline:
    return (Run(text),)


def title(ctx: Ctx, slide, text: Inline, box: Box, start: float, color: str, where: Span | None,
          anchor=MSO_ANCHOR.BOTTOM, continued: bool = False):
    """Fill the slide's real title placeholder (outline view and screen readers read it)."""
    shape = slide.shapes.title
    if shape is None:
        raise ValueError(f"slide layout {slide.slide_layout.name!r} has no title placeholder; "
                         "duopress needs one on every slide (outline view, screen readers)")
    box.place(shape)
    ctx.fill(where, "title", shape.text_frame, [Block(text, color=ctx.ink(color), bold=True, align=PP_ALIGN.LEFT)],
             box, start, ctx.deck.min_size, 1.0, anchor, continued)
    _xml.no_caps(shape.text_frame)
    return shape


def frame_in(ctx: Ctx, slide, box: Box, types=BODY, name: str = "Text"):
    """A layout placeholder of one of ``types`` (found by type, never by index), else a new text box."""
    for ph in slide.placeholders:
        # a placeholder we took is filled right away, so an empty one is free
        if ph.placeholder_format.type in types and not ph.text_frame.text:
            box.place(ph)
            ph.name = name
            return ph
    shape = slide.shapes.add_textbox(*(int(v) for v in (box.x, box.y, box.w, box.h)))
    shape.name = name
    return shape


def finish(slide) -> None:
    """Drop the placeholders we did not fill, so no empty "Click to add text" remains."""
    for ph in list(slide.placeholders):
        if ph.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
            continue
        if not ph.has_text_frame or not ph.text_frame.text.strip():
            _xml.remove_shape(ph)


def _unique(*texts: str) -> list[str]:
    seen: list[str] = []
    for text in texts:
        if text and text not in seen:
            seen.append(text)
    return seen


# -- title and closing ----------------------------------------------------------------------------


def title_slide(ctx: Ctx, n: int) -> None:
    doc = ctx.doc
    _cover(ctx, line(doc.meta.title), ctx.deck.title_size + 8, Inches(2.3), Inches(1.9),
           Block(line(doc.meta.subtitle), color=ctx.ink("on_cover_muted"), align=PP_ALIGN.LEFT),
           _unique(doc.meta.event, doc.meta.organisation, doc.meta.date_text), None)


def closing_slide(ctx: Ctx, n: int) -> None:
    doc = ctx.doc
    _cover(ctx, line(doc.label("thank_you")), ctx.deck.title_size + 12, Inches(2.85), Inches(1.2),
           Block(line(doc.label("questions")), color="accent", bold=True, align=PP_ALIGN.LEFT),
           _unique(doc.meta.title, doc.meta.event, doc.meta.organisation), None)


def _cover(ctx: Ctx, heading: Inline, size: float, top, height, sub: Block, byline: list[str], where: Span | None):
    m = ctx.margin
    width = ctx.width - 2 * m
    slide = ctx.new_slide("title")
    ctx.background(slide, "cover")
    ctx.rect(slide, Box(m, int(top) - int(Inches(0.25)), int(Inches(1.4)), int(Inches(0.09))), "accent", "Accent")
    title(ctx, slide, heading, Box(m, int(top), width, int(height)), size, "on_cover", where)
    box = Box(m, int(top) + int(height) + int(Inches(0.1)), width, int(Inches(0.9)))
    ctx.fill(where, "subtitle", frame_in(ctx, slide, box, SUBTITLE, "Subtitle").text_frame, [sub], box,
             ctx.deck.subtitle_size + 4, ctx.deck.min_size)
    blocks = [Block(line(t), color=ctx.ink("on_cover_muted"), align=PP_ALIGN.LEFT) for t in byline]
    ctx.textbox(where, "byline", slide, Box(m, ctx.height - int(Inches(1.85)), width, int(Inches(1.1))), blocks,
                ctx.deck.subtitle_size - 4, ctx.deck.footer_size, 1.15, MSO_ANCHOR.BOTTOM, "Byline")
    finish(slide)


# -- content-slide frame: kicker, title, rule, footer ---------------------------------------------


def framed_slide(ctx: Ctx, kind: str, heading: Inline, kicker: str | None, where: Span | None, continued: bool = False):
    """A white slide of ``kind`` (kinds.py) with a small kicker line, a navy title, an amber-and-grey rule and
    the footer."""
    slide = ctx.new_slide(kind)
    ctx.background(slide, "background")
    m, width = ctx.margin, ctx.width - 2 * ctx.margin
    if kicker:
        ctx.textbox(where, "kicker", slide, Box(m, int(Inches(0.3)), width, int(Inches(0.36))),
                    [Block(line(kicker), color="accent", bold=True)], ctx.deck.footer_size + 2,
                    ctx.deck.footer_size, 1.0, MSO_ANCHOR.BOTTOM, "Kicker")
    title(ctx, slide, heading, Box(m, int(Inches(0.66)), width, int(Inches(0.86))), ctx.deck.title_size,
          "primary", where, continued=continued)
    rule_y = int(Inches(1.52))
    ctx.rect(slide, Box(m, rule_y, width, int(Pt(0.75))), "light", "Rule")
    ctx.rect(slide, Box(m, rule_y - int(Pt(1)), int(Inches(1.2)), int(Pt(2.75))), "accent", "Rule accent")
    footer(ctx, slide, ctx.slide_no)
    return slide


def footer(ctx: Ctx, slide, n: int) -> None:
    """Small, muted: event (or organisation) left, date centre, "n / N" right, each part unless the deck's
    structure turns it off; or, with ``footer: template`` on a user's template, the layout's own footer
    placeholders."""
    if ctx.structure.footer_template and not ctx.branded:
        template_footer(ctx, slide, n)
        return
    m = ctx.margin
    y, h = ctx.height - int(Inches(0.5)), int(Inches(0.3))
    third = (ctx.width - 2 * m) // 3
    size = ctx.deck.footer_size
    texts = footer_texts(ctx, n)
    parts = (("event", PP_ALIGN.LEFT, "Footer"), ("date", PP_ALIGN.CENTER, "Date"),
             ("slide_number", PP_ALIGN.RIGHT, "Slide number"))
    for i, (part, align, name) in enumerate(parts):
        text = texts.get(part)
        if text:
            ctx.textbox(None, name.lower(), slide, Box(m + i * third, y, third, h),
                        [Block(line(text), color="muted", align=align)], size, size - 2, 1.0,
                        MSO_ANCHOR.MIDDLE, name)


def footer_texts(ctx: Ctx, n: int) -> dict[str, str | None]:
    """The footer's parts the deck's structure keeps, by part."""
    doc, structure = ctx.doc, ctx.structure
    texts = {"event": doc.meta.event or doc.meta.organisation, "date": doc.meta.date_text,
             "slide_number": doc.label("slide", n=n, total=ctx.total)}
    return {part: text for part, text in texts.items() if getattr(structure, f"footer_{part}")}


# The layout's footer placeholders (python-pptx clones none of them onto a new slide) and what each holds.
_TEMPLATE_FOOTER = {PP_PLACEHOLDER.FOOTER: "event", PP_PLACEHOLDER.DATE: "date",
                    PP_PLACEHOLDER.SLIDE_NUMBER: "slide_number"}


def template_footer(ctx: Ctx, slide, n: int) -> None:
    """Each footer placeholder the slide's layout has, cloned onto the slide and filled with our text: where
    it sits and how it looks is the template's."""
    texts = footer_texts(ctx, n)
    size = ctx.deck.footer_size
    for ph in slide.slide_layout.placeholders:
        part = _TEMPLATE_FOOTER.get(ph.placeholder_format.type)
        text = texts.get(part) if part else None
        if part is None or not text:
            continue
        slide.shapes.clone_placeholder(ph)
        shape = slide.shapes[-1]
        # a layout placeholder may inherit its place from the master; then measure it as our footer's third
        third = (ctx.width - 2 * ctx.margin) // 3
        box = (Box(int(ph.left), int(ph.top), int(ph.width), int(ph.height)) if ph.width and ph.height
               else Box(ctx.margin, ctx.height - int(Inches(0.5)), third, int(Inches(0.3))))
        ctx.fill(None, part, shape.text_frame, [Block(line(text), color="muted")], box, size, size - 2, 1.0,
                 MSO_ANCHOR.MIDDLE)


# -- agenda and section dividers -----------------------------------------------------------------


def agenda_blocks(ctx: Ctx, sections, show_items: bool) -> list[Block]:
    doc, blocks = ctx.doc, []
    for i, section in enumerate(sections):
        number = doc.label("section", n=section.number)
        blocks.append(Block((Run(f"{number}   ", bold=True), *section.title), color="primary", bold=True,
                            space_before=0.6 if i else 0.0))
        if show_items:
            for item in section.items:
                blocks.append(Block((Run(f"{item.number}   "), *item.title), color="muted",
                                    scale=ctx.deck.sub_body_size / ctx.deck.body_size, space_before=0.15))
    return blocks


def agenda_minimum(ctx: Ctx, show_items: bool) -> float:
    """The smallest the agenda's sections may get: with item lines (set smaller), so that they stay at
    min_size or above."""
    ratio = ctx.deck.sub_body_size / ctx.deck.body_size if show_items else 1.0
    return ctx.deck.min_size / ratio


def agenda_slide(ctx: Ctx, n: int, sections=None, show_items: bool = True, continued: bool = False,
                 split: bool = False) -> None:
    """The sections (and, in a short talk, their items); a long agenda continues on further slides."""
    doc = ctx.doc
    heading = doc.label("agenda") + (" " + doc.label("continued") if continued else "")
    slide = framed_slide(ctx, "agenda", line(heading), None, None, split)
    blocks = agenda_blocks(ctx, doc.sections if sections is None else sections, show_items)
    area = ctx.content_box()
    start, minimum = ctx.deck.body_size + 4, agenda_minimum(ctx, show_items)
    fitted = fit(ctx.ts, blocks, area, start, minimum, ctx.spacing)
    box = grid.balanced(area, height_of(ctx.ts, blocks, area.w, fitted.size, ctx.spacing), top=split)
    ctx.fill(None, "agenda", frame_in(ctx, slide, box).text_frame, blocks, box, start, minimum, ctx.spacing,
             MSO_ANCHOR.MIDDLE, continued=split)
    finish(slide)


def section_slide(ctx: Ctx, n: int, section: Section) -> None:
    """The section's number, title and summary at the left; at the right, where the talk is: every section,
    this one highlighted (when the talk has more than one)."""
    m, width = ctx.margin, ctx.width - 2 * ctx.margin
    sections = ctx.doc.sections
    if len(sections) > 1:
        left, where_box = Box(m, 0, width, 0).split_x(0.62, int(Inches(0.7)))
        width = left.w
    slide = ctx.new_slide("section")
    ctx.background(slide, "cover")
    where = None  # a generated slide: no line of the outline to point at
    ctx.textbox(where, "section number", slide, Box(m, int(Inches(1.5)), width, int(Inches(1.4))),
                [Block(line(ctx.doc.label("section", n=section.number)), color="accent", bold=True)],
                72, 48, 1.0, MSO_ANCHOR.BOTTOM, "Section number")
    ctx.rect(slide, Box(m, int(Inches(3.05)), int(Inches(1.4)), int(Inches(0.09))), "accent", "Accent")
    title(ctx, slide, section.title, Box(m, int(Inches(3.3)), width, int(Inches(1.3))),
          ctx.deck.title_size + 8, "on_cover", where, MSO_ANCHOR.TOP)
    if section.summary:
        box = Box(m, int(Inches(4.75)), width, int(Inches(1.3)))
        ctx.fill(where, "summary", frame_in(ctx, slide, box, SUBTITLE).text_frame,
                 [Block(section.summary, color=ctx.ink("on_cover_muted"))], box, ctx.deck.subtitle_size + 2,
                 ctx.deck.min_size, ctx.spacing)
    if len(sections) > 1:
        _where_we_are(ctx, slide, sections, section, where_box)
    finish(slide)


def _where_we_are(ctx: Ctx, slide, sections, current: Section, column: Box) -> None:
    """The agenda beside a divider, a frame per section: this one in the cover's ink, bold, with an accent
    mark beside it; the others dim; one size for all, the list at the optical centre of the column."""
    blocks = [Block((Run(f"{s.number}   ", bold=True), *s.title), bold=s is current,
                    color=ctx.ink("on_cover") if s is current else ctx.ink("on_cover_dim")) for s in sections]
    area = Box(column.x, int(Inches(1.5)), column.w, ctx.height - int(Inches(3.0)))
    gap = int(Inches(0.2))
    size = float(ctx.deck.subtitle_size)
    while True:
        heights = [height_of(ctx.ts, [b], area.w, size, 1.1) for b in blocks]
        if sum(heights) + gap * (len(blocks) - 1) <= area.h or size <= ctx.deck.min_size:
            break
        size -= 1
    box = grid.balanced(area, sum(heights) + gap * (len(blocks) - 1))
    ctx.rect(slide, Box(column.x - int(Inches(0.3)), box.y, int(Pt(1)), box.h), "on_cover_dim", "Where rule")
    y = box.y
    for s, block, h in zip(sections, blocks, heights):
        line_box = Box(column.x, y, column.w, h)
        if s is current:
            ctx.rect(slide, Box(column.x - int(Inches(0.3)) - int(Pt(2)), y, int(Pt(5)), h), "accent", "Where mark")
        ctx.textbox(None, "where", slide, line_box, [block], size, ctx.deck.min_size, 1.1, MSO_ANCHOR.MIDDLE,
                    f"Section {s.number}")
        y += h + gap
