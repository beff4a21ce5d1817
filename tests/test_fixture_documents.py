"""Our own documents beyond the essay — a demographic policy brief (ko/en) and a stress outline (ko/en/de:
long labels, 12 categories, a 20-row table, 14 events) — built and reopened as a reader's software would."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from generator.api import build, load_and_check
from generator.outline.model import Chart
from generator.style.theme_file import load_theme

FIXTURES = Path(__file__).parent / "fixtures"
MARGIN = 22 / 25.4 * 72  # the default theme's brief margins, in points


@pytest.fixture(scope="module", params=["demography", "stress"])
def built(request, tmp_path_factory) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp(request.param)
    result = build(FIXTURES / f"{request.param}.yaml", out=out)
    assert not result.failed, [(a.path.name, a.reason) for a in result.failed]
    return request.param, out


def test_every_word_of_every_brief_page_lies_inside_the_margins(built):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) not installed")
    stem, out = built
    for pdf in sorted(out.glob(f"{stem}.*.pdf")):
        bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        width = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
        outside = [word for x0, x1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)', bbox)
            if float(x0) < MARGIN - 1 or float(x1) > width - MARGIN + 1]
        assert outside == [], (pdf.name, outside[:10])


def test_every_chart_series_has_its_key_in_the_brief(built):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) not installed")
    stem, out = built
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(out / f"{stem}.en.pdf"), "-"],
                                             capture_output=True, text=True, check=True).stdout)
    model, _ = load_and_check(FIXTURES / f"{stem}.yaml", load_theme())
    names = [series.name["en"] for item in model.items() if isinstance(item.figure, Chart)
             and len(item.figure.series) > 1 for series in item.figure.series]
    assert names
    for name in names:
        assert re.sub(r"\s+", "", name) in text, name


def test_deck_tables_keep_one_size_and_one_set_of_widths(built):
    stem, out = built
    for deck in sorted(out.glob(f"{stem}.*.pptx")):
        prs = Presentation(io.BytesIO(deck.read_bytes()))
        by_figure: dict[str, list] = {}  # a table's slices share its frame's name (a chart printed as the
        for slide in prs.slides:  # table of its values, where it cannot be legible, is a table of its own)
            for shape in slide.shapes:
                if shape.has_table:
                    by_figure.setdefault(shape.name, []).append(shape.table)
        for name, tables in by_figure.items():
            widths = {tuple(column.width for column in table.columns) for table in tables}
            sizes = {run.font.size for table in tables for row in table.rows for cell in row.cells
                     for paragraph in cell.text_frame.paragraphs for run in paragraph.runs}
            assert len(widths) <= 1 and len(sizes) <= 1, (deck.name, name)
            counts = [len(table.rows) - 1 for table in tables]
            assert max(counts) - min(counts) <= 1, (deck.name, name, counts)


def test_pie_labels_are_percent_not_fractions(built):
    stem, out = built
    for deck in sorted(out.glob(f"{stem}.*.pptx")):
        prs = Presentation(io.BytesIO(deck.read_bytes()))
        for slide in prs.slides:
            for shape in slide.shapes:
                if shape.has_chart and shape.chart.plots[0].__class__.__name__ == "PiePlot":
                    labels = list(shape.chart.plots[0].categories)  # the key: "name  value" per slice
                    assert not any(re.search(r"\b0[.,]\d{2,}\b", label) for label in labels), labels
                    if stem == "demography":  # its pie is of percent facts (the stress pie: plain numbers)
                        assert all("%" in label for label in labels), (deck.name, labels)
