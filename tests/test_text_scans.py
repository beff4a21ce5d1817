"""The loader's and checks' fast paths skip per-character loops for the usual text; each skip rests on a
claim about Unicode categories, checked here for every code point (they would silently let a forbidden
character or a stack of marks through if Python's Unicode tables changed under them)."""

from __future__ import annotations

import unicodedata

from generator.outline import fields, loader


def test_the_no_marks_blocks_hold_no_combining_mark():
    for code in range(0x110000):
        char = chr(code)
        if fields._WITHOUT_MARKS.fullmatch(char):
            assert not unicodedata.category(char).startswith("M"), f"U+{code:04X}"


def test_printable_text_holds_no_forbidden_category():
    for code in range(0x110000):
        char = chr(code)
        if char.isprintable():
            assert unicodedata.category(char) not in fields._FORBIDDEN_CATEGORIES, f"U+{code:04X}"


def test_the_yaml_character_class_is_what_the_loop_reports():
    for code in range(0x110000):
        char = chr(code)
        reported = char not in "\t\r\n" and (unicodedata.category(char) in ("Cc", "Cs") or char in "\ufffe\uffff")
        assert bool(loader._FORBIDDEN_IN_YAML.match(char)) == reported, f"U+{code:04X}"


def test_the_fast_paths_still_find_what_they_skip_for():
    assert fields._stacked_marks("가" + "\u0301" * 9) == (1, 9)  # a mark outside the listed blocks is counted
    assert fields._stacked_marks("인공지능 AI — 10²⁵ FLOP") is None
    assert fields._forbidden_character("a\u00a0b\ue000") == (3, "\ue000", "Co")  # NBSP sends it to the loop
    problems = loader._control_characters("ok\nbad \x07 here", "o.yaml")
    assert [(p.span.line, p.span.column) for p in problems] == [(2, 5)]


def test_the_inline_parser_reads_plain_runs_at_once_with_the_same_result(monkeypatch):
    """outline/inline.py consumes a run of plain characters in one step; one character per step (as it was)
    gives the same segments and problems for random texts of syntax characters, letters and Hangul."""
    import random
    import re

    from generator.outline import inline

    alphabet = list("\\*^{}[]()_`:") + ["fact:", "{fact:a}", "^[", "](", "https://x.org", "a", "b", " ", "가", "나"]
    rng = random.Random(19)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24))) for _ in range(3000)]
    ours = [inline._Parser(text).run() for text in texts]
    monkeypatch.setattr(inline, "_PLAIN", re.compile(r"[^\\*^{\[\]]"))  # one character per step
    assert [inline._Parser(text).run() for text in texts] == ours


def test_the_glossary_finds_the_same_terms_with_its_substring_test_first():
    """checks/glossary.py tests for text every match of a term contains before searching for the term;
    the terms found in every text of every fixture, and in texts made of terms' variants, are the same
    as searching for every term."""
    import random
    from pathlib import Path

    from generator.checks import glossary
    from generator.outline.loader import read_outline
    from generator.outline.walk import all_texts

    root = Path(__file__).resolve().parent.parent
    rng = random.Random(7)
    for path in [root / "outline.yaml", *sorted((root / "tests" / "fixtures").glob("*.yaml"))]:
        model, _ = read_outline(path)
        if model is None or not model.glossary:
            continue
        for lang in model.languages:
            terms = glossary._longest_first(model.glossary, lang)
            unfiltered = [(index, pattern, "") for index, pattern, _ in terms]
            texts = [glossary._plain(text[lang]) for text in all_texts(model) if lang in text.by_lang]
            words = [entry.terms[lang] for entry in model.glossary]
            variants = [w.replace(" ", "-") for w in words] + [w + "s" for w in words] + [w[:-1] + "ies" for w in words]
            texts += [glossary._squash(" ".join(rng.choice(words + variants + ["and", "가"]) for _ in range(6)))
                      for _ in range(300)]
            for text in texts:
                assert glossary._terms_used(text, terms) == glossary._terms_used(text, unfiltered), text


def test_missing_glyphs_agrees_with_the_per_character_rule():
    """style/fonts.py answers "nothing missing" from a set of every drawable character; for every
    character of the first three planes, membership agrees with the rule applied one character at a time
    (some face of the theme, regular and bold, draws it)."""
    from generator.style import fonts
    from generator.style.theme_file import load_theme

    theme = load_theme(None)
    covered = fonts.coverage(theme)
    drawable = fonts._drawable(fonts._key(theme))
    for code in range(0x30000):
        char = chr(code)
        assert (char in drawable) == (any(code in codes for codes in covered.values()) or char in "\n\t"), \
            f"U+{code:04X}"
    assert fonts.missing_glyphs("인공지능 AI\n\t— 10² · 3.8 × 10", theme) == []
    assert fonts.missing_glyphs("a\U0001F600b\U0001F600", theme) == ["\U0001F600"]
