"""A deck's text is fitted at a size where no word is cut between characters: an English word, a Korean
eojeol, a fact held together by no-break spaces ("about 2.13 million households" beside a chart was drawn
"about 2.13 million ho / useholds" at 30 pt). Only a word wider than its line even at the frame's minimum
size is split, as PowerPoint splits it then; a web address may break at any size."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.style.measure import Para, block_height, faces_for, fit_size, splits_a_word, wrap
from generator.style.theme_file import load_theme

THEME = load_theme(None)
FACES = faces_for(THEME.latin, THEME.scripts["hangul"])
NBSP = "\u00a0"


def _sizes(start: float, minimum: float) -> list[float]:
    sizes, size = [], float(start)
    while True:
        sizes.append(size)
        if size <= minimum:
            return sizes
        size = max(float(minimum), size - 1.0)


def test_a_fact_beside_a_chart_shrinks_rather_than_splits():
    paras = [Para(f"Older people living alone: about{NBSP}2.13{NBSP}million{NBSP}households")]
    assert splits_a_word(paras, 300, FACES, 30)  # the frame's nominal size cuts the fact
    size, fits = fit_size(paras, 300, 300, FACES, 30, 14, 1.0)
    assert fits and size < 30 and not splits_a_word(paras, 300, FACES, size)
    lines = wrap(paras[0].text, 300, FACES, size)
    assert any(f"about{NBSP}2.13{NBSP}million{NBSP}households" in line for line in lines)


def test_a_word_too_wide_even_at_the_minimum_is_split_at_the_largest_size_that_fits():
    paras = [Para("W" * 60)]
    size, fits = fit_size(paras, 200, 500, FACES, 30, 14, 1.0)
    assert fits and size == 30  # splitting it costs nothing more at a smaller size


def test_a_web_address_may_break():
    paras = [Para("See https://kostat.go.kr/board.es?mid=a10301010000&bid=207&act=view&list_no=428476")]
    assert not splits_a_word(paras, 200, FACES, 24)


WORDS = st.one_of(
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMW"), min_size=1, max_size=14),
    st.text(st.sampled_from("가나다라마바사아자차카타파하국제정치인공지능"), min_size=1, max_size=8),
    st.lists(st.sampled_from(["about", "2.13", "million", "households", "약", "1조", "8,000억", "원"]),
             min_size=2, max_size=5).map(NBSP.join),  # a fact
)


@settings(max_examples=150, deadline=None)
@given(paras=st.lists(st.lists(WORDS, min_size=1, max_size=20).map(" ".join), min_size=1, max_size=4),
       width=st.floats(80, 500), height=st.floats(40, 400), start=st.integers(16, 40),
       minimum=st.integers(8, 16))
def test_the_size_chosen_splits_a_word_only_when_every_size_that_fits_would(paras, width, height, start,
                                                                              minimum):
    paras = [Para(text) for text in paras]
    size, fits = fit_size(paras, width, height, FACES, start, minimum, 1.0)
    assert minimum <= size <= start
    if not fits:
        assert size == minimum
        return
    assert block_height(paras, width, FACES, size, 1.0) <= height
    whole = [s for s in _sizes(start, minimum) if block_height(paras, width, FACES, s, 1.0) <= height
             and not splits_a_word(paras, width, FACES, s)]
    if whole:
        assert size == whole[0]  # the largest size at which it fits with every word whole
    else:
        assert splits_a_word(paras, width, FACES, size)


@pytest.mark.parametrize("text", ["국제정치적 함의와 인공지능기술의발전동향을 살펴본다",
                                  "the internationalisation of AI"])
def test_a_word_split_is_a_word_wider_than_its_line(text):
    widest = max(FACES.width(word, 20) for word in text.split())
    assert splits_a_word([Para(text)], widest - 1, FACES, 20)
    assert not splits_a_word([Para(text)], widest + 1, FACES, 20)
