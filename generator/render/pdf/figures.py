"""Figures: a numbered caption, the chart / table / timeline / image, and a source line."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Image, Spacer, TableStyle

from ...localize.document import ChartFigure, Figure, ImageFigure, Inline, TableFigure, TimelineFigure, plain
from .charts import chart_drawing, shrink_drawing
from .context import Ctx
from .flowables import KeptRowsTable
from .paragraph import Paragraph
from .tagging import Node, tag


def figure_block(ctx: Ctx, fig: Figure, parent: Node) -> list:
    """Caption, figure and source line. A chart or an image is a Figure whose Alt is the outline's alt text
    (a chart's, if the outline gives none, is written from its data by the localizer); a table or a
    timeline is a Table whose header cells say what the columns or rows are."""
    caption = tag(Paragraph(f"{ctx.mark.text(fig.label + '.', bold=True)} {ctx.mark.inline(fig.title)}",
                            ctx.styles.caption), parent.child("Caption"))
    tail = [source_line(ctx, fig.source, parent)] if fig.source else [Spacer(1, ctx.styles.source.spaceAfter)]
    if isinstance(fig, ChartFigure):
        # At most 3/4 of a page, so that a heading, the caption and the source line share its page.
        drawing = chart_drawing(fig, ctx.frame_width, ctx.chart, max_height=ctx.frame_height * FIGURE_SHARE)
        return floating(kept_together([caption, tag(drawing, parent.child("Figure", Alt=fig.alt)), *tail]))
    if isinstance(fig, TableFigure):
        # The caption stays with the header and the first rows (a page break before it when they do not fit
        # what is left), not with the whole table: a long table runs on to the next page, its header
        # repeated, rather than leaving most of this one blank.
        caption.style = ParagraphStyle("caption-split", parent=caption.style, keepWithNext=0)
        table = data_table(ctx, fig, parent.child("Table"))
        return [CondPageBreak(_height(caption, ctx.frame_width) + table.head_room(ctx.frame_width)), caption,
                table, *tail]
    if isinstance(fig, TimelineFigure):
        # kept whole where it fits; where it does not, split rather than floated (page.py: split_to_fit)
        return floating(kept_together([caption, timeline_table(ctx, fig, parent.child("Table")), *tail]))
    if isinstance(fig, ImageFigure):
        return floating(kept_together([caption, image(ctx, fig, parent), *tail]))
    return []


FIGURE_SHARE = 0.75  # of the frame's height, the most a chart or an image may take
SHRINK = 0.85  # a chart or an image may be set this much smaller to fit what is left of a page


def split_to_fit(group: list, room: float, width: float) -> bool:
    """Let a floating figure's long timeline run on over the page break (its caption and at least
    KeptRowsTable.KEPT_ROWS events here, as many after it) instead of waiting whole for the next page, when
    what is left holds its caption and first events; whether it may. A timeline floated whole left half a
    page blank when the text after it could not fill the gap."""
    table = next((f for f in group if isinstance(f, KeptRowsTable)), None)
    if table is None or len(table._cellvalues) - table.repeatRows < 2 * table.KEPT_ROWS:
        return False
    before = group[:group.index(table)]
    if sum(_height(f, width) for f in before) + table.head_room(width) > room:
        return False
    for flowable in group:  # the caption keeps with the first events by the test above; the source line
        flowable.__dict__["keepWithNext"] = 0  # follows the last, wherever it falls
    return True


def shrink_to_fit(group: list, excess: float) -> bool:
    """Set the chart or image of a floating figure ``group`` ``excess`` points shorter (its labels and all,
    by SHRINK at most) so that it fits what is left of the page instead of waiting for the next; whether it
    did. A chart a little too tall for the gap otherwise left a third of a page blank before it."""
    art = next((f for f in group if isinstance(f, (Drawing, Image))), None)
    if art is None:
        return False
    height = art.height if isinstance(art, Drawing) else art.drawHeight
    factor = (height - excess) / height if height > 0 else 0.0
    if factor < SHRINK:
        return False
    if isinstance(art, Drawing):
        shrink_drawing(art, factor)
    else:
        art.drawWidth, art.drawHeight = art.drawWidth * factor, art.drawHeight * factor
    return True


def floating(flowables: list) -> list:
    """Marks a figure that may wait for the next page while the text after it fills this one (page.py)."""
    flowables[0].__dict__["_float"] = len(flowables)
    return flowables


def kept_together(flowables: list) -> list:
    """The flowables chained by ``keepWithNext`` rather than wrapped in a ``KeepTogether``: reportlab
    keeps a heading (``keepWithNext``) with the flowable after it only when that one is not a container
    (doctemplate ``_ktAllow``), so a heading before a ``KeepTogether`` figure was left at a page's foot.
    A chain joins the heading's: the frame keeps heading, caption, figure and source line together."""
    for flowable in flowables[:-1]:
        flowable.__dict__["keepWithNext"] = 1  # as reportlab sets it: a Drawing refuses unknown attributes
    return flowables


def _height(flowable, width: float) -> float:
    return flowable.wrap(width, 1e9)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def source_line(ctx: Ctx, source: Inline, parent: Node) -> Paragraph:
    """``label("source", text=…)`` with the rich source text where ``{text}`` is."""
    before, _, after = ctx.doc.labels["source"].partition("{text}")
    markup = ctx.mark.text(before) + ctx.mark.inline(source) + ctx.mark.text(after)
    return tag(Paragraph(markup, ctx.styles.source), parent.child("P"))


SMALLEST_CELL = 6.5  # points: a table's type shrinks to this before a word is broken inside a cell


def column_widths(ctx: Ctx, table: list[list[str]], total: float, pad: float, size: float,
                  bold_rows: int = 0) -> list[float] | None:
    """Share ``total`` between columns: each gets at least its longest word (a header's in bold), the rest
    goes by how much text the column holds on one line. None when the longest words alone are wider than
    ``total`` at this size: a word would have to break inside a cell."""
    n = max(len(row) for row in table)

    def width(text: str, bold: bool) -> float:
        return sum(stringWidth(chunk, fam.bold if bold else fam.name, size) for fam, chunk in ctx.fonts.runs(text))

    cells = [(i, text, r < bold_rows) for r, row in enumerate(table) for i, text in enumerate(row)]
    natural = [max((width(t, b) for c, t, b in cells if c == i), default=0) + pad for i in range(n)]
    minimum = [max((width(w, b) for c, t, b in cells if c == i for w in t.split()), default=0) + pad
               for i in range(n)]
    if sum(minimum) > total:
        return None
    if sum(natural) <= total:
        return [w * total / sum(natural) for w in natural]
    spare = total - sum(minimum)
    extra = [max(0.0, nat - low) for nat, low in zip(natural, minimum)]
    return [low + spare * e / (sum(extra) or 1) for low, e in zip(minimum, extra)]


def _table_type(ctx: Ctx, texts: list[list[str]], pad: float, bold_rows: int) -> tuple[float, list[float]]:
    """The cells' size and the column widths: the body's cell size, smaller in half points while a word
    would break inside a cell; at the floor, the words take their share of the width as best they can."""
    size = ctx.styles.cell.fontSize
    while True:
        widths = column_widths(ctx, texts, ctx.frame_width, 2 * pad, size, bold_rows)
        if widths is not None:
            return size, widths
        if size <= SMALLEST_CELL:
            n = max(len(row) for row in texts)
            return size, [ctx.frame_width / n] * n
        size = max(SMALLEST_CELL, size - 0.5)


def data_table(ctx: Ctx, fig: TableFigure, node: Node) -> KeptRowsTable:
    st, pad = ctx.styles, 6.0
    texts = [[plain(c) for c in row] for row in ((fig.header,) if fig.header else ()) + fig.rows]
    size, widths = _table_type(ctx, texts, pad, bold_rows=1 if fig.header else 0)
    cell, cell_head = _sized(st.cell, size), _sized(st.cell_head, size)
    head = [Paragraph(ctx.mark.inline(c, bold=True), cell_head) for c in fig.header]
    body = [[Paragraph(ctx.mark.inline(c), cell) for c in row] for row in fig.rows]
    # Rows may split: a cell taller than a page runs on to the next instead of failing (LayoutError).
    rows = [node.child("TR") for _ in range(len(body) + bool(head))]
    # Header cells are column headers; a table without a header row has its first column as row headers.
    widths_of = [len(fig.header)] * bool(head) + [len(r) for r in fig.rows]
    tags = [[row.child("TH", Scope="Column") if head and r == 0 else
             row.child("TH", Scope="Row") if c == 0 and not head else row.child("TD")
             for c in range(n)] for r, (row, n) in enumerate(zip(rows, widths_of))]
    table = KeptRowsTable(([head] if head else []) + body, colWidths=widths, repeatRows=1 if head else 0,
                          hAlign="LEFT", tags=tags)
    first = 1 if head else 0
    commands = [
        *([("BACKGROUND", (0, 0), (-1, 0), ctx.c("primary"))] if head else []),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad * 0.8), ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.9),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, ctx.c("primary")),
    ]
    for r in range(first, len(body) + first):
        if (r - first) % 2 == 1:
            commands.append(("BACKGROUND", (0, r), (-1, r), ctx.c("light")))
    table.setStyle(table_style(ctx, commands))
    return table


def _sized(style, size: float):
    """``style`` at ``size`` points, its leading kept in proportion (the same style when unchanged)."""
    if size == style.fontSize:
        return style
    return ParagraphStyle(f"{style.name}-{size:g}", parent=style, fontSize=size,
                          leading=style.leading * size / style.fontSize)


def timeline_table(ctx: Ctx, fig: TimelineFigure, node: Node) -> KeptRowsTable:
    """Date | event rows joined by an accent rule: reads (and extracts) in order, never overflows."""
    st, pad = ctx.styles, 6.0
    dates = [Paragraph(ctx.mark.text(e.date_text, bold=True), st.cell_date) for e in fig.events]
    events = [Paragraph(ctx.mark.inline(e.text), st.cell) for e in fig.events]
    date_w = max((sum(stringWidth(ch, f.bold, st.cell_date.fontSize) for f, ch in ctx.fonts.runs(e.date_text))
                  for e in fig.events), default=40) + 3 * pad
    date_w = min(date_w, ctx.frame_width * 0.4)
    # an event taller than a page runs on to the next
    rows = [node.child("TR") for _ in fig.events]  # each date heads its row
    table = KeptRowsTable(list(zip(dates, events)), colWidths=[date_w, ctx.frame_width - date_w], hAlign="LEFT",
                          tags=[[row.child("TH", Scope="Row"), row.child("TD")] for row in rows])
    table.setStyle(table_style(ctx, [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, -1), 0), ("RIGHTPADDING", (0, 0), (0, -1), pad * 1.5),
        ("LEFTPADDING", (1, 0), (1, -1), pad * 2), ("RIGHTPADDING", (1, 0), (1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad * 0.7), ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.7),
        ("LINEAFTER", (0, 0), (0, -1), 1.6, ctx.c("accent")),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, ctx.c("light")),
    ]))
    return table


def table_style(ctx: Ctx, commands: list) -> TableStyle:
    """A TableStyle whose cell font is the theme's (reportlab's default would pull in a
    non-embedded Helvetica even when every cell is a Paragraph)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), ctx.fonts.main.name), *commands])


def image(ctx: Ctx, fig: ImageFigure, parent: Node):
    """The image scaled to the frame width and to at most FIGURE_SHARE of its height (its alt text when the
    file cannot be read)."""
    try:
        img = Image(str(fig.path))
        scale = min(1.0, ctx.frame_width / img.imageWidth, ctx.frame_height * FIGURE_SHARE / img.imageHeight)
        img.drawWidth, img.drawHeight = img.imageWidth * scale, img.imageHeight * scale
        img.hAlign = "LEFT"
        return tag(img, parent.child("Figure", Alt=fig.alt))
    except (OSError, ValueError):
        return tag(Paragraph(ctx.mark.text(fig.alt), ctx.styles.source), parent.child("P"))
