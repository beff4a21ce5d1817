"""The deck as PDF (``slides``) and the handout: reopened, page by page, against the deck they draw."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pypdfium2
import pytest
from a11y import pdf_lang
from pptx import Presentation

from generator import build
from generator.render.registry import RENDERERS, default_formats

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
DECKS = ["outline.ko", "outline.en", "stress.ko", "stress.en", "stress.de"]


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed")
    return path


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("slides")
    for outline in (ROOT / "outline.yaml", FIXTURES / "stress.yaml"):
        result = build(outline, formats="pptx,slides,handout", out=folder)
        assert not result.failed
    return folder


def _text(pdf: Path, page: int) -> str:
    return subprocess.run([need("pdftotext"), "-raw", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def _sizes(pdf: Path) -> list[tuple[float, float]]:
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return [document.get_page_size(i) for i in range(len(document))]
    finally:
        document.close()


def _squash(text: str) -> str:
    return "".join(text.split())


def _pieces(text: str) -> list[str]:
    """Words cut where Hangul meets other script (the PDF sets a little space there, as PowerPoint does)."""
    return re.findall(r"[\uac00-\ud7a3]+|[^\s\uac00-\ud7a3]+", text)


def _slide_texts(slide) -> list[str]:
    texts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            texts.append(shape.text_frame.text)
        if getattr(shape, "has_table", False) and shape.has_table:
            texts += [cell.text for row in shape.table.rows for cell in row.cells]
    return texts


def test_the_new_formats_are_registered_and_built_only_when_asked():
    assert RENDERERS["slides"].suffix == "slides.pdf" and RENDERERS["handout"].suffix == "handout.pdf"
    assert "slides" not in default_formats() and "handout" not in default_formats()
    assert RENDERERS["slides"].options == ("template",)  # its pages do not show the notes


@pytest.mark.parametrize("stem", DECKS)
def test_a_page_per_slide_of_16_9_with_the_slides_texts(out, stem):
    slides = list(Presentation(str(out / f"{stem}.pptx")).slides)
    pdf = out / f"{stem}.slides.pdf"
    sizes = _sizes(pdf)
    assert len(sizes) == len(slides)
    for n, (slide, (width, height)) in enumerate(zip(slides, sizes), start=1):
        assert (width, height) == (pytest.approx(960, abs=0.1), pytest.approx(540, abs=0.1))
        drawn = _squash(_text(pdf, n))
        missing = [w for text in _slide_texts(slide) for w in _pieces(text) if w not in drawn]
        assert missing == [], f"{stem} slide {n}: {missing[:5]}"


@pytest.mark.parametrize("stem", ["outline.ko", "stress.de"])
def test_fonts_embedded_subset_and_only_ours(out, stem):
    for suffix in ("slides.pdf", "handout.pdf"):
        listing = subprocess.run([need("pdffonts"), str(out / f"{stem}.{suffix}")], capture_output=True,
                                 text=True, check=True).stdout.splitlines()[2:]
        assert listing
        for row in listing:
            name, emb, sub = row.split()[0], row.split()[-5], row.split()[-4]
            assert re.fullmatch(r"[A-Z]{6}\+(NanumGothic|NotoSans)[-A-Za-z]*", name), row
            assert (emb, sub) == ("yes", "yes"), row


def test_chart_labels_are_on_the_charts_page(out):
    deck = Presentation(str(out / "outline.ko.pptx"))
    pdf = out / "outline.ko.slides.pdf"
    charted = 0
    for n, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            if getattr(shape, "has_chart", False) and shape.has_chart:
                categories = list(shape.chart.plots[0].categories)
                drawn = _squash(_text(pdf, n))
                assert all(_squash(str(c)) in drawn for c in categories), (n, categories)
                charted += 1
    assert charted


def test_bookmarks_lang_metadata_and_same_bytes(out, tmp_path):
    pdf = out / "outline.ko.slides.pdf"
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        toc = [(item.level, item.get_title()) for item in document.get_toc()]
        info = document.get_metadata_dict()
    finally:
        document.close()
    deck = Presentation(str(out / "outline.ko.pptx"))
    assert len(toc) == len(deck.slides)
    assert toc[2][1] == " ".join(deck.slides[2].shapes.title.text_frame.text.split())
    assert {level for level, _ in toc} == {0, 1}  # items' slides under their section's divider
    assert pdf_lang(pdf) == "ko-KR"
    assert info["Title"] and info["Subject"] and info["Creator"].startswith("duopress")
    assert info["Author"] == ""  # the essay names no author, and its edition invents none (test_apparatus: authors)
    again = tmp_path / "again"
    build(ROOT / "outline.yaml", formats="slides,handout", langs="ko", out=again, force=True)
    for suffix in ("slides.pdf", "handout.pdf"):
        assert (again / f"outline.ko.{suffix}").read_bytes() == (out / f"outline.ko.{suffix}").read_bytes()


@pytest.mark.parametrize("stem", ["outline.ko", "outline.en"])
def test_handout_pages_show_every_slide_with_its_notes_compactly(out, stem):
    deck = Presentation(str(out / f"{stem}.pptx"))
    pdf = out / f"{stem}.handout.pdf"
    sizes = _sizes(pdf)
    assert len(sizes) <= len(deck.slides) // 2  # compact: slides beside their notes, several a page
    assert sizes[0] == (pytest.approx(595.3, abs=0.1), pytest.approx(841.9, abs=0.1))  # A4
    everything = _squash(subprocess.run([need("pdftotext"), str(pdf), "-"], capture_output=True, text=True,
                                        check=True).stdout)
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide]
    assert notes
    for text in notes:
        assert all(w in everything for w in _pieces(text)), text[:60]


def test_handout_on_letter(tmp_path):
    build(FIXTURES / "minimal.yaml", formats="handout", out=tmp_path, paper="letter")
    for pdf in tmp_path.glob("*.handout.pdf"):
        assert _sizes(pdf)[0] == (pytest.approx(612), pytest.approx(792))


def test_preview_without_libreoffice_shows_the_deck_as_duopress_draws_it(tmp_path, monkeypatch, capsys):
    import generator.live.preview as preview_module
    from generator.cli import main

    monkeypatch.setattr(preview_module, "soffice", lambda: None)
    out = tmp_path / "o"
    assert main(["preview", str(FIXTURES / "minimal.yaml"), "--format", "pptx", "--lang", "en", "--out",
                 str(out)]) == 0
    assert "preview of minimal.en.pptx drawn by duopress (LibreOffice not installed)" in capsys.readouterr().out
    assert (out / "preview" / "minimal.en.pptx.sheet.png").is_file()


def test_slides_and_handout_rebuilt_after_an_edit_are_the_bytes_of_a_fresh_build(tmp_path):
    """Their deck reuses the slides an edit left alone (the memo): that must never show in the bytes."""
    outline = tmp_path / "talk.yaml"
    shutil.copy(Path(__file__).parent / "fixtures" / "minimal.yaml", outline)
    build(outline, out=tmp_path / "again", formats="slides,handout", langs="en")
    text = outline.read_text(encoding="utf-8")
    outline.write_text(text.replace("en: Adoption}", "en: Adoption at scale}"), encoding="utf-8")
    again = build(outline, out=tmp_path / "again", formats="slides,handout", langs="en")
    assert len(again.written) == 2 and (tmp_path / "again" / ".duopress-cache" / "talk.en.slides.pdf.memo").is_file()
    build(outline, out=tmp_path / "fresh", formats="slides,handout", langs="en")
    for name in ("talk.en.slides.pdf", "talk.en.handout.pdf"):
        assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes()
