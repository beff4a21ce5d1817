"""Every slide earns its place (issue 26): decks in step across languages, on every fixture and on random
outlines; tables spread evenly; the measured limits of benchmarks/layout_report.py."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from generator.localize.document import in_step
from generator.localize.localizer import localize
from generator.outline.loader import read_outline
from generator.render.pptx.packing import pack
from generator.render.pptx.renderer import render_deck
from generator.style.resources import theme_path
from generator.style.theme_file import load_theme

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks import layout_report  # noqa: E402

THEME = load_theme()
CLOCK = dt.datetime(2024, 12, 1, tzinfo=dt.UTC)
FIXTURES = ["outline.yaml", "tests/fixtures/policy.yaml", "tests/fixtures/shorttalk.yaml", "tests/fixtures/design.yaml",
            "tests/fixtures/demography.yaml", "tests/fixtures/stress.yaml", "tests/fixtures/trilingual.yaml",
            "tests/fixtures/minimal.yaml", "tests/fixtures/valid/every-figure.yaml"]


def decks(path: Path, theme=THEME) -> dict[str, tuple[bytes, list]]:
    model, problems = read_outline(path)
    assert model is not None, problems
    docs = in_step({lang: localize(model, lang, CLOCK, "duopress", path.stem) for lang in model.languages})
    return {lang: render_deck(doc, theme) for lang, doc in docs.items()}


def signature(data: bytes) -> list[tuple[str, str, tuple[str, ...]]]:
    """Per slide: its layout, the item it shows (the kicker's number) and the kinds of what it holds."""
    prs = Presentation(io.BytesIO(data))
    out = []
    for slide in prs.slides:
        kicker = next((s.text_frame.text.split()[0] for s in slide.shapes if s.name == "Kicker"), "")
        kinds = tuple(sorted(_kind(s) for s in slide.shapes
                             if not s.name.startswith(("Title", "Kicker", "Footer", "Date", "Slide number"))))
        out.append((slide.slide_layout.name, kicker, kinds))
    return out


def _kind(shape) -> str:
    """A shape's kind, in no language: chart, table, or its name's last word ("Figure 1 event" → "event")."""
    if shape.shape_type == 13:
        return "picture"
    if shape.has_chart or shape.has_table:
        return "chart" if shape.has_chart else "table"
    words = shape.name.rstrip("0123456789 ").split()
    return words[-1] if words else ""


@pytest.mark.parametrize("fixture", FIXTURES)
def test_every_language_has_the_same_slides_in_the_same_order(fixture):
    built = decks(ROOT / fixture)
    signatures = {lang: signature(data) for lang, (data, _) in built.items()}
    first = next(iter(signatures.values()))
    for lang, sig in signatures.items():
        assert sig == first, f"{fixture}: the {lang} deck is out of step"


WORDS = {"ko": ["인공지능", "돌봄", "재정", "지역", "인력", "수요", "정책", "분담"],
         "en": ["artificial", "care", "finance", "region", "staff", "demand", "policy", "sharing", "intelligence"]}


def _text(draw, lang: str, low: int, high: int) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS[lang]), min_size=low, max_size=high)))


@st.composite
def outlines(draw) -> str:
    """Small two-language outlines whose languages differ in length point by point: points (some with
    sub-points), key numbers of any length, tables of any size."""
    lines = ["duopress: 1", "languages: [ko, en]", "meta:", "  title: {ko: 제목, en: Title}", "  date: 2024",
             "facts:"]
    for n in range(3):
        digits = draw(st.integers(1, 13))
        lines.append(f"  f{n}: {{kind: money, value: {10 ** digits + 7}, currency: KRW}}")
    lines.append("sections:")
    for s in range(draw(st.integers(1, 2))):
        lines += [f"  - id: s{s}", f"    title: {{ko: 부분 {s}, en: Part {s}}}", "    items:"]
        for i in range(draw(st.integers(1, 3))):
            lines += [f"      - id: i{s}{i}", f"        title: {{ko: 항목 {i}, en: Item {i}}}"]
            stats = draw(st.integers(0, 3)) if draw(st.booleans()) else 0
            if stats:
                lines.append("        stats:")
                lines += [f"          - {{fact: f{n}, label: {{ko: \"{_text(draw, 'ko', 1, 5)}\", "
                          f"en: \"{_text(draw, 'en', 1, 9)}\"}}}}" for n in range(stats)]
            points = draw(st.integers(0 if stats else 1, 9))
            if points:
                lines.append("        points:")
            for _ in range(points):
                lines.append(f"          - text: {{ko: \"{_text(draw, 'ko', 1, 14)}\", "
                             f"en: \"{_text(draw, 'en', 1, 24)}\"}}")
                children = draw(st.integers(0, 3))
                if children:
                    lines.append("            points:")
                    lines += [f"              - {{ko: \"{_text(draw, 'ko', 1, 8)}\", "
                              f"en: \"{_text(draw, 'en', 1, 14)}\"}}" for _ in range(children)]
            rows = draw(st.integers(0, 24))
            if rows:
                lines += ["        figure:", "          kind: table", "          title: {ko: 표, en: Table}",
                          "          columns: [{ko: 가, en: A}, {ko: 나, en: B}]", "          rows:"]
                lines += [f"            - [{{ko: \"{_text(draw, 'ko', 1, 3)}\", en: \"{_text(draw, 'en', 1, 6)}\"}}, "
                          f"{{ko: \"{r}\", en: \"{r}\"}}]" for r in range(rows)]
    return "\n".join(lines) + "\n"


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(source=outlines())
def test_random_outlines_give_decks_in_step(tmp_path, source):
    path = tmp_path / "random.yaml"
    path.write_text(source, encoding="utf-8")
    built = decks(path)
    ko, en = (signature(built[lang][0]) for lang in ("ko", "en"))
    assert ko == en


def test_pack_spreads_units_evenly_over_the_fewest_chunks():
    assert pack(list(range(7)), lambda chunk: len(chunk) <= 6) == [[0, 1, 2, 3], [4, 5, 6]]
    assert pack(list(range(13)), lambda chunk: len(chunk) <= 6) == [[0, 1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]
    # a first chunk with less room (a table's first slice under the item's points): the others even
    chunks = pack(list(range(20)), lambda chunk: len(chunk) <= 7, first=lambda chunk: len(chunk) <= 4)
    assert [len(c) for c in chunks] == [4, 5, 6, 5] and sum(chunks, []) == list(range(20))
    assert [len(c) for c in pack(list(range(10)), lambda c: len(c) <= 7, first=lambda c: len(c) <= 6)] == [5, 5]
    weights = [3, 1, 1, 1, 1, 3]  # a heavy unit keeps its chunk from taking more
    chunks = pack(list(range(6)), lambda chunk: sum(weights[u] for u in chunk) <= 6)
    assert len(chunks) == 2 and sum(len(c) for c in chunks) == 6


def _table_slides(data: bytes, title: str) -> list:
    prs = Presentation(io.BytesIO(data))
    return [next(s for s in slide.shapes if s.has_table).table for slide in prs.slides
            if any(s.has_table for s in slide.shapes) and slide.shapes.title.text_frame.text.startswith(title)]


def test_a_long_table_is_spread_evenly_with_its_header_and_one_set_of_widths():
    built = decks(ROOT / "tests/fixtures/policy.yaml")
    for lang, title in (("en", "Every region"), ("ko", "전체 지역 현황")):
        tables = _table_slides(built[lang][0], title)
        counts = [len(t.rows) - 1 for t in tables]
        # the first slice shares its slide with the item's point (no slide of a lone line): the rest even
        assert len(tables) >= 2 and sum(counts) == 20 and max(counts[1:]) - min(counts[1:]) <= 1
        assert counts[0] <= min(counts[1:]) + 1
        assert {t.cell(0, 0).text_frame.text for t in tables} == {"Region" if lang == "en" else "지역"}
        assert len({tuple(c.width for c in t.columns) for t in tables}) == 1


def test_a_table_over_more_than_three_slides_is_a_located_warning(tmp_path):
    rows = "\n".join(f"            - [{{ko: \"가 {r}\", en: \"A {r}\"}}, {{ko: \"{r}\", en: \"{r}\"}}]"
                      for r in range(90))
    path = tmp_path / "long.yaml"
    path.write_text("duopress: 1\nlanguages: [ko, en]\nmeta:\n  title: {ko: 제목, en: Title}\n  date: 2024\n"
                    "sections:\n  - id: s\n    title: {ko: 부분, en: Part}\n    items:\n      - id: big\n"
                    "        title: {ko: 큰 표, en: Big table}\n        figure:\n          kind: table\n"
                    "          title: {ko: 표, en: Table}\n          columns: [{ko: 가, en: A}, {ko: 나, en: B}]\n"
                    f"          rows:\n{rows}\n", encoding="utf-8")
    for lang, (data, warnings) in decks(path).items():
        found = [w for w in warnings if w.code == "deck.long_table"]
        assert len(found) == 1 and found[0].span.line == 10 and "show: brief" in found[0].message
        # the tool's words, not a mix: no "표 1" inside an English sentence
        message = found[0].message
        assert f"the {lang} deck needs" in message and "Table 1" not in message and "표 1" not in message
        assert len(_table_slides(data, "Big table") or _table_slides(data, "큰 표")) > 3


def test_stat_slides_share_their_arrangement_and_size():
    built = decks(ROOT / "tests/fixtures/shorttalk.yaml", load_theme(theme_path("conference")))
    shapes = {}
    for lang, (data, _) in built.items():
        slide = Presentation(io.BytesIO(data)).slides[2]
        rule = next(s for s in slide.shapes if s.name == "Stat rule 1")
        size = next(s for s in slide.shapes if s.name == "Stat 1").text_frame.paragraphs[0].runs[0].font.size
        shapes[lang] = (rule.height > rule.width, size)
    assert shapes["ko"] == shapes["en"]


# -- the measured limits (benchmarks/layout_report.py) ----------------------------------------------


LIMITED = [("outline.yaml", "default"), ("tests/fixtures/policy.yaml", "default"),
           ("tests/fixtures/shorttalk.yaml", "conference"), ("tests/fixtures/stress.yaml", "default"),
           ("tests/fixtures/design.yaml", "default"), ("tests/fixtures/demography.yaml", "default"),
           ("tests/fixtures/apparatus.yaml", "default"), ("tests/fixtures/valid/every-figure.yaml", "default")]


@pytest.mark.parametrize(("fixture", "theme"), LIMITED)
def test_decks_are_in_step_and_no_slide_holds_a_line_left_over(fixture, theme):
    """No near-empty slide (a short line left over from an item's other slides: benchmarks/layout_report.py);
    an item whose whole text is one line keeps the slide its author gave it, and is counted apart."""
    rows = layout_report.report(ROOT / fixture, theme, brief=False)
    assert len({row.slides for row in rows}) == 1
    for row in rows:
        assert row.near_empty == [], (row.lang, [row.titles[n - 1] for n in row.near_empty])
        assert max(row.per_item.values()) <= 4 or fixture.endswith("stress.yaml")  # stress: its 20-row tables


@pytest.mark.parametrize(("fixture", "theme"), LIMITED)
def test_no_brief_page_is_more_than_a_third_empty(fixture, theme):
    """But the page the front matter ends on (the body starts a page) and a last page holding more than a
    stray line (benchmarks/layout_report.py): long tables and timelines split with their header, figures
    float or are set a little smaller, in every language."""
    for row in layout_report.report(ROOT / fixture, theme):
        assert not row.empty_pages, (row.lang, row.empty_pages)


def test_a_long_table_in_the_brief_runs_on_with_its_header(tmp_path):
    import subprocess

    from generator.render.pdf.renderer import render as render_pdf

    model, _ = read_outline(ROOT / "tests/fixtures/policy.yaml")
    doc = localize(model, "en", CLOCK, "duopress", "policy")
    pdf = tmp_path / "policy.pdf"
    pdf.write_bytes(render_pdf(doc, THEME))
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    with_rows = [p for p in pages if "Gyeonggi" in p or "Coast" in p]  # the 20-row table's rows
    assert len([p for p in with_rows if "Region" in p and "Demand" in p]) >= 2  # the header on each page
    for page in with_rows:
        rows = [line for line in page.splitlines() if line.split() and line.split()[-1].isdigit()
                and len(line.split()) >= 4 and not line.strip().startswith(("Region", "March"))]
        assert len(rows) >= 3, page[:200]


def test_nested_emphasis_is_bold_italic_in_deck_and_brief(tmp_path):
    """`*…*` inside `**…**` and the other way round, Latin and Hangul: bold italic in both renderers (the
    brief with a synthetic oblique of the bold face, embedded; the deck with b and i set)."""
    import shutil
    import subprocess

    from generator.render.pdf.renderer import render as render_pdf

    path = tmp_path / "nested.yaml"
    path.write_text("duopress: 1\nlanguages: [ko, en]\nmeta:\n  title: {ko: 제목, en: Title}\n  date: 2024\n"
                    "sections:\n  - id: s\n    title: {ko: 부분, en: Part}\n    items:\n      - id: a\n"
                    "        title: {ko: 항목, en: Item}\n        points:\n"
                    "          - {ko: \"**굵게 *둘다* 굵게** 그리고 *기울임 **모두***\","
                    " en: \"**bold *both* bold** and *it **all***\"}\n", encoding="utf-8")
    model, _ = read_outline(path)
    docs = in_step({lang: localize(model, lang, CLOCK, "duopress", "nested") for lang in ("ko", "en")})
    for lang, words in (("ko", ("둘다", "모두")), ("en", ("both", "all"))):
        data, _ = render_deck(docs[lang], THEME)
        prs = Presentation(io.BytesIO(data))
        runs = [r for slide in prs.slides for shape in slide.shapes if shape.has_text_frame
                for p in shape.text_frame.paragraphs for r in p.runs if r.text in words]
        assert len(runs) == 2 and all(r.font.bold and r.font.italic for r in runs), lang
        if shutil.which("pdffonts"):
            pdf = tmp_path / f"nested.{lang}.pdf"
            pdf.write_bytes(render_pdf(docs[lang], THEME))
            listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
            oblique = "NanumGothicBold-Oblique" if lang == "ko" else "NotoSans-Bold-Oblique"
            assert oblique in listed and " yes " in listed.split(oblique)[1].splitlines()[0]  # embedded


def test_the_handout_is_compact_unless_asked_for_a_slide_a_page():
    """Slides beside their notes, several a page; slides without notes in pairs (issue 26); `one` keeps
    PowerPoint's notes pages, a slide a page."""

    from generator.render.slides.handout import render_handout

    def pages(data: bytes) -> int:  # tagged PDFs keep their objects in compressed streams: ask a reader
        import io

        import pikepdf

        with pikepdf.open(io.BytesIO(data)) as pdf:
            return len(pdf.pages)

    model, _ = read_outline(ROOT / "tests/fixtures/shorttalk.yaml")
    doc = in_step({lang: localize(model, lang, CLOCK, "duopress", "shorttalk") for lang in model.languages})["en"]
    theme = load_theme(theme_path("conference"))
    slides = len(signature(render_deck(doc, theme)[0]))
    compact, one = pages(render_handout(doc, theme)[0]), pages(render_handout(doc, theme, layout="one")[0])
    assert one == slides and compact <= -(-slides // 6)


def test_a_handouts_last_page_never_holds_a_lone_row_after_a_full_page():
    """Five rows of slides at four a page: 3 + 2, not 4 + 1; the page count stays; a row whose notes ran on
    over the break (not drawn whole) is never moved."""
    from generator.render.slides.handout import GAP, _balanced_tail

    drawn = {0: 1, 1: 1, 2: 1, 3: 1, 4: 2}
    assert _balanced_tail([100.0] * 5, drawn, 2, 4 * 100 + 3 * GAP) == frozenset({3})
    assert _balanced_tail([100.0] * 5, drawn, 2, 100.0 + GAP) == frozenset()  # two would not fit a page
    assert _balanced_tail([100.0] * 4, {0: 1, 1: 1, 2: 2, 3: 2}, 2, 1000.0) == frozenset()  # already even
    assert _balanced_tail([100.0] * 5, {0: 1, 1: 1, 2: 1, 4: 2}, 2, 1000.0) == frozenset()  # row 3 ran on


@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(source=outlines())
def test_random_outlines_give_briefs_without_a_page_a_third_empty(tmp_path, source):
    path = tmp_path / "random.yaml"
    path.write_text(source, encoding="utf-8")
    for row in layout_report.report(path, "default"):
        assert not row.empty_pages, (row.lang, row.empty_pages)
