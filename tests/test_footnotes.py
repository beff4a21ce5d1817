"""Footnotes ``^[…]``: parsed in any text, parity-checked, numbered per brief and set at the foot of the page
that holds their marker (or as endnotes, by theme), moved to the speaker notes in the deck; an item's
editor's note printed in the brief; a quote item's quotation and attribution set off in the brief."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from samples import sample_document

from generator.checks.parity import text_parity
from generator.localize.document import Point, Run
from generator.outline.inline import parse_inline, with_notes
from generator.outline.model import Text
from generator.render.pdf.renderer import render
from generator.style.theme_file import load_theme

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def theme():
    return load_theme()


# -- syntax -------------------------------------------------------------------------------------------


def test_a_footnote_holds_its_own_inline_text():
    segments, problems = parse_inline("Compute^[As *reported* in {fact:flop}, see [it](https://x.org/a).] rose.")
    assert problems == ()
    assert [s.text for s in segments] == ["Compute", "", " rose."]
    note = segments[1].note
    assert note is not None
    assert [(s.text, s.emphasis, s.fact, s.href) for s in note] == [
        ("As ", False, None, None), ("reported", True, None, None), (" in ", False, None, None),
        ("", False, "flop", None), (", see ", False, None, None), ("it", False, None, "https://x.org/a"),
        (".", False, None, None)]
    assert [s.fact for s in with_notes(segments) if s.fact] == ["flop"]


@pytest.mark.parametrize("source, code", [
    ("a^[never closed", "inline.unclosed"),
    ("a^[] b", "inline.footnote"),
    ("a^[outer ^[inner]] b", "inline.footnote"),
    ("a^[*open] b", "inline.unclosed"),
])
def test_a_broken_footnote_is_a_problem_not_a_crash(source, code):
    _, problems = parse_inline(source)
    assert code in [p.code for p in problems]


def test_escaped_brackets_stay_inside_the_note():
    segments, problems = parse_inline(r"x^[a \] b [c] d] y")
    assert problems == ()
    assert "".join(s.text for s in segments[1].note) == "a ] b [c] d"
    assert segments[2].text == " y"


def _text(ko: str, en: str) -> Text:
    from generator.errors import Span

    span = Span("t.yaml", 1, 1)
    return Text({"ko": ko, "en": en}, {"ko": span, "en": span}, "sections[0].items[0].body[0]", span)


def test_both_languages_must_have_the_same_footnotes():
    problems = text_parity(_text("가^[주석] 나^[둘째]", "A^[note] b"), "ko", ("ko", "en"))
    assert [(p.code, p.message) for p in problems] == [
        ("parity.footnotes", "footnotes differ from ko: en lacks footnote")]


def test_a_footnotes_facts_and_numbers_are_compared_too():
    problems = text_parity(_text("가^[{fact:x} 2024년]", "A^[2023]"), "ko", ("ko", "en"))
    assert {p.code for p in problems} == {"parity.facts", "parity.numbers"}
    assert text_parity(_text("가^[{fact:x} 2024년]", "A^[{fact:x} in 2024]"), "ko", ("ko", "en")) == []


# -- the brief ------------------------------------------------------------------------------------------


def words_by_page(pdf: bytes, tmp_path) -> list[list[tuple[str, float, float]]]:
    """Each page's words as (text, x, y of the word's top), from poppler's bounding boxes."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        pages.append([(unescape(m.group(3)), float(m.group(1)), float(m.group(2))) for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>', page)])
    return pages


def noted(lang: str, paragraphs: int, note_words: int = 6, *, cell_note: bool = False):
    """The sample brief with one item of ``paragraphs`` paragraphs, each citing its own footnote: the
    paragraph holds the word Citeword<k>, its note Noteword<k>."""
    doc = sample_document(lang)
    section = doc.sections[0]
    first = section.items[0]
    filler = " ".join(["text that fills the line"] * 4)
    body = tuple((Run(f"Citeword{k} {filler}."),
                  Run("", note=(Run(f"Noteword{k} " + " ".join(["explains"] * note_words) + "."),)),
                  Run(" After the marker."))
                 for k in range(1, paragraphs + 1))
    item = dataclasses.replace(first, id="a", number="1.1", body=body, citations=(), points=(), figure=None)
    return dataclasses.replace(doc, sections=(dataclasses.replace(section, items=(item,)),))


def where(pages, prefix: str) -> dict[int, tuple[int, float]]:
    """k → (page index, y) of the word ``prefix<k>``."""
    found = {}
    for index, words in enumerate(pages):
        for word, _x, y in words:
            match = re.fullmatch(re.escape(prefix) + r"(\d+)", word.rstrip(".,"))
            if match:
                found[int(match.group(1))] = (index, y)
    return found


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("paragraphs, note_words", [(30, 6), (14, 60)])
def test_each_note_is_at_the_foot_of_the_page_that_cites_it(theme, tmp_path, lang, paragraphs, note_words):
    pages = words_by_page(render(noted(lang, paragraphs, note_words), theme), tmp_path)
    cites, notes = where(pages, "Citeword"), where(pages, "Noteword")
    assert sorted(notes) == list(range(1, paragraphs + 1))
    assert len({page for page, _ in cites.values()}) > 2  # the notes travel over several pages
    for k, (page, y) in cites.items():
        note_page, note_y = notes[k]
        assert note_page == page, f"note {k} is on page {note_page + 1}, its marker on {page + 1}"
        body_bottom = max(wy for w, _x, wy in pages[page] if not w.startswith(("Noteword", "explains")) and
                          wy < note_y + 1 and w not in ("1", "2", "3", "4"))
        assert note_y >= y
        assert note_y > body_bottom - 1 or body_bottom == note_y


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_notes_never_overlap_the_text_above_them(theme, tmp_path, lang):
    """Every note of a page is below every line of body text of that page."""
    pages = words_by_page(render(noted(lang, 24, 30), theme), tmp_path)
    for words in pages:
        note_tops = [y for w, _x, y in words if w.startswith("Noteword")]
        if not note_tops:
            continue
        body = [y for w, _x, y in words if w.startswith(("Citeword", "fills", "marker"))]
        assert max(body) < min(note_tops), "a note sits above or among the body text"


def test_notes_are_numbered_in_reading_order(theme, tmp_path):
    pages = words_by_page(render(noted("en", 20), theme), tmp_path)
    order = [k for words in pages for k in
             [int(w[len("Noteword"):].rstrip(".")) for w, _x, _y in words if w.startswith("Noteword")]]
    assert order == list(range(1, 21))


def test_endnotes_by_theme_gather_every_note_before_the_references(theme, tmp_path):
    brief = dataclasses.replace(theme.brief, footnotes="end")
    pages = words_by_page(render(noted("en", 12), dataclasses.replace(theme, brief=brief)), tmp_path)
    text = [" ".join(w for w, _x, _y in words) for words in pages]
    joined = "\n".join(text)
    notes_at = joined.index("Notes 1 Noteword1")  # the heading, then the notes in order
    assert [joined.index(f"Noteword{k} ") for k in range(1, 13)] == sorted(
        joined.index(f"Noteword{k} ") for k in range(1, 13))
    assert notes_at > joined.rindex("Citeword12")
    assert notes_at < joined.rindex("References")


def test_a_note_taller_than_half_a_page_runs_on_at_the_end(theme, tmp_path):
    pages = words_by_page(render(noted("en", 3, 900), theme), tmp_path)
    notes = where(pages, "Noteword")
    assert sorted(notes) == [1, 2, 3]
    last_cite = max(where(pages, "Citeword").values())  # (page, y): the last marker in reading order
    assert all(place > last_cite for place in notes.values())


def test_takeaways_and_contents_repeat_texts_without_their_markers(theme, tmp_path):
    doc = sample_document("en")
    section = doc.sections[0]
    item = section.items[0]
    note = Run("", note=(Run("Keynote explains."),))
    point = Point((Run("Keypoint"), note), key=True)
    item = dataclasses.replace(item, title=(Run("Titled"), note), points=(point,), body=())
    doc = dataclasses.replace(doc, sections=(dataclasses.replace(section, items=(item,)),))
    pages = words_by_page(render(doc, theme), tmp_path)
    found = [w for words in pages for w, _x, _y in words if w.startswith("Keynote")]
    assert len(found) == 2  # the title's note and the point's, each once at the foot
    first = " ".join(w for w, _x, _y in pages[0])
    assert "Keypoint 1" not in first.split("Contents")[0]  # no marker in the takeaways box


def test_an_editors_note_and_a_quote_with_attribution_are_printed(theme, tmp_path):
    doc = sample_document("en")
    section = doc.sections[0]
    item = dataclasses.replace(
        section.items[0], layout="quote", body=(), points=(Point((Run("Quotedword stays"),)),),
        attribution=(Run("Saidby Person"),), editor_note=(Run("Editorword checked."),))
    doc = dataclasses.replace(doc, sections=(dataclasses.replace(section, items=(item,)),))
    pages = words_by_page(render(doc, theme), tmp_path)
    words = [(w, x, y) for page in pages for w, x, y in page]
    quote = next((x, y) for w, x, y in words if w == "Quotedword")
    said = next((x, y) for w, x, y in words if w == "Saidby")
    assert said[1] > quote[1] and said[0] > quote[0]  # below and right-aligned
    assert any(w == "\u2014" for w, _x, _y in words)
    editor = [w for w, _x, _y in words if w in ("Editor's", "Editorword")]
    assert editor == ["Editor's", "Editorword"]


# -- the deck --------------------------------------------------------------------------------------------


def test_the_deck_moves_footnotes_and_the_editors_note_to_the_speaker_notes(tmp_path):
    from pptx import Presentation

    from generator.cli import main

    outline = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    outline = outline.replace(
        '"{fact:telcos}의 협력"', '"{fact:telcos}의 협력^[세 회사 모두 [공시](https://example.org/d) 기준.]"'
    ).replace('"Partnerships of {fact:telcos}"',
              '"Partnerships of {fact:telcos}^[All three as [filed](https://example.org/d).]"'
    ).replace("        sources: [ref-a]", '        sources: [ref-a]\n        editor_note: {ko: "편집자 확인.", '
                                         'en: "Checked by the editors."}')
    path = tmp_path / "noted.yaml"
    path.write_text(outline, encoding="utf-8")
    assert main(["build", str(path), "--out", str(tmp_path / "out"), "--format", "pptx", "--quiet"]) == 0
    for lang, note, editor in (("en", "Footnote: All three as filed (https://example.org/d).",
                                "Editor's note: Checked by the editors."),
                               ("ko", "각주: 세 회사 모두 공시 (https://example.org/d) 기준.",
                                "편집자 주: 편집자 확인.")):
        deck = Presentation(str(tmp_path / "out" / f"noted.{lang}.pptx"))
        slide = next(s for s in deck.slides if "SKT" in " ".join(
            sh.text_frame.text for sh in s.shapes if sh.has_text_frame))
        shown = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
        assert "filed" not in shown and "공시" not in shown  # not on the slide
        notes = slide.notes_slide.notes_text_frame.text.split("\n")
        assert note in notes and editor in notes


@pytest.mark.parametrize("lang, cited, note", [
    ("en", "repealed in 2013", "Kept in the table"), ("de", "2013 aufgehoben", "In der Tabelle belassen"),
    ("ko", "2013년 폐지", "표에 남겨 둔"), ("en", "a very long one.", "Processing times and visit"),
])
def test_the_stress_outlines_notes_share_the_page_of_their_table_cell_or_paragraph(tmp_path, lang, cited, note):
    from generator.cli import main

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = tmp_path / "out"
    assert main(["build", str(ROOT / "tests" / "fixtures" / "stress.yaml"), "--out", str(out), "--lang", lang,
                 "--format", "pdf", "--quiet"]) == 0
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out / f"stress.{lang}.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = [" ".join(page.split()) for page in text.split("\f")]
    cited_on = [i for i, page in enumerate(pages) if cited in page]
    noted_on = [i for i, page in enumerate(pages) if note in page]
    assert len(noted_on) == 1 and noted_on[0] in cited_on


def test_the_quote_slide_sets_the_attribution_apart_from_the_quote(tmp_path):
    from pptx import Presentation
    from pptx.enum.text import PP_ALIGN

    from generator.cli import main

    out = tmp_path / "out"
    assert main(["build", str(ROOT / "tests" / "fixtures" / "stress.yaml"), "--out", str(out), "--lang", "en",
                 "--format", "pptx", "--quiet"]) == 0
    deck = Presentation(str(out / "stress.en.pptx"))
    slide = next(s for s in deck.slides if any(sh.name == "Attribution" for sh in s.shapes))
    quote = next(sh for sh in slide.shapes if sh.name == "Quote")
    said = next(sh for sh in slide.shapes if sh.name == "Attribution")
    assert said.text_frame.text == "\u2014 A fictional civil servant, duopress test data"
    quote_size = {r.font.size.pt for p in quote.text_frame.paragraphs for r in p.runs}
    said_size = {r.font.size.pt for p in said.text_frame.paragraphs for r in p.runs}
    assert max(said_size) < min(quote_size)
    assert said.top >= quote.top + quote.height
    assert all(p.alignment == PP_ALIGN.RIGHT for p in said.text_frame.paragraphs)


def test_an_attribution_off_a_quote_item_is_a_warning(tmp_path):
    from generator.api import check

    outline = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8").replace(
        "        sources: [ref-a]", '        sources: [ref-a]\n        attribution: {ko: "누군가", en: "Someone"}')
    path = tmp_path / "attributed.yaml"
    path.write_text(outline, encoding="utf-8")
    problems = [p for p in check(path) if p.code == "item.attribution"]
    assert len(problems) == 1 and not problems[0].is_error
    assert problems[0].path == "sections[0].items[0].attribution"
