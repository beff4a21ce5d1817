"""The essay's briefs read back as a reader's software sees them: every string the brief shows is there."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest

from generator.document import ChartFigure, TableFigure, TimelineFigure, plain
from generator.load import load_outline
from generator.localize import localize

from conftest import ESSAY

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def shown_strings(doc) -> list[str]:
    """What the brief prints: cover, headings, prose, figures, references, glossary."""
    meta = doc.meta
    strings = [meta.title, meta.subtitle, doc.label("key_takeaways"), doc.label("contents")]
    for section in doc.sections:
        strings.append(plain(section.title))
        for item in section.items:
            strings.append(plain(item.title))
            strings += [plain(p) for p in item.body] or [plain(p.text) for p in item.points]
            figure = item.figure
            if figure is None:
                continue
            strings += [figure.label, plain(figure.title)]
            if isinstance(figure, ChartFigure):
                strings += list(figure.categories)
            elif isinstance(figure, TableFigure):
                strings += [plain(cell) for row in figure.rows for cell in row]
            elif isinstance(figure, TimelineFigure):
                strings += [f"{e.date_text}" for e in figure.events] + [plain(e.text) for e in figure.events]
    strings += [plain(ref.text) for ref in doc.references]
    strings += [term.term for term in doc.glossary]
    return [s for s in strings if s]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_shown_string_round_trips_through_pdftotext(essay_out, lang):
    import datetime as dt

    doc = localize(load_outline(ESSAY), lang, dt.datetime(2024, 12, 1, tzinfo=dt.timezone.utc), "duopress", "x")
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(essay_out / f"outline.{lang}.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    # A paragraph that runs over a page break has the running header and footer in between: drop them.
    running = {doc.meta.short_title, doc.meta.date_text}
    lines = [line for line in raw.splitlines()
             if line.strip() not in running and not re.fullmatch(r"\s*\d+ / \d+\s*", line)]
    text = squash("\n".join(lines))
    missing = [s for s in shown_strings(doc) if squash(s) not in text]
    assert not missing, missing[:5]
    assert doc.meta.date_text in raw and doc.meta.short_title in raw


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_qpdf_check_passes_on_the_essay(essay_out, lang):
    if not shutil.which("qpdf"):
        pytest.skip("qpdf not installed")
    run = subprocess.run(["qpdf", "--check", str(essay_out / f"outline.{lang}.pdf")], capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stdout + run.stderr
