"""Every loader error case: a fixture outline and the exact messages it must produce, nothing more."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.api import check
from generator.errors import DuopressError, sorted_problems

ERRORS = Path(__file__).parent / "fixtures" / "errors"
CASES = sorted(p.stem for p in ERRORS.glob("*.yaml"))


def messages(path: Path) -> list[str]:
    try:
        problems = check(path)
    except DuopressError as exc:  # unreadable or not YAML: reported before any outline exists
        problems = exc.problems
    return [str(p).replace(str(path), path.name) for p in sorted_problems(problems)]


@pytest.mark.parametrize("case", CASES)
def test_error_fixture_reports_exactly_the_expected_problems(case):
    expected = (ERRORS / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert messages(ERRORS / f"{case}.yaml") == expected


def test_every_error_fixture_has_an_expectation_and_fails():
    for case in CASES:
        expected = (ERRORS / f"{case}.expected").read_text(encoding="utf-8")
        assert ": error: " in expected, case


def test_problems_are_all_reported_at_once(tmp_path):
    outline = tmp_path / "many.yaml"
    outline.write_text((ERRORS / "unknown-key-and-layout.yaml").read_text(encoding="utf-8")
                       + "        sources: [nobody]\n", encoding="utf-8")
    codes = [p.code for p in check(outline)]
    assert codes.count("value.choice") == 1 and "key.unknown" in codes and "source.unknown" in codes


def test_oversized_file_is_refused_before_parsing(tmp_path):
    from generator.outline.loader import load_outline

    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 2000 + "\n", encoding="utf-8")
    with pytest.raises(DuopressError) as info:
        load_outline(big, max_bytes=1000)
    assert info.value.problems[0].code == "input.too-large"


def test_deep_nesting_is_a_located_error_not_a_recursion_error(tmp_path):
    deep = tmp_path / "deep.yaml"
    deep.write_text("a: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    with pytest.raises(DuopressError) as info:
        check(deep)
    assert [p.code for p in info.value.problems] == ["yaml.too-deep"]
    assert str(info.value.problems[0]).startswith(f"{deep}:1:")


_DEEP = {
    # past libyaml's own limit (1,000); the pure-Python scanner takes quadratic time on unclosed flow
    # brackets, so more would only slow the test
    "flow, past libyaml's own limit": "a: " + "[" * 1_500 + "]" * 1_500 + "\n",
    "flow, under libyaml's limit": "a: " + "[" * 200 + "]" * 200 + "\n",
    "block": "".join("  " * depth + f"k{depth}:\n" for depth in range(300)) + "  " * 300 + "v: 1\n",
}


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
@pytest.mark.parametrize("case", sorted(_DEEP))
def test_deep_nesting_is_too_deep_whichever_parser_stops_first(loader, case):
    import yaml

    from generator.outline.yamlnodes import YamlProblems, parse_nodes

    if not hasattr(yaml, loader):
        pytest.skip(f"this PyYAML has no {loader}")
    with pytest.raises(YamlProblems) as info:
        parse_nodes(_DEEP[case], "deep.yaml", loader=getattr(yaml, loader))
    assert [p.code for p in info.value.problems] == ["yaml.too-deep"]
    assert info.value.problems[0].message == "nested more than 64 levels deep"


def test_bom_and_nfd_text_are_normalised(tmp_path):
    import unicodedata

    from generator.outline.loader import load_outline

    source = (Path(__file__).parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    nfd = unicodedata.normalize("NFD", source)
    path = tmp_path / "nfd.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + nfd.encode("utf-8"))
    outline = load_outline(path)
    assert outline.meta.title["ko"] == "작은 예시"
    assert unicodedata.is_normalized("NFC", outline.meta.title["ko"])


def test_an_outline_of_thousands_of_slides_is_refused_with_a_located_error(tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from synthetic import outline

    path = tmp_path / "huge.yaml"
    path.write_text(outline(2_600), encoding="utf-8")
    problems = [str(p) for p in check(path) if p.is_error]
    assert problems == [f"{path}:15:3: error: sections: more than 2,500 items; split the outline into several "
                        "talks [outline.too-many-items]"]


@pytest.mark.parametrize("point", [
    '          - {ko: 가, en: A, key: true}\n',
    '          - text: {ko: 가, en: A}\n            key: true\n',
    '          - ko: 가\n            en: A\n            key: true\n',
])
def test_key_point_in_each_natural_form(tmp_path, point):
    """A key point written with its languages beside ``key`` or under ``text:`` (docs/outline.md)."""
    source = (ERRORS / "unknown-fact.yaml").read_text(encoding="utf-8").rsplit("\n", 2)[0] + "\n" + point
    path = tmp_path / "key.yaml"
    path.write_text(source, encoding="utf-8")
    assert [str(p) for p in check(path)] == []
    from generator.outline.loader import load_outline

    [point_] = load_outline(path).sections[0].items[0].points
    assert point_.key and point_.text["en"] == "A"


def test_an_unused_fact_is_still_reported(tmp_path):
    source = (ERRORS / "chart-error-uses-facts.yaml").read_text(encoding="utf-8")
    path = tmp_path / "unused.yaml"
    path.write_text(source.replace("values: [fact:a, fact:b]", "values: [fact:a, 2]"), encoding="utf-8")
    assert [p.code for p in check(path) if p.code == "fact.unused"] == ["fact.unused"]
