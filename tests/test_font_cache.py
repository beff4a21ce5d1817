"""The font cache: what a parse produced, loaded back under the file's digest, the same as parsing again;
sealed plain data (style/plain.py, style/sealed.py), never marshal (tests/test_cache_attacks.py attacks it)."""

from __future__ import annotations

import shutil
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFont

from generator.render.pdf import fonts as pdf_fonts
from generator.style import cache, fonts

FONTS = Path(__file__).resolve().parent.parent / "assets" / "fonts"


def test_a_cached_reportlab_font_is_the_parsed_one(tmp_path, monkeypatch):
    monkeypatch.setenv("DUOPRESS_CACHE_DIR", str(tmp_path))
    path = FONTS / "NanumGothic.ttf"
    parsed = TTFont("Parsed", str(path))
    pdf_fonts._ttfont("Cached", path)  # the first one parses and stores
    cached = pdf_fonts._ttfont("Cached", path)  # the second one loads
    assert len(list(tmp_path.glob("font-*.plain"))) == 1
    assert sorted(vars(cached)) == sorted(vars(parsed))
    assert (cached._asciiReadable, cached.shapable) == (parsed._asciiReadable, parsed.shapable)
    face, reference = vars(cached.face), vars(parsed.face)
    assert sorted(face) == sorted(reference)
    for key, value in reference.items():
        if key != "_pdfScale":
            assert face[key] == value and type(face[key]) is type(value), key
    assert [cached.face._pdfScale(v) for v in (0, 1000, 2048)] == [parsed.face._pdfScale(v) for v in (0, 1000, 2048)]
    assert cached.stringWidth("인공지능 AI", 10) == parsed.stringWidth("인공지능 AI", 10)


def test_an_edited_font_file_never_meets_its_old_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("DUOPRESS_CACHE_DIR", str(tmp_path / "cache"))
    copy = tmp_path / "font.ttf"
    shutil.copy(FONTS / "NotoSans-Regular.ttf", copy)
    fonts.metrics.cache_clear()
    first = fonts.metrics(copy)
    shutil.copy(FONTS / "NanumGothic.ttf", copy)  # the same name, other bytes
    fonts.metrics.cache_clear()
    second = fonts.metrics(copy)
    fonts.metrics.cache_clear()
    assert "가" not in first.advances and "가" in second.advances
    assert len(list((tmp_path / "cache").glob("font-*.plain"))) == 2


def test_a_damaged_entry_is_parsed_again_and_the_cache_can_be_off(tmp_path, monkeypatch):
    monkeypatch.setenv("DUOPRESS_CACHE_DIR", str(tmp_path))
    def valid(value):
        return type(value) is dict

    assert cache.cached(b"font", "test", lambda: {"a": 1}, valid) == {"a": 1}
    (entry,) = tmp_path.glob("font-*.plain")
    entry.write_bytes(b"\xff not an entry")
    assert cache.cached(b"font", "test", lambda: {"a": 2}, valid) == {"a": 2}
    assert cache.cached(b"font", "test", lambda: {"a": 3}, valid) == {"a": 2}  # stored again
    assert cache.cached(b"font", "test", lambda: [3], lambda v: type(v) is list) == [3]  # not its shape
    assert cache.cached(b"font", "test", lambda: [4], lambda v: type(v) is list) == [3]  # stored again
    monkeypatch.setenv("DUOPRESS_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    assert cache.cached(b"font", "test", lambda: {"a": 4}, valid) == {"a": 4}
