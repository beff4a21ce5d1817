"""The room a chart has, from the theme: the deck's figure box and label size, the box beside a slide's
points, the brief's column — the geometry the deck and the brief lay figures out with, kept here so that
the localizer's legibility decision (``localize/chartfit.py``) and the renderers use the same numbers.
"""

from __future__ import annotations

from ..localize.chartfit import Frame, Room
from .measure import faces_for
from .theme import Theme

PT_PER_IN = 72.0
PT_PER_MM = 72.0 / 25.4
# A content slide's content area (render/pptx/context.py content_box): below the title rule, above the footer
CONTENT_TOP_IN = 1.75
CONTENT_BOTTOM_IN = 0.75
# A figure's caption above it and its source line below it, each with its gap (render/pptx/builders/figures.py)
CAPTION_IN, CAPTION_GAP_IN = 0.5, 0.1
SOURCE_IN, SOURCE_GAP_IN = 0.32, 0.08
GUTTER_IN = 0.45  # between a slide's points and the figure beside them
TEXT_SHARE = 0.4  # the points' share of the content width beside a figure; the figure takes the rest
DECK_LABEL_STEP = 2  # a chart's names and data labels: the theme's min_size + this (render/pptx/builders/charts.py)
NARROWEST_PAPER_MM = 210.0  # A4 (letter is 215.9 mm): the brief's column is narrowest on it
SHORTEST_PAPER_MM = 279.4  # letter (A4 is 297 mm)
# of the brief's frame height, the most a chart may take: render/pdf/figures.py FIGURE_SHARE, which keeps its
# own copy so that the brief's renderer imports no font measuring (tests/test_chart_room.py holds them equal)
BRIEF_FIGURE_SHARE = 0.75


def deck_figure_box_pt(theme: Theme) -> tuple[float, float]:
    """Width and height (points) of a chart alone on a slide, caption and a source line taken off."""
    deck = theme.deck
    width = (deck.width_in - 2 * deck.margin_in) * PT_PER_IN
    height = (deck.height_in - CONTENT_TOP_IN - CONTENT_BOTTOM_IN - CAPTION_IN - CAPTION_GAP_IN - SOURCE_IN
              - SOURCE_GAP_IN) * PT_PER_IN
    return width, height


def chart_room(theme: Theme) -> Room:
    """Every box a chart of this theme is drawn in, measured with its fonts (as the deck measures its text)."""
    faces = faces_for(theme.latin, theme.scripts.get("hangul", theme.latin))
    width, height = deck_figure_box_pt(theme)
    size = theme.deck.min_size + DECK_LABEL_STEP
    brief = theme.brief.margin_mm
    column = (NARROWEST_PAPER_MM - brief.inner - brief.outer) * PT_PER_MM
    page = (SHORTEST_PAPER_MM - brief.top - brief.bottom) * PT_PER_MM * BRIEF_FIGURE_SHARE
    beside = (width - GUTTER_IN * PT_PER_IN) * (1 - TEXT_SHARE)
    return Room(faces, (Frame("deck", width, height, size), Frame("brief", column, page, theme.brief.caption_size)),
                Frame("deck", beside, height, size))
