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
        where = f"{visible(self.path)}: " if self.path else ""
        return f"{visible(str(self.span))}: {self.level.value}: {where}{visible(self.message)} [{self.code}]"

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERROR


# Characters a terminal acts on rather than shows: control characters (an escape sequence can recolour,
# clear or retitle the terminal) and the bidirectional overrides that reorder what is shown.
_HIDDEN = {chr(c) for c in [*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
_KEPT = {"\n", "\t"}


def visible(text: str, keep: set[str] = _KEPT) -> str:
    """``text`` with every character in _HIDDEN (but those in ``keep``) written as an escape (``\\x1b``),
    so a file's bytes reach the terminal as text to read, never as commands to it."""
    if _HIDDEN.isdisjoint(text):
        return text
    return "".join(_escape(c) if c in _HIDDEN and c not in keep else c for c in text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def excerpt(text: str, line: int, column: int) -> str:
    """Line ``line`` of ``text`` with a caret under ``column`` (both 1-based), as compilers show it: a tab
    is shown as '→' (a tab is the mistake, often), a control character escaped (``visible``), and a wide
    character (Hangul) takes two cells."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    raw = lines[line - 1].rstrip("\r")
    shown = visible(raw.replace("\t", "→"), set())
    before = visible(raw[: max(column - 1, 0)].replace("\t", "→"), set())
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
