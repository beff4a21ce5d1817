"""Chart numbers read like the facts: one precision per series, the language's signs on the brief's axis,
the same labels in deck and brief, percent facts as percent."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from generator.api import build, load_and_check
from generator.localize.document import ChartFigure
from generator.localize.localizer import decimal_places, localize
from generator.style.theme_file import load_theme

FIXTURES = Path(__file__).parent / "fixtures"
CHART = '''        figure:
          kind: line
          title: {ko: 비율, en: Rates, de: "Raten"}
          categories: [{ko: 가, en: A, de: "A"}, {ko: 나, en: B, de: "B"}, {ko: 다, en: C, de: "C"}]
          series:
            - name: {ko: 비율, en: Rate, de: "Rate"}
              values: [0.7, 0.69, 1.5]
'''


@pytest.fixture(scope="module")
def outline(tmp_path_factory) -> Path:
    text = (FIXTURES / "trilingual.yaml").read_text(encoding="utf-8")
    text = text[: text.index("        figure:")] + CHART
    path = tmp_path_factory.mktemp("numbers") / "rates.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _chart(path: Path, lang: str) -> ChartFigure:
    model, problems = load_and_check(path, load_theme())
    assert model is not None and not any(p.is_error for p in problems), problems
    doc = localize(model, lang, dt.datetime(2024, 12, 1, tzinfo=dt.UTC), "test", path.stem)
    (figure,) = [i.figure for s in doc.sections for i in s.items if isinstance(i.figure, ChartFigure)]
    return figure


def test_one_precision_per_series_chosen_from_the_data(outline):
    assert _chart(outline, "en").series[0].labels == ("0.70", "0.69", "1.50")
    assert _chart(outline, "de").series[0].labels == ("0,70", "0,69", "1,50")
    assert _chart(outline, "en").tick_labels == ("0.0", "0.5", "1.0", "1.5", "2.0")  # nice steps, not 0.00
    assert _chart(outline, "en").number_format == "#,##0.0"
    assert decimal_places([35.0, 40.0]) == 0 and decimal_places([0.7, 0.69]) == 2


def test_the_german_brief_axis_and_labels_use_german_signs(outline, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) not installed")
    build(outline, langs="de", formats="pdf", out=tmp_path)
    text = subprocess.run(["pdftotext", str(tmp_path / "rates.de.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "1,50" in text and "0,69" in text and "0,70" in text
    assert not re.search(r"\b[01]\.[0-9]{2}\b", text)  # no English-style tick or label


def test_deck_and_brief_show_the_same_labels(outline, tmp_path):
    build(outline, langs="de", formats="pptx", out=tmp_path)
    package = zipfile.ZipFile(io.BytesIO((tmp_path / "rates.de.pptx").read_bytes()))
    (name,) = [n for n in package.namelist() if re.fullmatch(r"ppt/charts/chart\d+\.xml", n)]
    labels = re.findall(r"<c:dLbl>.*?<a:t>([^<]*)</a:t>", package.read(name).decode("utf-8"), flags=re.S)
    assert sorted(labels) == sorted(_chart(outline, "de").series[0].labels)


def test_a_pie_of_percent_facts_is_labelled_in_percent(tmp_path):
    model, _ = load_and_check(FIXTURES / "demography.yaml", load_theme())
    doc = localize(model, "en", dt.datetime(2024, 12, 1, tzinfo=dt.UTC), "test", "demography")
    pies = [i.figure for s in doc.sections for i in s.items if isinstance(i.figure, ChartFigure)
            and i.figure.kind == "pie"]
    assert pies and all(label.endswith("%") for pie in pies for label in pie.series[0].labels)
    assert all(pie.number_format.endswith("%") for pie in pies)
