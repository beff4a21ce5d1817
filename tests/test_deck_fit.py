"""Fitting: fit as is, shrink (real sizes written), continue (계속)/(cont.), else DeckOverflow; fit_report agrees."""

from __future__ import annotations

import dataclasses
import io

import pytest
from pptx import Presentation

from generator.localize.document import Point, Run
from generator.render.pptx.renderer import DeckOverflow, FitEntry, fit_report, render
from generator.style.measure import Faces, wrap
from generator.style.theme_file import load_theme
from tests.samples import TEXTS, sample_document


@pytest.fixture(scope="module")
def theme():
    return load_theme()


def one_item(lang, **changes):
    doc = sample_document(lang)
    section = doc.sections[0]
    item = dataclasses.replace(section.items[3], **changes)
    return dataclasses.replace(doc, sections=(dataclasses.replace(section, items=(item,)),)), item


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_report_covers_every_slide_and_frame(theme, lang):
    doc = sample_document(lang)
    report = fit_report(doc, theme)
    slides = len(Presentation(io.BytesIO(render(doc, theme))).slides)
    assert all(isinstance(e, FitEntry) and e.lang == lang for e in report)
    assert {e.slide for e in report} == set(range(1, slides + 1))
    assert sum(e.frame == "title" for e in report) == slides
    assert {e.status for e in report} <= {"fits", "shrunk"}
    items = [e for e in report if e.frame == "points"]
    assert [e.where for e in items] == [i.span for i in doc.sections[0].items]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_shrunk_text_is_written_at_the_reported_size(theme, lang):
    t = TEXTS[lang]
    points = tuple(Point((Run(t["body"][:60]),)) for _ in range(8))
    doc, item = one_item(lang, points=points)
    (entry,) = [e for e in fit_report(doc, theme) if e.frame == "points"]
    assert entry.status == "shrunk" and entry.min_pt <= entry.size_pt < theme.deck.body_size
    slide = list(Presentation(io.BytesIO(render(doc, theme))).slides)[entry.slide - 1]
    sizes = {r.font.size.pt for p in slide.placeholders[1].text_frame.paragraphs for r in p.runs}
    assert sizes == {entry.size_pt}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_too_many_points_continue_with_the_label(theme, lang):
    points = tuple(Point((Run(TEXTS[lang]["body"]),)) for _ in range(12))
    doc, item = one_item(lang, points=points)
    report = [e for e in fit_report(doc, theme) if e.frame == "points"]
    assert len(report) > 1 and {e.status for e in report} == {"continued"}
    titles = [s.shapes.title.text_frame.text for s in Presentation(io.BytesIO(render(doc, theme))).slides]
    marker = doc.label("continued")
    assert marker == {"ko": "(계속)", "en": "(cont.)"}[lang]
    assert sum(t.endswith(marker) for t in titles) == len(report) - 1


def test_a_point_too_long_alone_continues_between_its_sub_points(theme):
    t = TEXTS["en"]
    children = tuple(Point((Run(t["body"]),)) for _ in range(20))
    doc, _ = one_item("en", points=(Point((Run(t["point1"]),), children),))
    report = [e for e in fit_report(doc, theme) if e.frame == "points"]
    assert len(report) > 1 and all(e.status == "continued" for e in report)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_an_unbreakable_block_stops_with_location_slide_and_language(theme, lang):
    doc, item = one_item(lang, points=(Point((Run(TEXTS[lang]["body"] * 25),)),))
    with pytest.raises(DeckOverflow) as caught:
        render(doc, theme)
    assert (caught.value.where, caught.value.slide, caught.value.lang) == (item.span, 4, lang)
    (entry,) = [e for e in fit_report(doc, theme) if e.status == "overflow"]
    assert (entry.where, entry.slide, entry.frame) == (item.span, 4, "points")


def test_overlong_title_stops_too(theme):
    doc, item = one_item("en", title=(Run("A very long title " * 40),))
    title = "the slide's title “A very long title A very long title A very long title A…” does not fit"
    with pytest.raises(DeckOverflow, match=r"slide 4 \(en\): " + title):
        render(doc, theme)


def test_long_unspaced_hangul_breaks_only_where_it_must(theme):
    faces = Faces(theme.latin, theme.scripts["hangul"])
    words = ["국제정치적", "함의와", "인공지능기술의발전동향을", "살펴본다"] * 6
    text = " ".join(words)
    lines = wrap(text, 300, faces, 22)
    assert [w for line in lines for w in line.split()] == words  # no word cut
    unspaced = TEXTS["ko"]["unspaced"]
    pieces = wrap(f"가 {unspaced} 나", 300, faces, 22)
    assert pieces[0] == "가" and "".join(pieces).replace(" ", "") == f"가{unspaced}나"
    assert len(pieces) > 2 and all(faces.width(p, 22) <= 300 for p in pieces)
    doc, _ = one_item("ko", points=(Point((Run(unspaced),)),))
    (entry,) = [e for e in fit_report(doc, theme) if e.frame == "points"]
    assert entry.status in ("fits", "shrunk")
