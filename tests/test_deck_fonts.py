"""The deck describes its fonts (PANOSE, pitch and family, charset) so that a PowerPoint without them
substitutes alike; a theme's deck_family names other fonts in the deck while the files still measure it."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import etree

from generator.cli import main
from generator.render.pptx.oxml.typefaces import pitch_family
from generator.style import resources
from generator.style.fonts import metrics
from tests.conftest import ESSAY

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"a": A}
FONTS = resources.assets_dir() / "fonts"
# What PowerPoint writes for a font, attribute by attribute, in CT_TextFont's order.
NOTO_SANS = {"typeface": "Noto Sans", "panose": "020B0502040504020204", "pitchFamily": "34", "charset": "0"}
NANUM_GOTHIC = {"typeface": "NanumGothic", "panose": "020D0604000000000000", "pitchFamily": "34", "charset": "-127"}
ARIAL = {"typeface": "Arial", "pitchFamily": "34", "charset": "0"}
MALGUN_GOTHIC = {"typeface": "Malgun Gothic", "pitchFamily": "34", "charset": "-127"}


@pytest.fixture(scope="module")
def portable_out(tmp_path_factory) -> Path:
    """The essay built with the bundled portable theme, named as --theme takes it."""
    out = tmp_path_factory.mktemp("portable")
    assert main(["build", str(ESSAY), "--theme", "portable", "--out", str(out), "--quiet"]) == 0
    return out


def parts(deck: Path, pattern: str) -> dict[str, etree._Element]:
    with zipfile.ZipFile(deck) as z:
        return {n: etree.fromstring(z.read(n)) for n in z.namelist() if re.fullmatch(pattern, n)}


def run_fonts(deck: Path, pattern: str = r"ppt/(slides|notesSlides|charts)/.*\.xml") -> list[tuple[dict, dict]]:
    """(a:latin, a:ea) attributes, in document order, of every run and chart text property."""
    found = []
    for root in parts(deck, pattern).values():
        for rpr in root.iter(f"{{{A}}}rPr", f"{{{A}}}defRPr"):
            latin, ea = rpr.find("a:latin", NS), rpr.find("a:ea", NS)
            if latin is not None or ea is not None:
                found.append((dict(latin.attrib), dict(ea.attrib)))
    return found


def font_scheme(deck: Path) -> list[etree._Element]:
    theme = parts(deck, r"ppt/theme/theme1\.xml")["ppt/theme/theme1.xml"]
    return [theme.find(f".//a:{group}", NS) for group in ("majorFont", "minorFont")]


# -- the default theme: the bundled fonts, described ---------------------------------------------------


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_run_names_both_fonts_with_panose_pitch_and_charset_in_schema_order(essay_out, lang):
    fonts = run_fonts(essay_out / f"outline.{lang}.pptx", r"ppt/(slides|notesSlides)/.*\.xml")
    assert len(fonts) > 100
    for latin, ea in fonts:
        assert list(latin.items()) == list(NOTO_SANS.items())  # dicts keep the XML's attribute order
        assert list(ea.items()) == list(NANUM_GOTHIC.items())


def test_every_chart_text_property_names_both_fonts_described(essay_out):
    charts = parts(essay_out / "outline.ko.pptx", r"ppt/charts/chart\d+\.xml")
    assert charts
    fonts = run_fonts(essay_out / "outline.ko.pptx", r"ppt/charts/chart\d+\.xml")
    assert len(fonts) >= len(charts)
    assert all(latin == NOTO_SANS and ea == NANUM_GOTHIC for latin, ea in fonts)


def test_the_theme_parts_font_scheme_describes_both_fonts_and_names_hangul_in_the_korean_slot(essay_out):
    for group in font_scheme(essay_out / "outline.ko.pptx"):
        assert dict(group.find("a:latin", NS).attrib) == NOTO_SANS
        assert dict(group.find("a:ea", NS).attrib) == NANUM_GOTHIC
        hang = group.xpath("a:font[@script='Hang']", namespaces=NS)
        # CT_SupplementalFont has a script and a typeface only: no panose, pitch or charset there
        assert [dict(f.attrib) for f in hang] == [{"script": "Hang", "typeface": "NanumGothic"}]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_bullet_names_the_latin_font_not_the_masters_arial(essay_out, lang):
    bulleted = [ppr for root in parts(essay_out / f"outline.{lang}.pptx", r"ppt/slides/.*\.xml").values()
                for ppr in root.iter(f"{{{A}}}pPr") if ppr.find("a:buChar", NS) is not None]
    assert len(bulleted) > 20
    for ppr in bulleted:
        children = [etree.QName(c).localname for c in ppr]
        assert children[children.index("buClr"):] == ["buClr", "buFont", "buChar"]  # CT_TextParagraphProperties
        assert dict(ppr.find("a:buFont", NS).attrib) == NOTO_SANS


@pytest.mark.parametrize("name", sorted(p.name for p in FONTS.glob("*.ttf")))
def test_panose_is_the_os2_tables_ten_bytes(name):
    """Checked against the raw table: PANOSE is the 10 bytes at offset 32 of OS/2 (OpenType spec)."""
    with TTFont(FONTS / name, lazy=True) as font:
        raw = font.reader["OS/2"][32:42]
    assert metrics(FONTS / name).panose == raw.hex().upper()


@pytest.mark.parametrize(("panose", "expected"), [
    ("020B0502040504020204", 0x22),  # Noto Sans: variable pitch, FF_SWISS
    ("020D0604000000000000", 0x22),  # NanumGothic: perpendicular sans
    ("02020603050405020304", 0x12),  # Times New Roman: variable pitch, FF_ROMAN
    ("02070309020205020404", 0x31),  # Courier New: monospaced, FIXED_PITCH | FF_MODERN
    ("03010101010101010101", 0x02),  # a script face: variable pitch, don't care
    ("00000000000000000000", 0x02),  # no classification
])
def test_pitch_family_follows_the_panose_class(panose, expected):
    assert pitch_family(panose) == expected


# -- the portable theme: other names, the same layout --------------------------------------------------


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_portable_theme_names_malgun_gothic_and_arial_everywhere(portable_out, lang):
    deck = portable_out / f"outline.{lang}.pptx"
    fonts = run_fonts(deck)
    assert fonts and all(latin == ARIAL and ea == MALGUN_GOTHIC for latin, ea in fonts)
    bullets = [dict(f.attrib) for root in parts(deck, r"ppt/slides/.*\.xml").values()
               for f in root.iter(f"{{{A}}}buFont")]
    assert bullets and all(b == ARIAL for b in bullets)
    for group in font_scheme(deck):
        assert dict(group.find("a:latin", NS).attrib) == ARIAL
        assert dict(group.find("a:ea", NS).attrib) == MALGUN_GOTHIC
        assert group.xpath("a:font[@script='Hang']/@typeface", namespaces=NS) == ["Malgun Gothic"]


def frame_sizes(deck: Path) -> list[list[tuple[str, list[str]]]]:
    """Per slide, per shape (by name, in order): the font size of every run and paragraph end."""
    slides = parts(deck, r"ppt/slides/slide\d+\.xml")
    numbered = sorted(slides, key=lambda n: int(re.search(r"(\d+)\.xml$", n).group(1)))
    p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    return [[(shape.xpath("string(./*[1]/p:cNvPr/@name)", namespaces={"p": p}),
              shape.xpath(".//a:rPr/@sz | .//a:endParaRPr/@sz", namespaces=NS))
             for shape in slides[name].iter(f"{{{p}}}sp", f"{{{p}}}graphicFrame")] for name in numbered]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_portable_theme_lays_the_essay_out_as_the_default_one_does(essay_out, portable_out, lang):
    default, portable = essay_out / f"outline.{lang}.pptx", portable_out / f"outline.{lang}.pptx"
    assert frame_sizes(portable) == frame_sizes(default)
    assert any(sizes for slide in frame_sizes(default) for _, sizes in slide)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_portable_themes_brief_is_the_default_ones_byte_for_byte(essay_out, portable_out, lang):
    """The brief embeds the files, whatever the deck names: deck_family changes nothing in it."""
    name = f"outline.{lang}.pdf"
    assert (portable_out / name).read_bytes() == (essay_out / name).read_bytes()


def test_a_deck_built_in_memory_describes_its_fonts_too(theme_with_deck_family):
    """The API path (no command line): a deck_family theme loaded from a file, rendered directly."""
    from generator.render.pptx.renderer import render
    from tests.samples import sample_document

    data = render(sample_document("ko"), theme_with_deck_family)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        slide = etree.fromstring(z.read("ppt/slides/slide2.xml"))
    latin = slide.find(".//a:rPr/a:latin", NS)
    assert dict(latin.attrib) == {"typeface": "Helvetica", "pitchFamily": "34", "charset": "0"}
    assert dict(slide.find(".//a:rPr/a:ea", NS).attrib) == NANUM_GOTHIC  # no deck_family: its own panose


@pytest.fixture
def theme_with_deck_family(tmp_path):
    from generator.style.theme_file import load_theme

    text = resources.theme_path().read_text(encoding="utf-8")
    text = text.replace("      family: Noto Sans\n", "      family: Noto Sans\n      deck_family: Helvetica\n")
    path = tmp_path / "theme.yaml"
    path.write_text(text, encoding="utf-8")
    return load_theme(path)
