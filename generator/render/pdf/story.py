"""The brief as a list of flowables: cover, key takeaways, sections and items, references, glossary."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, NextPageTemplate, Spacer, Table

from ...localize.document import Document, Inline, Item, Point, Section, plain, without_notes
from . import apparatus
from .balance import without_runt
from .context import Ctx
from .figures import figure_block, table_style
from .flowables import Heading, PageRef, Rule, RunOnTable
from .notes import LateNotes, note_paragraph
from .paragraph import Paragraph
from .styles import BULLET, SUB_BULLET, TAKEAWAY_BULLET
from .tagging import Node, tag

MAX_TAKEAWAYS = 10


def build_story(ctx: Ctx) -> list:
    """The brief in reading order. Its parts are written in that order too, except the takeaways and the
    contents, which repeat texts without their footnote markers: footnotes are numbered as written."""
    doc = ctx.doc
    preface = apparatus.preface(ctx)  # its notes, if any, come first: it is read before the sections
    body: list = []
    for section in doc.sections:
        body += section_flowables(ctx, section)
    back = references(ctx) + glossary(ctx) + apparatus.back_page(ctx)
    if ctx.endnotes and ctx.notes.markup:
        body += endnotes(ctx)
    front = [NextPageTemplate("later"), *cover(ctx), *takeaways(ctx), *apparatus.keywords(ctx), *preface,
             *contents(ctx)]
    # Notes too tall for the foot of any page (known only during layout; almost always none) come last.
    late = LateNotes(ctx.notes, ctx.styles.footnote, lambda: notes_heading(ctx, "notes-late"))
    return keep_last_with_next(front + body + back) + colophon(ctx) + [late]


def endnotes(ctx: Ctx) -> list:
    """Every note, under its own heading before the references (the theme's ``brief.footnotes: end``)."""
    return notes_heading(ctx, "notes") + [note_paragraph(ctx.notes, n, ctx.styles.footnote)
                                          for n in ctx.notes.markup]


def notes_heading(ctx: Ctx, key: str) -> list:
    return unnumbered_heading(ctx, ctx.doc.label("notes"), key)


LAST_KEPT = 3  # flowables (a list's entries, paragraphs) the colophon takes with it to the last page


def keep_last_with_next(story: list) -> list:
    """The colophon never stands alone on the last page, nor with a stray line or two: the last LAST_KEPT
    paragraphs or figures before it (and any space between) keep with it. Not a table: kept whole, a long
    table would leave a page half empty."""
    kept = 0
    for flowable in reversed(story):
        if isinstance(flowable, Table):
            break
        flowable.__dict__["keepWithNext"] = 1  # as reportlab sets it: a Drawing refuses unknown attributes
        if not isinstance(flowable, Spacer):
            kept += 1
            if kept == LAST_KEPT:
                break
    return story


def colophon(ctx: Ctx) -> list:
    """The back matter's last lines: who publishes the brief, when, and how it was made (unless the theme's
    ``brief.colophon`` is false: the house's own back page says it)."""
    doc, st, mark = ctx.doc, ctx.styles, ctx.mark
    if not ctx.theme.brief.colophon:
        return []
    meta = doc.meta
    lines = list(dict.fromkeys(x for x in (meta.organisation, meta.event, meta.date_text) if x))  # as the cover
    lines.append(doc.label("made_with", generator=doc.generator))
    rule = Rule(ctx.c("light"), thickness=0.6, before=st.body.fontSize * 2, after=st.body.fontSize * 0.6)
    rule.keepWithNext = 1
    return [rule, tag(Paragraph(mark.text(" · ".join(lines)), st.chart_note), ctx.root.child("P"))]


def cover(ctx: Ctx) -> list:
    """Under the masthead (page.Masthead: series, publisher, number, date): where it was given, the title,
    the subtitle, the authors and an accent rule."""
    doc, st, mark = ctx.doc, ctx.styles, ctx.mark
    meta = doc.meta
    out: list = []
    root = ctx.root
    if meta.event:
        out.append(tag(Paragraph(mark.text(meta.event, bold=True), st.kicker), root.child("P")))
    out.append(tag(without_runt(mark.text(meta.title, bold=True), st.title, ctx.frame_width), root.child("H1")))
    if meta.subtitle:
        out.append(tag(Paragraph(mark.text(meta.subtitle), st.subtitle), root.child("P")))
    out += apparatus.byline(ctx)
    out.append(Rule(ctx.c("accent"), thickness=2.2, length=36, after=8))
    out.append(Spacer(1, st.body.fontSize * 1.6))
    return out


def takeaway_points(doc: Document) -> list[Point]:
    """The points marked `key: true`; an outline that marks none gets each item's first point."""
    items = [item for section in doc.sections for item in section.items]
    marked = [point for item in items for point in item.points if point.key]
    firsts = [item.points[0] for item in items if item.points]
    return (marked or firsts)[:MAX_TAKEAWAYS]


def takeaways(ctx: Ctx) -> list:
    """The executive summary: the outline's summary paragraphs, then the key takeaways, in one box."""
    points, summary = takeaway_points(ctx.doc), ctx.doc.meta.summary
    if not points and not summary:
        return []
    st, mark = ctx.styles, ctx.mark
    rows: list = []
    box_node = ctx.root.child("Sect")  # the summary box: its heading, paragraphs and the takeaways' list
    tags: list[list[Node | None]] = []
    gaps = []  # a table cell drops its paragraph's spaceAfter: the rows keep the summary's paragraphs apart
    if summary:
        rows.append([Paragraph(mark.text(ctx.doc.label("executive_summary"), bold=True), st.h3)])
        tags.append([box_node.child("H2")])
        for p in summary:
            rows.append([Paragraph(mark.inline(without_notes(p)), st.summary)])
            tags.append([box_node.child("P")])
            gaps.append(("BOTTOMPADDING", (0, len(rows) - 1), (0, len(rows) - 1), st.summary.spaceAfter))
    if points:
        style = st.h4 if summary else st.h3
        if summary:
            gaps.append(("TOPPADDING", (0, len(rows)), (0, len(rows)), st.summary.spaceAfter))
        rows.append([Paragraph(mark.text(ctx.doc.label("key_takeaways"), bold=True), style)])
        tags.append([box_node.child("H3" if summary else "H2")])
        rows += [[Paragraph(mark.inline(without_notes(p.text)), st.takeaway, bulletText=TAKEAWAY_BULLET)]
                 for p in points]
        takeaway_list = box_node.child("L")
        tags += [[list_item(takeaway_list)] for _ in points]
    pad = st.body.fontSize * 1.4
    # A row per point, and rows that may split: the box runs over a page break instead of failing
    # when the takeaways are long (reportlab raises LayoutError for a cell taller than the frame).
    box = RunOnTable(rows, colWidths=[ctx.frame_width], hAlign="LEFT", splitByRow=1, tags=tags)
    box.setStyle(table_style(ctx, [
        ("BACKGROUND", (0, 0), (-1, -1), ctx.c("light")),
        ("LINEBEFORE", (0, 0), (0, -1), 3.5, ctx.c("accent")),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, 0), pad * 0.55), ("BOTTOMPADDING", (0, -1), (-1, -1), pad * 0.6),
        *gaps,
    ]))
    return [box, Spacer(1, st.body.fontSize * 1.5)]


def contents(ctx: Ctx) -> list:
    """Sections and items with their pages, each a link to its heading.

    The pages are not known yet: each is a ``PageRef`` of fixed size, filled in once layout is done.
    """
    doc, st, mark = ctx.doc, ctx.styles, ctx.mark
    rows, styles = [], []
    toc = ctx.root.child("TOC")
    for section in doc.sections:
        rows.append(_toc_row(ctx, f"s-{section.id}", f"{section.number}.", section.title, st.toc1))
        styles.append(("TOPPADDING", (0, len(rows) - 1), (-1, len(rows) - 1), st.toc1.fontSize * 0.5))
        for item in section.items:
            rows.append(_toc_row(ctx, f"i-{section.id}-{item.id}", item.number, item.title, st.toc2))
    for key, label, shown in (("notes", "notes", ctx.endnotes and ctx.notes.markup),
                              ("references", "references", doc.references), ("glossary", "glossary", doc.glossary)):
        if shown:
            rows.append(_toc_row(ctx, key, "", doc.label(label), st.toc1))
    if not rows:
        return []
    tags = [[entry] * 3 for entry in (toc.child("TOCI") for _ in rows)]  # number, title, page: one entry
    number_width = st.toc1.fontSize * 3.2
    page_width = st.toc1.fontSize * 3
    table = RunOnTable(rows, colWidths=[number_width, ctx.frame_width - number_width - page_width, page_width],
                       hAlign="LEFT", repeatRows=0, tags=tags)  # a title taller than a page runs on
    table.setStyle(table_style(ctx, [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        *styles,
    ]))
    title = tag(Paragraph(mark.text(doc.label("contents"), bold=True), st.h3), ctx.root.child("H2"))
    # The title with the first rows, not with the whole list (a kept-together list left half the cover
    # blank when it did not fit under the takeaways): the contents run on to the next page.
    table.wrap(ctx.frame_width, 1e9)
    first_rows = sum(table._rowHeights[:CONTENTS_KEPT])
    room = title.wrap(ctx.frame_width, 1e9)[1] + title.getSpaceBefore() + title.getSpaceAfter() + first_rows
    title.keepWithNext = 0  # over the heading style's: the break above keeps title and first rows together
    # no space after it: the heading that follows brings its own (two gaps summed left a section opening
    # that missed the page by a point to the next, and the contents' page a third empty)
    return [CondPageBreak(room), title, table]


CONTENTS_KEPT = 4  # rows of the contents that stay with its title


def _toc_row(ctx: Ctx, key: str, number: str, title: Inline | str, style) -> list:
    mark = ctx.mark
    text = mark.text(title) if isinstance(title, str) else mark.inline(without_notes(title))
    link = f'<a href="#{key}">{{}}</a>'
    return [Paragraph(link.format(mark.text(number)), style),
            Paragraph(link.format(text), style),
            PageRef(key, style.clone("toc-page", alignment=2), ctx.page_refs)]


def section_flowables(ctx: Ctx, section: Section) -> list:
    st, mark = ctx.styles, ctx.mark
    number = ctx.doc.label("section", n=section.number)
    title = f"{number}. {plain(section.title)}"
    sect = ctx.root.child("Sect")
    out: list = [tag(Heading(f"{mark.text(number + '.', bold=True)} {mark.inline(section.title, bold=True)}",
                             st.h1, key=f"s-{section.id}", title=title, level=0, pages=ctx.pages), sect.child("H2"))]
    out.append(heading_rule(ctx))
    if section.summary:
        summary = tag(Paragraph(mark.inline(section.summary), st.subtitle), sect.child("P"))
        summary.keepWithNext = 1  # never strand a section's opening at the foot of a page
        out.append(summary)
    for item in section.items:
        out += item_flowables(ctx, section, item, sect)
    return out


def item_flowables(ctx: Ctx, section: Section, item: Item, parent: Node) -> list:
    st, mark = ctx.styles, ctx.mark
    title = f"{item.number} {plain(item.title)}"
    sect = parent.child("Sect")
    out: list = [tag(Heading(f"{mark.text(item.number, bold=True)}\u2002{mark.inline(item.title, bold=True)}",
                             st.h2, key=f"i-{section.id}-{item.id}", title=title, level=1, pages=ctx.pages),
                     sect.child("H3"))]
    # The citations end the item's last line of text: its last paragraph, else its last bullet, else its
    # quotation's attribution (never a line of their own).
    refs = citation_markup(ctx, item.citations)
    points = item.points
    quoted = item.layout == "quote" and bool(points)
    if quoted:
        points = points[0].children + points[1:]
    shown_points = points if not item.body else ()
    if quoted:
        last = not item.body and not shown_points
        out += quotation(ctx, item.points[0], item.attribution, refs if last else "", sect)
    points_list = sect.child("L")
    for index, point in enumerate(shown_points):
        out += bullet(ctx, point, tail=refs if index == len(shown_points) - 1 else "", parent=points_list)
    if shown_points:
        out.append(Spacer(1, st.body.fontSize * 0.5))
    paragraphs = [mark.inline(body) for body in item.body]
    if refs and paragraphs:
        paragraphs[-1] += "\u00a0" + refs
    elif refs and not quoted and not shown_points:
        paragraphs.append(refs)
    text = [tag(Paragraph(p, st.body), sect.child("P")) for p in paragraphs]
    if item.pull_quote:  # after the first paragraph, as a magazine sets it: it draws the eye into the text
        text[1:1] = pull_quote(ctx, item.pull_quote, sect)
    out += text
    if item.figure is not None:
        out += figure_block(ctx, item.figure, sect)
    if item.sidebar:
        out.append(sidebar(ctx, *item.sidebar, parent=sect))
    if item.editor_note:
        out.append(editor_note(ctx, item.editor_note, sect))
    return out


def quotation(ctx: Ctx, point: Point, attribution: Inline | None, tail: str, parent: Node) -> list:
    """A quote item's quotation, set off by an accent bar in the primary colour, and who said it under it
    (``tail``: the item's citations, after the attribution)."""
    st, mark = ctx.styles, ctx.mark
    tail = "\u00a0" + tail if tail else ""
    rows = [[Paragraph(mark.inline(point.text) + (tail if not attribution else ""), st.quote)]]
    if attribution:
        rows.append([Paragraph(mark.text("\u2014\u2002") + mark.inline(attribution) + tail, st.attribution)])
    pad = st.body.fontSize * 0.9
    quote = parent.child("BlockQuote")
    box = RunOnTable(rows, colWidths=[ctx.frame_width], hAlign="LEFT", splitByRow=1,
                     tags=[[quote.child("P")] for _ in rows])
    box.setStyle(table_style(ctx, [
        ("LINEBEFORE", (0, 0), (0, -1), 3, ctx.c("accent")),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, 0), pad * 0.4), ("BOTTOMPADDING", (0, -1), (-1, -1), pad * 0.4),
    ]))
    return [box, Spacer(1, st.body.fontSize * 1.1)]


def pull_quote(ctx: Ctx, text: Inline, parent: Node) -> list:
    """A sentence of the item set large in the accent colour between two short rules (an Aside: it
    repeats the text, so a reader may skip it)."""
    st = ctx.styles
    top = Rule(ctx.c("accent"), thickness=1.2, length=ctx.frame_width * 0.25, before=st.body.fontSize * 0.4,
               after=st.body.fontSize * 0.5)
    quote = tag(Paragraph(ctx.mark.inline(text), st.pull_quote), parent.child("Aside").child("P"))
    top.keepWithNext = quote.keepWithNext = 1  # the rules never part from the quote
    return [top, quote, Rule(ctx.c("accent"), thickness=1.2, length=ctx.frame_width * 0.25,
                             before=st.body.fontSize * 0.6, after=st.body.fontSize * 1.2)]


def sidebar(ctx: Ctx, title: Inline, paragraphs: tuple[Inline, ...], parent: Node) -> Flowable:
    """A boxed aside: its title in the primary colour over its paragraphs, on the light panel colour, with
    a primary rule on top. Kept whole (to the next page if need be) when it takes less than KEPT_WHOLE of a
    page; a longer one runs over a page break, a row per paragraph."""
    st, mark = ctx.styles, ctx.mark
    rows = [[Paragraph(mark.inline(title, bold=True), st.h4)]]
    rows += [[Paragraph(mark.inline(p), st.sidebar)] for p in paragraphs]
    pad = st.body.fontSize * 0.9
    commands = [
        ("BACKGROUND", (0, 0), (-1, -1), ctx.c("light")),
        ("LINEABOVE", (0, 0), (-1, 0), 2, ctx.c("primary")),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, 0), pad * 0.5), ("BOTTOMPADDING", (0, -1), (-1, -1), pad * 0.5),
        ("BOTTOMPADDING", (0, 1), (-1, -2), st.sidebar.spaceAfter),  # a cell drops its paragraph's space
    ]
    # The title keeps its first paragraph with it, unless that paragraph is so tall the two could not share
    # a frame: then the paragraph runs on over the page break (reportlab's LayoutError otherwise).
    first = rows[1][0].wrap(ctx.frame_width - 2 * pad, ctx.frame_height)[1] if len(rows) > 1 else 0
    keep = [("NOSPLIT", (0, 0), (0, 1))] if first <= ctx.frame_height * KEPT_WHOLE else []
    aside = parent.child("Aside")
    box = RunOnTable(rows, colWidths=[ctx.frame_width], hAlign="LEFT", splitByRow=1,
                     tags=[[aside.child("H4")]] + [[aside.child("P")] for _ in paragraphs])
    box.setStyle(table_style(ctx, [*commands, *keep]))
    box.spaceBefore, box.spaceAfter = st.body.fontSize * 0.4, st.body.fontSize * 1.2
    if box.wrap(ctx.frame_width, ctx.frame_height)[1] <= ctx.frame_height * KEPT_WHOLE:
        return KeepTogether([box])
    return box


KEPT_WHOLE = 0.4  # of the frame's height: a sidebar up to this tall never splits


def editor_note(ctx: Ctx, note: Inline, parent: Node) -> RunOnTable:
    """An editor's note: labelled, in a tinted box under the item, so it never reads as the author's text."""
    st, mark = ctx.styles, ctx.mark
    before, _, after = ctx.doc.labels["editor_note"].partition("{text}")  # "Editor's note: {text}"
    text = mark.text(before, bold=True) + mark.inline(note) + mark.text(after)
    pad = st.body.fontSize * 0.8
    box = RunOnTable([[Paragraph(text, st.editor_note)]], colWidths=[ctx.frame_width], hAlign="LEFT",
                     tags=[[parent.child("Aside").child("P")]])
    box.setStyle(table_style(ctx, [
        ("BACKGROUND", (0, 0), (-1, -1), ctx.c("light")),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad * 0.6), ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.2),
    ]))
    box.spaceAfter = st.body.fontSize
    return box


def bullet(ctx: Ctx, point: Point, depth: int = 0, tail: str = "", *, parent: Node) -> list:
    """A point and its sub-points; ``tail`` (citations) ends the last line of them. ``parent`` is the
    list (L) it is an item of; its sub-points are a list in its body."""
    style = ctx.styles.bullet if depth == 0 else ctx.styles.sub_bullet
    text = ctx.mark.inline(point.text) + ("\u00a0" + tail if tail and not point.children else "")
    item = list_item(parent)
    out = [tag(Paragraph(text, style, bulletText=BULLET if depth == 0 else SUB_BULLET), item)]
    sub = item.part("LBody").child("L")
    for index, child in enumerate(point.children):
        out += bullet(ctx, child, depth + 1, tail if index == len(point.children) - 1 else "", parent=sub)
    return out


def list_item(parent: Node) -> Node:
    """An LI of list ``parent`` whose paragraph's bullet is its Lbl and the rest its LBody."""
    return Node("LI", parent, labelled=True)


def citation_markup(ctx: Ctx, numbers: tuple[int, ...]) -> str:
    """``[1, 3]``, each number a link to its entry in the references list."""
    known = {ref.number for ref in ctx.doc.references}
    if not numbers:
        return ""
    font = ctx.fonts.family("latin").name
    parts = [f'<a href="#ref-{n}" color="{ctx.mark.link}">{n}</a>' if n in known else str(n) for n in numbers]
    muted = "#" + str(ctx.theme.colors["muted"])
    return f'<font face="{font}" color="{muted}">[{", ".join(parts)}]</font>'


def references(ctx: Ctx) -> list:
    doc, st, mark = ctx.doc, ctx.styles, ctx.mark
    if not doc.references:
        return []
    out = unnumbered_heading(ctx, doc.label("references"), "references")
    entries = ctx.root.child("L")
    for ref in doc.references:
        text = f'<a name="ref-{ref.number}"/>{mark.inline(ref.text)}'
        if ref.url:
            text += " " + mark.link_text(ref.url)
        out.append(tag(Paragraph(text, st.reference, bulletText=f"[{ref.number}]"), list_item(entries)))
    return out


def glossary(ctx: Ctx) -> list:
    doc, st, mark = ctx.doc, ctx.styles, ctx.mark
    if not doc.glossary:
        return []
    out = unnumbered_heading(ctx, doc.label("glossary"), "glossary")
    for term in doc.glossary:
        text = mark.text(term.term, bold=True)
        if term.partner:
            text += " \u2014 " + mark.text(term.partner)
        if term.definition:
            text += ": " + mark.inline(term.definition)
        out.append(tag(Paragraph(text, st.term), ctx.root.child("P")))
    return out


def unnumbered_heading(ctx: Ctx, title: str, key: str) -> list:
    head = Heading(ctx.mark.text(title, bold=True), ctx.styles.h1, key=key, title=title, level=0,
                   pages=ctx.pages)
    return [tag(head, ctx.root.child("H2")), heading_rule(ctx)]


def heading_rule(ctx: Ctx) -> Rule:
    rule = Rule(ctx.c("primary"), thickness=0.8, after=ctx.styles.h1.spaceAfter * 0.6)
    rule.keepWithNext = 1
    return rule
