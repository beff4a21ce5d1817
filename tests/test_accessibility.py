"""Tagged PDFs: the brief, the slides PDF and the handout of the essay and of fixtures in Korean, English and
German pass pdfua with no finding at all, and what pdfua does not check holds too: the structure's text
in order is the page's text in the order it is laid out, every piece of text is tagged or an artifact,
figures have alt text, tables header cells, links and note references a described, tagged annotation, and
text in another script than the document's is a span in that language."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from a11y import Piece, pdfua_findings, pieces, tree

from generator.localize.scripts import HANGUL, LATIN, script_of

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
SOURCES = {"outline": ROOT / "outline.yaml", "trilingual": FIXTURES / "trilingual.yaml",
           "demography": FIXTURES / "demography.yaml"}
ARTIFACTS = [f"{stem}.{lang}.{suffix}" for stem, langs in (("outline", "ko en"), ("trilingual", "ko en de"),
                                                           ("demography", "ko en"))
             for lang in langs.split() for suffix in ("pdf", "slides.pdf", "handout.pdf")]


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    from generator.cli import main

    folder = tmp_path_factory.mktemp("a11y")
    for stem, source in SOURCES.items():
        langs = "ko,en,de" if stem == "trilingual" else "ko,en"
        assert main(["build", str(source), "--out", str(folder / stem), "--format", "pdf,slides,handout",
                     "--lang", langs, "--quiet"]) == 0
        for built in (folder / stem).glob("*.pdf"):
            shutil.move(built, folder / built.name)
    return folder


@pytest.mark.parametrize("name", ARTIFACTS)
def test_pdfua_finds_nothing(out, name):
    assert pdfua_findings(out / name) == []


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", ARTIFACTS)
def test_every_text_is_tagged_or_an_artifact_and_the_tree_reads_in_layout_order(out, name):
    """Every text object (a form's by the form's marks) is in a tagged sequence or an artifact; the tree's
    content, in tree order, is the tagged text in the order it is drawn (one column: the story's order);
    and what is drawn is what pdftotext reads in content order (-raw), so nothing is hidden or lost."""
    drawn = pieces(out / name)
    loose = [p for p in drawn if p.mcid is None and not p.artifact and p.text.strip()]
    assert loose == []
    by_mcid: dict[tuple[int, int], list[str]] = {}
    for piece in drawn:
        if not piece.artifact and piece.mcid is not None:
            by_mcid.setdefault((piece.page, piece.mcid), []).append(piece.text)
    root = tree(out / name)
    in_tree = list(root.mcids())
    # each sequence once in the tree (those without text hold an image, a chart's shapes or an empty cell)
    assert len(in_tree) == len(set(in_tree)) and set(by_mcid) <= set(in_tree)
    # A footnote is set at the page's foot but read where its marker is (a Note in the marker's element,
    # after its Reference): the order is compared without the notes, and each note checked at its marker.
    notes = {key for e in root.walk() if e.role == "Note" for key in e.mcids()}
    for home in root.walk():
        for index, kid in enumerate(home.kids):
            if kid.role == "Note" and home.role != "Document":
                assert any(k.role == "Reference" for k in home.kids[:index]), home
    # A figure (with its caption and source line) may float to the next page while the text after it fills
    # this one: the tree keeps it where the story has it, in its section, so it is compared as a block —
    # whole and in one piece in both orders — and the rest in drawing order.
    floats = _float_groups(root)
    floated = {key for group in floats for key in group}
    order = [key for key in in_tree if key not in notes]
    drawn_order = list(dict.fromkeys((p.page, p.mcid) for p in drawn if not p.artifact and p.mcid is not None
                                     and (p.page, p.mcid) not in notes))
    for group in floats:
        wanted = [key for key in group if key in by_mcid]
        at = [drawn_order.index(key) for key in wanted if key in drawn_order]
        assert at == list(range(at[0], at[0] + len(at))) if at else True, "a figure drawn in pieces"
    tree_text = "".join("".join(by_mcid.get(key, ())) for key in order if key not in floated)
    drawn_text = "".join("".join(by_mcid.get(key, ())) for key in drawn_order if key not in floated)
    assert _squash(tree_text) == _squash(drawn_text)
    if shutil.which("pdftotext"):
        raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(out / name), "-"], capture_output=True,
                             text=True, check=True).stdout
        assert sorted(_squash(raw)) == sorted(_squash("".join(p.text for p in drawn)))


@pytest.mark.parametrize("name", ARTIFACTS)
def test_figures_have_alt_and_tables_header_cells(out, name):
    root = tree(out / name)
    elements = list(root.walk())
    assert [e.role for e in root.kids] == ["Document"]
    for figure in (e for e in elements if e.role == "Figure"):
        assert figure.attrs.get("Alt", "").strip(), figure
    for table in (e for e in elements if e.role == "Table"):
        rows = [row for row in table.kids if row.role == "TR"]
        assert rows and all(cell.role in ("TH", "TD") for row in rows for cell in row.kids)
        header_row = all(cell.role == "TH" for cell in rows[0].kids)
        header_column = all(row.kids[0].role == "TH" for row in rows)
        assert header_row or header_column, table
        assert all(c.attrs.get("Scope") in ("Column", "Row") for row in rows for c in row.kids if c.role == "TH")
    for heading in (e for e in elements if re.fullmatch(r"H\d", e.role)):
        assert heading.content, heading  # a heading has text
    levels = [int(e.role[1]) for e in elements if re.fullmatch(r"H\d", e.role)]
    assert all(b <= a + 1 for a, b in zip([0, *levels], levels)), levels  # no level skipped


@pytest.mark.parametrize("name", [n for n in ARTIFACTS if n.endswith(".pdf") and n.count(".") == 2])
def test_briefs_lists_notes_contents_and_asides_are_tagged(out, name):
    elements = list(tree(out / name).walk())
    roles = {e.role for e in elements}
    assert {"H1", "H2", "P", "TOC", "TOCI", "L", "LI", "Lbl", "LBody", "Sect"} <= roles
    for item in (e for e in elements if e.role == "LI"):
        assert [k.role for k in item.kids][:2] in (["Lbl", "LBody"], ["LBody"]), item
    for note in (e for e in elements if e.role == "Note"):
        assert re.fullmatch(r"fn-\d+", note.attrs.get("ID", "")), note


@pytest.mark.parametrize("name", ARTIFACTS)
def test_links_are_tagged_and_described(out, name):
    """Every link annotation is the object of a Link element (footnote markers and citations inside a
    Reference), has a /Contents, and its /StructParent leads back to that element."""
    elements = list(tree(out / name).walk())
    linked = {annot: e for e in elements if e.role == "Link" for annot in e.annots}
    parents = {id(kid): e for e in elements for kid in e.kids}
    with pikepdf.open(out / name) as pdf:
        nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
        parent_tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                if annot.get("/Subtype") != "/Link":
                    continue
                assert annot.objgen in linked, annot
                assert str(annot.get("/Contents", "")).strip()
                element = parent_tree[int(annot.StructParent)]
                assert element.S == "/Link"
                target = annot.get("/Dest") or annot.get("/A", {}).get("/D")
                if target is not None and re.match(r"(fn|ref)-\d+$", str(target)):
                    assert parents[id(linked[annot.objgen])].role == "Reference"


def _script(text: str) -> str | None:
    return next((s for s in map(script_of, text) if s is not None), None)


@pytest.mark.parametrize("name", ARTIFACTS)
def test_text_in_the_other_script_is_a_span_in_its_language(out, name):
    """A Korean document's Latin words are marked English (the outline's language in that script); an
    English or German document's Hangul is marked Korean; its own script carries no span."""
    lang = name.split(".")[1]
    other = {"ko": (LATIN, "en")}.get(lang, (HANGUL, "ko"))
    drawn: list[Piece] = [p for p in pieces(out / name) if _script(p.text) is not None]
    with pikepdf.open(out / name) as pdf:
        assert str(pdf.Root.Lang).startswith(lang)
        assert "pdfuaid:part>1<" in pdf.Root.Metadata.read_bytes().decode()
        assert pdf.Root.MarkInfo.Marked and pdf.Root.ViewerPreferences.DisplayDocTitle
        assert all(page.obj.Tabs == "/S" for page in pdf.pages)
    foreign = [p for p in drawn if _script(p.text) == other[0]]
    own = [p for p in drawn if _script(p.text) != other[0]]
    assert all(p.lang == other[1] for p in foreign), [p for p in foreign if p.lang != other[1]][:3]
    assert all(p.lang is None for p in own), [p for p in own if p.lang is not None][:3]


def test_a_chart_figure_is_described_from_its_data_in_its_language(out):
    for lang, kind in (("ko", "막대 그래프"), ("en", "bar chart")):
        figures = [e for e in tree(out / f"outline.{lang}.pdf").walk() if e.role == "Figure"]
        described = [f.attrs["Alt"] for f in figures if kind in f.attrs["Alt"]]
        assert described, [f.attrs.get("Alt") for f in figures]
        assert any(re.search(r"\d", alt) for alt in described)  # its values are in it


def test_rebuilds_are_byte_identical_and_pdftotext_unchanged_by_tagging(out, tmp_path):
    from generator.cli import main

    assert main(["build", str(SOURCES["trilingual"]), "--out", str(tmp_path), "--format", "pdf,slides,handout",
                 "--lang", "ko,en,de", "--quiet"]) == 0
    for built in tmp_path.glob("*.pdf"):
        assert built.read_bytes() == (out / built.name).read_bytes(), built.name


def _float_groups(root) -> list[list]:
    """The marked-content keys of each Figure, and of a timeline's Table, with the caption before it and the
    source line after it (its neighbours in its section): what may float as one block."""
    groups = []
    for parent in root.walk():
        kids = parent.kids
        for index, kid in enumerate(kids):
            if kid.role != "Figure" and not (kid.role == "Table" and _is_timeline(kid)):
                continue
            block = [kid]
            if index and kids[index - 1].role in ("Caption", "P"):
                block.insert(0, kids[index - 1])
            if index + 1 < len(kids) and kids[index + 1].role == "P":
                block.append(kids[index + 1])
            groups.append([key for element in block for key in element.mcids()])
    return groups


def _is_timeline(table) -> bool:
    """A timeline is a table of two columns, dates and events, with no header row."""
    rows = [row for row in table.kids if row.role == "TR"]
    return bool(rows) and not all(cell.role == "TH" for cell in rows[0].kids)
