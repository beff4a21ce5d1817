"""The brief's page craft: a heading never ends a page, the colophon never stands alone, and emphasis
nests (bold through an italic part; bold italic shown, though no bold-italic face is bundled)."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess

import pytest
from samples import sample_document

from generator.localize.document import ChartFigure, Run, Series
from generator.outline.inline import parse_inline
from generator.render.pdf.fonts import register
from generator.render.pdf.markup import Marker
from generator.render.pdf.renderer import render
from generator.style.theme_file import load_theme

CAPTION, HEADING = "Captionword", "Strandedheading"


@pytest.fixture(scope="module")
def theme():
    return load_theme()


def pages(pdf: bytes, tmp_path) -> list[str]:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return text.split("\f")[:-1]


def filled(lang: str, lines: int, *, chart: bool = True):
    """The sample brief with one item of ``lines`` one-line paragraphs, then (``chart``) an item whose
    heading is followed directly by a chart: as ``lines`` grows, that heading moves down the page."""
    doc = sample_document(lang)
    section = doc.sections[0]
    first = section.items[0]
    filler = tuple((Run(f"Filler line {i} that is short."),) for i in range(lines))
    items = [dataclasses.replace(first, id="a", number="1.1", body=filler, figure=None, citations=())]
    if chart:
        figure = ChartFigure(kind="column", label="Figure 9", title=(Run(f"{CAPTION} chart"),),
                             categories=("A", "B"), series=(Series("S", (1.0, 2.0), ("1", "2")),),
                             number_format="#,##0", axis_title="", alt="x")
        items.append(dataclasses.replace(first, id="b", number="1.2", title=(Run(HEADING),), body=(), points=(),
                                         figure=figure, citations=()))
    return dataclasses.replace(doc, sections=(dataclasses.replace(section, items=tuple(items)),))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_heading_before_a_chart_shares_the_charts_page(theme, tmp_path, lang):
    """A chart is kept with its caption; the heading before it once stayed alone at a page's foot
    (reportlab keeps a heading only with a flowable that is not a KeepTogether). Every position of the
    heading down the second page, one filler line at a time over the range where it was stranded."""
    for lines in range(22, 46, 2):
        for page in pages(render(filled(lang, lines), theme), tmp_path):
            if HEADING in page and "Filler line 0 " not in page.replace("\n", " "):  # not the contents' page
                assert CAPTION in page, (lines, page)


def test_the_colophon_never_stands_alone(theme, tmp_path):
    """The colophon keeps the last lines of the glossary with it, wherever the page breaks."""
    last_term = sample_document("en").glossary[-1].term
    for lines in range(26, 42):  # one line at a time: the window where it fell alone is one line wide
        last = pages(render(filled("en", lines, chart=False), theme), tmp_path)[-1]
        assert "Made with" in last and last_term in last, (lines, last)


@pytest.mark.parametrize("source, runs", [
    ("**bold *italic* bold**", [("bold ", True, False), ("italic", True, True), (" bold", True, False)]),
    ("***bold italic***", [("bold italic", True, True)]),
    ("*it **bold** it*", [("it ", False, True), ("bold", True, True), (" it", False, True)]),
    ("**a *b***", [("a ", True, False), ("b", True, True)]),
    ("***a** b*", [("a", True, True), (" b", False, True)]),
])
def test_inner_emphasis_never_turns_the_outer_off(source, runs):
    segments, problems = parse_inline(source)
    assert [(s.text, s.bold, s.emphasis) for s in segments] == runs
    assert problems == ()


@pytest.mark.parametrize("lang, word", [("en", "both"), ("ko", "둘 다")])
def test_nested_emphasis_is_bold_italic_in_the_brief(theme, lang, word):
    """Emphasis inside bold (and bold inside emphasis) is set in a bold italic face: a synthetic oblique of
    the bold face, in Latin and in Hangul (issue 26); emphasis alone stays italic (Latin) or accented
    bold (Hangul), bold stays around it."""
    from fontTools.ttLib import TTFont
    from reportlab.pdfbase import pdfmetrics

    fonts = register(theme, lang)
    family = fonts.family("hangul" if lang == "ko" else "latin")
    mark = Marker(fonts, accent="#D9822B", link="#1B3A5C")
    out = mark.inline((Run("x ", bold=True), Run(word, bold=True, emphasis=True)))
    slanted = family.bold_italic()
    assert f'<font face="{slanted}">{word}</font>' in out and slanted != family.bold
    face = TTFont(pdfmetrics.getFont(slanted).face.filename)
    assert face["post"].italicAngle < 0 and face["head"].macStyle & 0b11 == 0b11


LONG = "Longparagraph " + " ".join(["words that run on and on across the line"] * 60)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_heading_keeps_with_the_first_lines_of_a_long_paragraph_not_all_of_it(theme, tmp_path, lang):
    """A heading over a long paragraph once took the whole paragraph to the next page, leaving up to a third
    of a page empty. Now it stays when it and three lines fit, and the paragraph runs on; it moves only
    when they do not, and then the page it leaves has less room than that."""
    import re as _re

    from generator.localize.document import Run as _Run

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    for lines in range(20, 44, 3):
        doc = filled(lang, lines, chart=False)
        section = doc.sections[0]
        first = section.items[0]
        long_item = dataclasses.replace(first, id="c", number="1.3", title=(_Run(HEADING),), points=(),
                                        body=((_Run(LONG),),), figure=None, citations=())
        doc = dataclasses.replace(doc, sections=(dataclasses.replace(
            section, items=(*section.items, long_item)),))
        path = tmp_path / "brief.pdf"
        path.write_bytes(render(doc, theme))
        html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True,
                              text=True).stdout
        pages = [[(m.group(3), float(m.group(1)), float(m.group(2))) for m in _re.finditer(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page)]
            for page in html.split("<page ")[1:]]
        at = max(i for i, words in enumerate(pages) if any(w == HEADING for w, _, _ in words))  # not contents
        assert any(w == "Longparagraph" for w, _, _ in pages[at]), lines  # never stranded
        heading_top = next(top for w, top, _ in pages[at] if w == HEADING)
        body_tops = [top for w, top, _ in pages[at] if w.startswith("Filler") or w == "1.1"]
        if not body_tops and heading_top < 120:  # the heading starts its page: the page before had no room
            before = [bottom for w, _, bottom in pages[at - 1] if not w.isdigit() and "/" not in w]
            footer_top = max(bottom for w, _, bottom in pages[at - 1]) - 20
            room = footer_top - max(b for b in before if b < footer_top)
            assert room < 130, (lines, room)
