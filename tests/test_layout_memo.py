"""The slides PDF and the handout draw the deck from its slides' layouts; the memo keeps each reused slide's
layout (render/pptx/layout_memo.py), so an edit reads back only the slides it changed. A drawing from the
memo is byte for byte the fresh one, on every fixture and after edits of every kind; a layout survives its
JSON whole; a memo's layout that is not one is drawn again, never used."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_slide_reuse import EDITS, OUTLINES, _items, _partners_edited, document, edit_title, lengthen_points

from generator.render.memo import Memo
from generator.render.pptx import layout_export
from generator.render.pptx.layout_export import deck_layout
from generator.render.pptx.layout_memo import from_json, to_json
from generator.render.registry import RENDERERS
from generator.render.renderer import RenderOptions
from generator.style.theme_file import load_theme

THEME = load_theme(None)


@pytest.fixture
def read_back(monkeypatch):
    """The slides read back through python-pptx, one entry per slide, render by render."""
    counts: list[int] = [0]
    original = layout_export._slide

    def counted(slide, section):
        counts[-1] += 1
        return original(slide, section)

    monkeypatch.setattr(layout_export, "_slide", counted)
    return counts


def _draw(fmt: str, doc, memo_file: Path | None, counts: list[int] | None = None) -> bytes:
    if counts is not None:
        counts.append(0)
    memo = Memo(memo_file, "test environment") if memo_file is not None else None
    data, _ = RENDERERS[fmt].render(doc, THEME, RenderOptions(), memo)
    if memo is not None:
        memo.save()
    return data


CASES = [*(("slides", outline) for outline in OUTLINES), ("handout", OUTLINES[0]), ("handout", OUTLINES[-1])]


@pytest.mark.parametrize(("fmt", "outline"), CASES, ids=lambda p: getattr(p, "stem", p))
def test_a_drawing_from_the_memo_is_the_fresh_drawing(outline, fmt, tmp_path, read_back):
    doc = document(outline)
    stored = tmp_path / "stored.memo"
    # a slide that shares a part with others (a picture's image) is not stored by the deck's reuse
    pictures = sum(any(shape.kind == "picture" for shape in slide.shapes)
                   for slide in deck_layout(doc, THEME).slides)
    first = _draw(fmt, doc, stored, read_back)
    assert first == _draw(fmt, doc, None)
    assert _draw(fmt, doc, stored, read_back) == first
    assert read_back[-1] == pictures  # nothing changed: every other slide's layout came from the memo
    for edit in [*EDITS, lambda d: _partners_edited(d, lambda p: lengthen_points(p, _items(p)[0], 6))]:
        memo_file = tmp_path / "edited.memo"
        memo_file.write_bytes(stored.read_bytes())
        edited = edit(doc)
        assert _draw(fmt, edited, memo_file, read_back) == _draw(fmt, edited, None), getattr(edit, "__name__", "")


def test_an_edit_reads_back_only_the_slides_it_changed(tmp_path, read_back):
    doc = document(OUTLINES[0], "en")
    memo_file = tmp_path / "slides.memo"
    _draw("slides", doc, memo_file, read_back)
    slides = read_back[-1]
    _draw("slides", edit_title(doc), memo_file, read_back)
    assert 0 < read_back[-1] <= 2 < slides


@pytest.mark.parametrize("outline", OUTLINES, ids=lambda p: p.stem)
def test_every_slides_layout_survives_its_json(outline):
    deck = deck_layout(document(outline), THEME)
    for slide in deck.slides:
        assert from_json(to_json(slide)) == slide


def test_a_stored_layout_that_is_not_one_is_not_used():
    slide = deck_layout(document(OUTLINES[0]), THEME).slides[3]
    good = json.loads(to_json(slide))
    damaged = [good[:-1], [*good[:3], "4", good[4]], [good[0], good[1], 7, good[3], good[4]],
               [[["text", "x", [1, 2, 3], *good[0][0][3:]]], *good[1:]], "not json", 17, None]
    for value in damaged:
        text = value if isinstance(value, str) else json.dumps(value)
        with pytest.raises((ValueError, TypeError)):
            from_json(text)


@pytest.mark.parametrize("fmt", ["slides", "handout"])
def test_a_deck_whose_every_slide_was_reused_is_not_drawn_again(fmt, tmp_path, monkeypatch):
    """An edit in another language that leaves this deck's plan alone: every slide is reused under the same
    keys in the same order, so the pages are the memo's, not drawn again; and they are the fresh drawing."""
    from generator.render.slides import pages

    drawn: list[int] = []
    original = pages.draw_scaled
    monkeypatch.setattr(pages, "draw_scaled", lambda *args, **kwargs: drawn.append(1) or original(*args, **kwargs))
    module = __import__(f"generator.render.slides.{'renderer' if fmt == 'slides' else 'handout'}",
                        fromlist=["draw_scaled"])
    if hasattr(module, "draw_scaled"):
        monkeypatch.setattr(module, "draw_scaled", pages.draw_scaled)
    doc = document(OUTLINES[0], "ko")
    memo_file = tmp_path / "drawing.memo"
    _draw(fmt, doc, memo_file)
    assert drawn
    drawn.clear()
    other_words = _partners_edited(doc, edit_title)
    assert _draw(fmt, other_words, memo_file) == _draw(fmt, other_words, None)
    assert len(drawn) == len(deck_layout(doc, THEME).slides)  # only the fresh drawing drew
    drawn.clear()
    assert _draw(fmt, other_words, memo_file) == _draw(fmt, other_words, None)  # kept again for the next
    assert len(drawn) == len(deck_layout(doc, THEME).slides)
    grown = _partners_edited(doc, lambda p: lengthen_points(p, _items(p)[0], 8))
    drawn.clear()
    assert _draw(fmt, grown, memo_file) == _draw(fmt, grown, None)
    assert len(drawn) > len(deck_layout(grown, THEME).slides)  # its plan changed: drawn again, and fresh
