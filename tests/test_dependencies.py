"""The python-pptx internals duopress relies on still exist (pyproject pins python-pptx below 1.1 for them).

Each name below is used by ``generator/render/pptx`` (``_package.py``, ``charts.py``, ``text.py``,
``frames.py``); if a release renames one, this test names it before a deck fails to build.
"""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.slide import NotesSlidePart
from pptx.util import Inches


@pytest.fixture(scope="module")
def deck():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    data = CategoryChartData()
    data.categories = ["a"]
    data.add_series("s", [1])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Inches(4), Inches(3), data)
    box = slide.shapes.add_textbox(0, 0, Inches(1), Inches(1))
    return prs, slide, frame.chart, box.text_frame


def test_package_internals_used_by_the_slide_adder(deck):
    prs, slide, _, _ = deck
    assert prs.part._element.get_or_add_sldIdLst() is not None
    assert callable(prs.part.rels._add_relationship)
    assert isinstance(prs.part.rels._rels, dict)
    assert callable(prs.part._element.get_or_add_sldIdLst()._add_sldId)
    assert callable(prs.part.package.next_partname)
    rel = next(iter(prs.part.rels.values()))
    assert hasattr(rel, "_target") and hasattr(rel, "target_part")
    assert slide.shapes._spTree is not None
    assert callable(CT_NotesSlide.new) and callable(NotesSlidePart)


def test_lazy_properties_are_cached_in_the_instance_dict(deck):
    prs, slide, _, _ = deck
    part = slide.part
    part.rels  # noqa: B018 - the lazyproperty fills the cache
    assert "_rels" in part.__dict__ or "rels" in part.__dict__  # _frozen() writes both names


def test_text_and_chart_internals(deck):
    _, _, chart, frame = deck
    assert chart._chartSpace.tag.endswith("chartSpace")
    assert frame._txBody.tag.endswith("txBody")
    assert frame.paragraphs[0]._p.tag.endswith("}p")


def test_a_deck_using_them_saves(deck):
    prs, _, _, _ = deck
    buffer = io.BytesIO()
    prs.save(buffer)
    assert buffer.getvalue()[:2] == b"PK"


def test_package_writer_internals_used_to_save_once():
    from pptx.opc.serialized import PackageWriter, _PhysPkgWriter

    for name in ("_write_content_types_stream", "_write_pkg_rels", "_write_parts"):
        assert callable(getattr(PackageWriter, name)), name
    assert callable(_PhysPkgWriter.write)


def test_compiled_xpath_finds_what_lxml_finds(deck):
    """render/pptx/oxml/queries.py evaluates python-pptx's queries compiled: the same elements as lxml's own."""
    from lxml import etree
    from pptx.oxml import ns, xmlchemy
    from pptx.oxml.shapes import shared

    from generator.render.pptx.oxml import queries as _oxml

    prs, slide, chart, text_frame = deck
    with _oxml.compiled_queries():
        tree = slide.shapes._spTree
        for query in ("./p:sp", ".//a:t", "./*[1]/p:nvPr/p:ph", "./p:graphicFrame/@name", "count(./*)"):
            ours = tree.xpath(query)
            lxmls = etree.ElementBase.xpath(tree, query, namespaces=xmlchemy._nsmap)
            assert ours == lxmls, query
        assert xmlchemy.BaseOxmlElement.xpath is _oxml._xpath
        assert shared.qn is _oxml._qn and ns.qn is _oxml._qn  # every module that imported it uses the table
        for name in ("p:sp", "a:rPr", "c:chart", "a:t"):
            prefix, local = name.split(":")
            assert _oxml._qn(name) == _oxml._pptx_qn(name) == etree.QName(ns._nsmap[prefix], local).text
    assert xmlchemy.BaseOxmlElement.xpath is not _oxml._xpath and shared.qn is _oxml._pptx_qn


def test_a_remembered_wrap_is_the_wrap_reportlab_makes():
    """render/pdf/paragraph.py keeps a paragraph's last wrap per width: the same size and lines as reportlab's
    own wrap of a new paragraph, whatever widths came between."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus.paragraph import Paragraph

    from generator.render.pdf.paragraph import Paragraph as Remembering

    style = getSampleStyleSheet()["BodyText"]
    text = "A paragraph long enough to break into several lines at <b>each</b> of the widths tried here. " * 3
    kept = Remembering(text, style)
    for width in (300, 120, 300, 300, 120, 1):
        fresh = Paragraph(text, style)
        assert kept.wrap(width, 800) == fresh.wrap(width, 800)
        if width > 1:  # the lines, fragment by fragment (fragments compare by identity: by their repr)
            assert repr(kept.blPara.lines) == repr(fresh.blPara.lines)
