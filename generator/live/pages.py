"""A PDF's pages for the live preview: one fingerprint per page from its bytes, its bookmarks, and a page
rasterised to PNG on demand.

A page's fingerprint hashes what draws it: its content streams and the images and forms it names, read
with pikepdf (the tagged PDFs keep their objects in compressed object streams). Object numbers are left
out, since an object added early in the file renumbers every later one without changing a pixel. Fonts
are named by resource name: reportlab assigns subset codes in order of first use, so a page whose
characters moved to other codes has different stream bytes. A PDF pikepdf cannot open gets fingerprints
of the whole file: every page is then drawn again, never a stale one kept.
"""

from __future__ import annotations

import hashlib
import io
import threading
from dataclasses import dataclass

PAGE_WIDTH = 960  # pixels: a slide at 1 px per point; a printed page readable beside its translation

def page_prints(data: bytes) -> list[str]:
    """One fingerprint per page, in page order; the whole file's digest per page when unreadable."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return [_page_print(page.obj) for page in pdf.pages]
    except (pikepdf.PdfError, ValueError, KeyError, RecursionError):
        whole = hashlib.sha256(data).hexdigest()
        return [f"{whole[:40]}-{n}" for n in range(_count_pages(data))]


def _page_print(page) -> str:
    """The page's boxes and rotation, its content streams (decoded) and the streams of the images and forms
    it names; resources by name, never by object number."""
    import pikepdf

    digest = hashlib.sha256()
    for key in ("/MediaBox", "/CropBox", "/Rotate"):
        if key in page:
            digest.update(key.encode() + repr(page[key]).encode())
    contents = page.get("/Contents")
    streams = contents if isinstance(contents, pikepdf.Array) else [contents] if contents is not None else []
    for stream in streams:
        digest.update(stream.read_bytes())
    xobjects = page.get("/Resources", {}).get("/XObject", {})
    for name in sorted(xobjects.keys()):
        digest.update(name.encode() + xobjects[name].read_raw_bytes())
    return digest.hexdigest()[:40]


def _count_pages(data: bytes) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


@dataclass(frozen=True)
class Bookmark:
    level: int  # 0: a section or a slide at the top level; 1: an item under it
    title: str
    page: int  # 0-based


class Rasteriser:
    """Pages of PDFs held in memory, drawn to PNG when asked. PDFium is not thread-safe: one lock serialises
    every call into it, from the server's threads and the builds' alike."""

    def __init__(self) -> None:
        self.lock = threading.Lock()

    def describe(self, data: bytes) -> tuple[list[tuple[float, float]], list[Bookmark]]:
        """Each page's size in points, and the bookmarks that point at a page."""
        import pypdfium2

        with self.lock:
            document = pypdfium2.PdfDocument(data)
            try:
                sizes = [document.get_page_size(n) for n in range(len(document))]
                marks = [Bookmark(mark.level, mark.get_title(), _page_of(mark)) for mark in document.get_toc()]
                return sizes, [m for m in marks if m.page >= 0]
            finally:
                document.close()

    def png(self, data: bytes, index: int, width: int = PAGE_WIDTH) -> bytes:
        import pypdfium2

        with self.lock:
            document = pypdfium2.PdfDocument(data)
            try:
                page = document[index]
                bitmap = page.render(scale=width / page.get_width())
                image = bitmap.to_pil().convert("RGB")
                bitmap.close()
                page.close()
            finally:
                document.close()
        out = io.BytesIO()
        image.save(out, format="PNG", compress_level=1)  # fast: the page is drawn while the reader waits
        return out.getvalue()


def _page_of(mark) -> int:
    dest = mark.get_dest()
    index = dest.get_index() if dest is not None else None
    return -1 if index is None else index
