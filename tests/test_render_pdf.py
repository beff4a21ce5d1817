"""The PDF brief, checked by reading back what was written (poppler's pdftotext/pdffonts, qpdf)."""

from __future__ import annotations

import ast
import dataclasses
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from samples import TEXTS, sample_document

from generator.localize.document import ChartFigure, Run, Series, TableFigure, plain
from generator.render.pdf.charts import format_number, nice_range
from generator.render.pdf.fonts import register
from generator.render.pdf.markup import Marker, esc, safe_href
from generator.render.pdf.renderer import render
from generator.style.theme_file import load_theme

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("ko", "en")


def need(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        pytest.skip(f"{tool} is not installed (poppler-utils / qpdf), so the PDF cannot be read back")
    return path


@pytest.fixture(scope="module")
def theme():
    return load_theme()


@pytest.fixture(scope="module")
def pdfs(theme, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("briefs")
    paths = {}
    for lang in LANGS:
        paths[lang] = out / f"brief_{lang}.pdf"
        paths[lang].write_bytes(render(sample_document(lang), theme))
    return paths


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def squash(text: str) -> str:
    """Whitespace-insensitive, NFC: line breaks in the PDF may fall anywhere."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def pdf_text(path: Path) -> str:
    return run(need("pdftotext"), "-enc", "UTF-8", str(path), "-")


def qdf(path: Path, tmp_path: Path) -> str:
    out = tmp_path / (path.stem + ".qdf.pdf")
    subprocess.run([need("qpdf"), "--qdf", "--object-streams=disable", str(path), str(out)], check=True)
    return out.read_bytes().decode("latin-1")


# --- reading the PDF back -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_font_is_embedded_truetype(pdfs, lang):
    rows = run(need("pdffonts"), str(pdfs[lang])).splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        name, kind, emb = row.split()[0], row.split()[1], row.split()[-5]
        assert emb == "yes", f"{name} is not embedded"
        assert kind == "TrueType", f"{name} is {kind}, not a TrueType subset"
        assert "+" in name, f"{name} is not a subset"
    names = " ".join(r.split()[0] for r in rows)
    assert "NanumGothic" in names  # Hangul runs in both languages (the en sample has 소버린 AI)
    assert "NotoSans" in names  # Latin runs in both languages


@pytest.mark.parametrize("lang", LANGS)
def test_all_text_comes_back(pdfs, lang):
    doc = sample_document(lang)
    text = squash(pdf_text(pdfs[lang]))
    wanted = [doc.meta.title, doc.meta.subtitle, doc.meta.date_text, doc.label("key_takeaways"),
              doc.label("references"), doc.label("glossary")]
    for section in doc.sections:
        wanted.append(f"{section.number}.{plain(section.title)}")
        for item in section.items:
            wanted.append(f"{item.number}{plain(item.title)}")
            wanted += [plain(b) for b in item.body[:1]]
            if not item.body:  # the brief is prose: points show only where an item has no body
                wanted += [plain(p.text) for p in item.points]
                wanted += [plain(c.text) for p in item.points for c in p.children]
    for ref in doc.references:
        wanted += [plain(ref.text), ref.url]
    for want in wanted:
        assert squash(want) in text, want


def test_points_of_an_item_with_body_are_not_repeated_in_the_brief(pdfs):
    """The slide's bullets are not the brief's prose: the brief shows the body (and key takeaways)."""
    text = squash(pdf_text(pdfs["en"]))
    sub_point = squash(plain(sample_document("en").sections[0].items[0].points[0].children[0].text))
    assert sub_point not in text


@pytest.mark.parametrize("lang", LANGS)
def test_markup_looking_text_is_literal(pdfs, lang):
    text = pdf_text(pdfs[lang])
    assert "R&D < 5%" in text
    assert "<b>태그</b>" in text if lang == "ko" else "<b>tags</b>" in text
    assert "R&D;" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_figures_have_numbered_captions_and_sources(pdfs, lang):
    doc = sample_document(lang)
    text = squash(pdf_text(pdfs[lang]))
    figures = [i.figure for s in doc.sections for i in s.items if i.figure]
    for fig in figures:
        assert squash(f"{fig.label}. {plain(fig.title)}") in text
    source = doc.labels["source"].format(text=TEXTS[lang]["ref"])
    assert squash(source) in text
    for cat in TEXTS[lang]["cats"] + TEXTS[lang]["labels"] + TEXTS[lang]["events"] + TEXTS[lang]["dates"]:
        assert squash(cat) in text, cat  # chart categories and data labels, timeline rows
    for row in TEXTS[lang]["rows"]:
        for cell in row:
            assert squash(cell) in text


@pytest.mark.parametrize("lang", LANGS)
def test_footer_counts_pages_and_header_runs_from_page_two(pdfs, lang):
    doc = sample_document(lang)
    pages = pdf_text(pdfs[lang]).split("\f")[:-1]
    assert len(pages) >= 2
    for n, page in enumerate(pages, 1):
        assert squash(doc.label("page", n=n, total=len(pages))) in squash(page)
        assert squash(doc.meta.date_text) in squash(page)
    assert squash(doc.meta.short_title) in squash(pages[1].splitlines()[0])


@pytest.mark.parametrize("lang", LANGS)
def test_long_unspaced_word_is_split_not_overflowing(pdfs, lang):
    word = TEXTS[lang]["unspaced"]
    lines = [ln for ln in pdf_text(pdfs[lang]).splitlines() if ln.strip() and ln.strip()[:6] in word]
    joined = squash("".join(lines))
    assert squash(word) in joined
    # pdftotext -bbox would be exact; here: every line of the word fits the frame (no glyph past it)
    bbox = run(need("pdftotext"), "-bbox", str(pdfs[lang]), "-")
    width = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
    right_edge = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox))
    assert right_edge <= width - 22 * 72 / 25.4 + 1  # inside the outer margin


def test_korean_words_are_not_split_mid_word(pdfs):
    text = pdf_text(pdfs["ko"])
    for word in ("본격적으로", "일상생활에", "침투했다."):
        assert any(word in line for line in text.splitlines()), word


@pytest.mark.parametrize("lang, tag", [("ko", "ko-KR"), ("en", "en-US")])
def test_catalog_lang_and_outline(pdfs, lang, tag, tmp_path):
    body = qdf(pdfs[lang], tmp_path)
    assert f"/Lang ({tag})" in body
    assert "/Outlines" in body and "/Type /Outlines" in body
    doc = sample_document(lang)
    outline_titles = re.findall(r"/Title <(?:FEFF|feff)([0-9A-Fa-f]+)>|/Title \(([^)]*)\)", body)
    titles = {bytes.fromhex(h).decode("utf-16-be") if h else t for h, t in outline_titles}
    section, item = doc.sections[0], doc.sections[0].items[0]
    assert f"{section.number}. {plain(section.title)}" in titles
    assert f"{item.number} {plain(item.title)}" in titles
    assert doc.label("references") in titles


@pytest.mark.parametrize("lang", LANGS)
def test_info_dictionary(pdfs, lang):
    doc = sample_document(lang)
    info = run(need("pdfinfo"), "-isodates", str(pdfs[lang]))
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    assert fields["Title"] == doc.meta.title
    assert fields["Author"] == doc.meta.organisation
    assert fields["Subject"] == doc.meta.subtitle
    assert fields["Keywords"] == ", ".join(doc.meta.keywords)
    assert fields["Creator"] == doc.generator
    assert fields["CreationDate"].startswith("2024-12-01T00:00:00")
    assert fields["ModDate"].startswith("2024-12-01T00:00:00")


@pytest.mark.parametrize("lang", LANGS)
def test_links_only_safe_and_citations_internal(pdfs, lang, tmp_path):
    body = qdf(pdfs[lang], tmp_path)
    uris = re.findall(r"/URI \(([^)]*)\)", body)
    assert "https://example.org/book" in uris
    assert all(u.startswith(("http://", "https://", "mailto:")) for u in uris)
    assert "/Dest [" in body  # citation numbers jump to the references list
    assert "javascript" not in body.lower()


def test_two_renders_are_byte_identical(theme):
    assert render(sample_document("ko"), theme) == render(sample_document("ko"), theme)


def test_byte_identical_across_processes(pdfs, tmp_path):
    """Hash seeds differ between processes; the bytes must not."""
    script = (
        "import sys; from generator.render.pdf.renderer import render;"
        "from generator.style.theme_file import load_theme;"
        "from samples import sample_document;"
        "sys.stdout.buffer.write(render(sample_document('ko'), load_theme()))"
    )
    env = dict(os.environ, PYTHONHASHSEED="12345",
               PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "tests"), os.environ.get("PYTHONPATH", "")]))
    other = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, env=env).stdout
    assert other == pdfs["ko"].read_bytes()


def test_letter_paper(theme, tmp_path):
    path = tmp_path / "letter.pdf"
    path.write_bytes(render(sample_document("en"), theme, paper="letter"))
    info = run(need("pdfinfo"), str(path))
    assert re.search(r"Page size:\s+612 x 792 pts", info)
    with pytest.raises(ValueError, match="A4, letter"):
        render(sample_document("en"), theme, paper="B5")


@pytest.mark.parametrize("lang", LANGS)
def test_qpdf_check(pdfs, lang):
    result = subprocess.run([need("qpdf"), "--check", str(pdfs[lang])], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


# --- other charts and hostile input ---------------------------------------------------------------


@pytest.mark.parametrize("kind", ["column", "line", "pie", "bar"])
def test_every_chart_kind_renders_its_labels(theme, tmp_path, kind):
    doc = sample_document("ko")
    item = doc.sections[0].items[0]
    chart = ChartFigure(
        kind=kind, label="그림 1", title=(Run("연도별 투자"),), categories=("2021년", "2022년", "2023년", "2024년"),
        series=(Series("미국", (1200.0, 2500.5, 3100.0, 4800.0), ("1,200", "2,500.5", "3,100", "4,800")),
                Series("중국", (900.0, 1300.0, 2000.0, 2600.0), ("900", "1,300", "2,000", "2,600"))),
        number_format="#,##0", axis_title="억 달러", alt="투자",
    )
    items = (dataclasses.replace(item, figure=chart),)
    doc = dataclasses.replace(doc, sections=(dataclasses.replace(doc.sections[0], items=items),))
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(render(doc, theme))
    text = squash(pdf_text(path))
    # a pie shows the first series only: its categories and data labels, no axis
    extra = ("억달러", "미국", "중국") if kind != "pie" else ("1,200",)
    for label in ("2021년", "2024년") + extra:
        assert label in text, label
    assert "4,800" in text


def test_hostile_inline_text(theme, tmp_path):
    doc = sample_document("en")
    nasty = (Run('<img src="/etc/passwd"/> & <a href="x">'), Run("js", href="javascript:alert(1)"),
             Run("\u1100\u1161 nfd", emphasis=True), Run(" 강조", emphasis=True), Run(" unclosed <b"))
    item = dataclasses.replace(doc.sections[0].items[0], body=(nasty,))
    doc = dataclasses.replace(doc, sections=(dataclasses.replace(doc.sections[0], items=(item,)),))
    path = tmp_path / "nasty.pdf"
    path.write_bytes(render(doc, theme))
    text = pdf_text(path)
    assert '<img src="/etc/passwd"/> & <a href="x">' in text
    assert "가 nfd" in text  # NFD jamo composed to NFC
    assert "javascript" not in qdf(path, tmp_path)


# --- units ----------------------------------------------------------------------------------------


def test_escape_and_links():
    assert esc("R&D < 5% \"q\" 'a' <b>") == "R&amp;D &lt; 5% &quot;q&quot; &#39;a&#39; &lt;b&gt;"
    assert safe_href("https://x.org/?a=1&b=2") == "https://x.org/?a=1&b=2"
    assert safe_href("mailto:a@b.org")
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "/local", None):
        assert safe_href(bad) is None


def test_marker_splits_scripts_and_styles_emphasis(theme):
    fonts = register(theme, "ko")
    mark = Marker(fonts, accent="#D9822B", link="#1B3A5C")
    out = mark.inline((Run("오픈AI", emphasis=True), Run("25", superscript=True)))
    hangul, latin = fonts.family("hangul").name, fonts.family("latin").name
    assert f'<font face="{hangul}"><font color="#D9822B"><b>오픈</b></font></font>' in out  # no slant
    assert f'<font face="{latin}"><i>AI</i></font>' in out
    assert out.endswith("</super>")


def test_number_formats_and_axis_ranges():
    assert format_number(1234.5, "#,##0") == "1,234"
    assert format_number(0.25, "0.0%") == "25.0%"
    assert format_number(3, '0"개월"') == "3개월"
    assert nice_range(0, 24) == (0, 25, 5)
    assert nice_range(0, 4800) == (0, 5000, 1000)


def test_renderer_imports_only_reportlab_and_the_document_layer():
    # style.cache: stdlib only, the parsed fonts kept under their digest (docs/performance.md);
    # pikepdf only where the structure tree is written into the finished PDF (structure.py);
    # style.oblique: a bold face slanted for nested emphasis, fontTools imported only when one is needed
    allowed_local = {"localize.document", "style.theme", "localize.scripts", "outline.labels", "errors", "options",
                     "style.cache", "style.oblique"}
    for path in (ROOT / "generator" / "render" / "pdf").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 3:
                assert node.module in allowed_local, f"{path.name}: from ...{node.module}"
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                top = node.module.split(".")[0]
                allowed = {"reportlab", "__future__"} | ({"pikepdf"} if path.name == "structure.py" else set())
                assert top in allowed or top in sys.stdlib_module_names, (path.name, top)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    top = alias.name.split(".")[0]
                    allowed = {"reportlab"} | ({"pikepdf"} if path.name == "structure.py" else set())
                    assert top in allowed or top in sys.stdlib_module_names, (path.name, top)


def test_contents_names_the_page_each_heading_is_on(pdfs):
    need("pdftotext")
    pdf = pdfs["en"]
    pages = run("pdftotext", "-enc", "UTF-8", "-layout", str(pdf), "-").split("\f")
    doc = sample_document("en")
    contents = pages[0] + pages[1]
    for section in doc.sections:
        for item in section.items:
            title = plain(item.title)
            # the number on the row's own line: a blank one must not borrow the next row's "1.2"
            match = re.search(rf"{re.escape(item.number)}\s+{re.escape(title)}[ \t]+(\d+)[ \t]*$", contents, re.M)
            assert match, f"{item.number} {title} not in the contents"
            page = int(match.group(1))
            heading = re.compile(rf"^\s*{re.escape(item.number)} {re.escape(title)}\s*$", re.M)  # no page number
            body = [i for i, text in enumerate(pages, start=1) if heading.search(text)]
            assert page in body, (title, page, body)


def test_a_contents_entry_whose_page_is_never_recorded_has_none_and_the_pdf_stays_valid(theme, tmp_path,
                                                                                       monkeypatch):
    """The contents' page numbers are forms defined after layout. One whose heading left no page (here
    the glossary's title drawn as a plain paragraph with the link target) is defined empty: a form
    referenced but never defined would make reportlab fail to write the PDF."""
    from reportlab.platypus import Paragraph

    from generator.render.pdf import story

    def unrecorded_glossary(ctx, title, key):
        if key != "glossary":
            return real_heading(ctx, title, key)
        return [Paragraph(f'<a name="{key}"/>{ctx.mark.text(title)}', ctx.styles.h1)]

    real_heading = story.unnumbered_heading
    monkeypatch.setattr(story, "unnumbered_heading", unrecorded_glossary)
    doc = sample_document("en")
    path = tmp_path / "unrecorded.pdf"
    path.write_bytes(render(doc, theme))
    check = subprocess.run([need("qpdf"), "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    text = run(need("pdftotext"), "-enc", "UTF-8", "-layout", str(path), "-")
    assert not re.search(rf"^[ \t]*{doc.label('glossary')}[ \t]+\d+[ \t]*$", text, re.M)  # a row, no page
    assert re.search(rf"^[ \t]*{doc.label('references')}[ \t]+\d+[ \t]*$", text, re.M)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_renders(pdfs, lang, tmp_path):
    need("pdftoppm")
    run("pdftoppm", "-png", "-r", "20", str(pdfs[lang]), str(tmp_path / "page"))
    count = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdfs[lang]))).group(1))
    assert len(list(tmp_path.glob("page-*.png"))) == count


def test_a_table_split_that_makes_no_progress_moves_on_instead_of_looping(tmp_path):
    """16 pt body text with double leading once made reportlab split the key-takeaways box into an empty
    part and a whole rest, for ever; RunOnTable refuses such a split. Run apart, so a loop fails the test."""
    theme = (ROOT / "assets" / "themes" / "default.yaml").read_text(encoding="utf-8")
    theme = theme.replace("  body_size: {ko: 10, en: 10.5}", "  body_size: 16")
    theme = theme.replace("  leading: {ko: 1.75, en: 1.45}", "  leading: 2")
    assert "body_size: 16" in theme and "leading: 2" in theme
    (tmp_path / "big.yaml").write_text(theme, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "generator", "build", str(ROOT / "outline.yaml"), "--theme",
                          str(tmp_path / "big.yaml"), "--format", "pdf", "--lang", "en", "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=120, env={**os.environ, "DUOPRESS_WORKERS": "1"})
    assert run.returncode == 0, run.stderr
    assert squash("AI is central to conflict between states") in squash(pdf_text(tmp_path / "outline.en.pdf"))


def test_a_table_never_breaks_a_word_inside_a_cell(theme, tmp_path):
    """Each column is at least as wide as its longest word (a header's measured in bold); when the words
    cannot all stand side by side, the table's type gets smaller instead."""
    doc = sample_document("en")
    item = doc.sections[0].items[0]
    header = tuple((Run(word),) for word in ("Company", "Organisation", "Parameters", "Jurisdiction",
                                              "Availability", "Classification"))
    rows = tuple(tuple((Run(w),) for w in ("OpenAI", "Bundesgesundheitsministerium", "175B", "Deutschland",
                                            "proprietary", "foundation")) for _ in range(3))
    table = TableFigure(label="Table 1", title=(Run("Models"),), header=header, rows=rows, alt="models")
    items = (dataclasses.replace(item, figure=table),)
    doc = dataclasses.replace(doc, sections=(dataclasses.replace(doc.sections[0], items=items),))
    path = tmp_path / "table.pdf"
    path.write_bytes(render(doc, theme))
    words = set(re.findall(r"\S+", pdf_text(path)))
    for word in ("Company", "Organisation", "Parameters", "Jurisdiction", "Availability", "Classification",
                 "Bundesgesundheitsministerium"):
        assert word in words, word


LONG_CATEGORIES = tuple(f"Category number {i} with a rather long descriptive label" for i in range(12))


@pytest.mark.parametrize("kind", ["column", "bar", "line"])
def test_a_chart_of_long_categories_stays_inside_the_text_column_with_every_key(theme, tmp_path, kind):
    """12 long category names and two long series names: every word inside the margins, both legend
    entries drawn, no category name lost (a column chart turns horizontal, a line chart shortens them)."""
    values = (tuple(float(10 + i * 3.5) for i in range(12)), tuple(float(40 - i * 2.25) for i in range(12)))
    series = tuple(Series(name, v, tuple(f"{x:,.2f}" for x in v))
                   for name, v in zip(("Primary series with a long name", "Secondary series, also long"), values))
    chart = ChartFigure(kind=kind, label="Figure 1", title=(Run("Stress"),), categories=LONG_CATEGORIES,
                        series=series, number_format="#,##0.00", axis_title="Share of the working-age population",
                        alt="stress")
    doc = sample_document("en")
    items = (dataclasses.replace(doc.sections[0].items[0], figure=chart, points=(), body=()),)
    doc = dataclasses.replace(doc, sections=(dataclasses.replace(doc.sections[0], items=items),))
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(render(doc, theme))
    bbox = run(need("pdftotext"), "-bbox", str(path), "-")
    page_width = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
    margin = 22 / 25.4 * 72
    for x_min, x_max, word in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)',
                                         bbox):
        assert float(x_min) >= margin - 1 and float(x_max) <= page_width - margin + 1, word
    text = squash(pdf_text(path))
    assert squash("Primary series with a long name") in text and squash("Secondary series, also long") in text
    for i in range(12):
        assert (squash(f"Category number {i} with") in text) or kind == "line", i


def test_every_paper_choice_has_a_page_size():
    """options.PAPER declares the choices; the brief and the handout know a size for each, in any case."""
    from generator.options import PAPER
    from generator.render.pdf.context import page_size

    assert {page_size(choice) for choice in PAPER.values} == {page_size(c.upper()) for c in PAPER.values}
    assert len({page_size(choice) for choice in PAPER.values}) == len(PAPER.values)
    with pytest.raises(ValueError, match="paper must be one of A4, letter"):
        page_size("B5")
