"""Drafts: the slides PDF hands over each slide an edit made anew, drawn on a page of its own, before the
whole PDF is drawn (``duopress serve`` shows it at once). A draft has the pixels of the page the PDF will
have, and drawing one changes no byte of any artifact. The pipeline carries drafts from the render's
process to the build's, and the preview's gallery lets one stand in for its page only until the build
writes the PDF, or fails to."""

from __future__ import annotations

import io
import os
import shutil
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops
from test_slide_reuse import FIXTURES, ROOT, _items, _with_item, document, edit_title

from generator.api import build
from generator.live.gallery import Gallery, Source
from generator.live.pages import Rasteriser, page_prints
from generator.localize.document import Run
from generator.pipeline.workers import FormatWorkers, Work
from generator.render.memo import Memo
from generator.render.registry import RENDERERS
from generator.render.renderer import PageDraft, RenderOptions
from generator.render.slides.renderer import DRAFTED
from generator.style.theme_file import load_theme

THEME = load_theme(None)
RASTER = Rasteriser()


def _pixels(pdf: bytes, page: int) -> Image.Image:
    return Image.open(io.BytesIO(RASTER.png(pdf, page))).convert("RGB")


def _same_pixels(draft: bytes, pdf: bytes, page: int) -> bool:
    return ImageChops.difference(_pixels(draft, 0), _pixels(pdf, page)).getbbox() is None


def _render(doc, memo_file: Path, drafts: list[PageDraft] | None) -> bytes:
    memo = Memo(memo_file, "test environment")
    data, _ = RENDERERS["slides"].render(doc, THEME, RenderOptions(), memo,
                                         early=None if drafts is None else drafts.append)
    memo.save()
    return data


def _edited_render(doc, edited, tmp_path: Path) -> tuple[bytes, bytes, list[PageDraft]]:
    """The slides PDF before and after an edit, and the drafts the edit's render handed over; the edit's
    render without drafts is asserted to be the same bytes."""
    stored = tmp_path / "stored.memo"
    before = _render(doc, stored, None)
    drafts: list[PageDraft] = []
    for name, sink in (("with", drafts), ("without", None)):
        shutil.copy(stored, tmp_path / f"{name}.memo")
        after = _render(edited, tmp_path / f"{name}.memo", sink)
        if name == "with":
            drafted = after
    assert drafted == after, "drawing drafts changed the slides PDF"
    return before, after, drafts


@pytest.mark.parametrize("outline", [ROOT / "outline.yaml", FIXTURES / "talk.yaml", FIXTURES / "design.yaml"],
                         ids=lambda p: p.stem)
def test_an_edit_drafts_the_slide_it_changed_with_the_pdfs_pixels(outline, tmp_path):
    doc = document(outline, "en")
    before, after, drafts = _edited_render(doc, edit_title(doc), tmp_path)
    changed = [n for n, (a, b) in enumerate(zip(page_prints(before), page_prints(after))) if a != b]
    assert len(page_prints(before)) == len(page_prints(after))
    assert changed and [d.page for d in drafts] == changed  # the retitled item's slides, and only those
    for draft in drafts:
        assert draft.pages == len(page_prints(after))
        assert _same_pixels(draft.pdf, after, draft.page)


def test_a_first_render_drafts_nothing(tmp_path):
    drafts: list[PageDraft] = []
    _render(document(ROOT / "outline.yaml", "en"), tmp_path / "new.memo", drafts)
    assert drafts == []


def test_an_edit_that_makes_many_slides_anew_drafts_only_the_first(tmp_path):
    doc = document(ROOT / "outline.yaml", "en")
    retitled = replace(doc, sections=tuple(replace(s, items=tuple(
        replace(i, title=(*i.title, Run(" (revised)"))) for i in s.items)) for s in doc.sections))
    _, after, drafts = _edited_render(doc, retitled, tmp_path)
    assert len(drafts) == DRAFTED
    assert all(_same_pixels(d.pdf, after, d.page) for d in drafts)


POINT_TEXT = st.text(st.sampled_from("abcdefghij klmnopq 0123456789,.%가나다라마바사 한국어 문장입니다"), min_size=1,
                     max_size=160).filter(str.strip)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), lang=st.sampled_from(["ko", "en"]), text=POINT_TEXT)
def test_any_point_edit_drafts_pages_with_the_pdfs_pixels(tmp_path_factory, data, lang, text):
    """Random text, of any length, in a random point of a random item of the talk fixture: every draft is
    a page of the edited PDF (the same count), with that page's pixels, and the PDF is the one drawn
    without drafts."""
    tmp_path = tmp_path_factory.mktemp("drafts")
    doc = document(FIXTURES / "talk.yaml", lang)
    items = [where for where in _items(doc) if doc.sections[where[0]].items[where[1]].points]
    where = data.draw(st.sampled_from(items))
    point = data.draw(st.integers(0, len(doc.sections[where[0]].items[where[1]].points) - 1))
    edited = _with_item(doc, where, lambda item: replace(item, points=tuple(
        replace(p, text=(Run(text),)) if n == point else p for n, p in enumerate(item.points))))
    _, after, drafts = _edited_render(doc, edited, tmp_path)
    pages = len(page_prints(after))
    assert len(drafts) <= DRAFTED
    for draft in drafts:
        assert draft.pages == pages and 0 <= draft.page < pages
        assert _same_pixels(draft.pdf, after, draft.page)


# -- through the pipeline ------------------------------------------------------------------------------


@pytest.mark.parametrize("workers", ["forked", "serial"])
def test_a_build_hands_over_the_edited_slides_draft(tmp_path, monkeypatch, workers):
    if workers == "serial":
        monkeypatch.setenv("DUOPRESS_WORKERS", "1")
    outline = tmp_path / "talk.yaml"
    text = (FIXTURES / "talk.yaml").read_text(encoding="utf-8")
    outline.write_text(text, encoding="utf-8")
    build(outline, out=tmp_path / "out", formats="slides,pptx")
    before = (tmp_path / "out" / "talk.en.slides.pdf").read_bytes()
    model_title = "Who lives alone"
    assert model_title in text
    outline.write_text(text.replace(model_title, "Who lives on their own"), encoding="utf-8")
    drafts, threads = [], set()

    def drafted(draft) -> None:
        drafts.append(draft)
        threads.add(threading.current_thread() is threading.main_thread())

    build(outline, out=tmp_path / "out", formats="slides,pptx", on_draft=drafted)
    after = (tmp_path / "out" / "talk.en.slides.pdf").read_bytes()
    changed = [n for n, (a, b) in enumerate(zip(page_prints(before), page_prints(after))) if a != b]
    mine = [d for d in drafts if d.lang == "en"]
    assert mine and all(d.fmt == "slides" and d.path.name == "talk.en.slides.pdf" for d in drafts)
    assert {d.page.page for d in mine} <= set(changed)
    assert all(_same_pixels(d.page.pdf, after, d.page.page) for d in mine)
    assert threads == ({False} if workers == "forked" else {True})


def _send_drafts(job, wait, early):
    for n in range(3):
        early((job.name, n, bytes([n]) * 200_000))  # far more than a pipe takes in one write
    wait()
    return job.name


class _Job:
    def __init__(self, fmt: str, name: str):
        self.fmt, self.name = fmt, name


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers fork")
def test_workers_carry_every_childs_drafts_whole_while_the_build_waits():
    jobs = [_Job("slides", "ko"), _Job("slides", "en"), _Job("pdf", "ko")]
    got: list[tuple[str, object]] = []
    work = Work(warm_up=lambda fmt, jobs: None, accept=lambda payload: None, render=_send_drafts,
                failed=lambda job, message: message)
    with FormatWorkers(jobs, work, on_early=lambda job, payload: got.append((job.name, payload))) as workers:
        workers.start()
        deadline = threading.Event()
        for _ in range(200):  # the drafts arrive before the gate opens: while the build checks
            if len(got) == 9:
                break
            deadline.wait(0.05)
        assert len(got) == 9
        assert sorted(name for _, name in workers.results()) == ["en", "ko", "ko"]
    for name, (sent_by, n, data) in got:
        assert name == sent_by and data == bytes([n]) * 200_000


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers fork")
def test_no_draft_is_handed_over_once_the_workers_are_closed():
    got: list[object] = []
    release = threading.Event()

    def late(job, wait, early):
        release.wait(5)
        early("late")
        return "done"

    work = Work(warm_up=lambda fmt, jobs: None, accept=lambda payload: None, render=late,
                failed=lambda job, message: message)
    workers = FormatWorkers([_Job("slides", "en")], work, on_early=lambda job, payload: got.append(payload))
    workers.start()
    workers.close()
    release.set()
    assert got == []


# -- the gallery ------------------------------------------------------------------------------------------


@pytest.fixture
def slides_pdfs(tmp_path):
    """The talk's English slides PDF before and after a retitled item, and the drafts of that edit."""
    doc = document(FIXTURES / "talk.yaml", "en")
    before, after, drafts = _edited_render(doc, edit_title(doc), tmp_path)
    return before, after, drafts


def _gallery_with(tmp_path: Path, data: bytes) -> tuple[Gallery, Source]:
    path = tmp_path / "talk.en.slides.pdf"
    path.write_bytes(data)
    gallery, source = Gallery(RASTER), Source("slides", "en", path, "Slides")
    gallery.show([source])
    return gallery, source


def test_a_draft_stands_in_for_its_page_until_the_pdf_is_written(tmp_path, slides_pdfs):
    before, after, drafts = slides_pdfs
    gallery, source = _gallery_with(tmp_path, before)
    shown = gallery.sheets[("slides", "en")].prints
    gallery.begin()
    version = gallery.version
    draft = drafts[0]
    gallery.draft("slides", "en", draft.page, draft.pages, draft.pdf)
    assert gallery.version > version  # the page is told at once
    drafted = gallery.sheets[("slides", "en")].prints
    assert [n for n, (a, b) in enumerate(zip(shown, drafted)) if a != b] == [draft.page]
    assert gallery.image(drafted[draft.page]) == RASTER.png(draft.pdf, 0)
    source.path.write_bytes(after)
    gallery.show([source])
    gallery.settle()
    assert gallery.sheets[("slides", "en")].prints == tuple(page_prints(after))
    gallery.draft("slides", "en", draft.page, draft.pages, draft.pdf)  # late: the PDF is written
    assert gallery.sheets[("slides", "en")].prints == tuple(page_prints(after))


def test_a_build_that_writes_no_pdf_takes_its_drafts_back(tmp_path, slides_pdfs):
    before, _, drafts = slides_pdfs
    gallery, _ = _gallery_with(tmp_path, before)
    gallery.begin()
    gallery.draft("slides", "en", drafts[0].page, drafts[0].pages, drafts[0].pdf)
    gallery.broken([])
    gallery.settle()  # the build raised: errors in the outline
    assert gallery.sheets[("slides", "en")].prints == tuple(page_prints(before))
    assert all(not sheet.drafts for sheet in gallery.sheets.values())


def test_a_draft_that_cannot_be_placed_is_dropped(tmp_path, slides_pdfs):
    before, _, drafts = slides_pdfs
    gallery, _ = _gallery_with(tmp_path, before)
    gallery.begin()
    version, draft = gallery.version, drafts[0]
    gallery.draft("slides", "en", draft.page, draft.pages + 1, draft.pdf)  # the edit added a slide
    gallery.draft("slides", "ko", draft.page, draft.pages, draft.pdf)  # nothing shown in Korean yet
    gallery.draft("slides", "en", draft.pages, draft.pages, draft.pdf)  # no such page
    assert gallery.version == version
    assert gallery.sheets[("slides", "en")].prints == tuple(page_prints(before))
