"""Both essay decks open cleanly in a real client: LibreOffice converts them, and the PDF shows every slide,
Korean in a Korean font, and no text outside the slide's margins or below the footer line."""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from pptx import Presentation

from generator.style.theme_file import load_theme

TOOLS = ("soffice", "pdffonts", "pdftotext")
pytestmark = pytest.mark.skipif(not all(shutil.which(t) for t in TOOLS),
                                reason="needs LibreOffice (soffice) and poppler-utils (pdffonts, pdftotext)")
ALLOWED_FONTS = re.compile(r"^(NanumGothic|NotoSans)")  # the theme's two families, nothing substituted
TOLERANCE = 2.0  # points


@pytest.fixture(scope="session")
def converted(essay_out, tmp_path_factory) -> dict[str, Path]:
    """Both decks converted to PDF by one soffice run (exit codes lie: the files are checked instead)."""
    out = tmp_path_factory.mktemp("soffice")
    decks = [essay_out / f"outline.{lang}.pptx" for lang in ("ko", "en")]
    from generator.live.preview import libreoffice_env

    env = libreoffice_env(out)  # a fresh profile, and the bundled fonts whether installed or not
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), *map(str, decks)],
                   capture_output=True, timeout=300, env=env)
    pdfs = {lang: out / f"outline.{lang}.pdf" for lang in ("ko", "en")}
    missing = [str(p) for p in pdfs.values() if not p.exists() or p.stat().st_size == 0]
    assert not missing, f"soffice wrote no PDF for {missing}"
    return pdfs


def _pages(pdf: Path) -> list[dict]:
    """Each page's size and words with their boxes, from ``pdftotext -bbox-layout``."""
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = []
    for match in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        words = [(float(a), float(b), float(c), float(d), unescape(w)) for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', match.group(3))]
        pages.append({"w": float(match.group(1)), "h": float(match.group(2)), "words": words})
    return pages


def _pieces(text: str) -> list[str]:
    """Words cut where Hangul meets other script, as a PDF's reading order may interleave them."""
    return re.findall(r"[\uac00-\ud7a3]+|[^\s\uac00-\ud7a3]+", text)


def _squash(text: str) -> str:
    return "".join(text.split())  # LibreOffice adds visual space between Hangul and Latin (autospace)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_slide_is_a_page_with_its_texts(essay_out, converted, lang):
    slides = list(Presentation(str(essay_out / f"outline.{lang}.pptx")).slides)
    pages = _pages(converted[lang])
    assert len(pages) == len(slides)
    for n, (slide, page) in enumerate(zip(slides, pages), start=1):
        drawn = _squash("".join(w[4] for w in page["words"]))
        for shape in slide.shapes:
            if shape.has_text_frame:  # word by word: side-by-side frames interleave in reading order
                missing = [w for w in _pieces(shape.text_frame.text) if w not in drawn]
                assert not missing, f"slide {n}: {shape.name!r}: {missing} not drawn"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_only_the_bundled_fonts_are_used_and_embedded(converted, lang):
    listing = subprocess.run(["pdffonts", str(converted[lang])], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    fonts = {line.split()[0].split("+")[-1]: line.split()[-5] for line in listing if line.strip()}
    assert fonts and all(ALLOWED_FONTS.match(f) for f in fonts), fonts  # no DejaVu or other fallback
    assert set(fonts.values()) == {"yes"}  # embedded
    if lang == "ko":  # Hangul drawn (its text is extracted above) and NanumGothic the only font that has it
        assert any(f.startswith("NanumGothic") for f in fonts)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_no_text_outside_the_margins_or_below_the_footer_line(essay_out, converted, lang):
    deck = load_theme().deck
    slides = list(Presentation(str(essay_out / f"outline.{lang}.pptx")).slides)
    for n, (slide, page) in enumerate(zip(slides, _pages(converted[lang])), start=1):
        scale = page["w"] / (slides[0].part.package.presentation_part.presentation.slide_width / 12700)
        margin = deck.margin_in * 72 * scale
        footer_top = page["h"] - 0.75 * 72 * scale
        footer = _squash(" ".join(s.text_frame.text for s in slide.shapes
                                  if s.name in ("Footer", "Date", "Slide number")))
        for x0, y0, x1, y1, word in page["words"]:
            where = f"slide {n} ({lang}): {word!r} at ({x0:.0f}, {y0:.0f})–({x1:.0f}, {y1:.0f})"
            assert margin - TOLERANCE <= x0 and x1 <= page["w"] - margin + TOLERANCE, where
            assert y0 >= 0 and y1 <= page["h"], where
            if footer and y1 > footer_top + TOLERANCE:
                assert _squash(word) in footer, where
