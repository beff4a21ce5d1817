"""The essay's briefs read back as a reader's software sees them: every string the brief shows is there."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest
from conftest import ESSAY

from generator.localize.document import ChartFigure, TableFigure, TimelineFigure, footnotes, plain
from generator.localize.localizer import localize
from generator.outline.loader import load_outline

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def essay_document(lang: str):
    """The essay as its brief shows it (without the items kept for the deck: `show: deck`)."""
    import datetime as dt

    doc = localize(load_outline(ESSAY), lang, dt.datetime(2024, 12, 1, tzinfo=dt.UTC), "duopress", "x")
    return doc.shown_in("brief")


def shown(doc) -> list:
    """What the brief prints: cover, headings, prose, figures, references, glossary (strings, or rich lines
    whose footnote markers the check allows for)."""
    meta = doc.meta
    strings: list = [meta.title, meta.subtitle, doc.label("key_takeaways"), doc.label("contents")]
    for section in doc.sections:
        strings.append(section.title)
        for item in section.items:
            strings.append(item.title)
            strings += list(item.body) or [p.text for p in item.points]
            figure = item.figure
            if figure is None:
                continue
            strings += [figure.label, figure.title]
            if isinstance(figure, ChartFigure):
                strings += list(figure.categories)
            elif isinstance(figure, TableFigure):
                strings += [cell for row in figure.rows for cell in row]
            elif isinstance(figure, TimelineFigure):
                strings += [f"{e.date_text}" for e in figure.events] + [e.text for e in figure.events]
    strings += [ref.text for ref in doc.references]
    strings += [term.term for term in doc.glossary]
    return [s for s in strings if s]


def pattern(line) -> str:
    """A string as itself; a rich line with a footnote's number (1–3 digits) wherever it has a marker."""
    if isinstance(line, str):
        return re.escape(squash(line))
    parts, current = [], []
    for run in line:
        if run.note is not None:
            parts.append(current)
            current = []
        else:
            current.append(run)
    parts.append(current)
    return r"\d{1,3}".join(re.escape(squash(plain(tuple(part)))) for part in parts)


def notes_of(doc) -> list[str]:
    lines = [line for line in shown(doc) if not isinstance(line, str)]
    return [plain(note) for line in lines for note in footnotes(line)]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_shown_string_round_trips_through_pdftotext(essay_out, lang):
    doc = essay_document(lang)
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(essay_out / f"outline.{lang}.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    # A paragraph that runs over a page break has the running header and footer in between: drop them.
    running = {doc.meta.short_title, doc.meta.date_text}
    lines = [line for line in raw.splitlines()
             if line.strip() not in running and not re.fullmatch(r"\s*\d+ / \d+\s*", line)]
    text = squash("\n".join(lines))
    notes = [squash(note) for note in notes_of(doc)]
    assert notes, "the essay carries editors' footnotes"
    assert all(note in text for note in notes)
    # Each note is set whole at a page's foot after its number, the notes numbered in reading order: the
    # k-th note in the text is preceded by k (which also checks the numbering). Drop them, last first.
    at = sorted((text.index(note), note) for note in notes)
    for number, (position, note) in reversed(list(enumerate(at, start=1))):
        start = position - len(str(number))
        assert text[start:position] == str(number), (number, note[:40])
        text = text[:start] + text[position + len(note):]
    missing = [plain(s) if not isinstance(s, str) else s for s in shown(doc) if not re.search(pattern(s), text)]
    assert not missing, missing[:5]
    assert doc.meta.date_text in raw and doc.meta.short_title in raw


def layout_pages(path) -> list[str]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def contents_rows(doc) -> list[tuple[str, str, str]]:
    """(number, title, heading as the body prints it) of every row of the contents, in order."""
    rows = []
    for section in doc.sections:
        title = plain(section.title)
        rows.append((f"{section.number}.", title, f"{doc.label('section', n=section.number)}. {title}"))
        rows += [(item.number, plain(item.title), f"{item.number} {plain(item.title)}") for item in section.items]
    rows += [("", doc.label(key), doc.label(key)) for key, has in
             (("references", doc.references), ("glossary", doc.glossary)) if has]
    return rows


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_contents_row_names_the_page_its_heading_is_on(essay_out, lang):
    """The page numbers are drawn after layout, into forms: each must be there, on its row, and right."""
    doc = essay_document(lang)
    pages = [text.splitlines() for text in layout_pages(essay_out / f"outline.{lang}.pdf")]
    named = {}
    for number, title, _ in contents_rows(doc):
        row = contents_row_line(pages, number, title)
        assert row, f"contents row {number} {title} has no page number on its first line"
        page, line, named[title] = row
        pages[page - 1][line] = ""  # the body is searched for the heading without the contents
    for _number, title, heading in contents_rows(doc):
        shown = heading_pages(pages, heading)
        assert shown, f"heading {heading} not in the body"
        assert named[title] == shown[0], (heading, named[title], shown)


def heading_pages(pages: list[list[str]], heading: str) -> list[int]:
    """The pages that print ``heading``: as a line of its own where there is one (a short heading such as
    용어 is also a word of the prose), else anywhere (a long heading wraps over lines)."""
    whole = [n for n, lines in enumerate(pages, 1) if any(squash(line) == squash(heading) for line in lines)]
    return whole or [n for n, lines in enumerate(pages, 1) if squash(heading) in squash("\n".join(lines))]


def contents_row_line(pages: list[list[str]], number: str, title: str) -> tuple[int, int, int] | None:
    """(page, line index, page number shown) of the first line that starts a contents row: the number,
    the start of the title (which may wrap) and the page at the end of the line."""
    row = re.compile(rf"[ \t]*{re.escape(number)}[ \t]*(\S.*?)[ \t]+(\d+)[ \t]*")
    for page, lines in enumerate(pages, 1):
        for index, line in enumerate(lines):
            match = row.fullmatch(line)
            if match and squash(title).startswith(squash(match.group(1))):
                return page, index, int(match.group(2))
    return None


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_footer_ends_with_its_page_and_the_total(essay_out, lang):
    """"n / N" is a form defined once the total is known: on every page, in the footer line."""
    doc = essay_document(lang)
    pages = layout_pages(essay_out / f"outline.{lang}.pdf")
    for n, text in enumerate(pages, 1):
        footer = [line for line in text.splitlines() if line.strip()][-1]
        assert footer.strip().startswith(doc.meta.date_text), (n, footer)
        assert footer.rstrip().endswith(doc.label("page", n=n, total=len(pages))), (n, footer)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_qpdf_check_passes_on_the_essay(essay_out, lang):
    if not shutil.which("qpdf"):
        pytest.skip("qpdf not installed")
    run = subprocess.run(["qpdf", "--check", str(essay_out / f"outline.{lang}.pdf")], capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stdout + run.stderr
