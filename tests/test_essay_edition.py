"""The bundled essay as an edition: the corrections that matter stay made, in every artifact and language.

Pinned here: Figure 1 plots the public record (the essay's dates are footnotes), Table 2's RLHF row keeps
the standard term's meaning, no "about about" / "약 약" anywhere, no software named as the publisher, and
the preface says what the edition is without naming an author.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile

import pytest
from conftest import ESSAY

from generator.localize.document import TableFigure, TimelineFigure, plain
from generator.localize.localizer import localize
from generator.outline.loader import load_outline

LANGS = ("ko", "en")


def document(lang: str):
    return localize(load_outline(ESSAY), lang, dt.datetime(2024, 12, 1, tzinfo=dt.UTC), "duopress", "x")


def figures(lang: str, kind: type) -> list:
    return [item.figure for section in document(lang).sections for item in section.items
            if isinstance(item.figure, kind)]


# The record (the timeline's dates), with the essay's wrong dates only in its footnotes.
RECORD = {
    "EU institutions reach political agreement on the AI Act": dt.date(2023, 12, 8),
    "Meta releases LLaMA 3": dt.date(2024, 4, 18),
    "Microsoft releases its Phi-3 small language models": dt.date(2024, 4, 23),
    "OpenAI releases o1-preview, its first reasoning model": dt.date(2024, 9, 12),
}


def test_the_timeline_plots_the_record_and_footnotes_the_essays_dates():
    (timeline,) = figures("en", TimelineFigure)
    when = {plain(event.text): event.when for event in timeline.events}
    for text, date in RECORD.items():
        assert when[text] == date, text
    order = [plain(event.text) for event in timeline.events]
    assert order.index("Apple unveils Apple Intelligence") < order.index(
        "OpenAI releases o1-preview, its first reasoning model")  # o1 came after Apple Intelligence
    notes = " ".join(plain(run.note) for event in timeline.events for run in event.text if run.note)
    notes = notes.replace("\u00a0", " ")  # dates keep their parts together with no-break spaces
    for essay_date in ("December 6, 2023", "May 2024"):
        assert essay_date in notes


@pytest.mark.parametrize("lang, term, standard, essays", [
    ("en", "Reinforcement learning from human feedback (RLHF)", "human feedback", "users"),
    ("ko", "인간 피드백 기반 강화학습(RLHF)", "사람이 매긴 평가", "사용자"),
])
def test_table_2s_rlhf_row_says_what_the_standard_term_means(lang, term, standard, essays):
    rows = [row for table in figures(lang, TableFigure) for row in table.rows if plain(row[0]) == term]
    assert len(rows) == 1
    gloss = plain(rows[0][1])
    assert standard in gloss and essays not in gloss


def artifact_texts(out) -> dict[str, str]:
    """Every word of the four artifacts: the briefs through pdftotext, the decks' slide and notes XML."""
    texts = {}
    for lang in LANGS:
        pdf = subprocess.run(["pdftotext", str(out / f"outline.{lang}.pdf"), "-"], capture_output=True,
                             text=True, check=True).stdout
        texts[f"{lang}.pdf"] = " ".join(pdf.split())
        with zipfile.ZipFile(out / f"outline.{lang}.pptx") as deck:
            xml = " ".join(deck.read(name).decode("utf-8") for name in deck.namelist()
                           if re.fullmatch(r"ppt/(slides|notesSlides)/\w+\.xml", name))
        texts[f"{lang}.pptx"] = " ".join(re.sub(r"<[^>]+>", "", xml).split())
    return texts


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed")
def test_no_artifact_doubles_about_or_names_software_as_publisher(essay_out):
    texts = artifact_texts(essay_out)
    for name, text in texts.items():
        assert not re.search(r"\babout\s+about\b", text, re.IGNORECASE), name
        assert not re.search(r"약\s+약\s", text), name
        assert "duopress 예시" not in text and "duopress sample" not in text, name
        assert "Policy Brief" not in text and "정책 브리프" not in text, name
    assert "Seminar essay, annotated edition" in texts["en.pdf"]
    assert "세미나 글 주석판" in texts["ko.pdf"]


def test_the_preface_says_what_the_edition_is_and_invents_no_author():
    outline = load_outline(ESSAY)
    assert outline.meta.apparatus.authors == ()
    assert outline.meta.organisation is None and outline.meta.apparatus.publisher is None
    preface = {lang: " ".join(plain(p) for p in document(lang).meta.apparatus.preface) for lang in LANGS}
    assert "does not name the essay’s author" in preface["en"]
    assert "글쓴이가 밝혀져 있지 않으며" in preface["ko"]
    assert "seminar essay" in preface["en"] and "세미나 글" in preface["ko"]


def test_the_key_takeaways_are_findings_not_headings():
    doc = document("en")
    keys = [plain(p.text) for s in doc.sections for i in s.items for p in i.points if p.key]
    assert keys and not any(k.startswith(("System 1", "System 2")) for k in keys)
    summary = " ".join(plain(p) for p in doc.meta.summary)
    assert "This brief reviews" not in summary  # a summary of findings, not a table of contents
    for finding in ("six trends", "three implications", "technological determinism"):
        assert finding in summary


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed")
def test_the_korean_cover_title_leaves_no_word_alone_on_its_last_line(essay_out):
    cover = subprocess.run(["pdftotext", "-layout", "-l", "1", str(essay_out / "outline.ko.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in cover.splitlines() if line.strip()]
    first = lines.index("인공지능 기술의 발전 동향과")
    assert lines[first + 1] == "국제정치적 함의"


def test_a_title_is_narrowed_only_to_save_a_stranded_last_word():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from generator.render.pdf.balance import MIN_LAST_LINE, _lines, without_runt

    style = ParagraphStyle("t", fontName="Helvetica", fontSize=20, leading=24)
    first_line = " ".join(["word"] * 7)
    width = stringWidth(first_line, "Helvetica", 20) + 2  # seven words fill the first line
    runt = first_line + " x"  # and "x" would stand alone on the second
    assert _lines(runt, style, width)[0] == 2 and _lines(runt, style, width)[1] < MIN_LAST_LINE * width
    fixed = without_runt(runt, style, width)
    narrowed = width - fixed.style.rightIndent
    count, last = _lines(runt, style, narrowed)
    assert count == 2 and last >= MIN_LAST_LINE * narrowed
    full = first_line + " " + " ".join(["word"] * 3)  # a last line of three words is left as it is
    assert without_runt(full, style, width).style is style
