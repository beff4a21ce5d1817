"""What ``duopress serve`` shows: the current build's pages, languages side by side, and its problems.

The server's threads read it while a build updates it, under one condition variable; the browser is told
of each new version and fetches only the pages whose fingerprints it has not seen. Only the current
build's pages are served: an image is found by its fingerprint among them, never by a file name.

A build may hand over drafts (``pipeline.request.Draft``): a page an edit changed, drawn on its own before
the whole PDF is. It stands in for that page of the last good sheet until the build writes the PDF; if the
build ends without writing it (errors in the outline, a failed render), the last good sheet is shown again.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import Problem, sorted_problems
from .pages import Bookmark, Rasteriser, page_prints
from .places import aligned, page_of, page_places, titles_of


@dataclass(frozen=True)
class Sheet:
    """One PDF of the build: the pages a view shows in one language."""

    view: str  # the renderer whose PDF it is (``slides``, ``pdf``, ``handout``)
    lang: str
    data: bytes
    prints: tuple[str, ...]  # one fingerprint per page
    sizes: tuple[tuple[float, float], ...]  # points
    marks: tuple[Bookmark, ...]
    drafts: tuple[tuple[int, bytes], ...] = ()  # (page, a one-page PDF drawn ahead of ``data``) standing in

    def drafted(self, page: int, pdf: bytes) -> Sheet:
        """This sheet with ``page`` shown from a draft: a one-page PDF with the same pixels as the page the
        build will write (its fingerprint is the draft's own: another page, for the browser)."""
        mark = hashlib.sha256(b"draft\0" + pdf).hexdigest()[:40]  # the form of every page's (server.IMAGE)
        prints = (*self.prints[:page], mark, *self.prints[page + 1:])
        drafts = tuple(d for d in self.drafts if d[0] != page) + ((page, pdf),)
        return replace(self, prints=prints, drafts=drafts)

    def source(self, page: int) -> tuple[bytes, int]:
        """The PDF that draws ``page``, and the page's index in it."""
        return next(((pdf, 0) for n, pdf in self.drafts if n == page), (self.data, page))


@dataclass(frozen=True)
class Source:
    """A PDF to show: the view it belongs to, its language, its file, and the view's label."""

    view: str
    lang: str
    path: Path
    label: str


class Gallery:
    def __init__(self, rasteriser: Rasteriser | None = None):
        self.rasteriser = rasteriser or Rasteriser()
        self.changed = threading.Condition()
        self.version = 0
        self.sheets: dict[tuple[str, str], Sheet] = {}
        self.labels: dict[str, str] = {}
        self.problems: list[dict] = []
        self.errors: list[str] = []
        self.images: dict[str, bytes] = {}  # fingerprint → PNG, for pages drawn already
        self.closed = False
        self.order: tuple[dict[str, int], dict[str, int]] = ({}, {})  # view → rank, language → rank
        self.good: dict[tuple[str, str], Sheet] = {}  # the last good sheets that drafts stand in for
        self.written: set[tuple[str, str]] = set()  # the sheets this build has written: no draft after

    def begin(self) -> None:
        """A build starts: its drafts may stand in for pages until it writes their PDFs."""
        with self.changed:
            self.written = set()

    def draft(self, view: str, lang: str, page: int, pages: int, pdf: bytes) -> None:
        """A page of ``view`` in ``lang`` drawn ahead of its PDF, shown at once in place of the page shown.
        Dropped when it cannot be placed: no sheet yet, another page count (the edit added or removed
        pages, which moves the others), or the build has written that PDF already."""
        with self.changed:
            key = (view, lang)
            sheet = self.sheets.get(key)
            if sheet is None or len(sheet.prints) != pages or not 0 <= page < pages or key in self.written:
                return
            self.good.setdefault(key, sheet)
            self.sheets[key] = sheet.drafted(page, pdf)
            self._forget_images()
            self._bump()

    def settle(self) -> None:
        """A build ended: a draft whose PDF it did not write gives way to the last good page again."""
        with self.changed:
            if not self.good:
                return
            self.sheets.update(self.good)
            self.good = {}
            self._forget_images()
            self._bump()

    def show(self, sources: list[Source]) -> None:
        """A build finished: read its PDFs (a file with the bytes shown already is not read again)."""
        sheets = {}
        for source in sources:
            try:
                data = source.path.read_bytes()
            except OSError:  # not written (its render failed): the last good pages stay
                continue
            key = (source.view, source.lang)
            with self.changed:
                self.written.add(key)
                old = self.good.pop(key, None) or self.sheets.get(key)
            sheets[key] = old if old is not None and old.data == data else self._sheet(source, data)
        with self.changed:
            if not self.errors and all(self.sheets.get(key) is sheet for key, sheet in sheets.items()):
                return  # nothing new to show (an artifact whose pages another PDF shows)
            self.sheets.update(sheets)
            self.labels.update({s.view: s.label for s in sources})
            self.errors = []
            self._forget_images()
            self._bump()

    def arrange(self, views: list[str], langs: list[str]) -> None:
        """The order of the switch's views (the registry's) and of the columns (the outline's languages)."""
        with self.changed:
            self.order = ({v: n for n, v in enumerate(views)}, {lang: n for n, lang in enumerate(langs)})

    def _sheet(self, source: Source, data: bytes) -> Sheet:
        sizes, marks = self.rasteriser.describe(data)
        return Sheet(source.view, source.lang, data, tuple(page_prints(data)), tuple(sizes), tuple(marks))

    def locate(self, problems: list[Problem], documents: dict) -> None:
        """The problems to list, each linked to the pages of the section or item it concerns."""
        with self.changed:
            sheets = list(self._arranged().values())
        listed = [{"text": str(p), "level": p.level.value, "links": self._links(p, documents, sheets)}
                  for p in sorted_problems(problems)]
        with self.changed:
            self.problems = listed
            self._bump()

    @staticmethod
    def _links(problem: Problem, documents: dict, sheets: list[Sheet]) -> list[dict]:
        links = []
        for sheet in sheets:
            titles = titles_of(problem, documents[sheet.lang]) if sheet.lang in documents else None
            page = page_of(list(sheet.marks), *titles) if titles else None
            if page is not None:
                links.append({"view": sheet.view, "lang": sheet.lang, "page": page})
        return links

    def broken(self, problems: list[Problem]) -> None:
        """The outline has errors: a banner shows them; the last good pages stay."""
        with self.changed:
            self.errors = [str(p) for p in sorted_problems(problems) if p.is_error]
            self._bump()

    def _bump(self) -> None:
        self.version += 1
        self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """The version after ``seen`` once there is one, or ``seen`` after ``timeout`` seconds or a close."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen or self.closed, timeout)
            return self.version

    def close(self) -> None:
        """The server is stopping: every waiting event stream returns."""
        with self.changed:
            self.closed = True
            self.changed.notify_all()

    def _forget_images(self) -> None:
        current = {p for sheet in self.sheets.values() for p in sheet.prints}
        self.images = {p: png for p, png in self.images.items() if p in current}

    def image(self, fingerprint: str) -> bytes | None:
        """A current page as PNG, drawn on first request; None for anything else."""
        with self.changed:
            if fingerprint in self.images:
                return self.images[fingerprint]
            found = next((s.source(n) for s in self.sheets.values() for n, p in enumerate(s.prints)
                          if p == fingerprint), None)
        if found is None:
            return None
        png = self.rasteriser.png(*found)
        with self.changed:
            if any(fingerprint in s.prints for s in self.sheets.values()):
                self.images[fingerprint] = png
        return png

    def _arranged(self) -> dict[tuple[str, str], Sheet]:
        """The sheets in the switch's order of views and the outline's order of languages (lock held)."""
        views, langs = self.order
        return dict(sorted(self.sheets.items(),
                           key=lambda kv: (views.get(kv[0][0], len(views)), langs.get(kv[0][1], len(langs)))))

    def state(self) -> dict:
        """Everything the page shows, as JSON-ready data."""
        with self.changed:
            sheets, labels = self._arranged(), dict(self.labels)
            data = {"version": self.version, "errors": list(self.errors), "problems": list(self.problems)}
        views = []
        for view in dict.fromkeys(v for v, _ in sheets):
            shown = {lang: sheets[(v, lang)] for v, lang in sheets if v == view}
            rows = aligned({lang: page_places(list(s.marks), len(s.prints)) for lang, s in shown.items()})
            views.append({"name": view, "label": labels.get(view, view), "langs": list(shown),
                          "rows": [[_cell(shown[lang], n) for lang, n in zip(shown, row)] for row in rows]})
        return {**data, "views": views}


def _cell(sheet: Sheet, page: int | None) -> dict | None:
    if page is None:
        return None
    width, height = sheet.sizes[page]
    return {"page": page, "src": f"/page/{sheet.prints[page]}.png", "ratio": round(height / width, 4)}
