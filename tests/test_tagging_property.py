"""Tagging over generated documents: paragraphs of any length in both scripts (split over pages), data tables
of any size (split by row and within a row, their header repeated), footnotes and links — the brief always
passes pdfua, tags or marks as artifact every text, and its tree reads in the order the text is laid out."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from a11y import pdfua_findings, pieces, tree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from samples import sample_document

from generator.localize.document import Run, TableFigure
from generator.render.pdf.renderer import render
from generator.style.theme_file import load_theme

WORDS = st.sampled_from(["인공지능", "AI", "모델", "GPT-4", "국제정치", "sovereign", "데이터", "2024년", "R&D", "<b>"])
TEXT = st.lists(WORDS, min_size=1, max_size=400).map(" ".join)


@pytest.fixture(scope="module")
def theme():
    return load_theme()


def _document(lang: str, body: str, rows: int, cell: str, note: bool):
    doc = sample_document(lang)
    section = doc.sections[0]
    first, table_item, *rest = section.items
    runs = (Run(body),) + ((Run("", note=(Run("각주 " + cell),)),) if note else ())
    first = replace(first, body=(runs,) + first.body)
    figure = table_item.figure
    assert isinstance(figure, TableFigure)
    figure = replace(figure, rows=tuple(((Run(f"{i}"),), (Run(cell),)) for i in range(rows)))
    items = (first, replace(table_item, figure=figure), *rest)
    return replace(doc, sections=(replace(section, items=items),))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lang=st.sampled_from(["ko", "en"]), body=TEXT, rows=st.integers(1, 60), cell=TEXT, note=st.booleans())
def test_any_brief_is_tagged_and_reads_in_order(theme, tmp_path_factory, lang, body, rows, cell, note):
    path = tmp_path_factory.mktemp("tagged") / "brief.pdf"
    path.write_bytes(render(_document(lang, body, rows, cell, note), theme))
    assert pdfua_findings(path) == []
    drawn = pieces(path)
    assert [p for p in drawn if p.mcid is None and not p.artifact and p.text.strip()] == []
    by_mcid: dict[tuple[int, int], str] = {}
    for piece in drawn:
        if not piece.artifact and piece.mcid is not None:
            by_mcid[(piece.page, piece.mcid)] = by_mcid.get((piece.page, piece.mcid), "") + piece.text
    root = tree(path)
    notes = {key for e in root.walk() if e.role == "Note" for key in e.mcids()}
    order = [key for key in root.mcids() if key not in notes]
    in_tree = "".join(by_mcid.get(k, "") for k in order)
    laid_out = "".join(p.text for p in drawn if not p.artifact and p.mcid is not None and (p.page, p.mcid) not in notes)
    assert re.sub(r"\s+", "", in_tree) == re.sub(r"\s+", "", laid_out)
    tables = [e for e in root.walk() if e.role == "Table"]
    data = next(t for t in tables if len([r for r in t.kids if r.role == "TR"]) == rows + 1)
    assert all(cell.role == "TH" for cell in data.kids[0].kids)  # the header row once, not its repeats
