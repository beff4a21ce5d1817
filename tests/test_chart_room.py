"""A chart's legibility is measured with the theme's fonts, sizes and boxes (style/chartroom.py,
localize/chartfit.py), not estimated: the theme changes the decision, wide letters need more room than narrow
ones, and the decision is the same in every language."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from generator.api import load_and_check
from generator.localize.document import ChartFigure, TableFigure
from generator.localize.localizer import localize
from generator.render.pdf.figures import FIGURE_SHARE
from generator.style.chartroom import BRIEF_FIGURE_SHARE, chart_room, deck_figure_box_pt
from generator.style.resources import theme_path
from generator.style.theme_file import load_theme

DEFAULT, CONFERENCE = load_theme(), load_theme(theme_path("conference"))
CLOCK = dt.datetime(2024, 12, 1, tzinfo=dt.UTC)


def _outline(tmp: Path, kind: str, names: list[dict], values: list[float]) -> Path:
    doc = {"duopress": 1, "languages": ["ko", "en"],
           "meta": {"title": {"ko": "제목", "en": "Title"}, "date": "2024-12-01",
                    "organisation": {"ko": "기관", "en": "Institute"}},
           "sections": [{"id": "s", "title": {"ko": "부분", "en": "Part"}, "items": [
               {"id": "i", "title": {"ko": "항목", "en": "Item"},
                "figure": {"kind": kind, "title": {"ko": "값", "en": "Values"}, "categories": names,
                           "series": [{"name": {"ko": "값", "en": "Value"}, "values": values}]}}]}]}
    path = tmp / f"{kind}.yaml"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _built(path: Path, theme) -> tuple[list, dict]:
    model, problems = load_and_check(path, theme)
    assert model is not None
    figures = {lang: localize(model, lang, CLOCK, "test", path.stem, room=chart_room(theme))
               .sections[0].items[0].figure for lang in ("ko", "en")}
    return [p for p in problems if p.code == "chart.illegible"], figures


def test_the_brief_and_the_room_share_the_figure_share():
    assert FIGURE_SHARE == BRIEF_FIGURE_SHARE


def test_the_room_is_the_themes_slide_and_size():
    """The conference theme sets chart labels at its min_size (15) + 2, in the same 13.33 × 7.5 in slide."""
    room = chart_room(CONFERENCE)
    deck = room.frames[0]
    assert (deck.width, deck.height) == deck_figure_box_pt(CONFERENCE)
    assert deck.size == 17 and chart_room(DEFAULT).frames[0].size == 16
    assert room.beside is not None and room.beside.width < deck.width * 0.6


def test_the_theme_decides_whether_a_bar_chart_is_legible(tmp_path):
    """Ten bars fit the default theme's box at 16 pt; at the conference theme's 17 pt they do not: a table,
    said once per language, located at the chart."""
    names = [{"ko": f"항목 {i}", "en": f"Item {i}"} for i in range(10)]
    path = _outline(tmp_path, "bar", names, [float(i + 1) for i in range(10)])
    said, figures = _built(path, DEFAULT)
    assert said == [] and all(isinstance(f, ChartFigure) and f.kind == "bar" for f in figures.values())
    said, figures = _built(path, CONFERENCE)
    assert [p.message[:4] for p in said] == ["ko: ", "en: "]
    assert all(p.path == "sections[0].items[0].figure" and p.span.column > 1 for p in said)
    assert "at 17 pt, the deck's chart box has 288 pt" in said[0].message
    assert all(isinstance(f, TableFigure) for f in figures.values())


def test_wide_letters_need_more_room_than_narrow_ones(tmp_path):
    """Names of the same length in characters: "iiii" fits under its column, "WWWW" does not — an estimate
    by character count could not tell them apart. The wide names make a bar chart in both languages."""
    for letter, kind in (("i", "column"), ("W", "bar")):
        names = [{"ko": f"{letter * 12}{i}", "en": f"{letter * 12}{i}"} for i in range(7)]
        said, figures = _built(_outline(tmp_path, "column", names, [1.0, 2, 3, 4, 5, 6, 7]), DEFAULT)
        assert said == [] and {f.kind for f in figures.values()} == {kind}, letter


def test_the_language_that_needs_the_most_room_decides_for_all(tmp_path):
    """Short English names, long Korean ones: both decks draw bars (the kind is decided once)."""
    names = [{"ko": f"대한민국의 반도체 수출 품목 {i}", "en": f"C{i}"} for i in range(6)]
    said, figures = _built(_outline(tmp_path, "column", names, [1.0, 2, 3, 4, 5, 6]), DEFAULT)
    assert said == [] and {f.kind for f in figures.values()} == {"bar"}


def test_an_unbreakable_word_too_wide_for_the_names_is_a_table(tmp_path):
    names = [{"ko": "가" * 40, "en": "A"}, {"ko": "나", "en": "B"}]
    said, figures = _built(_outline(tmp_path, "bar", names, [1.0, 2.0]), DEFAULT)
    assert [p.message.split(";")[0] for p in said] == [
        f"ko: the name '{'가' * 30}' holds a word too long to wrap in the deck"]
    assert all(isinstance(f, TableFigure) for f in figures.values())  # English follows Korean


def test_a_chart_beside_the_points_grows_to_its_slide_when_its_names_need_it():
    """Six columns whose names fit under them on a slide of their own but not in the 60 % beside the points."""
    from generator.localize.chartfit import fits_beside
    from generator.localize.document import Series

    room = chart_room(DEFAULT)
    short = ChartFigure(kind="column", label="", title=(), categories=tuple("ABCDEF"),
                        series=(Series("v", (1.0,) * 6, ("1",) * 6),), number_format="0", axis_title=None, alt="")
    wide = ChartFigure(kind="column", label="", title=(), categories=tuple(f"Category{i}" for i in range(6)),
                       series=short.series, number_format="0", axis_title=None, alt="")
    assert fits_beside(short, room) and not fits_beside(wide, room)
    deck = room.frames[0]
    from generator.localize.chartfit import stands_up
    assert stands_up(room.measure, deck, "column", wide.categories, [("1",) * 6])
