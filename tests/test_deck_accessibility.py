"""Decks that pass PowerPoint's accessibility rules, and themes whose text keeps WCAG's contrast: every slide
has a title, shapes are in the order they are seen, decoration is marked decorative, pictures, charts and
timelines have alt text in the deck's language, tables a header row; ``duopress check`` warns, located at
the colour's line, per language, when a theme's text is below 4.5:1 (3:1 large)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from generator.checks.contrast import contrast_problems, needed, ratio
from generator.cli import main
from generator.render.pptx.oxml.xml import is_decorative
from generator.style.resources import bundled_themes, theme_path
from generator.style.theme_file import load_theme

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
DECKS = {"outline": (ROOT / "outline.yaml", "ko,en"), "trilingual": (FIXTURES / "trilingual.yaml", "ko,en,de"),
         "demography": (FIXTURES / "demography.yaml", "ko,en"), "design": (FIXTURES / "design.yaml", "ko,en")}
NAMES = [f"{stem}.{lang}.pptx" for stem, (_, langs) in DECKS.items() for lang in langs.split(",")]


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("decks")
    for stem, (source, langs) in DECKS.items():
        assert main(["build", str(source), "--out", str(folder / stem), "--format", "pptx", "--lang", langs,
                     "-q"]) == 0
        for built in (folder / stem).glob("*.pptx"):
            shutil.move(built, folder / built.name)
    return folder


def _descr(shape) -> str:
    found = shape._element.xpath("./*[1]/p:cNvPr/@descr")
    return found[0] if found else ""


@pytest.mark.parametrize("name", NAMES)
def test_every_slide_has_a_title_and_every_shape_says_something_or_is_decorative(decks, name):
    prs = Presentation(str(decks / name))
    for number, slide in enumerate(prs.slides, start=1):
        title = slide.shapes.title
        assert title is not None and title.text_frame.text.strip(), f"slide {number} has no title"
        for shape in slide.shapes:
            text = shape.has_text_frame and shape.text_frame.text.strip()
            described = bool(_descr(shape).strip())
            assert text or described or is_decorative(shape._element) or shape.has_table, \
                f"slide {number}: {shape.name} is neither text, described nor decorative"
            if shape.shape_type == 13 or getattr(shape, "has_chart", False) and shape.has_chart:
                assert described, f"slide {number}: {shape.name} has no alt text"
            if shape.has_table:
                assert shape.table.first_row and described


@pytest.mark.parametrize("name", NAMES)
def test_shapes_are_in_the_order_they_are_seen(decks, name):
    """No shape that is read later lies wholly above an earlier one in the same column."""
    prs = Presentation(str(decks / name))
    for number, slide in enumerate(prs.slides, start=1):
        shapes = [s for s in slide.shapes if not is_decorative(s._element)]
        for i, first in enumerate(shapes):
            for later in shapes[i + 1:]:
                above = later.top + later.height <= first.top
                beside = later.left >= first.left + first.width or first.left >= later.left + later.width
                assert not above or beside, f"slide {number}: {later.name} is above {first.name} but read after"


def test_alt_text_is_in_the_decks_language(decks):
    """The essay's charts and timelines: Hangul in the Korean deck's descriptions, none in the English one's."""
    for lang, hangul in (("ko", True), ("en", False)):
        prs = Presentation(str(decks / f"outline.{lang}.pptx"))
        described = [_descr(s) for slide in prs.slides for s in slide.shapes
                     if _descr(s) and not s.has_text_frame]
        assert described
        assert all(any("\uac00" <= c <= "\ud7a3" for c in text) == hangul for text in described), described


def test_the_bundled_themes_keep_wcag_contrast():
    for name in bundled_themes():
        assert contrast_problems(load_theme(theme_path(name)), ["ko", "en", "de"]) == [], name


def test_contrast_is_wcags():
    assert round(ratio("FFFFFF", "000000"), 2) == 21.0
    assert round(ratio("777777", "FFFFFF"), 2) == 4.48  # WCAG's classic just-failing grey
    assert needed(18, False) == needed(14, True) == 3.0 and needed(17.5, False) == needed(13.5, True) == 4.5


def _theme_with(tmp_path: Path, replace: dict[str, str]) -> Path:
    text = theme_path().read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "theme.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_light_muted_colour_is_a_located_warning_naming_the_use_and_languages(tmp_path, capsys):
    path = _theme_with(tmp_path, {'muted: "5F6B7A"': 'muted: "9AA3AE"'})
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("  muted:"))
    problems = contrast_problems(load_theme(path), ["ko", "en"])
    assert problems and all(p.code == "theme.contrast" and p.span.line == line for p in problems)
    messages = [p.message for p in problems]
    assert any(m.startswith("brief text in muted (#9AA3AE) on background (#FFFFFF) has contrast 2.5") and
               "running heads, footers and captions (ko 8 pt, en 8 pt)" in m for m in messages), messages
    assert main(["check", str(ROOT / "tests" / "fixtures" / "minimal.yaml"), "--theme", str(path)]) == 0
    assert f"{path}:{line}:" in capsys.readouterr().err
