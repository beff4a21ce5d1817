"""Tables and timelines that continue over slides: balanced slides, one size and one set of column widths,
the header on every slide, "(cont.)" in the title."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from pptx import Presentation
from pptx.util import Pt

from generator.localize.document import Run, TableFigure, TimelineEvent, TimelineFigure
from generator.render.pptx.renderer import render
from generator.style.theme_file import load_theme
from tests.samples import sample_document


@pytest.fixture(scope="module")
def theme():
    return load_theme()


def _deck_with(figure, lang: str = "en") -> Presentation:
    doc = sample_document(lang)
    item = dataclasses.replace(doc.sections[0].items[0], points=(), body=(), figure=figure)
    doc = dataclasses.replace(doc, sections=(dataclasses.replace(doc.sections[0], items=(item,)),))
    return Presentation(io.BytesIO(render(doc, load_theme())))


def _long_table(rows: int) -> TableFigure:
    header = tuple((Run(h),) for h in ("Company", "Country", "Model family and notes", "Parameters"))
    body = tuple(((Run(f"Company {i}"),), (Run("Germany" if i % 2 else "Korea"),),
                  (Run(f"A model family with a longer description number {i}"),), (Run(f"{i * 7}B"),))
                 for i in range(rows))
    return TableFigure(label="Table 1", title=(Run("Models"),), header=header, rows=body, alt="models")


def _tables(prs):
    return [(slide, shape.table) for slide in prs.slides for shape in slide.shapes if shape.has_table]


def test_a_long_table_continues_on_balanced_slides_with_one_size_and_one_set_of_widths():
    prs = _deck_with(_long_table(20))
    tables = _tables(prs)
    assert len(tables) >= 2
    counts = [len(table.rows) - 1 for _, table in tables]  # without the header
    assert sum(counts) == 20 and max(counts) - min(counts) <= 1  # balanced, not 8 + 8 + 2 + 2
    widths = {tuple(col.width for col in table.columns) for _, table in tables}
    assert len(widths) == 1
    sizes = {run.font.size for _, table in tables for row in table.rows for cell in row.cells
             for p in cell.text_frame.paragraphs for run in p.runs}
    assert len(sizes) == 1 and sizes.pop() >= Pt(14)
    assert all(table.cell(0, 0).text == "Company" for _, table in tables)  # the header on every slide
    titles = [slide.shapes.title.text for slide, _ in tables]
    assert all("(cont.)" in title for title in titles[1:])


def test_a_short_table_stays_on_one_slide():
    assert len(_tables(_deck_with(_long_table(4)))) == 1


def test_a_long_timeline_keeps_one_size_across_its_slides():
    events = tuple(TimelineEvent(dt.date(2000 + i, 1, 1), f"{2000 + i}",
                                 (Run(f"Milestone {i}: a policy change with a much longer description that needs "
                                      "several lines of text below or above its marker"),))
                   for i in range(14))
    prs = _deck_with(TimelineFigure(label="Figure 1", title=(Run("Milestones"),), events=events, alt="t"))
    slides = [s for s in prs.slides if any(sh.name.startswith("Figure 1 event") for sh in s.shapes)]
    assert len(slides) >= 2
    per_slide = [sum(1 for sh in s.shapes if sh.name.startswith("Figure 1 event")) for s in slides]
    assert sum(per_slide) == 14 and max(per_slide) - min(per_slide) <= 1
    sizes = {run.font.size for s in slides for sh in s.shapes if sh.name.startswith("Figure 1 event")
             for p in sh.text_frame.paragraphs for run in p.runs if run.font.size}
    assert len(sizes) == 1
