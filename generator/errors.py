"""Problems located in the outline, and the exceptions that carry them to the command line."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from enum import Enum


class Level(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Span:
    """Where a node starts in its file; line and column are 1-based (PyYAML marks are 0-based)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    span: Span
    level: Level
    code: str  # dotted, stable, documented: "yaml.duplicate-key", "fact.unknown", ...
    message: str
    path: str = ""  # the node's path in the outline: "sections[2].items[0].title"
    excerpt: str = ""  # the source line and a caret under the column, where the message alone is not enough

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.span}: {self.level.value}: {where}{self.message} [{self.code}]"

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERROR


def excerpt(text: str, line: int, column: int) -> str:
    """Line ``line`` of ``text`` with a caret under ``column`` (both 1-based), as compilers show it: a tab
    is shown as '→' (a tab is the mistake, often), and a wide character (Hangul) takes two cells."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    shown = lines[line - 1].rstrip("\r").replace("\t", "→")
    before = shown[: max(column - 1, 0)]
    pad = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in before)
    gutter = f"{line:>5} | "
    return f"{gutter}{shown}\n{' ' * (len(gutter) - 2)}| {' ' * pad}^"


class DuopressError(Exception):
    """An expected failure: it carries located problems and prints without a traceback."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class UsageError(Exception):
    """The command line itself is wrong (unknown language, unreadable file, bad option)."""


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """File order, so a user fixes them top to bottom."""
    return sorted(problems, key=lambda p: (p.span.file, p.span.line, p.span.column, p.code))


_PER_LANGUAGE = re.compile(r"^slide (\d+) \(([\w, -]+)\): ")


def once(problems: list[Problem]) -> list[Problem]:
    """Each problem once, in order; a renderer's problem met in several languages' decks with the same words
    ("slide 5 (ko): the chart's …", "slide 5 (en): the chart's …") once, naming every language."""
    found: list[Problem] = []
    where: dict[tuple, int] = {}  # (span, level, code, path, message less its language) -> index in found
    for problem in problems:
        match = _PER_LANGUAGE.match(problem.message)
        key = (problem.span, problem.level, problem.code, problem.path,
               f"slide {match.group(1)}: {problem.message[match.end():]}" if match else problem.message)
        if key not in where:
            where[key] = len(found)
            found.append(problem)
            continue
        earlier = found[where[key]]
        first = _PER_LANGUAGE.match(earlier.message)
        if match and first and match.group(2) not in first.group(2).split(", "):
            langs = f"{first.group(2)}, {match.group(2)}"
            found[where[key]] = replace(earlier, message=f"slide {first.group(1)} ({langs}): "
                                                         f"{earlier.message[first.end():]}")
    return found
