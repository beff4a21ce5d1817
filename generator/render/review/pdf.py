"""The review PDF: A4 landscape, one table per group, a narrow node/line column then one column per
language, facts resolved per language, flagged texts on a light amber background with their problems.

User text only reaches reportlab through ``Marker`` (script runs, escaped) or ``esc``.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ...errors import Problem
from ...localize.document import Run
from ...localize.localizer import Localizer
from ...outline.inline import parse_inline
from ...outline.model import Outline, Text
from ...style.theme import Theme
from ...style.theme_file import load_theme
from ..pdf.fonts import Fonts, register
from ..pdf.markup import Marker
from ..pdf.page import canvas_maker
from .rows import WHOLE, Group, Row, review_groups

AMBER = HexColor("#FFF1CC")  # flagged cells
AMBER_TEXT = "#8A5A00"  # the problem messages under them
RULE = HexColor("#C8D0DA")
HEADER = HexColor("#EEF2F6")
MARGIN = 12 * mm
PATH_COLUMN = 42 * mm


def render_review(outline: Outline, *, clock: dt.datetime, problems: list[Problem],
                  theme: Theme | None = None) -> bytes:
    """The side-by-side review of ``outline`` as PDF bytes (deterministic for a given clock)."""
    theme = theme or load_theme()
    source = outline.meta.source if outline.meta.source in outline.languages else outline.languages[0]
    sheet = _Sheet(outline, theme, clock, source)
    groups, loose = review_groups(outline, problems)
    story = sheet.front(groups, problems)
    for group in groups:
        story += sheet.group(group)
    if loose:
        story += sheet.loose(loose)
    out = io.BytesIO()
    pagesize = landscape(A4)
    template = SimpleDocTemplate(
        out, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=16 * mm,
        title=f"Review: {sheet.plain(outline.meta.title, source)}", creator="duopress", invariant=1,
        pageCompression=1, initialFontName=sheet.ui.main.name,
    )
    footer = _footer(sheet, Path(outline.path).name, clock, pagesize)
    template.build(story, onFirstPage=footer, onLaterPages=footer, canvasmaker=canvas_maker(clock))
    return out.getvalue()


class _Sheet:
    """Fonts, styles and markup for one review; builds the flowables of each part."""

    def __init__(self, outline: Outline, theme: Theme, clock: dt.datetime, source: str):
        self.outline, self.source = outline, source
        self.langs = outline.languages
        self.ui = register(theme, source)
        accent, link = "#" + str(theme.colors["accent"]), "#" + str(theme.colors["primary"])
        self.fonts: dict[str, Fonts] = {lang: register(theme, lang) for lang in self.langs}
        self.marks = {lang: Marker(fonts, accent, link, notes_inline=True) for lang, fonts in self.fonts.items()}
        self.ui_mark = Marker(self.ui, accent, link)
        self.localizers = {lang: Localizer(outline, lang, clock) for lang in self.langs}
        self.styles = {lang: _style(f"review-{lang}", fonts, 9, 13.5 if fonts.main.script == "hangul" else 12)
                       for lang, fonts in self.fonts.items()}
        self.small = _style("review-small", self.ui, 7.5, 10)
        self.note = _style("review-note", self.ui, 7.5, 10, color=AMBER_TEXT)
        self.h1 = _style("review-h1", self.ui, 16, 21)
        self.h2 = _style("review-h2", self.ui, 11, 15, space_before=8, space_after=3)
        width = landscape(A4)[0] - 2 * MARGIN
        self.widths = [PATH_COLUMN] + [(width - PATH_COLUMN) / len(self.langs)] * len(self.langs)

    def runs(self, text: Text, lang: str) -> tuple[Run, ...]:
        """The text with its facts formatted for ``lang``; as written when a fact is unknown."""
        segments, _ = parse_inline(text[lang])
        if any(s.fact is not None and s.fact not in self.outline.facts for s in segments):
            return (Run(text[lang]),)
        return self.localizers[lang].inline(text)

    def plain(self, text: Text, lang: str) -> str:
        return "".join(run.text for run in self.runs(text, lang))

    def front(self, groups: list[Group], problems: list[Problem]) -> list:
        meta, src = self.outline.meta, self.source
        texts = sum(len(g.rows) for g in groups)
        flagged = sum(1 for g in groups for row in g.rows if row.flagged)
        titles = " / ".join(self.plain(meta.title, lang) for lang in self.langs)
        summary = (f"{Path(self.outline.path).name} · source language {src} · {texts} texts · "
                   f"{flagged} flagged · {len(problems)} problems")
        return [Paragraph(self.ui_mark.text("Translation review"), self.h1),
                Paragraph(self.ui_mark.text(titles), self.h2),
                Paragraph(self.ui_mark.text(summary), self.small), Spacer(1, 4 * mm)]

    def group(self, group: Group) -> list:
        header = [Paragraph(self.ui_mark.text("node · line", bold=True), self.small)] + [
            Paragraph(self.ui_mark.text(lang.upper() + (" (source)" if lang == self.source else ""), bold=True),
                      self.small) for lang in self.langs]
        data, style = [header], _table_style()
        for index, row in enumerate(group.rows, start=1):
            data.append(self.row(row))
            for column, lang in enumerate(self.langs, start=1):
                if row.problems.get(lang) or row.problems.get(WHOLE):
                    style.add("BACKGROUND", (column, index), (column, index), AMBER)
        table = Table(data, colWidths=self.widths, repeatRows=1, splitInRow=1, style=style, hAlign="LEFT")
        return [Paragraph(self.ui_mark.text(group.heading, bold=True), self.h2), table]

    def row(self, row: Row) -> list:
        label = self.ui_mark.text(row.label)
        if row.text.span.line:
            label += "<br/>" + self.ui_mark.text(f"line {row.text.span.line}")
        cells: list = [Paragraph(label, self.small)]
        for lang in self.langs:
            cell = [Paragraph(self.marks[lang].inline(self.runs(row.text, lang)), self.styles[lang])]
            notes = row.problems.get(lang, []) + (row.problems.get(WHOLE, []) if lang == self.source else [])
            cell += [Paragraph(self.ui_mark.text(_describe(p)), self.note) for p in notes]
            cells.append(cell)
        return cells

    def loose(self, problems: list[Problem]) -> list:
        return [Paragraph(self.ui_mark.text("Other problems", bold=True), self.h2)] + [
            Paragraph(self.ui_mark.text(str(p)), self.note) for p in problems]


def _describe(problem: Problem) -> str:
    return f"{problem.level.value}: {problem.message} [{problem.code}]"


def _style(name: str, fonts: Fonts, size: float, leading: float, *, color: str = "#1F2933",
           space_before: float = 0, space_after: float = 0) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=fonts.main.name, fontSize=size, leading=leading,
                          textColor=HexColor(color), spaceBefore=space_before, spaceAfter=space_after)


def _table_style() -> TableStyle:
    return TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ])


def _footer(sheet: _Sheet, name: str, clock: dt.datetime, pagesize):
    stamp = clock.date().isoformat()

    def draw(canvas, doc) -> None:
        line = Paragraph(sheet.ui_mark.text(f"duopress review · {name} · {stamp} · page {doc.page}"), sheet.small)
        line.wrap(pagesize[0] - 2 * MARGIN, 20)
        line.drawOn(canvas, MARGIN, 8 * mm)

    return draw
