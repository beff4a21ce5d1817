"""glyph.missing asks the font each renderer really draws a character with (PowerPoint's slot rule in the
deck, the run's font in the brief), falling back to the theme's other font: → ≥ ≈ ▲ „ pass where a font of
the theme draws them, and the deck names that font for them (generator/style/fonts.py)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.api import check
from generator.cli import main
from generator.localize.scripts import drawingml_east_asian
from generator.style import fonts
from generator.style.theme_file import load_theme

SIGNS = "→ ≥ ≈ ▲ „ ■ ① ★ ← ≤"
OUTLINE = """\
duopress: 1
languages: [ko, en, de]
meta:
  title: {{ko: 제목, en: Title, de: Titel}}
  date: 2024-12-01
  organisation: {{ko: 기관, en: Institute, de: Institut}}
sections:
  - id: s
    title: {{ko: 부분, en: Part, de: Teil}}
    items:
      - id: i
        title: {{ko: 항목, en: Item, de: Punkt}}
        points:
          - {{ko: "수출 {signs} 증가", en: "exports {signs} up", de: "„Exporte“ {signs} höher"}}
"""


def write(tmp_path: Path, signs: str = SIGNS) -> Path:
    path = tmp_path / "o.yaml"
    path.write_text(OUTLINE.format(signs=signs), encoding="utf-8")
    return path


def test_signs_a_theme_font_draws_pass_in_every_language(tmp_path):
    assert [str(p) for p in check(write(tmp_path)) if p.code == "glyph.missing"] == []


def test_a_sign_no_font_has_is_an_error_naming_the_fonts(tmp_path):
    found = [p for p in check(write(tmp_path, "✓")) if p.code == "glyph.missing"]
    assert [(p.path, p.message) for p in found] == [
        ("sections[0].items[0].points[0].ko",
         "U+2713 CHECK MARK ('✓') is in none of the theme's fonts: NanumGothic, which draws it in ko text on the "
         "slides and in the brief, lacks it, and so does Noto Sans; it would print as a blank box. Use another "
         "character, or give the theme a font that has it (fonts.scripts)"),
        ("sections[0].items[0].points[0].en",
         "U+2713 CHECK MARK ('✓') is in none of the theme's fonts: NanumGothic, which draws it in en text on the "
         "slides, and Noto Sans, which draws it in the brief, lack it; it would print as a blank box. Use another "
         "character, or give the theme a font that has it (fonts.scripts)"),
        ("sections[0].items[0].points[0].de",
         "U+2713 CHECK MARK ('✓') is in none of the theme's fonts: NanumGothic, which draws it in de text on the "
         "slides, and Noto Sans, which draws it in the brief, lack it; it would print as a blank box. Use another "
         "character, or give the theme a font that has it (fonts.scripts)"),
    ]


@pytest.mark.parametrize("char, east_asian_run, expected", [
    ("A", True, False), ("가", False, True), ("→", True, False), ("≥", False, False), ("▲", False, True),
    ("“", True, True), ("“", False, False), ("„", False, False), ("°", False, True), ("■", False, True),
])
def test_powerpoints_slot_per_character(char, east_asian_run, expected):
    """ECMA-376 Part 1, 21.1.2.3: arrows and maths signs take a:latin, geometric shapes a:ea, curly quotes
    a:ea only in an East Asian run."""
    assert drawingml_east_asian(char, east_asian_run) is expected


def test_the_deck_names_the_font_that_has_the_sign(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(write(tmp_path)), "--format", "pptx", "--out", str(out), "--quiet"]) == 0
    with zipfile.ZipFile(out / "o.en.pptx") as z:
        slides = "".join(z.read(n).decode() for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n))
    # "→" takes a:latin in PowerPoint, which Noto Sans lacks: its run names NanumGothic in both slots
    arrow = re.search(r"<a:rPr[^>]*>(?:(?!</a:rPr>).)*</a:rPr><a:t>→</a:t>", slides)
    assert arrow is not None
    assert re.findall(r'<a:(latin|ea) typeface="([^"]+)"', arrow.group()) == [("latin", "NanumGothic"),
                                                                            ("ea", "NanumGothic")]
    # "▲" takes a:ea, which NanumGothic is anyway: no run of its own
    assert "<a:t>▲</a:t>" not in slides


@settings(max_examples=300, deadline=None)
@given(st.characters(max_codepoint=0x2FFFF, exclude_categories=("Cs",)), st.booleans())
def test_a_character_is_missing_only_when_no_face_has_it(char, east_asian_run):
    theme = load_theme(None)
    has = [script for script, codes in fonts.coverage(theme).items() if ord(char) in codes]
    assert (fonts.missing_glyphs(char, theme) == []) == (bool(has) or char in "\n\t")
    face = fonts.deck_face(char, east_asian_run, theme)
    assert face is None or face in has  # the deck falls back only to a face that draws it
    if face is None and has and not char.isspace():  # PowerPoint's own pick draws it
        slot = "hangul" if drawingml_east_asian(char, east_asian_run) else "latin"
        assert slot in has


@pytest.mark.parametrize("look", ["default", "conference", "portable"])
@pytest.mark.parametrize("east_asian_run", [False, True])
def test_what_a_deck_run_draws_is_the_slot_rule_applied_to_every_character(look, east_asian_run):
    """``deck_draws_all`` splits the fonts' coverage with set operations (scripts.latin_slot); it is the
    per-character rule (``drawingml_east_asian``) applied to every character either face has."""
    from generator.style.resources import theme_path

    key = fonts._key(load_theme(theme_path(look)))
    latin, hangul = fonts._deck_plain(key, fonts.LATIN), fonts._deck_plain(key, fonts.HANGUL)
    by_rule = {char for char in latin | hangul
               if char in (hangul if drawingml_east_asian(char, east_asian_run) else latin)}
    assert fonts._deck_run_plain(key, east_asian_run) == by_rule
