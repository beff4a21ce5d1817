"""Colour on a terminal only: NO_COLOR, --no-color and a pipe give plain text; FORCE_COLOR forces it."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import Level, Problem, Span, excerpt
from generator.live.terminal import Paint, problem_text, wants_colour

ROOT = Path(__file__).resolve().parent.parent
ERRORS = Path(__file__).parent / "fixtures" / "errors"


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("env, disabled, stream, expected", [
    ({}, False, Tty(), True),
    ({}, False, io.StringIO(), False),              # piped
    ({"NO_COLOR": "1"}, False, Tty(), False),
    ({"NO_COLOR": ""}, False, Tty(), True),         # no-color.org: set and not empty
    ({}, True, Tty(), False),                       # --no-color
    ({"FORCE_COLOR": "1"}, False, io.StringIO(), True),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, Tty(), False),
    ({"TERM": "dumb"}, False, Tty(), False),
])
def test_when_colour_is_on(monkeypatch, env, disabled, stream, expected):
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert wants_colour(stream, disabled) is expected


def test_problem_colours_level_path_and_caret():
    text = "a:\n\tb: 1\n"
    problem = Problem(Span("o.yaml", 2, 1), Level.ERROR, "yaml.syntax", "a tab", excerpt=excerpt(text, 2, 1))
    assert problem_text(problem, Paint(False)) == "o.yaml:2:1: error: a tab [yaml.syntax]\n    2 | →b: 1\n      | ^"
    coloured = problem_text(problem, Paint(True))
    assert "\033[31merror\033[0m" in coloured and "\033[2mo.yaml:2:1\033[0m" in coloured
    assert coloured.endswith("| \033[31m^\033[0m")
    warning = Problem(Span("o.yaml", 1, 1), Level.WARNING, "fact.unused", "m")
    assert "\033[33mwarning\033[0m" in problem_text(warning, Paint(True))


def test_the_caret_sits_under_the_column_past_wide_hangul():
    # column 21 is the e of "en": 12 cells, then 왜 폭염인가 (5 wide syllables and a space: 11 cells), then ", "
    assert excerpt("title: {ko: 왜 폭염인가, en: x}\n", 1, 21).splitlines()[1] == "      | " + " " * 25 + "^"


def _run(*argv: str, **env: str) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full.update(env, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "generator", *argv], capture_output=True, text=True, env=full,
                          timeout=120)


def test_piped_output_is_plain_and_force_color_colours_it():
    case = str(ERRORS / "tab-indent.yaml")
    plain = _run("check", case, "--no-fit")
    assert "\033[" not in plain.stderr and "a tab: tabs are not indentation" in plain.stderr
    assert "→title" in plain.stderr  # the source line, the tab made visible
    assert "\033[31merror\033[0m" in _run("check", case, "--no-fit", FORCE_COLOR="1").stderr
    assert "\033[" not in _run("check", case, "--no-fit", "--no-color", FORCE_COLOR="1").stderr
    assert "\033[" not in _run("--no-color", "check", case, "--no-fit", FORCE_COLOR="1").stderr
