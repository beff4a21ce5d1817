"""The PowerPoint renderer, checked by reopening what it wrote (python-pptx, zip parts, XML)."""

from __future__ import annotations

import dataclasses
import io
import re
import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from generator.localize.document import Point, Run
from generator.localize.scripts import has_hangul
from generator.render.pptx.renderer import DeckOverflow, render, render_deck
from generator.style.measure import Faces, text_width, wrap
from generator.style.theme_file import load_theme
from tests.samples import CLOCK, TEXTS, sample_document

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
}
SLIDES_IN_SAMPLE = 10  # title, agenda, section, 4 items, references, glossary, closing


@pytest.fixture(scope="module")
def theme():
    return load_theme()


@pytest.fixture(scope="module")
def decks(theme):
    return {lang: render(sample_document(lang), theme) for lang in ("ko", "en")}


def parts(data: bytes, pattern: str = r".*\.xml$") -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: etree.fromstring(z.read(n)) for n in z.namelist() if re.fullmatch(pattern, n)}


def runs(data: bytes, pattern=r"ppt/(slides|notesSlides|charts)/.*\.xml"):
    for root in parts(data, pattern).values():
        yield from root.iter(f"{{{NS['a']}}}r")


def all_text(data: bytes) -> str:
    """Paragraph texts (runs joined as they read) and chart values, one space between them."""
    texts = []
    for root in parts(data, r"ppt/(slides|notesSlides|charts)/.*\.xml").values():
        texts += ["".join(p.xpath(".//a:t/text()", namespaces=NS)) for p in root.iter(f"{{{NS['a']}}}p")]
        texts += root.xpath("//c:v/text()", namespaces=NS)
    return " ".join(" ".join(texts).split())


def squash(text: str) -> str:
    return "".join(text.split())


# -- structure --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_slide_count_and_size(decks, lang):
    prs = Presentation(io.BytesIO(decks[lang]))
    assert len(prs.slides) == SLIDES_IN_SAMPLE
    assert (prs.slide_width, prs.slide_height) == (12191695, 6858000)  # 13.333 × 7.5 in


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_slide_has_a_filled_title_placeholder(decks, lang):
    for slide in Presentation(io.BytesIO(decks[lang])).slides:
        assert slide.shapes.title is not None and slide.shapes.title.text_frame.text.strip()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_sample_text_is_in_the_deck(decks, lang):
    t = TEXTS[lang]
    expected = [t[k] for k in ("title", "subtitle", "org", "date", "section", "item", "point1", "point2",
                               "sub", "notes", "chart", "series", "axis", "table", "timeline", "ref")]
    expected += [*t["cats"], *t["cols"], *t["events"], *t["dates"], *t["term"]]
    expected += [cell for row in t["rows"] for cell in row]
    text = squash(all_text(decks[lang]))  # runs split by script: compare without whitespace
    missing = [e for e in expected if squash(e) not in text]
    assert not missing


def test_footer_numbers_and_event(decks):
    prs = Presentation(io.BytesIO(decks["en"]))
    texts = [s.text_frame.text for s in prs.slides[3].shapes if s.has_text_frame]
    assert f"4 / {SLIDES_IN_SAMPLE}" in texts
    assert TEXTS["en"]["org"] in texts and TEXTS["en"]["date"] in texts


# -- Korean typography ------------------------------------------------------------------------


def test_hangul_runs_have_east_asian_font_and_korean_tag(decks):
    hangul = [r for r in runs(decks["ko"]) if has_hangul(r.findtext("a:t", namespaces=NS) or "")]
    assert len(hangul) > 30
    for r in hangul:
        rpr = r.find("a:rPr", NS)
        assert rpr.find("a:ea", NS).get("typeface") == "NanumGothic"
        assert rpr.find("a:latin", NS).get("typeface") == "Noto Sans"
        assert rpr.get("lang") == "ko-KR"
        children = [etree.QName(c).localname for c in rpr]
        assert children.index("latin") + 1 == children.index("ea")  # schema order


def test_latin_runs_inside_korean_text_are_tagged_english(decks):
    latin = [r for r in runs(decks["ko"]) if r.findtext("a:t", namespaces=NS) == "GPT"]
    assert latin
    for r in latin:
        rpr = r.find("a:rPr", NS)
        assert rpr.find("a:latin", NS).get("typeface") == "Noto Sans"
        assert rpr.get("lang") == "en-US"


def test_korean_paragraphs_keep_words_whole(decks):
    paragraphs = [p for root in parts(decks["ko"], r"ppt/slides/.*\.xml").values()
                  for p in root.iter(f"{{{NS['a']}}}p") if p.find("a:r", NS) is not None]
    assert paragraphs
    for p in paragraphs:
        ppr = p.find("a:pPr", NS)
        assert (ppr.get("eaLnBrk"), ppr.get("latinLnBrk")) == ("0", "0")


def test_theme_part_names_hangul_and_latin_fonts(decks):
    theme = parts(decks["ko"], r"ppt/theme/theme1\.xml")["ppt/theme/theme1.xml"]
    for group in ("majorFont", "minorFont"):
        font = theme.find(f".//a:{group}", NS)
        assert font.find("a:latin", NS).get("typeface") == "Noto Sans"
        assert font.find("a:ea", NS).get("typeface") == "NanumGothic"
        assert font.xpath("a:font[@script='Hang']/@typeface", namespaces=NS) == ["NanumGothic"]


def test_run_styles(theme):
    doc = sample_document("ko")
    section = doc.sections[0]
    item = dataclasses.replace(section.items[3], points=(Point((
        Run("강조", emphasis=True), Run(" and "), Run("stress", emphasis=True), Run("2", superscript=True),
        Run(" 링크", href="https://example.org/x"))),))
    doc = dataclasses.replace(doc, sections=(dataclasses.replace(section, items=(item,)),))
    data = render(doc, theme)
    by_text = {r.findtext("a:t", namespaces=NS): r.find("a:rPr", NS) for r in runs(data)}
    assert by_text["강조"].get("b") == "1" and by_text["강조"].get("i") is None
    assert by_text["강조"].find("a:solidFill/a:srgbClr", NS).get("val") == theme.colors["accent_text"]
    assert by_text["stress"].get("i") == "1"
    assert by_text["2"].get("baseline") == "30000"
    assert by_text[" 링크"].find("a:hlinkClick", NS) is not None


# -- figures ----------------------------------------------------------------------------------


def test_chart_is_native_with_localised_categories(decks):
    charts = parts(decks["ko"], r"ppt/charts/chart\d+\.xml")
    assert len(charts) == 1
    chart = next(iter(charts.values()))
    assert chart.find(".//c:barChart", NS) is not None
    categories = chart.xpath("//c:cat//c:pt/c:v/text()", namespaces=NS)
    assert sorted(categories) == sorted(TEXTS["ko"]["cats"])
    assert chart.xpath("//c:dLbls/c:numFmt/@formatCode", namespaces=NS) == ["0"]
    assert chart.xpath("//c:valAx/c:numFmt/@formatCode", namespaces=NS) == ["0"]
    assert chart.xpath("//c:txPr//a:ea/@typeface", namespaces=NS)[0] == "NanumGothic"
    assert all(int(v) > 0 for v in chart.xpath("//c:axId/@val", namespaces=NS))
    with zipfile.ZipFile(io.BytesIO(decks["ko"])) as z:
        assert any(n.startswith("ppt/embeddings/") and n.endswith(".xlsx") for n in z.namelist())


def test_chart_and_table_frames_have_alt_text(decks):
    slides = Presentation(io.BytesIO(decks["ko"])).slides
    frames = [s for slide in slides for s in slide.shapes if s.has_chart or s.has_table]
    assert len(frames) == 2
    for frame in frames:
        assert frame._element.xpath("./*[1]/p:cNvPr/@descr")[0] in (TEXTS["ko"]["chart"], TEXTS["ko"]["table"])


def test_table_is_native(decks):
    slides = Presentation(io.BytesIO(decks["ko"])).slides
    tables = [s.table for slide in slides for s in slide.shapes if s.has_table]
    assert len(tables) == 1
    cells = [[squash(c.text) for c in row.cells] for row in tables[0].rows]
    assert cells[0] == [squash(c) for c in TEXTS["ko"]["cols"]]
    assert cells[1:] == [[squash(c) for c in row] for row in TEXTS["ko"]["rows"]]


def test_timeline_is_drawn_with_native_shapes(decks):
    slide = Presentation(io.BytesIO(decks["en"])).slides[5]
    names = [s.name for s in slide.shapes]
    assert sum("marker" in n for n in names) == 3
    # by event (the slide lists its shapes in reading order: the labels above the axis first)
    labels = sorted((s for s in slide.shapes if " event " in s.name), key=lambda s: s.name)
    assert [s.top < labels[1].top for s in labels] == [True, False, True]  # above, below, above


# -- notes ------------------------------------------------------------------------------------


def test_notes_on_content_slides(decks, theme):
    prs = Presentation(io.BytesIO(decks["ko"]))
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    assert len(notes) == 4 and all(squash(TEXTS["ko"]["notes"]) in squash(n) for n in notes)
    both = Presentation(io.BytesIO(render(sample_document("ko"), theme, notes="both")))
    text = both.slides[3].notes_slide.notes_text_frame.text
    assert "other-language notes" in text and "— EN —" in text


def test_unknown_notes_mode_is_refused(theme):
    with pytest.raises(ValueError, match="notes must be one of own, both"):
        render(sample_document("en"), theme, notes="other")


# -- text safety ------------------------------------------------------------------------------


def _without_points(doc):
    """Item 1.4 with no points: the deck shows its brief paragraphs (markup-looking, long unspaced)."""
    section = doc.sections[0]
    items = section.items[:3] + (dataclasses.replace(section.items[3], points=()),)
    return dataclasses.replace(doc, sections=(dataclasses.replace(section, items=items),))


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_markup_looking_text_stays_literal(theme, lang):
    data = render(_without_points(sample_document(lang)), theme)
    text = all_text(data)
    assert "R&D < 5%" in text and "<b>" in text
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = b"".join(z.read(n) for n in z.namelist() if n.startswith("ppt/slides/slide"))
    assert b"R&amp;D &lt; 5%" in xml and b"b&gt;" in xml and b"_x00" not in xml  # escaped, not parsed


def test_long_unspaced_hangul_word_does_not_crash(theme):
    doc = sample_document("ko")
    section = doc.sections[0]
    long_word = TEXTS["ko"]["unspaced"] * 3
    item = dataclasses.replace(section.items[0], points=(Point((Run(long_word),)),))
    doc = dataclasses.replace(doc, sections=(dataclasses.replace(section, items=(item,)),))
    data, warnings = render_deck(doc, theme)
    assert squash(long_word) in squash(all_text(data))
    assert isinstance(warnings, list)


def _with_points(doc, points):
    section = doc.sections[0]
    item = dataclasses.replace(section.items[3], points=points)
    return dataclasses.replace(doc, sections=(dataclasses.replace(section, items=(item,)),)), item


def test_many_points_continue_on_further_slides_without_warnings(theme):
    doc, _ = _with_points(sample_document("en"), tuple(Point((Run(TEXTS["en"]["body"]),)) for _ in range(12)))
    data, warnings = render_deck(doc, theme)
    titles = [s.shapes.title.text_frame.text for s in Presentation(io.BytesIO(data)).slides]
    continued = [t for t in titles if t.startswith(TEXTS["en"]["item"])]
    assert len(continued) > 1 and all(t.endswith("(cont.)") for t in continued[1:])
    assert warnings == []


def test_overflow_stops_with_the_items_location_slide_and_language(theme):
    doc, item = _with_points(sample_document("en"), (Point((Run(TEXTS["en"]["body"] * 25),)),))
    with pytest.raises(DeckOverflow) as caught:
        render_deck(doc, theme)
    assert (caught.value.where, caught.value.slide, caught.value.lang) == (item.span, 4, "en")
    assert str(caught.value) == (f"{item.span}: error: slide 4 (en): the points “After OpenAI released ChatGPT on "
                                 "November 30, 2022, AI…” do not fit their box even at 14pt: about 2117 characters "
                                 "fit (they have 3075); shorten them [deck.overflow]")


# -- measuring --------------------------------------------------------------------------------


def test_text_width_uses_real_advances(theme):
    narrow, wide = text_width("iiii", theme.latin, 20), text_width("MMMM", theme.latin, 20)
    assert 0 < narrow < wide
    assert text_width("가", theme.scripts["hangul"], 10) == pytest.approx(10 * 0.92, rel=0.15)


def test_wrap_keeps_korean_words_whole_and_splits_only_overlong_words(theme):
    faces = Faces(theme.latin, theme.scripts["hangul"])
    text = "국제정치적 함의와 인공지능 기술의 발전 동향을 살펴본다"
    lines = wrap(text, 120, faces, 14)
    assert len(lines) > 1 and " ".join(lines) == text
    long_word = "가나다라마바사아자차카타파하" * 4
    pieces = wrap(long_word, 120, faces, 14)
    assert "".join(pieces) == long_word and all(faces.width(p, 14) <= 120 for p in pieces)


# -- determinism and metadata -----------------------------------------------------------------


def test_two_renders_are_byte_identical(theme):
    first = render(sample_document("ko"), theme)
    time.sleep(1.1)  # zip and workbook timestamps have a resolution of one or two seconds
    assert render(sample_document("ko"), theme) == first


def test_core_properties_and_zip_times_follow_the_clock(decks):
    prs = Presentation(io.BytesIO(decks["ko"]))
    props = prs.core_properties
    assert props.title == TEXTS["ko"]["title"] and props.language == "ko-KR"
    assert props.created == props.modified == CLOCK.replace(tzinfo=None)
    assert props.revision == 1 and props.author == TEXTS["ko"]["org"]
    with zipfile.ZipFile(io.BytesIO(decks["ko"])) as z:
        assert {i.date_time for i in z.infolist()} == {(2024, 12, 1, 0, 0, 0)}


def test_renderer_imports_only_what_it_may():
    package = Path(__file__).resolve().parents[1] / "generator" / "render" / "pptx"
    source = "\n".join(p.read_text(encoding="utf-8") for p in package.glob("*.py"))
    assert not re.search(r"^\s*(import|from)\s+(yaml|babel|reportlab)\b", source, re.M)
    assert not re.search(r"from \.\.\.(load|i18n)\b", source)
