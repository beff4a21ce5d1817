"""Slide kinds per item (explicit ``layout`` or inferred), figures alone or beside, Korean inside figures and notes."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation

from generator.localize.document import ImageFigure, Point, Run, plain
from generator.localize.scripts import has_hangul
from generator.outline.loader import LAYOUTS as OUTLINE_HINTS
from generator.render.pptx.kinds import HINTED, SLIDE_KINDS
from generator.render.pptx.renderer import render, render_deck
from generator.style.theme_file import LAYOUTS as THEME_LAYOUTS
from generator.style.theme_file import load_theme
from tests.samples import TEXTS, sample_document

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}


@pytest.fixture(scope="module")
def theme():
    return load_theme()


def one_item(lang: str, **changes):
    doc = sample_document(lang)
    section = doc.sections[0]
    item = dataclasses.replace(section.items[3], **changes)
    return dataclasses.replace(doc, sections=(dataclasses.replace(section, items=(item,)),)), item


def item_slides(data: bytes):
    """The slides between the section divider and the references slide."""
    return list(Presentation(io.BytesIO(data)).slides)[3:-3]


def names(slide) -> list[str]:
    return [s.name for s in slide.shapes]


def two_headed_points(lang):
    t = TEXTS[lang]
    return (Point((Run(t["point1"]),), (Point((Run(t["sub"]),)), Point((Run(t["point2"]),)))),
            Point((Run(t["point2"]),), (Point((Run(t["sub"]),)),)))


def test_one_table_maps_every_outline_hint_and_every_theme_layout():
    """kinds.SLIDE_KINDS is the deck's only map between an item's `layout:` and the theme's deck.layouts."""
    assert sorted(HINTED) == sorted(OUTLINE_HINTS)
    assert {kind.layout for kind in SLIDE_KINDS.values()} == set(THEME_LAYOUTS)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_two_points_with_children_become_two_columns(theme, lang):
    doc, _ = one_item(lang, points=two_headed_points(lang))
    (slide,) = item_slides(render(doc, theme))
    assert {"Left", "Right"} <= set(names(slide))
    left, right = (next(s for s in slide.shapes if s.name == n) for n in ("Left", "Right"))
    assert left.left + left.width < right.left and left.top == right.top
    assert left.text_frame.paragraphs[0].runs[0].font.bold  # the point heads its column


def test_layout_two_column_forces_columns_on_flat_points(theme):
    t = TEXTS["en"]
    points = tuple(Point((Run(f"{t['point1']} {i}"),)) for i in range(4))
    doc, _ = one_item("en", points=points, layout="two-column")
    (slide,) = item_slides(render(doc, theme))
    assert slide.slide_layout.name == "Two Content"
    columns = [s.text_frame.text for s in slide.shapes if s.name in ("Left", "Right")]
    assert columns == [f"{t['point1']} 0\n{t['point1']} 1", f"{t['point1']} 2\n{t['point1']} 3"]


def test_layout_quote_sets_the_first_point_large(theme):
    doc, _ = one_item("ko", layout="quote")
    (slide,) = item_slides(render(doc, theme))
    quote = next(s for s in slide.shapes if s.name == "Quote")
    rest = next(s for s in slide.shapes if s.name == "Points")
    assert quote.text_frame.text == TEXTS["ko"]["point1"]
    assert quote.text_frame.paragraphs[0].runs[0].font.size > rest.text_frame.paragraphs[0].runs[0].font.size
    assert "Quote bar" in names(slide)


def test_layout_title_sets_the_item_like_the_title_slide(theme):
    doc, item = one_item("en", layout="title", points=(Point((Run("One line to remember"),)),))
    (slide,) = item_slides(render(doc, theme))
    assert slide.slide_layout.name == "Title Slide"
    assert slide.shapes.title.text_frame.text == TEXTS["en"]["item"]
    assert slide.has_notes_slide


def test_explicit_figure_layout_puts_the_figure_on_its_own_slide(theme):
    doc = sample_document("en")
    section = doc.sections[0]
    item = dataclasses.replace(section.items[0], layout="chart")  # a small chart that would fit beside
    doc = dataclasses.replace(doc, sections=(dataclasses.replace(section, items=(item,)),))
    text_slide, chart_slide = item_slides(render(doc, theme))
    assert not any(s.has_chart for s in text_slide.shapes)
    assert any(s.has_chart for s in chart_slide.shapes) and chart_slide.slide_layout.name == "Title Only"
    # a figure after the item's points continues nothing: it keeps the item's title (issue 26)
    assert chart_slide.shapes.title.text_frame.text == text_slide.shapes.title.text_frame.text


def test_unsuitable_layout_is_warned_and_inferred(theme):
    doc, item = one_item("en", layout="table")
    data, warnings = render_deck(doc, theme)
    assert [str(w) for w in warnings] == [f"{item.span}: warning: layout 'table' does not suit the item's "
                                          "content; its slide kind is inferred [deck.layout]"]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_image_with_alt_text_caption_and_source(theme, tmp_path, lang):
    path = tmp_path / "picture.png"
    Image.new("RGB", (400, 200), (27, 58, 92)).save(path)
    t = TEXTS[lang]
    figure = ImageFigure(label="Figure 9", title=(Run(t["chart"]),), path=path, alt=f"alt {t['chart']}",
                         source=(Run(t["ref"]),))
    doc, _ = one_item(lang, figure=figure, points=(), body=())
    (slide,) = item_slides(render(doc, theme))
    (pic,) = [s for s in slide.shapes if s.shape_type == 13]
    assert pic._element.xpath("./p:nvPicPr/p:cNvPr/@descr") == [f"alt {t['chart']}"]
    texts = {s.name: s.text_frame.text for s in slide.shapes if s.has_text_frame}
    assert texts["Caption"].startswith("Figure 9") and t["chart"] in texts["Caption"]
    assert t["ref"] in texts["Source"]
    assert abs(pic.width / pic.height - 2.0) < 0.01  # aspect ratio kept


def test_long_glossary_is_set_in_two_columns(theme):
    doc = sample_document("en")
    glossary = tuple(dataclasses.replace(doc.glossary[0], term=f"term {i}") for i in range(12))
    data = render(dataclasses.replace(doc, glossary=glossary), theme)
    slide = list(Presentation(io.BytesIO(data)).slides)[-2]
    columns = [s for s in slide.shapes if s.name.startswith("Glossary ")]
    assert [c.name for c in columns] == ["Glossary Left", "Glossary Right"]
    assert columns[0].text_frame.text.count("term") == 6


def test_agenda_lists_the_sections(theme):
    data = render(sample_document("en"), theme)
    agenda = list(Presentation(io.BytesIO(data)).slides)[1]
    assert agenda.shapes.title.text_frame.text == "Agenda"
    assert TEXTS["en"]["section"] in "".join(s.text_frame.text for s in agenda.shapes if s.has_text_frame)


# -- Korean typography inside charts, tables and notes ---------------------------------------


def _hangul_runs(root):
    for r in root.iter(f"{{{NS['a']}}}r"):
        if has_hangul(r.findtext("a:t", namespaces=NS) or ""):
            yield r


def _assert_korean(runs):
    runs = list(runs)
    assert runs
    for r in runs:
        rpr = r.find("a:rPr", NS)
        assert rpr.find("a:ea", NS).get("typeface") == "NanumGothic" and rpr.get("lang") == "ko-KR"


@pytest.fixture(scope="module")
def ko_parts(theme):
    data = render(sample_document("ko"), theme, notes="both")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: etree.fromstring(z.read(n)) for n in z.namelist() if n.endswith(".xml")}


def test_korean_in_charts_names_the_korean_font_and_language(ko_parts):
    (chart,) = [root for n, root in ko_parts.items() if n.startswith("ppt/charts/chart")]
    text_props = chart.xpath("//c:txPr//a:defRPr", namespaces={**NS, "c": chart.nsmap["c"]})
    assert text_props
    for rpr in text_props:
        assert rpr.find("a:ea", NS).get("typeface") == "NanumGothic" and rpr.get("lang") == "ko-KR"
    _assert_korean(_hangul_runs(chart))  # the axis title


def test_korean_in_tables_keeps_words_whole(ko_parts):
    cells = [tc for n, root in ko_parts.items() if n.startswith("ppt/slides/") for tc in root.iter(f"{{{NS['a']}}}tc")]
    assert cells
    _assert_korean(r for tc in cells for r in _hangul_runs(tc))
    for tc in cells:
        assert all(p.get("eaLnBrk") == "0" for p in tc.iter(f"{{{NS['a']}}}pPr"))


def test_korean_speaker_notes_and_the_other_languages_after_a_marker(ko_parts):
    notes = [root for n, root in ko_parts.items() if n.startswith("ppt/notesSlides/")]
    assert len(notes) == 4
    for root in notes:
        _assert_korean(_hangul_runs(root))
        text = [("".join(p.xpath(".//a:t/text()", namespaces=NS))) for p in root.iter(f"{{{NS['a']}}}p")]
        assert text.index("— EN —") < text.index("other-language notes")
        assert TEXTS["ko"]["notes"] in text[text.index("— EN —") - 1]


def test_an_item_with_only_a_title_still_gets_its_slide(theme):
    doc, item = one_item("en", points=(), body=(), figure=None, layout=None)
    slides = item_slides(render(doc, theme))
    texts = [" ".join(shape.text_frame.text for shape in s.shapes if shape.has_text_frame) for s in slides]
    assert any(plain(item.title) in text for text in texts)
