"""A deck rendered with the previous render's slides (render/pptx/reuse.py) is byte for byte the deck laid out
from scratch: for every fixture, both bundled looks and a user's template, after edits of each kind — one
item's text, a section heading, an item removed, an item grown onto a continuation slide, the footer's
event — and after a chain of them. Slides are in fact reused (an edit of one item lays out few slides), and
a damaged, foreign or --force'd memo costs time only."""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.api import build
from generator.localize.document import Document, Point, Run
from generator.outline.loader import read_outline
from generator.pipeline.request import BuildRequest
from generator.pipeline.run import Session
from generator.render.memo import Memo, memo_path
from generator.render.pptx import reuse
from generator.render.pptx.renderer import render_deck
from generator.style.resources import theme_path
from generator.style.theme_file import load_theme

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
OUTLINES = [ROOT / "outline.yaml", *(FIXTURES / name for name in ("design.yaml", "stress.yaml", "demography.yaml",
                                                                   "trilingual.yaml", "valid/every-figure.yaml"))]


def document(outline: Path, lang: str | None = None) -> Document:
    model, _ = read_outline(outline)
    assert model is not None
    session = Session(model, load_theme(None), BuildRequest(outline), "duopress test")
    return session.localize(lang or model.languages[-1])


# -- edits of a document, each as an author would make them in the outline ------------------------------


def _items(doc: Document) -> list[tuple[int, int]]:
    return [(s, i) for s, section in enumerate(doc.sections) for i in range(len(section.items))]


def _with_item(doc: Document, where: tuple[int, int], change) -> Document:
    s, i = where
    section = doc.sections[s]
    items = list(section.items)
    items[i] = change(items[i])
    sections = list(doc.sections)
    sections[s] = replace(section, items=tuple(items))
    return replace(doc, sections=tuple(sections))


def edit_title(doc: Document) -> Document:
    middle = _items(doc)[len(_items(doc)) // 2]
    return _with_item(doc, middle, lambda item: replace(item, title=(*item.title, Run(" (revised)"))))


def grow_item(doc: Document) -> Document:
    """Many more bullets on the first item: it continues on more slides, so every footer's total changes."""
    extra = tuple(Point((Run(f"An added point, number {n}, long enough to take a line of its own"),))
                  for n in range(14))
    return _with_item(doc, _items(doc)[0], lambda item: replace(item, points=item.points + extra))


def remove_item(doc: Document) -> Document:
    s, i = _items(doc)[-1]
    section = doc.sections[s]
    if len(section.items) < 2:
        return doc
    sections = list(doc.sections)
    sections[s] = replace(section, items=section.items[:i])
    return replace(doc, sections=tuple(sections))


def retitle_section(doc: Document) -> Document:
    sections = list(doc.sections)
    sections[-1] = replace(sections[-1], title=(*sections[-1].title, Run(" and more")))
    return replace(doc, sections=tuple(sections))


def new_event(doc: Document) -> Document:
    return replace(doc, meta=replace(doc.meta, event="Another Conference 2027"))


EDITS = [edit_title, grow_item, remove_item, retitle_section, new_event]


def _render(doc: Document, theme, memo_file: Path | None, **options) -> bytes:
    memo = Memo(memo_file, "test environment") if memo_file is not None else None
    data, _ = render_deck(doc, theme, memo=memo, **options)
    if memo is not None:
        memo.save()
    return data


@pytest.fixture
def reused(monkeypatch):
    """How many slides each render given a memo took from it."""
    counts: list[int] = []
    original = reuse.SlideReuse.keep

    def keep(self, written):
        if self.memo is not None:
            counts.append(self.reused)
        original(self, written)

    monkeypatch.setattr(reuse.SlideReuse, "keep", keep)
    return counts


@pytest.mark.parametrize("outline", OUTLINES, ids=lambda p: p.stem)
def test_each_edit_gives_the_bytes_of_a_fresh_render(outline, tmp_path, reused):
    theme = load_theme(None)
    doc = document(outline)
    stored = tmp_path / "stored.memo"
    assert _render(doc, theme, stored) == _render(doc, theme, None)  # storing changes nothing
    for edit in EDITS:
        memo_file = tmp_path / f"{edit.__name__}.memo"
        memo_file.write_bytes(stored.read_bytes())
        edited = edit(doc)
        assert _render(edited, theme, memo_file) == _render(edited, theme, None), edit.__name__
    slides = reused[1:]  # the renders from a memo, one per edit
    assert slides[0] > 0  # one item's title edited: the other slides come from the memo
    assert slides[EDITS.index(new_event)] == 0  # every footer changed


# -- an edit in another language: the deck is planned in step with it (plan.py) --------------------------


def lengthen_points(doc: Document, where: tuple[int, int], times: int) -> Document:
    """Every point of one item said ``times`` over: in step, the other languages' decks may need another
    slide for it (a continuation) or another layout, though their own text is unchanged."""
    return _with_item(doc, where, lambda item: replace(
        item, points=tuple(replace(p, text=p.text * times) for p in item.points)))


def _partners_edited(doc: Document, edit) -> Document:
    return replace(doc, partners=tuple(edit(p) for p in doc.partners))


@pytest.mark.parametrize("outline", [ROOT / "outline.yaml", FIXTURES / "stress.yaml", FIXTURES / "design.yaml"],
                         ids=lambda p: p.stem)
def test_an_edit_in_another_language_relays_only_what_the_shared_plan_changed(outline, tmp_path, reused):
    theme = load_theme(None)
    doc = document(outline, "ko")
    assert doc.partners, "the fixture must have another language"
    memo_file = tmp_path / "deck.memo"
    first = _render(doc, theme, memo_file)
    # the other language's words change, not its plan: every slide of this deck is reused as it was
    retitled = _partners_edited(doc, edit_title)
    assert _render(retitled, theme, memo_file) == first
    assert reused[-1] == len(_slides(first))
    # the other language's points grow: this deck follows its plan, and is what a fresh render makes
    changed = 0
    for where in _items(doc)[:: max(1, len(_items(doc)) // 4)]:
        grown = _partners_edited(doc, lambda p, where=where: lengthen_points(p, where, 8))
        data = _render(grown, theme, memo_file)
        assert data == _render(grown, theme, None), where
        changed += data != first
    assert changed, "no edit changed the shared plan: the test would not see a decision missing from a key"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(outline=st.sampled_from(OUTLINES), pick=st.integers(0, 1000), times=st.integers(1, 10),
       title=st.booleans())
def test_any_edit_in_another_language_gives_the_bytes_of_a_fresh_render(outline, pick, times, title, tmp_path):
    """Property: whatever one language's edit (an item's points said over, its title changed) does to the
    shared plan, the other language's deck rendered from its memo is the deck rendered fresh."""
    theme = load_theme(None)
    doc = _documents(outline)
    memo_file = tmp_path / f"{outline.stem}-{pick}-{times}-{title}.memo"
    _render(doc, theme, memo_file)
    where = _items(doc)[pick % len(_items(doc))]

    def edit(partner: Document) -> Document:
        partner = lengthen_points(partner, where, times)
        return _with_item(partner, where, lambda item: replace(item, title=(*item.title, Run(" (revised)"))))\
            if title else partner

    edited = _partners_edited(doc, edit)
    assert _render(edited, theme, memo_file) == _render(edited, theme, None)


@functools.cache
def _documents(outline: Path) -> Document:
    return document(outline, "ko" if outline.stem != "every-figure" else None)


def _slides(data: bytes) -> list:
    import io

    from pptx import Presentation

    return list(Presentation(io.BytesIO(data)).slides)


@pytest.mark.parametrize("look", ["default", "conference"])
def test_a_chain_of_edits_in_either_look(look, tmp_path):
    theme = load_theme(theme_path(look))
    doc = document(FIXTURES / "design.yaml", "en")
    memo_file = tmp_path / "deck.memo"
    for edit in [edit_title, remove_item, grow_item, retitle_section, edit_title]:
        doc = edit(doc)
        assert _render(doc, theme, memo_file) == _render(doc, theme, None), edit.__name__


def test_on_a_users_template(tmp_path):
    base = load_theme(None)
    layouts = {"title": "Cover", "section": "Chapter", "content": "Text", "two_column": "Two Texts",
               "title_only": "Heading Only"}  # the layouts of tests/test_deck_template.py's template
    theme = replace(base, deck=replace(base.deck, layouts=layouts))
    template = FIXTURES / "templates" / "custom.pptx"
    doc = document(FIXTURES / "demography.yaml", "ko")
    memo_file = tmp_path / "deck.memo"
    _render(doc, theme, memo_file, template=template)
    edited = edit_title(doc)
    assert _render(edited, theme, memo_file, template=template) == _render(edited, theme, None, template=template)
    # the same slides without the template are other bytes: never taken for the template's
    assert _render(edited, base, memo_file) == _render(edited, base, None)


def test_speaker_notes_in_both_languages_are_other_slides(tmp_path):
    theme = load_theme(None)
    doc = document(ROOT / "outline.yaml", "en")
    memo_file = tmp_path / "deck.memo"
    _render(doc, theme, memo_file)
    assert _render(doc, theme, memo_file, notes="both") == _render(doc, theme, None, notes="both")


def test_a_damaged_or_foreign_memo_is_ignored(tmp_path, reused):
    theme = load_theme(None)
    doc = document(FIXTURES / "stress.yaml", "en")
    fresh = _render(doc, theme, None)
    memo_file = tmp_path / "deck.memo"
    _render(doc, theme, memo_file)
    data = memo_file.read_bytes()
    for damaged in (data[: len(data) // 2], data[:-1] + bytes([data[-1] ^ 1]), b"", b"not a memo"):
        memo_file.write_bytes(damaged)
        assert _render(doc, theme, memo_file) == fresh
        assert reused[-1] == 0
    other = Memo(memo_file, "another environment")  # another theme file, font or version: nothing matches
    assert render_deck(doc, theme, memo=other)[0] == fresh
    assert reused[-1] == 0


def test_a_build_keeps_a_memo_per_deck_and_force_reads_none(tmp_path, reused):
    outline = tmp_path / "outline.yaml"
    text = (ROOT / "outline.yaml").read_text(encoding="utf-8")
    outline.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    build(outline, out=out, formats="pptx", langs="en")
    memo = memo_path(out / "outline.en.pptx")
    assert memo.is_file()
    bullet = "spread to image generation and speech synthesis"  # an English bullet of the essay
    assert bullet in text
    outline.write_text(text.replace(bullet, "spread to image and speech synthesis"), encoding="utf-8")
    build(outline, out=out, formats="pptx", langs="en")
    fresh = tmp_path / "fresh"
    build(outline, out=fresh, formats="pptx", langs="en")
    assert (out / "outline.en.pptx").read_bytes() == (fresh / "outline.en.pptx").read_bytes()
    build(outline, out=out, formats="pptx", langs="en", force=True)
    assert (out / "outline.en.pptx").read_bytes() == (fresh / "outline.en.pptx").read_bytes()
    assert memo.is_file()  # saved again for the next build


def test_the_deck_zip_is_what_zipfile_writes():
    """The deck's zip writer (render/pptx/oxml/writer.py) writes zipfile.writestr's bytes for the same entries."""
    import datetime as dt
    import io
    import types
    import zipfile

    from generator.render.pptx.oxml import writer as _zip

    clock = dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC)
    entries = [("[Content_Types].xml", b"<Types/>" * 50), ("ppt/slides/slide1.xml", "가나다 text".encode() * 300),
               ("ppt/media/image1.png", bytes(range(256)) * 40), ("docProps/empty.xml", b"")]
    ours = io.BytesIO()
    writer = _zip._StampedZip(ours, clock, None)
    for name, data in entries:
        writer.write(types.SimpleNamespace(membername=name), data)
    writer.close()
    theirs = io.BytesIO()
    with zipfile.ZipFile(theirs, "w") as archive:
        for name, data in entries:
            archive.writestr(_zip._entry(name, _zip.zip_time(clock)), data)
    assert ours.getvalue() == theirs.getvalue()
    assert zipfile.ZipFile(ours).testzip() is None


def test_a_presentation_made_ahead_gives_the_same_deck():
    """A worker's warm-up makes the next deck's empty presentation (render/pptx/deck.py ``prepare``); the
    deck built on it is the deck built on a new one, and it is used once."""
    from generator.render.pptx import deck

    theme = load_theme(None)
    doc = document(FIXTURES / "design.yaml", "ko")
    deck.prepare(theme)
    assert deck._PREPARED
    ahead = _render(doc, theme, None)
    assert not deck._PREPARED  # taken
    assert ahead == _render(doc, theme, None)
    deck.prepare(load_theme(None))  # an equal theme, read again (serve prepares with its own): taken
    assert _render(doc, theme, None) == ahead and not deck._PREPARED
    deck.prepare(load_theme(theme_path("conference")))  # another theme: not taken for this one
    assert _render(doc, theme, None) == ahead and deck._PREPARED
    deck._PREPARED.clear()


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(lines=st.dictionaries(st.tuples(_TEXT, st.floats(0, 1e6), st.floats(1, 200), st.booleans()),
                             st.lists(_TEXT, max_size=5).map(tuple), max_size=20),
       widths=st.dictionaries(st.tuples(_TEXT, st.booleans()), st.floats(0, 1e4), max_size=20))
def test_measures_kept_in_columns_read_back_as_they_were(lines, widths):
    """The memo keeps planning's measures as columns (reuse.py): read back, they are the same entries."""
    measured = {"lines": lines, "widths": widths}
    assert reuse._unpacked(reuse._packed_measures(measured)) == measured


def test_measures_whose_columns_disagree_are_not_used():
    packed = reuse._packed_measures({"lines": {("a b", 10.0, 12.0, False): ("a", "b")}, "widths": {("a", True): 0.5}})
    text, lengths, *rest = packed["lines"]
    for damaged in ({"lines": (text + "x", lengths, *rest), "widths": packed["widths"]},
                    {"lines": (text, [-1, 4], *rest), "widths": packed["widths"]},
                    {"lines": packed["lines"], "widths": packed["widths"][:3]},
                    {"lines": packed["lines"], "widths": (*packed["widths"][:3], b"1234567")},
                    {"lines": (text, lengths, *rest[:3], [5], *rest[4:]), "widths": packed["widths"]},
                    "not columns", None):
        assert reuse._unpacked(damaged) == {}


def test_a_render_from_its_memo_measures_nothing_again(tmp_path, monkeypatch):
    """Planning's measures come back from the memo: an unchanged deck wraps no text again."""
    from generator.style import measure

    theme = load_theme(None)
    doc = document(ROOT / "outline.yaml", "ko")
    memo_file = tmp_path / "deck.memo"
    _render(doc, theme, memo_file)
    measure.faces_for.cache_clear()  # a fresh worker: nothing measured in this process
    computed: list[str] = []
    original = measure.Faces._unit_width
    monkeypatch.setattr(measure.Faces, "_unit_width", lambda self, text, bold: computed.append(text) or
                        original(self, text, bold))
    _render(doc, theme, memo_file)
    assert computed == []
