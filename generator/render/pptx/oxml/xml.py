"""Every raw-XML workaround the deck needs, in one place, built with pptx.oxml (STYLE.md, example 9)."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from lxml import etree
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement

from .typefaces import TextFont

# Children of a:rPr that come after the font elements in CT_TextCharacterProperties' sequence
# (ln, fills, effects, highlight, uLnTx/uLn, uFillTx/uFill come before a:latin).
_AFTER_FONTS = ("a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")


def set_run_fonts(rPr, latin: TextFont, east_asian: TextFont, lang: str, alt_lang: str | None) -> None:
    """Name both the Latin and the East Asian font of a run and tag its language.

    python-pptx's ``font.name`` writes only ``a:latin`` (python-pptx issue #202), so PowerPoint would
    set Hangul in the theme's East Asian font (a Japanese/Chinese fallback on many systems). The schema
    order is a:latin, a:ea, a:cs, a:sym: ``a:ea`` must follow ``a:latin``. ``a:cs`` is optional and left out.
    Each carries its PANOSE, pitch and charset (``typefaces``), for a PowerPoint that lacks the font.
    """
    for tag in ("a:latin", "a:ea", "a:cs"):
        for old in rPr.findall(qn(tag)):
            rPr.remove(old)
    latin_el = OxmlElement("a:latin")
    describe_font(latin_el, latin)
    ea_el = OxmlElement("a:ea")
    describe_font(ea_el, east_asian)
    anchor = _first_child(rPr, _AFTER_FONTS)
    if anchor is None:
        rPr.append(latin_el)
        rPr.append(ea_el)
    else:
        anchor.addprevious(latin_el)
        anchor.addprevious(ea_el)
    rPr.set("lang", lang)
    if alt_lang and alt_lang != lang:
        rPr.set("altLang", alt_lang)


def describe_font(el, font: TextFont) -> None:
    """Set a CT_TextFont element's attributes to ``font``'s, in schema order, dropping a template's old ones."""
    for name in ("panose", "pitchFamily", "charset"):
        el.attrib.pop(name, None)
    for name, value in font.attributes().items():
        el.set(name, value)


def fonts_xml(latin: TextFont, east_asian: TextFont) -> str:
    """``a:latin`` then ``a:ea`` as markup, the same elements ``set_run_fonts`` builds."""
    return _font_xml("a:latin", latin) + _font_xml("a:ea", east_asian)


def _font_xml(tag: str, font: TextFont) -> str:
    return f"<{tag}" + "".join(f" {name}={quoteattr(value)}" for name, value in font.attributes().items()) + "/>"


SUPERSCRIPT = "30000"  # python-pptx has no superscript property; a:rPr@baseline is in thousandths of a percent

_NAMESPACES = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def parse_runs(runs_xml: str) -> list:
    """``a:r`` elements from their markup (written by ``text.Typesetter.runs_xml``)."""
    return list(parse_xml(f"<a:p {_NAMESPACES}>{runs_xml}</a:p>"))


def replace_paragraphs(txBody, paragraphs_xml: str) -> None:
    """Put ``a:p`` elements from their markup in place of every paragraph of a text body."""
    for old in txBody.findall(qn("a:p")):
        txBody.remove(old)
    for paragraph in parse_xml(f"<a:txBody {_NAMESPACES}>{paragraphs_xml}</a:txBody>"):
        txBody.append(paragraph)


LINE_BREAKING = ' eaLnBrk="0" latinLnBrk="0"'  # a:pPr's attributes as set_line_breaking writes them


def set_line_breaking(pPr) -> None:
    """Keep Korean and Latin words whole at line ends.

    ECMA-376 §21.1.2.2.7: ``eaLnBrk`` "specifies whether an East Asian word can be broken in half and
    wrapped onto the next line without a hyphen" and defaults to 1 — PowerPoint then breaks Hangul
    between any two syllables (the "allow Hangul word breaking" / 한글 단어 잘림 허용 option).
    Korean is set word by word (eojeol), so we write ``eaLnBrk="0"``. ``latinLnBrk`` is the same
    switch for Latin words (default 0); we write it explicitly. A single word wider than the box is
    still broken by PowerPoint. The text box itself must wrap: ``a:bodyPr wrap="square"`` (see
    ``set_body_wrap``); ``wrap="none"`` would never break lines at all.
    """
    pPr.set("eaLnBrk", "0")
    pPr.set("latinLnBrk", "0")


def set_body_wrap(bodyPr) -> None:
    """Wrap lines at the box width, with no autofit flag: we write real, measured sizes instead."""
    bodyPr.set("wrap", "square")
    for tag in ("a:noAutofit", "a:normAutofit", "a:spAutoFit"):
        for old in bodyPr.findall(qn(tag)):
            bodyPr.remove(old)
    no_autofit = OxmlElement("a:noAutofit")
    anchor = _first_child(bodyPr, ("a:scene3d", "a:sp3d", "a:flatTx", "a:extLst"))
    if anchor is None:
        bodyPr.append(no_autofit)
    else:
        anchor.addprevious(no_autofit)


def bullet_xml(char: str, color: str, font: TextFont) -> str:
    """A bullet character in a colour and font (python-pptx has no bullet API): ``a:buClr``, ``a:buFont``,
    ``a:buChar``, in schema order, for a paragraph written as markup. Without ``a:buFont`` the bullet takes
    the master's (Arial in python-pptx's template, Wingdings in many others): a font the theme never named,
    which LibreOffice then replaces by another (Liberation Sans)."""
    return (f'<a:buClr><a:srgbClr val="{color}"/></a:buClr>{_font_xml("a:buFont", font)}'
            f'<a:buChar char={quoteattr(char)}/>')


def set_descr(shape, text: str) -> None:
    """Alt text: python-pptx exposes no setter for ``p:cNvPr/@descr`` on graphic frames and pictures."""
    c_nv_pr = shape._element.xpath("./*[1]/p:cNvPr")[0]
    c_nv_pr.set("descr", text)


def no_table_style(tbl) -> None:
    """Drop python-pptx's default "Medium Style 2 – Accent 1" table style: we fill every cell ourselves."""
    tbl_pr = tbl.tblPr
    for old in tbl_pr.findall(qn("a:tableStyleId")):
        tbl_pr.remove(old)


def chart_fonts(chart_space, latin: TextFont, east_asian: TextFont, lang: str) -> None:
    """Give every text property in a chart part both fonts.

    Chart text (axis labels, data labels, titles) is styled through ``c:txPr`` and ``a:defRPr``; python-pptx's
    ``chart.font.name`` again writes only ``a:latin``. Category names in Korean need ``a:ea``.
    """
    for rpr in chart_space.iter(qn("a:defRPr"), qn("a:rPr")):
        set_run_fonts(rpr, latin, east_asian, lang, None)


def positive_axis_ids(chart_space) -> None:
    """python-pptx writes negative ``c:axId`` values, which strict schema validators reject (unsignedInt)."""
    mapping: dict[str, str] = {}
    for el in chart_space.iter(qn("c:axId"), qn("c:crossAx")):
        val = el.get("val")
        if val.startswith("-"):
            mapping.setdefault(val, str(50000000 + len(mapping) + 1))
            el.set("val", mapping[val])


def theme_fonts_and_colors(theme_part, latin: TextFont | None, hangul: TextFont, colors: dict) -> None:
    """Point the theme's major/minor fonts and colour scheme at ours (ppt/theme/theme1.xml).

    Text we write names its fonts explicitly, but PowerPoint uses the theme for everything a user adds
    later (new text boxes, SmartArt, chart defaults), and the theme's ``a:ea`` is empty in python-pptx's
    default template. ``<a:font script="Hang">`` is what Korean-locale PowerPoint consults for Hangul.
    python-pptx loads the theme as an opaque part, so we rewrite its blob. ``latin=None`` keeps the
    theme's Latin fonts (a user's template).
    """
    root = parse_xml(theme_part.blob)
    for font_group in root.iter(qn("a:majorFont"), qn("a:minorFont")):
        if latin is not None:
            describe_font(font_group.find(qn("a:latin")), latin)
        describe_font(font_group.find(qn("a:ea")), hangul)
        _hangul_slot(font_group, hangul.typeface)
    scheme = root.find(f".//{qn('a:clrScheme')}")
    for slot, color in colors.items():
        el = scheme.find(qn(f"a:{slot}"))
        if el is not None:
            for child in list(el):
                el.remove(child)
            el.append(_srgb(color))
    theme_part.blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _hangul_slot(font_group, typeface: str) -> None:
    """The ``<a:font script="Hang">`` slot (CT_SupplementalFont: a script and a typeface, nothing more)."""
    hang = [f for f in font_group.findall(qn("a:font")) if f.get("script") == "Hang"]
    if hang:
        hang[0].set("typeface", typeface)
        return
    el = OxmlElement("a:font")
    el.set("script", "Hang")
    el.set("typeface", typeface)
    font_group.find(qn("a:cs")).addnext(el)


def _srgb(color: str):
    el = OxmlElement("a:srgbClr")
    el.set("val", color)
    return el


def _first_child(parent, tags):
    names = {qn(t) for t in tags}
    for child in parent:
        if child.tag in names:
            return child
    return None


def remove_shape(shape) -> None:
    """Drop an unused placeholder (python-pptx has no delete), so no empty "Click to add text" remains."""
    element = shape._element
    element.getparent().remove(element)


def no_caps(text_frame) -> None:
    """The default template's Section Header title is all caps (``cap="all"`` in the layout); ours is not."""
    for rpr in text_frame._txBody.iter(qn("a:rPr")):
        rpr.set("cap", "none")


def every_category_label(cat_ax) -> None:
    """``c:tickLblSkip val=1``: draw every category name; left out, LibreOffice skips the names it finds
    crowded (4 of 12 long names were shown). Schema order: after c:lblOffset, before c:tickMarkSkip."""
    for old in cat_ax.findall(qn("c:tickLblSkip")):
        cat_ax.remove(old)
    skip = OxmlElement("c:tickLblSkip")
    skip.set("val", "1")
    anchor = _first_child(cat_ax, ("c:tickMarkSkip", "c:noMultiLvlLbl", "c:extLst"))
    if anchor is None:
        cat_ax.append(skip)
    else:
        anchor.addprevious(skip)


def label_separator(d_lbls, text: str) -> None:
    """``c:separator`` between a data label's parts (category and value); python-pptx has no API for it."""
    for old in d_lbls.findall(qn("c:separator")):
        d_lbls.remove(old)
    sep = OxmlElement("c:separator")
    sep.text = text
    anchor = _first_child(d_lbls, ("c:showLeaderLines", "c:leaderLines", "c:extLst"))
    if anchor is None:
        d_lbls.append(sep)
    else:
        anchor.addprevious(sep)
