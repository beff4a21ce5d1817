"""PNG thumbnails of every page and slide, and one contact sheet per artifact.

PDFs are rasterised with pypdfium2 (PDFium, the engine Chrome uses). An artifact that is not a PDF (a deck)
is first opened by LibreOffice, as a user's office suite would, and its PDF rasterised the same way.
Without LibreOffice it is shown as duopress draws it: its renderer declares which renderer's PDF shows its
pages (``Renderer.pages``, the slides PDF for a deck), which the preview command then also builds, and the
preview says so; an artifact with neither is skipped with a clear message. No format is named here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image

THUMB_WIDTH = 480  # pixels: readable on a contact sheet, small on disk
WIDE_COLUMNS, TALL_COLUMNS = 4, 6  # slides (landscape) and printed pages (portrait) per row of a sheet
GAP = 12


@dataclass
class PreviewResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # artifact, why
    notes: list[str] = field(default_factory=list)  # which rendering a preview shows, when not the usual one


def with_page_sources(formats: str | None, office: bool) -> str | None:
    """The formats a preview builds: with the renderers that show the others' pages (a deck's slides PDF)
    when no office suite (``office``) opens those artifacts itself."""
    from ..pipeline.request import names
    from ..render.registry import default_formats, page_sources

    wanted = names(formats, "format") or default_formats()
    needed = page_sources(wanted)
    return formats if office or needed == wanted else ",".join(needed)


def page_source(artifact: Path) -> Path | None:
    """The PDF that shows an artifact's pages, by its renderer's declaration (``talk.ko.pptx`` →
    ``talk.ko.slides.pdf``; a PDF shows itself); None when its format has no pages to show."""
    from ..render.registry import RENDERERS, renderer_of

    renderer = renderer_of(artifact)
    if renderer is None or renderer.pages is None:
        return None
    stem = artifact.name[: -len(renderer.suffix) - 1]
    return artifact.with_name(f"{stem}.{RENDERERS[renderer.pages].suffix}")


def preview(artifacts: list[Path], out_dir: Path, hide_fonts: bool = False) -> PreviewResult:
    """Thumbnails and a contact sheet for each artifact, into ``out_dir``/preview/; ``hide_fonts``: decks
    drawn without the bundled fonts, as on a colleague's machine (briefs embed theirs: unaffected)."""
    target = out_dir / "preview"
    target.mkdir(parents=True, exist_ok=True)
    result = PreviewResult()
    for artifact in artifacts:
        pages = _shown(artifact, hide_fonts, result)
        if pages is None:
            continue
        result.written += _write_thumbnails(pages, artifact, target)
        sheet = target / f"{artifact.name}.sheet.png"
        wide = pages[0].width > pages[0].height if pages else True
        contact_sheet(pages, WIDE_COLUMNS if wide else TALL_COLUMNS).save(sheet, optimize=True)
        result.written.append(sheet)
    return result


def _shown(artifact: Path, hide_fonts: bool, result: PreviewResult) -> list[Image.Image] | None:
    """An artifact's pages: a PDF's own; another format's as an office suite opens it, else as duopress
    draws it (its renderer's page source); None, with the reason in ``result``, when neither is at hand."""
    source = page_source(artifact)
    if source is None:
        result.skipped.append((artifact, "its format has no pages to show"))
        return None
    if source == artifact:
        return rasterise(artifact)
    if soffice():
        with tempfile.TemporaryDirectory(prefix="duopress-preview-") as work:
            return rasterise(deck_to_pdf(artifact, Path(work), hide_fonts))
    if not source.is_file():
        result.skipped.append((artifact, "LibreOffice (soffice) is not installed; install "
                                         "libreoffice-impress to preview decks"))
        return None
    result.notes.append(f"preview of {artifact.name} drawn by duopress (LibreOffice not installed)")
    return rasterise(source)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def deck_to_pdf(deck: Path, work: Path, hide_fonts: bool = False) -> Path:
    """The deck as LibreOffice lays it out. soffice exits 0 even when it failed: check the file."""
    program = soffice()
    if program is None:  # preview() skips decks without LibreOffice; a direct caller gets a plain error
        raise RuntimeError(f"LibreOffice (soffice) is not installed; cannot open {deck}")
    profile = work / "profile"  # a private profile: no clash with a running LibreOffice
    subprocess.run([program, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(work), str(deck)], capture_output=True, timeout=300,
                   env=libreoffice_env(work, hide_fonts))
    pdf = work / (deck.stem + ".pdf")
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise RuntimeError(f"LibreOffice could not open {deck}")
    return pdf


# What a recipient without our fonts gets instead, in the order fontconfig should try: Arial's and
# Calibri's metric twins for Latin, the Korean gothics a Linux machine may have for Hangul.
SUBSTITUTES = {
    "Noto Sans": ("Liberation Sans", "Arimo", "Carlito"),
    # UnDotum sets Hangul like Malgun Gothic (1 em, spaces 0.3 em); Baekmuk's spaces are twice as wide
    "NanumGothic": ("UnDotum", "Noto Sans CJK KR", "Noto Sans KR", "Baekmuk Gulim"),
}


def libreoffice_env(work: Path, hide_fonts: bool = False) -> dict[str, str]:
    """An environment in which LibreOffice finds duopress's bundled fonts, installed system-wide or not;
    or, with ``hide_fonts``, in which it cannot find them at all, as on a colleague's machine.

    The decks name NanumGothic and Noto Sans; without them LibreOffice substitutes other fonts. fontconfig
    reads a config file of our own that includes the system's, adds the bundled folder, or rejects the
    bundled families wherever they are installed and points their names at likely substitutes.
    """
    config = work / "fonts.conf"
    body = _hidden_fonts() if hide_fonts else _bundled_fonts()
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"{body}  <cachedir>{work / 'fontconfig-cache'}</cachedir>\n"
        "</fontconfig>\n", encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(config), "HOME": str(work)}


def _bundled_fonts() -> str:
    from ..style.resources import assets_dir

    return f"  <dir>{assets_dir() / 'fonts'}</dir>\n"


def _hidden_fonts() -> str:
    families = "".join(f'<pattern><patelt name="family"><string>{escape(name)}</string></patelt></pattern>'
                       for name in SUBSTITUTES)
    aliases = "".join(
        f"  <alias binding=\"same\"><family>{escape(name)}</family><prefer>"
        + "".join(f"<family>{escape(s)}</family>" for s in substitutes) + "</prefer></alias>\n"
        for name, substitutes in SUBSTITUTES.items())
    return f"  <selectfont><rejectfont>{families}</rejectfont></selectfont>\n{aliases}"


def rasterise(pdf: Path, width: int = THUMB_WIDTH) -> list[Image.Image]:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        images = []
        for page in document:
            scale = width / page.get_width()
            images.append(page.render(scale=scale).to_pil().convert("RGB"))
            page.close()
        return images
    finally:
        document.close()


def _write_thumbnails(pages: list[Image.Image], artifact: Path, target: Path) -> list[Path]:
    written = []
    for number, page in enumerate(pages, start=1):
        path = target / f"{artifact.name}.{number:03d}.png"
        page.save(path, optimize=True)
        written.append(path)
    return written


def contact_sheet(pages: list[Image.Image], columns: int) -> Image.Image:
    """Pages in a grid on a neutral grey, in reading order."""
    width = max(page.width for page in pages)
    height = max(page.height for page in pages)
    rows = -(-len(pages) // columns)
    sheet = Image.new("RGB", (GAP + columns * (width + GAP), GAP + rows * (height + GAP)), (214, 219, 226))
    for index, page in enumerate(pages):
        x = GAP + (index % columns) * (width + GAP)
        y = GAP + (index // columns) * (height + GAP)
        sheet.paste(page, (x, y))
    return sheet
