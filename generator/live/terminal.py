"""Colour on a terminal, plain text anywhere else: errors red, warnings yellow, paths dim.

ANSI codes by hand rather than a library: four colours do not earn an import on the path of a no-op rebuild.
Colour is off when ``NO_COLOR`` is set (https://no-color.org), with ``--no-color``, and when the stream is
not a terminal (piped, redirected, a CI log); ``FORCE_COLOR`` turns it on for a terminal duopress cannot see.
"""

from __future__ import annotations

import os
from typing import TextIO

from ..errors import Problem, visible

_CODES = {"red": "31", "yellow": "33", "green": "32", "dim": "2", "bold": "1"}


def wants_colour(stream: TextIO, disabled: bool = False) -> bool:
    if disabled or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


class Paint:
    """Wraps text in a colour when ``on``, else returns it as it is."""

    def __init__(self, on: bool):
        self.on = on

    @classmethod
    def for_stream(cls, stream: TextIO, disabled: bool = False) -> Paint:
        return cls(wants_colour(stream, disabled))

    def __call__(self, text: str, colour: str) -> str:
        return f"\033[{_CODES[colour]}m{text}\033[0m" if self.on and text else text


def problem_text(problem: Problem, paint: Paint) -> str:
    """A problem as one line (``file:line:col: error: path: message [code]``), then its source excerpt."""
    level = problem.level.value
    where = f"{visible(problem.path)}: " if problem.path else ""  # a file's text, shown escaped, never obeyed
    line = (f"{paint(visible(str(problem.span)), 'dim')}: {paint(level, 'red' if problem.is_error else 'yellow')}: "
            f"{where}{visible(problem.message)} {paint(f'[{problem.code}]', 'dim')}")
    if not problem.excerpt:
        return line
    source, caret = problem.excerpt.split("\n", 1)
    return f"{line}\n{source}\n{caret[:-1]}{paint('^', 'red' if problem.is_error else 'yellow')}"
