"""Fuzzing the caches' bytes: whatever a cache file holds — random bytes, a real entry damaged, or even a
well-sealed value of the wrong shape — reading it never crashes or hangs, and what is built is what a build
without the cache (``--force``) builds.

    DUOPRESS_PROPERTY_EXAMPLES=300 python3 -m pytest -q tests/test_cache_fuzz.py
"""

from __future__ import annotations

import math
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.render.memo import Memo
from generator.render.pdf import fonts as pdf_fonts
from generator.render.pptx.renderer import render_deck
from generator.style import cache, fonts, plain, sealed
from generator.style.theme_file import load_theme
from tests.test_slide_reuse import FIXTURES, document

EXAMPLES = int(os.environ.get("DUOPRESS_PROPERTY_EXAMPLES", "25"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("DUOPRESS_PROPERTY_EXAMPLES"),
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
FONT = Path(__file__).resolve().parent.parent / "assets" / "fonts" / "NotoSans-Regular.ttf"

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8) | st.binary(
    max_size=8)
keys = st.none() | st.booleans() | st.integers() | st.text(max_size=4) | st.tuples(st.text(max_size=3), st.booleans())
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=6) | st.lists(inner, max_size=6).map(tuple)
                      | st.dictionaries(keys, inner, max_size=6)
                      | st.lists(st.integers(-(1 << 63), (1 << 63) - 1), min_size=4, max_size=8)
                      | st.dictionaries(st.integers(-9, 9), st.lists(st.integers(0, 9), max_size=3), min_size=4)
                      | st.dictionaries(st.characters(), st.integers(0, 2000), min_size=4, max_size=8),
                      max_leaves=30)


@SETTINGS
@given(value=values)
def test_plain_data_reads_back_as_written(value):
    assert plain.decode(plain.encode(value)) == value


@SETTINGS
@given(data=st.binary(max_size=200))
def test_the_plain_reader_takes_any_bytes_quickly(data):
    start = time.perf_counter()
    try:
        plain.decode(data)
    except plain.PlainError:
        pass
    assert time.perf_counter() - start < 0.5


def test_a_megabyte_of_nesting_or_claims_is_refused_at_once():
    for data in (b"l\x01\x00\x00\x00" * 200_000 + b"N", b"q\xff\xff\xff\xff" + b"\0" * 1_000_000):
        start = time.perf_counter()
        with pytest.raises(plain.PlainError):
            plain.decode(data)
        assert time.perf_counter() - start < 0.5


# -- cache files as a hostile hand may leave them -----------------------------------------------------


def _variants(real: bytes):
    """Bytes derived from a real entry: damaged at a byte, cut, lengthened, or random."""
    at = st.integers(0, max(0, len(real) - 1))
    return st.one_of(
        st.tuples(at, st.integers(1, 255)).map(lambda p: real[:p[0]] + bytes([real[p[0]] ^ p[1]]) + real[p[0] + 1:]),
        at.map(lambda n: real[:n]),
        st.binary(max_size=64).map(lambda tail: real + tail),
        st.binary(max_size=400),
    )


@pytest.fixture(scope="module")
def deck_case(tmp_path_factory):
    folder = tmp_path_factory.mktemp("memo-fuzz")
    theme = load_theme(None)
    doc = document(FIXTURES / "minimal.yaml", "en")
    fresh = render_deck(doc, theme)[0]
    memo = Memo(folder / "real.memo", "fuzz")
    render_deck(doc, theme, memo=memo)
    memo.save()
    return theme, doc, fresh, (folder / "real.memo").read_bytes(), folder


def _deck_with_memo(deck_case, data: bytes) -> bytes:
    theme, doc, _, _, folder = deck_case
    path = folder / "fuzzed.memo"
    path.write_bytes(data)
    memo = Memo(path, "fuzz")
    return render_deck(doc, theme, memo=memo)[0]


@SETTINGS
@given(data=st.data())
def test_a_damaged_memo_gives_the_forced_deck(deck_case, data):
    _, _, fresh, real, _ = deck_case
    assert _deck_with_memo(deck_case, data.draw(_variants(real))) == fresh


@SETTINGS
@given(value=values)
def test_a_sealed_memo_of_any_shape_gives_the_forced_deck(deck_case, value):
    """Even a value sealed with the user's own key (which no forger has) cannot crash the deck."""
    _, _, fresh, real, _ = deck_case
    stored = plain.decode(real[len(sealed.MAGIC) + 32:])
    secret = cache.key()
    assert secret is not None
    for shaped in (value, (stored[0], stored[1], value), (stored[0], stored[1], {"slides": value}),
                   (stored[0], stored[1], {"slides": {k: value for k in stored[2]["slides"]}})):
        try:
            payload = plain.encode(shaped)
        except TypeError:
            continue
        assert _deck_with_memo(deck_case, sealed.seal(secret, "memo", payload)) == fresh


@pytest.fixture(scope="module")
def font_case():
    data = FONT.read_bytes()
    parsed = fonts._parse(data)
    face = pdf_fonts._face_state(pdf_fonts.TTFontFace(__import__("io").BytesIO(data)))
    return data, parsed, face


def _entry(reader: str, data: bytes) -> Path:
    import hashlib

    digest = hashlib.sha256(data)
    digest.update(f"\0{reader}\0{cache.FORMAT}".encode())
    folder = cache.cache_dir()
    assert folder is not None
    return folder / f"font-{digest.hexdigest()[:40]}.plain"


@SETTINGS
@given(data=st.data())
def test_a_damaged_or_misshapen_font_entry_is_parsed_again(font_case, data):
    font, parsed, face = font_case
    for reader, real, parse, valid in (("fuzz-fonttools", parsed, lambda: fonts._parse(font), fonts._is_parse),
                                       ("fuzz-reportlab", face, lambda: face, pdf_fonts._is_face_state)):
        entry = _entry(reader, font)
        cache.cached(font, reader, parse, valid)  # stored
        secret = cache.key()
        assert secret is not None
        sealed_value = sealed.seal(secret, f"cache:{entry.name}", plain.encode(data.draw(values)))
        entry.write_bytes(data.draw(st.one_of(_variants(entry.read_bytes()), st.just(sealed_value))))
        got = cache.cached(font, reader, parse, valid)
        assert _same(got, real)


def _same(a, b) -> bool:
    """Equal, counting NaN equal to NaN (a float a font table may hold)."""
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return a == b and type(a) is type(b)
