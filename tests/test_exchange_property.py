"""Properties of the round trip over generated texts: the YAML write-back and the inline codes."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.exchange.codes import ContentError, check_written, decode, encode, shape
from generator.exchange.units import read_for_exchange
from generator.outline.inline import parse_inline
from generator.outline.rewrite import Edit, rewrite
from generator.outline.walk import all_texts

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "exchange.yaml"
SOURCE = FIXTURE.read_text(encoding="utf-8")

# Text a translator may type: any letter, mark, number, symbol or space the loader accepts, and the
# characters YAML and the inline syntax give a meaning to, often.
TRICKY = list("\"'\\#:-{}[]*^&<>|%@`!?,\n\t ") + ["**", ": ", " #", "{fact:users}", "^[", "](", "\u2028", "\u00a0"]
LETTERS = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"), blacklist_characters="\u2028\u2029\x85")
TEXTS = st.lists(st.one_of(st.text(LETTERS, max_size=8), st.sampled_from(TRICKY)), max_size=12).map("".join)

# One text of each way the fixture writes one: flow-quoted, plain in a block mapping, single-quoted, a literal
# block, a flow mapping whose translation is missing (added), a glossary term beside a note.
PATHS = ["meta.title", "meta.organisation", "meta.keywords[0]", "sections[0].items[0].body[0]",
         "sections[0].title", "glossary[0]"]


def _text(path: str):
    outline = read_for_exchange(FIXTURE)
    return next(text for text in all_texts(outline) if text.path == path)


@pytest.mark.parametrize("path", PATHS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=TEXTS)
def test_a_new_value_reads_back_exactly_and_every_other_byte_stays(path, value, tmp_path):
    value = unicodedata.normalize("NFC", value).strip()
    if not value:
        return
    text = _text(path)
    result = rewrite(SOURCE, [Edit(text.span, "en", value, text.spans["en"])], ("ko", "en"))
    start = _offset(SOURCE, text.spans["en"])
    assert result[:start] == SOURCE[:start]  # everything before the value, byte for byte
    tail = len(SOURCE) - _value_end(SOURCE, start)
    assert result[len(result) - tail:] == SOURCE[len(SOURCE) - tail:]  # and everything after it
    written = tmp_path / "written.yaml"
    written.write_text(result, encoding="utf-8")
    back = next(t for t in all_texts(read_for_exchange(written)) if t.path == path)
    assert back["en"] == value
    assert {lang: t for lang, t in back.by_lang.items() if lang != "en"} == \
           {lang: t for lang, t in text.by_lang.items() if lang != "en"}


def _offset(source: str, span) -> int:
    lines = source.split("\n")
    return sum(len(line) + 1 for line in lines[: span.line - 1]) + span.column - 1


def _value_end(source: str, start: int) -> int:
    """Where the original scalar at ``start`` ends (its last line of content, for a block)."""
    import yaml

    for event in yaml.parse(source):
        if isinstance(event, yaml.ScalarEvent) and event.start_mark.index == start:
            raw = source[start:event.end_mark.index]
            if event.style in ("|", ">"):
                last = len(raw.rstrip())
                end = raw.find("\n", last)
                return start + (end if end >= 0 else len(raw))
            return event.end_mark.index
    raise AssertionError("no scalar there")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=TEXTS)
def test_a_missing_translation_is_added_and_nothing_else_moves(value, tmp_path):
    value = unicodedata.normalize("NFC", value).strip()
    if not value:
        return
    source = SOURCE.replace("{ko: 첫 부분, en: Part one}", "{ko: 첫 부분}")
    draft = tmp_path / "draft.yaml"
    draft.write_text(source, encoding="utf-8")
    text = next(t for t in all_texts(read_for_exchange(draft)) if t.path == "sections[0].title")
    assert "en" not in text.by_lang
    result = rewrite(source, [Edit(text.span, "en", value, None)], ("ko", "en"))
    at = source.index("{ko: 첫 부분}") + len("{ko: 첫 부분")
    assert result[:at] == source[:at] and result.endswith(source[at:])
    draft.write_text(result, encoding="utf-8")
    back = next(t for t in all_texts(read_for_exchange(draft)) if t.path == "sections[0].title")
    assert back["en"] == value


# ---------------------------------------------------------------------------------------------------- codes

MARKUP = st.lists(st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=5),
    st.sampled_from(["**", "*", "^{25}", "^[", "]", "[", "](https://example.org/a)", "{fact:users}", "\\*", "\\",
                     "{fact:", "^", "{", "}", "(", ")", "[a](mailto:x@y.z)", "^[note {fact:krw}]"]),
), max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(markup=MARKUP)
def test_codes_carry_every_text_and_write_it_back_as_the_parser_reads_it(markup):
    content = decode(markup, raw=False, label=False)
    written = encode(content, raw=False)
    assert parse_inline(written) == parse_inline(markup)
    assert shape(decode(written, raw=False, label=False).pieces) == shape(content.pieces)


@settings(max_examples=300, deadline=None)
@given(markup=MARKUP, words=st.lists(st.sampled_from(["a", "*", "[", "]", "^", "{", "\\", "}", " ", "x y"]),
                                     min_size=1, max_size=6))
def test_a_translation_with_new_words_is_written_or_refused_never_garbled(markup, words):
    """Words a translator types between the source's codes: either written so that the parser reads exactly
    those words and codes, or refused with a reason (never a crash, never other words)."""
    content = decode(markup, raw=False, label=False)
    for index, word in enumerate(words):
        _put_word(content.pieces, index, word)
    written = encode(content, raw=False)
    try:
        check_written(content, written)
    except ContentError:
        return
    assert shape(decode(written, raw=False, label=False).pieces) == shape(content.pieces)


def _put_word(pieces: list, index: int, word: str) -> None:
    strings = [i for i, piece in enumerate(pieces) if isinstance(piece, str)]
    if strings:
        at = strings[index % len(strings)]
        pieces[at] = pieces[at] + word
    else:
        pieces.append(word)
