"""What `check --fit` calls fitting fits when LibreOffice opens the deck: every text frame's words are drawn
inside the frame's box, on the stress outline's decks (long titles, continued slides, many points)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from test_deck_client import _pages, _pieces, _squash

from generator.api import build

FIXTURES = Path(__file__).parent / "fixtures"
TOLERANCE = 3.0  # points: glyph side bearings and rounding
# pdftotext boxes a word by its font's ascent and descent, not its ink: Noto Sans reaches 0.29 em below the
# baseline where no glyph of "Thank you" or "1" goes. Vertically, a frame may lose that much and no more.
DESCENT = 0.3
pytestmark = pytest.mark.skipif(not all(shutil.which(t) for t in ("soffice", "pdftotext")),
                                reason="needs LibreOffice (soffice) and poppler-utils (pdftotext)")


@pytest.fixture(scope="module", params=["en", "ko", "de"])
def stress(request, tmp_path_factory) -> tuple[Path, Path]:
    from generator.live.preview import libreoffice_env

    lang = request.param
    out = tmp_path_factory.mktemp(f"stress-{lang}")
    build(FIXTURES / "stress.yaml", langs=lang, formats="pptx", out=out)
    deck = out / f"stress.{lang}.pptx"
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out / "pdf"), str(deck)],
                   capture_output=True, timeout=300, env=libreoffice_env(out))
    pdf = out / "pdf" / f"stress.{lang}.pdf"
    assert pdf.is_file() and pdf.stat().st_size, "soffice wrote no PDF"
    return deck, pdf


def test_every_frames_words_are_drawn_inside_its_box(stress):
    deck, pdf = stress
    prs = Presentation(str(deck))
    pages = _pages(pdf)
    scale = pages[0]["w"] / (prs.slide_width / 12700)
    outside = []
    for n, (slide, page) in enumerate(zip(prs.slides, pages), start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            slack = max([TOLERANCE] + [DESCENT * run.font.size.pt * scale for p in shape.text_frame.paragraphs
                                       for run in p.runs if run.font.size])
            x0, y0 = shape.left / 12700 * scale - TOLERANCE, shape.top / 12700 * scale - slack
            x1 = shape.left / 12700 * scale + shape.width / 12700 * scale + TOLERANCE
            y1 = shape.top / 12700 * scale + shape.height / 12700 * scale + slack
            inside = _squash("".join(w[4] for w in page["words"]
                                     if w[0] >= x0 and w[2] <= x1 and w[1] >= y0 and w[3] <= y1))
            missing = [piece for piece in _pieces(shape.text_frame.text) if piece not in inside]
            if missing:
                outside.append(f"slide {n} {shape.name!r}: {missing[:4]}")
    assert outside == [], "\n".join(outside)
