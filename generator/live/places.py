"""Where things are in a built PDF, from its bookmarks: which pages line up across languages, and which
page shows the section or item a problem is about.

No renderer is asked: the bookmarks every duopress PDF carries (a section at the top level, its items
under it; a continued slide repeats its item's title with a suffix) are read back, so this works for any
format whose pages are a PDF.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from .pages import Bookmark

if TYPE_CHECKING:
    from ..errors import Problem
    from ..localize.document import Document

Place = tuple[int, int]  # (top-level bookmark, item under it): the same in every language's PDF
SECTION_PATH = re.compile(r"sections\[(\d+)\](?:\.items\[(\d+)\])?")


def page_places(marks: list[Bookmark], count: int) -> list[Place]:
    """For each page, the place its content starts from: the last bookmark on or before it. A bookmark
    whose title continues the one before it at its level (``Title (cont.)``, ``Title (계속)``) starts no
    place of its own, so a slide continued in one language only stays beside the same item in the other."""
    starts: dict[int, Place] = {}
    top = sub = 0
    previous: dict[int, str] = {}
    for mark in marks:
        before = previous.get(mark.level)
        previous[mark.level] = mark.title
        if before and mark.title.startswith(before):
            continue
        if mark.level == 0:
            top, sub = top + 1, 0
            previous.pop(1, None)
        else:
            sub += 1
        starts.setdefault(mark.page, (top, sub))
    places, place = [], (0, 0)
    for page in range(count):
        place = starts.get(page, place)
        places.append(place)
    return places


def aligned(places: dict[str, list[Place]]) -> list[list[int | None]]:
    """Rows of page indices, one column per language (in ``places``' order): pages that start from the same
    place side by side, in order; a language with fewer pages there leaves its cell empty."""
    rows: list[list[int | None]] = []
    for place in sorted({p for found in places.values() for p in found}):
        columns = [[n for n, p in enumerate(found) if p == place] for found in places.values()]
        for r in range(max(len(c) for c in columns)):
            rows.append([c[r] if r < len(c) else None for c in columns])
    return rows


def titles_of(problem: Problem, document: Document) -> tuple[str, str] | None:
    """The plain titles (section, item or "") of the section or item a problem's path names, if any."""
    from ..localize.document import plain, without_notes

    found = SECTION_PATH.match(problem.path)
    if found is None or int(found.group(1)) >= len(document.sections):
        return None
    section = document.sections[int(found.group(1))]
    if found.group(2) is None:
        return plain(without_notes(section.title)).strip(), ""
    if int(found.group(2)) >= len(section.items):
        return None
    item = section.items[int(found.group(2))]
    return plain(without_notes(section.title)).strip(), plain(without_notes(item.title)).strip()


def page_of(marks: list[Bookmark], section: str, item: str) -> int | None:
    """The first page of a section (its top-level bookmark) or of an item under it, by title."""
    start = next((n for n, m in enumerate(marks) if m.level == 0 and section and section in m.title), None)
    if not item:
        return None if start is None else marks[start].page
    for mark in marks[(start + 1 if start is not None else 0):]:
        if start is not None and mark.level == 0:
            return None  # the next section: the item is not shown in this artifact
        if mark.level > 0 and item in mark.title:
            return mark.page
    return None


def read_documents(outline: Path, theme: Path | None) -> dict[str, Document]:
    """Every language's Document of an outline that builds, for the problems' titles ({} if it does not)."""
    from ..outline.loader import read_outline
    from ..pipeline.request import BuildRequest
    from ..pipeline.run import Session
    from ..style.theme_file import load_theme
    from ..version import __version__

    try:
        model, problems = read_outline(outline)
        if model is None or any(p.is_error for p in problems):
            return {}
        session = Session(model, load_theme(theme), BuildRequest(outline, theme=theme), f"duopress {__version__}")
        return {lang: session.localize(lang) for lang in model.languages}
    except Exception:  # only the links are lost; the build itself reported what is wrong
        return {}


def declared_languages(outline: Path) -> tuple[str, ...]:
    """The outline's languages in the order it declares them (the columns' order); () if unreadable."""
    from ..outline.loader import read_outline

    try:
        model, _ = read_outline(outline)
    except Exception:  # the build reports it; the columns fall back to the order the PDFs came in
        return ()
    return tuple(model.languages) if model is not None else ()
