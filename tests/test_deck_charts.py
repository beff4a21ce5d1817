"""Deck charts read like the facts and stay legible: every data label is the localized text of its value,
every category name is drawn, long names turn a column chart into a bar chart."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile

import pytest

from generator.localize.document import ChartFigure, Run, Series
from generator.render.pptx.renderer import render
from generator.style.theme_file import load_theme
from tests.samples import sample_document


def _chart_xml(figure: ChartFigure, lang: str = "en") -> str:
    doc = sample_document(lang)
    item = dataclasses.replace(doc.sections[0].items[0], figure=figure, points=(), body=())
    doc = dataclasses.replace(doc, sections=(dataclasses.replace(doc.sections[0], items=(item,)),))
    package = zipfile.ZipFile(io.BytesIO(render(doc, load_theme())))
    (name,) = [n for n in package.namelist() if re.fullmatch(r"ppt/charts/chart\d+\.xml", n)]
    return package.read(name).decode("utf-8")


def _labels(xml: str) -> list[str]:
    return re.findall(r"<c:dLbl>.*?<a:t>([^<]*)</a:t>", xml, flags=re.S)


PIE = ChartFigure(kind="pie", label="Abbildung 1", title=(Run("Alter"),), categories=("0–14", "15–64", "65+"),
                  series=(Series("Anteil", (0.112, 0.714, 0.174), ("11,2 %", "71,4 %", "17,4 %")),),
                  number_format="0.0%", axis_title=None, alt="Alter")


def test_a_pie_of_percent_facts_keys_its_slices_as_percent_in_the_decks_language():
    """The key beside the pie names each slice with its localized value (labels around a pie collide at thin
    slices): the category names the legend shows are "65+  17,4 %"."""
    xml = _chart_xml(PIE)
    names = re.findall(r"<c:cat>.*?</c:cat>", xml, flags=re.S)[0]
    keyed = re.findall(r"<c:v>([^<]*)</c:v>", names)
    assert keyed == ["0–14  11,2 %", "15–64  71,4 %", "65+  17,4 %"]
    assert "<c:legend>" in xml and "<c:dLbl>" not in xml


@pytest.mark.parametrize("kind", ["column", "bar", "line"])
def test_every_data_label_is_the_localized_value(kind):
    values = (1.24, 1.5, 0.69)
    figure = ChartFigure(kind=kind, label="Abbildung 2", title=(Run("Raten"),), categories=("A", "B", "C"),
                         series=(Series("Rate", values, ("1,24", "1,50", "0,69")),), number_format="#,##0.00",
                         axis_title=None, alt="Raten")
    labels = _labels(_chart_xml(figure))
    assert sorted(labels) == ["0,69", "1,24", "1,50"]


def test_long_category_names_turn_a_column_chart_horizontal_and_are_all_drawn():
    names = tuple(f"Category number {i} with a rather long descriptive label" for i in range(12))
    figure = ChartFigure(kind="column", label="Figure 3", title=(Run("Stress"),), categories=names,
                         series=(Series("A", tuple(float(i) for i in range(12)), tuple(str(i) for i in range(12))),),
                         number_format="#,##0", axis_title=None, alt="stress")
    xml = _chart_xml(figure)
    assert '<c:barDir val="bar"/>' in xml
    assert '<c:tickLblSkip val="1"/>' in xml
    for name in names:
        assert name in xml


def test_a_line_of_several_series_is_labelled_at_its_last_point():
    figure = ChartFigure(kind="line", label="Figure 4", title=(Run("Lines"),), categories=("2020", "2021", "2022"),
                         series=(Series("Korea", (0.84, 0.81, 0.78), ("0.84", "0.81", "0.78")),
                                 Series("OECD", (1.6, 1.58, 1.51), ("1.60", "1.58", "1.51"))),
                         number_format="0.00", axis_title=None, alt="lines")
    assert sorted(_labels(_chart_xml(figure))) == ["0.78", "1.51"]


def test_a_chart_too_crowded_for_its_slide_is_a_located_warning():
    from generator.render.pptx.renderer import render_deck

    names = tuple(f"Category number {i} with a rather long descriptive label" for i in range(12))
    figure = ChartFigure(kind="bar", label="Figure 5", title=(Run("Crowded"),), categories=names,
                         series=(Series("A", tuple(float(i) for i in range(12)), tuple(str(i) for i in range(12))),
                                 Series("B", tuple(float(i) for i in range(12)), tuple(str(i) for i in range(12)))),
                         number_format="#,##0", axis_title=None, alt="crowded")
    doc = sample_document("en")
    item = dataclasses.replace(doc.sections[0].items[0], figure=figure, points=(), body=())
    doc = dataclasses.replace(doc, sections=(dataclasses.replace(doc.sections[0], items=(item,)),))
    _, warnings = render_deck(doc, load_theme())
    (warning,) = [w for w in warnings if w.code == "chart.illegible"]
    assert warning.span == item.span and "12 categories × 2 series" in warning.message


def test_a_chart_that_fits_its_slide_draws_without_warning():
    from generator.render.pptx.renderer import render_deck

    figure = ChartFigure(kind="bar", label="Figure 6", title=(Run("Fine"),), categories=("A", "B", "C"),
                         series=(Series("A", (1.0, 2.0, 3.0), ("1", "2", "3")),), number_format="#,##0",
                         axis_title=None, alt="fine")
    doc = sample_document("en")
    item = dataclasses.replace(doc.sections[0].items[0], figure=figure, points=(), body=())
    doc = dataclasses.replace(doc, sections=(dataclasses.replace(doc.sections[0], items=(item,)),))
    assert [w for w in render_deck(doc, load_theme())[1] if w.code == "chart.illegible"] == []


def test_an_illegible_chart_is_one_warning_per_language_and_a_table(tmp_path, capsys):
    """A chart no slide can show legibly is said once per language, at the chart, and built as the table of its
    values (localize/chartfit.py), so no deck meets it crowded."""
    from generator.cli import main

    cats = ", ".join(f"{{ko: 범주 {i}, en: Category {i}}}" for i in range(24))
    path = tmp_path / "o.yaml"
    path.write_text(f"""duopress: 1
languages: [ko, en]
meta:
  title: {{ko: 제목, en: Title}}
  date: 2024-12-01
  organisation: {{ko: 기관, en: Institute}}
sections:
  - id: s
    title: {{ko: 부분, en: Part}}
    items:
      - id: i
        title: {{ko: 항목, en: Item}}
        figure:
          kind: bar
          title: {{ko: 범주별 값, en: Values by category}}
          categories: [{cats}]
          series:
            - name: {{ko: 값, en: Value}}
              values: [{", ".join(str(i + 1) for i in range(24))}]
""", encoding="utf-8")
    assert main(["check", str(path)]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if "[chart.illegible]" in line]
    assert lines == [f"{path}:14:11: warning: sections[0].items[0].figure: {lang}: its 24 categories × 1 series "
                     "need 623 pt of height at 16 pt, the deck's chart box has 288 pt; "
                     "the build shows a table of its values instead, in every "
                     "language so the decks stay in step (split the chart or shorten the names to keep it a chart) "
                     "[chart.illegible]" for lang in ("ko", "en")]
