"""The deck's design, measured on decks built from tests/fixtures/design.yaml in both bundled looks (default,
conference): which slide each item gets, type sizes per slide kind, vertical balance, nothing outside the
margins, nothing below the theme's minimum size but footers and sources."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pptx import Presentation

from generator.api import build
from generator.style.resources import theme_path
from generator.style.theme_file import load_theme

FIXTURES = Path(__file__).parent / "fixtures"
EMU_PER_PT = 12700
THEMES = ["default", "conference"]
# Small furniture: the footer's parts, the kicker over the title, source lines and citations.
SMALL = ("Footer", "Date", "Slide number", "Kicker", "Citations", "Source")
CONTENT_TOP, FOOTER_TOP = 1.75 * 72, 7.5 * 72 - 0.75 * 72  # points: the content area under the title rule


@pytest.fixture(scope="module", params=THEMES)
def decks(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(f"design-{request.param}")
    build(FIXTURES / "design.yaml", formats="pptx", out=out, theme=theme_path(request.param))
    theme = load_theme(theme_path(request.param))
    return theme, {lang: Presentation(io.BytesIO((out / f"design.{lang}.pptx").read_bytes())) for lang in ("ko", "en")}


def slide_titled(prs, words: str):
    return next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text_frame.text == words)


def shapes(slide, prefix: str) -> list:
    return [s for s in slide.shapes if s.name.startswith(prefix)]


def sizes(shape) -> set[float]:
    return {r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs if r.font.size}


def pt(emu) -> float:
    return int(emu) / EMU_PER_PT


TITLES = {"ko": {"one": "가장 빠른 확산", "three": "2023년 파운데이션 모델 수", "six": "인공지능의 여섯 가지 동향",
                 "implications": "국제정치적 함의 세 가지", "regimes": "세 지역의 규제 접근",
                 "sparse": "두 줄짜리 슬라이드",
                 "quote": "한 문장으로", "scale": "규모의 경쟁", "rows": "세 숫자로 본 경쟁"},
          "en": {"one": "The fastest spread yet", "three": "Foundation models released in 2023",
                 "six": "Six defining trends", "implications": "Three implications for international politics",
                 "regimes": "Three approaches to regulation", "sparse": "A slide of two lines",
                 "quote": "In one sentence", "scale": "A race of scale", "rows": "The race in three numbers"}}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_each_item_gets_the_slide_its_content_asks_for(decks, lang):
    _theme, prs = decks
    t, deck = TITLES[lang], prs[lang]
    assert len(shapes(slide_titled(deck, t["one"]), "Stat label")) == 1
    assert len(shapes(slide_titled(deck, t["three"]), "Stat label")) == 3  # stats without a layout: inferred
    assert len(shapes(slide_titled(deck, t["six"]), "Card text")) == 6
    assert len(shapes(slide_titled(deck, t["implications"]), "Card text")) == 3  # inferred: one sub-point each
    assert len(shapes(slide_titled(deck, t["regimes"]), "Column heading")) == 3  # inferred: three headed points


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_same_number_in_both_languages_on_stat_slides(decks, lang):
    _theme, prs = decks
    numbers = [s.text_frame.text for s in shapes(slide_titled(prs[lang], TITLES[lang]["three"]), "Stat ")
               if s.name[5:].isdigit()]
    assert [re.match(r"\d+", n).group() for n in numbers] == ["64", "42", "11"]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_text_sizes_per_slide_kind(decks, lang):
    """Numbers largest, then titles, then stat labels and body; a sparse slide grows to the top of the scale;
    a three-column grid of cards sets one heading size for every card."""
    theme, prs = decks
    t, deck, scale = TITLES[lang], prs[lang], theme.deck
    stat = next(s for s in shapes(slide_titled(deck, t["one"]), "Stat ") if s.name == "Stat 1")
    assert max(sizes(stat)) > scale.title_size and max(sizes(stat)) <= scale.stat_size
    (sparse,) = shapes(slide_titled(deck, t["sparse"]), "Points")
    assert sizes(sparse) == {scale.max_body_size}
    cards = shapes(slide_titled(deck, t["six"]), "Card text")
    assert len({max(sizes(c)) for c in cards}) == 1 and min(min(sizes(c)) for c in cards) >= scale.min_size
    numbers = [max(sizes(s)) for s in shapes(slide_titled(deck, t["scale"]), "Stat ") if s.name[5:].isdigit()]
    assert len(set(numbers)) == 1  # one size for every number of a slide, the long ones decide


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("key", ["one", "six", "sparse", "quote", "regimes"])
def test_a_sparse_slide_is_balanced_not_top_heavy(decks, lang, key):
    """The content block's centre lies between the content area's optical centre band: not hanging under
    the title (top third), not sunk below the middle."""
    _theme, prs = decks
    slide = slide_titled(prs[lang], TITLES[lang][key])
    body = [s for s in slide.shapes if pt(s.top) >= CONTENT_TOP - 1 and not s.name.startswith(SMALL)]
    top, bottom = min(pt(s.top) for s in body), max(pt(s.top + s.height) for s in body)
    area = FOOTER_TOP - CONTENT_TOP
    centre = ((top + bottom) / 2 - CONTENT_TOP) / area
    assert 0.3 <= centre <= 0.55, f"block {top:.0f}–{bottom:.0f} pt: centre at {centre:.2f} of the area"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_nothing_outside_the_margins_and_nothing_small_but_furniture(decks, lang):
    theme, prs = decks
    margin, width, height = theme.deck.margin_in * 72, pt(prs[lang].slide_width), pt(prs[lang].slide_height)
    outside, small = [], []
    for n, slide in enumerate(prs[lang].slides, start=1):
        for s in slide.shapes:
            if pt(s.left) < margin - 0.5 or pt(s.left + s.width) > width - margin + 0.5 or pt(s.top) < 0 \
                    or pt(s.top + s.height) > height:
                outside.append(f"slide {n} {s.name!r}")
            if s.has_text_frame and s.text_frame.text.strip() and not s.name.startswith(SMALL) \
                    and min(sizes(s) or {99}) < theme.deck.min_size:
                small.append(f"slide {n} {s.name!r}: {sorted(sizes(s))}")
            if s.name.startswith(("Footer", "Date", "Slide number", "Citations", "Source")):
                assert min(sizes(s)) >= theme.deck.source_size - 2, f"slide {n} {s.name!r}"
    assert outside == [] and small == []


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_divider_shows_where_the_talk_is(decks, lang):
    theme, prs = decks
    dividers = [s for s in prs[lang].slides if shapes(s, "Where mark")]
    assert len(dividers) == 4
    for number, slide in enumerate(dividers, start=1):
        (mark,) = shapes(slide, "Where mark")
        lines = [s for s in shapes(slide, "Section ") if s.name[8:].isdigit()]
        current = next(s for s in lines if s.top == mark.top)
        assert current.name == f"Section {number}" and len(lines) == 4
        assert current.text_frame.paragraphs[0].runs[-1].font.bold
        others = [s for s in lines if s is not current]
        assert all(not s.text_frame.paragraphs[0].runs[-1].font.bold for s in others)


def test_the_conference_theme_paints_the_slides_dark_and_leaves_the_brief_white():
    theme = load_theme(theme_path("conference"))
    assert theme.deck_colors["background"] == "14161F" and theme.colors["background"] == "FFFFFF"
    assert theme.deck_colors["text"] != theme.colors["text"]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_numbers_too_wide_to_stand_side_by_side_are_set_in_rows(decks, lang):
    """"about KRW 2.4 trillion" is too wide for a third of the slide: the three stats are set as rows, each
    number large on the left and its label beside it, rather than falling back to bullets."""
    theme, prs = decks
    slide = slide_titled(prs[lang], TITLES[lang]["rows"])
    numbers = [s for s in shapes(slide, "Stat ") if s.name[5:].isdigit()]
    labels = shapes(slide, "Stat label")
    assert len(numbers) == len(labels) == 3
    assert len({frozenset(sizes(n)) for n in numbers}) == 1  # one size for every number of the slide
    assert min(sizes(numbers[0])) >= theme.deck.title_size
    for number, label in zip(numbers, labels):
        assert label.left >= number.left + number.width  # beside, not under
        assert label.top < number.top + number.height and number.top < label.top + label.height
    assert numbers[1].top >= numbers[0].top + numbers[0].height  # one row under the other
    assert numbers[2].top >= numbers[1].top + numbers[1].height
