"""A PDF's pages for the live preview: one fingerprint per page from its bytes, its bookmarks, and a page
rasterised to PNG on demand.

A page's fingerprint hashes what draws it: its content streams and the images it names, read from the
PDF's cross-reference table (reportlab writes a classic one). Object numbers are left out, since an object
added early in the file renumbers every later one without changing a pixel. Fonts are named by resource
name: reportlab assigns subset codes in order of first use, so a page whose characters moved to other
codes has different stream bytes. A PDF this reader cannot follow (object streams, a damaged table)
gets fingerprints of the whole file: every page is then drawn again, never a stale one kept.
"""

from __future__ import annotations

import hashlib
import io
import re
import threading
from dataclasses import dataclass

PAGE_WIDTH = 960  # pixels: a slide at 1 px per point; a printed page readable beside its translation

_REF = rb"(\d+)\s+(\d+)\s+R"
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")


class Unreadable(Exception):
    """The PDF's structure is not what this small reader follows."""


def page_prints(data: bytes) -> list[str]:
    """One fingerprint per page, in page order; the whole file's digest per page when unreadable."""
    try:
        return _Objects(data).page_prints()
    except (Unreadable, ValueError, IndexError, KeyError, RecursionError):
        import pypdfium2

        whole = hashlib.sha256(data).hexdigest()
        document = pypdfium2.PdfDocument(data)
        try:
            return [f"{whole[:40]}-{n}" for n in range(len(document))]
        finally:
            document.close()


class _Objects:
    """A PDF's objects by number, through its cross-reference table (classic, possibly several sections)."""

    def __init__(self, data: bytes):
        self.data = data
        start = data.rfind(b"startxref")
        if start < 0:
            raise Unreadable("no startxref")
        self.offsets: dict[int, int] = {}
        self._read_xref(int(data[start + 9:start + 40].split()[0]))

    def _read_xref(self, at: int) -> None:
        data = self.data
        if not data.startswith(b"xref", at):
            raise Unreadable("a cross-reference stream")
        pos = at + 4
        while True:
            header = re.compile(rb"\s*(\d+) (\d+)\s*\r?\n").match(data, pos)
            if header is None:
                break
            first, count = int(header.group(1)), int(header.group(2))
            pos = header.end()
            for n in range(count):
                entry = _XREF_ENTRY.match(data, pos + 20 * n)
                if entry is None:
                    raise Unreadable("a malformed cross-reference entry")
                if entry.group(3) == b"n":
                    self.offsets.setdefault(first + n, int(entry.group(1)))
            pos += 20 * count

    def body(self, number: int) -> tuple[bytes, bytes]:
        """An object's dictionary (or value) and its stream's bytes (empty without one)."""
        at = self.offsets[number]
        head = re.compile(rb"\s*%d\s+\d+\s+obj" % number).match(self.data, at)
        if head is None:
            raise Unreadable(f"object {number} is not where the table says")
        stream = self.data.find(b"stream", head.end())
        end = self.data.find(b"endobj", head.end())
        if stream < 0 or end < stream:
            return self.data[head.end():end], b""
        value = self.data[head.end():stream]
        length = re.search(rb"/Length\s+(\d+)(\s+\d+\s+R)?", value)
        if length is None:
            raise Unreadable(f"object {number}: a stream without /Length")
        size = int(self.body(int(length.group(1)))[0].strip()) if length.group(2) else int(length.group(1))
        begin = stream + 6 + (2 if self.data.startswith(b"\r\n", stream + 6) else 1)
        return value, self.data[begin:begin + size]

    def resolve(self, value: bytes) -> bytes:
        """A value that is a lone reference, replaced by the object it names."""
        ref = re.fullmatch(rb"\s*" + _REF + rb"\s*", value)
        return self.body(int(ref.group(1)))[0] if ref else value

    def catalog_pages(self) -> list[int]:
        trailer = self.data[self.data.rfind(b"trailer"):]
        root = re.search(rb"/Root\s+" + _REF, trailer)
        if root is None:
            raise Unreadable("no /Root")
        pages = re.search(rb"/Pages\s+" + _REF, self.body(int(root.group(1)))[0])
        if pages is None:
            raise Unreadable("no /Pages")
        return self._kids(int(pages.group(1)), depth=0)

    def _kids(self, number: int, depth: int) -> list[int]:
        if depth > 32:
            raise Unreadable("a page tree deeper than any writer makes")
        value = self.body(number)[0]
        if re.search(rb"/Type\s*/Page\b(?!s)", value):
            return [number]
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", value)
        if kids is None:
            raise Unreadable(f"object {number}: neither a page nor a page tree node")
        return [page for ref in re.finditer(_REF, kids.group(1)) for page in self._kids(int(ref.group(1)), depth + 1)]

    def page_prints(self) -> list[str]:
        return [self._page_print(number) for number in self.catalog_pages()]

    def _page_print(self, number: int) -> str:
        value = self.body(number)[0]
        digest = hashlib.sha256(re.sub(_REF, b"R", value))  # the box, rotation, resource names
        contents = re.search(rb"/Contents\s*(\[[^\]]*\]|" + _REF + rb")", value)
        for ref in re.finditer(_REF, contents.group(1) if contents else b""):
            digest.update(self.body(int(ref.group(1)))[1])
        for xobject in self._xobjects(value):
            head, stream = self.body(xobject)
            digest.update(re.sub(_REF, b"R", head) + stream)
        return digest.hexdigest()[:40]

    def _xobjects(self, page: bytes) -> list[int]:
        """The images and forms a page's resources name (inline or as a referenced dictionary)."""
        resources = re.search(rb"/Resources\s*(" + _REF + rb"|<<)", page)
        if resources is None:
            return []
        text = self.resolve(resources.group(1)) if resources.group(2) else page[resources.start(1):]
        xobject = re.search(rb"/XObject\s*(" + _REF + rb"|<<[^>]*>>)", text)
        if xobject is None:
            return []
        names = self.resolve(xobject.group(1)) if xobject.group(2) else xobject.group(1)
        return [int(ref.group(1)) for ref in re.finditer(_REF, names)]


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
