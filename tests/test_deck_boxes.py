"""What `check --fit` calls fitting fits when LibreOffice opens the deck, with our fonts and without them:
every text frame's words are drawn inside the frame's box. The decks are the essay's, the stress outline's
(long titles, continued slides, many points) and the design outline's (every layout, in both themes);
without our fonts, LibreOffice substitutes Liberation Sans and a Korean gothic, as a colleague's machine
would (``libreoffice_env(hide_fonts=True)``)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from test_deck_client import _pages, _pieces, _squash

from generator.api import build
from generator.style.resources import theme_path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
TOLERANCE = 3.0  # points: glyph side bearings and rounding
# pdftotext boxes a word by its font's ascent and descent, not its ink: Noto Sans reaches 0.29 em below the
# baseline where no glyph of "Thank you" or "1" goes. Vertically, a frame may lose that much and no more.
DESCENT = 0.3
DECKS = ["outline.ko", "outline.en", "stress.ko", "stress.en", "stress.de", "design.ko", "design.en",
         "design-conference.ko", "design-conference.en"]
pytestmark = pytest.mark.skipif(not all(shutil.which(t) for t in ("soffice", "pdftotext")),
                                reason="needs LibreOffice (soffice) and poppler-utils (pdftotext)")


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("box-decks")
    build(ROOT / "outline.yaml", formats="pptx", out=out)
    build(FIXTURES / "stress.yaml", formats="pptx", out=out)
    build(FIXTURES / "design.yaml", formats="pptx", out=out)  # every layout (stat, cards, comparison, …)
    conference = out / "conference"
    build(FIXTURES / "design.yaml", formats="pptx", out=conference, theme=theme_path("conference"))  # the dark theme
    for lang in ("ko", "en"):
        (conference / f"design.{lang}.pptx").rename(out / f"design-conference.{lang}.pptx")
    return out


@pytest.fixture(scope="module", params=[False, True], ids=["our fonts", "substitutes"])
def converted(request, decks, tmp_path_factory) -> Path:
    from generator.live.preview import libreoffice_env

    hide = request.param
    if hide and not shutil.which("fc-list"):
        pytest.skip("fontconfig's fc-list is not installed")
    work = tmp_path_factory.mktemp("hidden" if hide else "visible")
    env = libreoffice_env(work, hide_fonts=hide)
    if hide:
        _need_substitutes(env)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work),
                    *(str(decks / f"{name}.pptx") for name in DECKS)], capture_output=True, timeout=600, env=env)
    return work


def _need_substitutes(env: dict[str, str]) -> None:
    """With our fonts hidden, the test needs substitutes to measure with (Debian: fonts-liberation2 and
    fonts-unfonts-core, which .ci/run installs)."""
    for family in ("Liberation Sans", "UnDotum"):
        found = subprocess.run(["fc-list", family], capture_output=True, text=True, env=env).stdout
        if not found.strip():
            pytest.skip(f"the substitute font {family} is not installed")


@pytest.mark.parametrize("name", DECKS)
def test_every_frames_words_are_drawn_inside_its_box(decks, converted, name):
    pdf = converted / f"{name}.pdf"
    assert pdf.is_file() and pdf.stat().st_size, "soffice wrote no PDF"
    prs = Presentation(str(decks / f"{name}.pptx"))
    pages = _pages(pdf)
    assert len(pages) == len(prs.slides)
    scale = pages[0]["w"] / (prs.slide_width / 12700)
    outside = [f"slide {n} {shape.name!r}: {missing[:4]}"
               for n, (slide, page) in enumerate(zip(prs.slides, pages), start=1)
               for shape in slide.shapes if (missing := _outside(shape, page, scale))]
    assert outside == [], "\n".join(outside)


def _outside(shape, page: dict, scale: float) -> list[str]:
    """The pieces of the frame's text that are not drawn inside its box."""
    if not shape.has_text_frame or not shape.text_frame.text.strip():
        return []
    slack = max([TOLERANCE] + [DESCENT * run.font.size.pt * scale for p in shape.text_frame.paragraphs
                               for run in p.runs if run.font.size])
    x0, x1 = shape.left / 12700 * scale - TOLERANCE, (shape.left + shape.width) / 12700 * scale + TOLERANCE
    y0, y1 = shape.top / 12700 * scale - slack, (shape.top + shape.height) / 12700 * scale + slack
    words = [w for w in page["words"] if w[0] >= x0 and w[2] <= x1 and w[1] >= y0 and w[3] <= y1]
    inside = _squash("".join(w[4] for w in _reading_order(words)))
    return [piece for piece in _pieces(shape.text_frame.text) if piece not in inside]


def _reading_order(words: list) -> list:
    """Words line by line, left to right: pdftotext lists a superscript ("10²⁵ FLOP") after the rest of its
    line, so a word whose middle lies within the line's height is put back in its place by x."""
    lines: list[list] = []
    for word in words:
        middle = (word[1] + word[3]) / 2
        if lines and lines[-1][0][1] <= middle <= lines[-1][0][3]:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [word for line in lines for word in sorted(line, key=lambda w: w[0])]


@pytest.mark.parametrize("name", DECKS)
def test_no_text_frame_overlaps_another_frame_chart_table_or_picture(decks, name):
    """With every frame's words inside its box (above), no text can touch another frame's content either.
    Decorations (the accent rule under a title, markers, panels) are drawn where text is not: left out."""
    prs = Presentation(str(decks / f"{name}.pptx"))
    clashes = []
    for n, slide in enumerate(prs.slides, start=1):
        texts = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
        content = texts + [s for s in slide.shapes if s.has_chart or s.has_table or s.shape_type == 13]
        for i, a in enumerate(texts):
            for b in content:
                if b is not a and (b not in texts or content.index(b) > i) and _overlap(a, b) > 1.0:
                    clashes.append(f"slide {n}: {a.name!r} overlaps {b.name!r}")
    assert clashes == [], "\n".join(clashes)


def _overlap(a, b) -> float:
    """The area two shapes' boxes share, in square points."""
    width = min(a.left + a.width, b.left + b.width) - max(a.left, b.left)
    height = min(a.top + a.height, b.top + b.height) - max(a.top, b.top)
    return max(0, width) * max(0, height) / 12700 / 12700
