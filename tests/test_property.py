"""Whatever the input, duopress answers with located problems or a build — never an uncaught exception.

The normal run tries a few hundred examples. For the long run:

    DUOPRESS_PROPERTY_EXAMPLES=10000 python3 -m pytest -q tests/test_property.py
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.api import load_and_check
from generator.errors import DuopressError, Problem
from generator.localize.localizer import localize
from generator.style.theme_file import load_theme

ESSAY = (Path(__file__).resolve().parent.parent / "outline.yaml").read_text(encoding="utf-8")
EXAMPLES = int(os.environ.get("DUOPRESS_PROPERTY_EXAMPLES", "150"))
THEME = load_theme()
CLOCK = dt.datetime(2024, 12, 1, tzinfo=dt.UTC)
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("DUOPRESS_PROPERTY_EXAMPLES"),
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])


def outcome(path: Path) -> str:
    """'problems' or 'ok'; anything else (an exception) fails the test."""
    try:
        model, problems = load_and_check(path, THEME)
    except DuopressError as exc:
        assert exc.problems and all(isinstance(p, Problem) for p in exc.problems)
        assert all(str(p).startswith(str(path)) for p in exc.problems)
        return "problems"
    if model is None or any(p.is_error for p in problems):
        assert problems, "an outline that could not be read must say why"
        assert all(p.span.file == str(path) for p in problems)
        return "problems"
    for lang in model.languages:
        localize(model, lang, CLOCK, "duopress", "x")
    return "ok"


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=30), st.dates().map(str))
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=25)


@SETTINGS
@given(document=documents)
def test_arbitrary_yaml_documents(tmp_path_factory, document):
    path = tmp_path_factory.mktemp("doc") / "outline.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    assert outcome(path) in ("problems", "ok")


@st.composite
def mutations(draw):
    """outline.yaml with a few random edits: lines deleted, doubled or swapped, characters inserted."""
    lines = ESSAY.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "double", "swap", "insert", "truncate", "indent"]))
        if kind == "delete":
            del lines[at]
        elif kind == "double":
            lines.insert(at, lines[at])
        elif kind == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif kind == "insert":
            column = draw(st.integers(0, len(lines[at])))
            text = draw(st.text(min_size=1, max_size=3))
            lines[at] = lines[at][:column] + text + lines[at][column:]
        elif kind == "truncate":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        else:
            lines[at] = "  " + lines[at]
    return "\n".join(lines)


@SETTINGS
@given(source=mutations())
def test_mutations_of_the_essay(tmp_path_factory, source):
    path = tmp_path_factory.mktemp("mut") / "outline.yaml"
    path.write_text(source, encoding="utf-8", errors="surrogatepass")
    assert outcome(path) in ("problems", "ok")
