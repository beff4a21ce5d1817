"""The Python API works as docs/api.md shows it: every documented name, called as documented."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import generator
from generator.api import fit_problems
from generator.errors import DuopressError, Problem

MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"


def test_the_package_names_are_the_functions_not_modules():
    for name in ("build", "check", "deck_fit", "preload"):
        assert callable(getattr(generator, name)), name


def test_build_check_deck_fit_and_preload_as_documented(tmp_path):
    outline = tmp_path / "outline.yaml"
    shutil.copy(MINIMAL, outline)
    generator.preload(formats=["pdf"])
    result = generator.build(outline, langs=["ko"], formats=["pdf"], out=tmp_path / "output")
    assert [p.name for p in result.written] == ["outline.ko.pdf"]
    assert result.skipped == [] and result.failed == [] and isinstance(result.problems, list)
    assert all(isinstance(p, Problem) for p in generator.check(outline))
    fits = generator.deck_fit(outline, langs=["en"])
    assert list(fits) == ["en"] and fits["en"] and fits["en"].warnings == []
    assert fit_problems(fits) == []


def test_check_raises_only_when_the_outline_cannot_be_read(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("a: [\n", encoding="utf-8")
    with pytest.raises(DuopressError) as raised:
        generator.check(broken)
    assert raised.value.problems[0].code == "yaml.syntax"
