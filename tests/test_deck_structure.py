"""The deck's structure under the author's control: `deck:` switches (theme defaults, outline overrides) and
each item's `show:` (deck, brief or both), honoured by the deck, the brief and their digests."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from generator.api import check
from generator.localize.localizer import localize
from generator.outline.loader import load_outline
from generator.pipeline.fingerprint import artifact_digest
from generator.render.pdf import RENDERER as PDF
from generator.render.pdf.renderer import render as render_brief
from generator.render.pptx import RENDERER as PPTX
from generator.render.pptx.renderer import render as render_deck
from generator.render.renderer import RenderOptions
from generator.style.theme import DeckStructure
from generator.style.theme_file import load_theme

OUTLINE = """\
duopress: 1
languages: [ko, en]
meta:
  title: {ko: 구조 시험, en: Structure test}
  date: 2024-12-01
  event: {ko: 세미나, en: The Seminar}
references:
  - id: ref-a
    text: {ko: "가나다 (2024).", en: "Ganada (2024)."}
glossary:
  - {ko: 소버린 AI, en: sovereign AI}
%(deck)s
sections:
  - id: one
    title: {ko: 첫 부분, en: Part one}
    items:
      - id: both-item
        title: {ko: 양쪽, en: Everywhere}
        points: [{ko: 공통 요점, en: Shared point}]
        sources: [ref-a]
      - id: brief-item
        title: {ko: 문서만, en: Brief only}
        show: brief
        points: [{ko: 문서 요점, en: Briefpoint}]
        body: [{ko: 문서 본문, en: Briefbody paragraph}]
      - id: deck-item
        title: {ko: 발표만, en: Deck only}
        show: deck
        points: [{ko: 발표 요점, en: Deckpoint}]
        body: [{ko: 발표 본문, en: Deckbody paragraph}]
  - id: two
    title: {ko: 둘째 부분, en: Part two}
    items:
      - id: last
        title: {ko: 마지막, en: Last}
        points: [{ko: 끝 요점, en: Final point}]
"""
CLOCK = dt.datetime(2024, 12, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def theme():
    return load_theme()


def outline_file(tmp_path: Path, deck: str = "") -> Path:
    path = tmp_path / "outline.yaml"
    path.write_text(OUTLINE % {"deck": deck}, encoding="utf-8")
    return path


def document(path: Path, lang: str = "en"):
    return localize(load_outline(path), lang, CLOCK, "duopress", "outline")


def titles(deck: bytes) -> list[str]:
    prs = Presentation(io.BytesIO(deck))
    return [" ".join((s.shapes.title.text if s.shapes.title is not None else "").split()) for s in prs.slides]


def shape_names(deck: bytes) -> list[set[str]]:
    return [{shape.name for shape in slide.shapes} for slide in Presentation(io.BytesIO(deck)).slides]


def deck_titles(tmp_path: Path, theme, deck: str = "") -> list[str]:
    return titles(render_deck(document(outline_file(tmp_path, deck)), theme))


def test_everything_is_on_by_default(tmp_path, theme):
    assert theme.structure == DeckStructure()
    got = deck_titles(tmp_path, theme)
    assert got == ["Structure test", "Agenda", "Part one", "Everywhere", "Deck only", "Part two", "Last",
                   "References", "Glossary", "Thank you"], got


@pytest.mark.parametrize(("key", "gone"), [
    ("title_slide", ["Structure test"]), ("agenda", ["Agenda"]), ("section_dividers", ["Part one", "Part two"]),
    ("references", ["References"]), ("glossary", ["Glossary"]), ("closing_slide", ["Thank you"]),
])
def test_each_switch_removes_exactly_its_slides(tmp_path, theme, key, gone):
    full = deck_titles(tmp_path, theme)
    got = deck_titles(tmp_path, theme, f"deck:\n  {key}: false")
    assert got == [t for t in full if t not in gone]


def test_footer_parts_can_be_turned_off(tmp_path, theme):
    names = shape_names(render_deck(document(outline_file(tmp_path)), theme))
    assert {"Footer", "Date", "Slide number"} <= names[3]
    off = shape_names(render_deck(document(outline_file(tmp_path, "deck:\n  footer: {date: false, "
                                                                    "slide_number: false}")), theme))
    assert "Footer" in off[3] and not {"Date", "Slide number"} & set().union(*off)


def test_the_outline_overrides_the_themes_defaults_key_by_key(tmp_path, theme):
    quiet = dataclasses.replace(theme, structure=DeckStructure(agenda=False, closing_slide=False))
    assert "Agenda" not in deck_titles(tmp_path, quiet)
    got = deck_titles(tmp_path, quiet, "deck:\n  agenda: true")
    assert "Agenda" in got and "Thank you" not in got


def test_a_theme_file_sets_the_defaults(tmp_path):
    source = Path(load_theme().path).read_text(encoding="utf-8")
    path = tmp_path / "theme.yaml"
    path.write_text(source.replace("    agenda: true\n", "    agenda: false\n")
                    .replace("footer: {event: true,", "footer: {event: false,"), encoding="utf-8")
    structure = load_theme(path).structure
    assert not structure.agenda and not structure.footer_event and structure.footer_date


def test_footer_template_uses_the_templates_placeholders(tmp_path, theme):
    from tests.test_deck_template import TEMPLATE, make_template

    template = tmp_path / "t.pptx"
    make_template(template) if not TEMPLATE.exists() else shutil.copy(TEMPLATE, template)
    layouts = {"title": "Cover", "section": "Chapter", "content": "Text", "two_column": "Two Texts",
               "title_only": "Heading Only"}
    themed = dataclasses.replace(theme, deck=dataclasses.replace(theme.deck, layouts=layouts))
    doc = document(outline_file(tmp_path, "deck:\n  footer: template"))
    prs = Presentation(io.BytesIO(render_deck(doc, themed, template=template)))
    slide = prs.slides[3]
    kinds = {ph.placeholder_format.type for ph in slide.placeholders}
    from pptx.enum.shapes import PP_PLACEHOLDER
    assert {PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER} <= kinds
    assert not {"Footer", "Date", "Slide number"} & {shape.name for shape in slide.shapes}
    texts = {ph.placeholder_format.type: ph.text_frame.text for ph in slide.placeholders}
    assert texts[PP_PLACEHOLDER.FOOTER] == "The Seminar"


def brief_text(doc, theme, tmp_path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) not installed")
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(render_brief(doc, theme))
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_show_keeps_an_item_to_the_deck_or_the_brief(tmp_path, theme):
    doc = document(outline_file(tmp_path))
    deck = render_deck(doc, theme)
    assert "Brief only" not in titles(deck) and "Deck only" in titles(deck)
    agenda = Presentation(io.BytesIO(deck)).slides[1]
    agenda_text = " ".join(s.text_frame.text for s in agenda.shapes if s.has_text_frame)
    assert "Everywhere" in agenda_text and "Deck only" in agenda_text and "Brief only" not in agenda_text
    text = brief_text(doc, theme, tmp_path)
    assert "Brief only" in text and "Briefbody" in text
    assert "Deck only" not in text and "Deckbody" not in text and "Deckpoint" not in text


def test_a_section_of_brief_only_items_has_no_divider(tmp_path, theme):
    path = outline_file(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "        points: [{ko: 끝 요점, en: Final point}]", "        show: brief\n        points: [{ko: 끝 요점, "
        "en: Final point}]"), encoding="utf-8")
    got = titles(render_deck(document(path), theme))
    assert "Part two" not in got and "Last" not in got


def digests(path: Path) -> dict[str, str]:
    outline = load_outline(path)
    return {r.name: artifact_digest(outline, "en", r, RenderOptions(), "env") for r in (PPTX, PDF)}


def test_digests_follow_what_each_artifact_shows(tmp_path):
    path = outline_file(tmp_path)
    before = digests(path)
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace("Briefbody", "Briefprose").replace("Briefpoint", "Brieftext"), encoding="utf-8")
    after = digests(path)
    assert after["pptx"] == before["pptx"] and after["pdf"] != before["pdf"]
    path.write_text(source.replace("Deckpoint", "Decktext"), encoding="utf-8")
    after = digests(path)
    assert after["pptx"] != before["pptx"] and after["pdf"] == before["pdf"]
    path.write_text(source.replace("sections:", "deck:\n  agenda: false\nsections:", 1), encoding="utf-8")
    after = digests(path)
    assert after["pptx"] != before["pptx"] and after["pdf"] == before["pdf"]


@pytest.mark.parametrize(("deck", "expected"), [
    ("deck:\n  agenda: no", "outline.yaml:13:11: error: deck.agenda: expected true or false, got 'no' "
                            "[type.boolean]"),
    ("deck:\n  footer: maybe", "outline.yaml:13:11: error: deck.footer: expected 'template' or a mapping of "
                               "event, date, slide_number to true or false, got 'maybe' [value.choice]"),
    ("deck:\n  agendas: false", "outline.yaml:13:3: error: deck.agendas: unknown key 'agendas'"),
])
def test_a_bad_switch_is_a_located_error(tmp_path, deck, expected):
    path = outline_file(tmp_path, deck)
    got = [str(p).replace(str(path), "outline.yaml") for p in check(path) if p.level.value == "error"]
    assert got and got[0].startswith(expected), got


def test_a_bad_show_is_a_located_error(tmp_path):
    path = outline_file(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("show: deck", "show: slides"), encoding="utf-8")
    got = [str(p).replace(str(path), "outline.yaml") for p in check(path)]
    assert "outline.yaml:28:15: error: sections[0].items[2].show: 'slides' is not one of: both, deck, brief " \
           "[value.choice]" in got, got
