"""``duopress.toml``: a project's defaults for every command, read with the stdlib's tomllib and checked like an
outline, each problem located at its key (``duopress.toml:3:5: error: … [config.unknown-key]``).

tomllib gives values without positions, so ``key_positions`` finds where each key is written by scanning the
text's tables and ``key =`` lines; a value it cannot place is reported at its table, or at the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Level, Problem, Span, excerpt
from ..options import HANDOUT, NOTES, PAPER

FILENAME = "duopress.toml"
MAX_BYTES = 256 * 1024  # a config is a few hundred bytes


@dataclass(frozen=True)
class Key:
    """One setting the file may hold: its table, how its value is read, and what the message calls it."""

    table: str  # "" for the top level
    name: str
    read: Callable[[Any], Any]  # the value → the setting, or raises ValueError with what was expected


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected a non-empty string")
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def _names(value: Any) -> str:
    """A list of names, or one comma-separated string, as the command line's comma-separated form."""
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return ",".join(value)
    raise ValueError('expected a list of names, e.g. ["ko", "en"]')


def _codes(value: Any) -> tuple[str, ...]:
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(value)
    raise ValueError('expected a list of problem codes, e.g. ["parity.numbers", "glossary"]')


def _choice(*choices: str) -> Callable[[Any], str]:
    def read(value: Any) -> str:
        folded = {c.casefold(): c for c in choices}  # A4 = a4: case never changes the meaning here
        if isinstance(value, str) and value.casefold() in folded:
            return folded[value.casefold()]
        raise ValueError(f"expected one of: {', '.join(choices)}")
    return read


SEVERITIES = ("error", "warning", "ignore")
KEYS = {(k.table, k.name): k for k in (
    Key("", "outline", _text),
    Key("build", "lang", _names), Key("build", "format", _names), Key("build", "out", _text),
    Key("build", "notes", _choice(*NOTES.values)), Key("build", "paper", _choice(*PAPER.values)),
    Key("build", "handout", _choice(*HANDOUT.values)),
    Key("build", "theme", _text), Key("build", "template", _text), Key("build", "quiet", _flag),
    Key("check", "strict", _flag),
    Key("problems", "ignore", _codes),
)}
TABLES = ("build", "check", "problems")


@dataclass
class Config:
    """What a duopress.toml says: each setting's value and the line it is written on."""

    path: Path
    values: dict[str, Any] = field(default_factory=dict)  # "paper" → "A4", "severity" → {code: level}
    lines: dict[str, int] = field(default_factory=dict)  # "paper" → 7; a severity under "severity:<code>"

    @property
    def folder(self) -> Path:
        return self.path.parent

    def origin(self, name: str) -> str:
        return f"{self.path.name}:{self.lines[name]}" if name in self.lines else self.path.name


def find_config(outline: Path | None) -> Path | None:
    """The duopress.toml beside the named outline, else in the current folder (where an unnamed outline is
    looked for): the config travels with its outline, as mkdocs.yml does with its docs."""
    folder = outline.parent if outline is not None else Path(".")
    candidate = folder / FILENAME
    return candidate if candidate.is_file() else None


def read_config(path: Path) -> tuple[Config, list[Problem]]:
    """The config as far as it could be read, and every problem in it."""
    import tomllib  # only when a project has a config: a no-op rebuild without one imports nothing more

    name = str(path)
    try:
        data = path.read_bytes()
        if len(data) > MAX_BYTES:
            return Config(path), [_problem(Span(name), "config.too-large", f"file is over {MAX_BYTES:,} bytes")]
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Config(path), [_problem(Span(name), "config.unreadable", str(exc))]
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Config(path), [_syntax_problem(name, text, exc)]
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        line = _deepest_line(text)
        return Config(path), [Problem(Span(name, line, 1), Level.ERROR, "config.syntax",
                                      "values nested too deeply to read; a setting is a value or a flat list",
                                      excerpt=excerpt(text, line, 1))]
    return _validate(path, text, table)


def _deepest_line(text: str) -> int:
    """The line where brackets and braces (counted naively, strings included) first open 100 deep."""
    depth = 0
    for number, line in enumerate(text.split("\n"), start=1):
        for char in line:
            depth += (char in "[{") - (char in "]}")
            if depth >= 100:
                return number
    return 1


def _syntax_problem(name: str, text: str, exc: ValueError) -> Problem:
    found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
    hint = "; quote a text value (\"A4\"), and write a list as [\"a\", \"b\"]" if "Invalid value" in message else ""
    if not found:
        return _problem(Span(name), "config.syntax", message + hint)
    line, column = int(found.group(1)), int(found.group(2))
    return Problem(Span(name, line, column), Level.ERROR, "config.syntax", message + hint,
                   excerpt=excerpt(text, line, column))


def _validate(path: Path, text: str, table: dict[str, Any]) -> tuple[Config, list[Problem]]:
    name, where = str(path), key_positions(text)
    config, problems = Config(path), []

    def at(*key: str) -> Span:
        line, column = where.get(key) or where.get(key[:1]) or (0, 0)
        return Span(name, line, column)

    for top, value in table.items():
        if top in TABLES and not isinstance(value, dict):
            problems.append(_problem(at(top), "config.type", f"'{top}' is a table: write [{top}] above its keys",
                                     top))
        elif top in TABLES:
            for key, item in value.items():
                problems += _setting(config, at(top, key), top, key, item, where)
        elif isinstance(value, dict):
            problems.append(_unknown(at(top), top, TABLES, "tables"))
        else:
            problems += _setting(config, at(top), "", top, value, where)
    return config, problems


def _setting(config: Config, span: Span, table: str, key: str, value: Any,
             where: Mapping[tuple[str, ...], tuple[int, int]]) -> list[Problem]:
    dotted = f"{table}.{key}" if table else key
    if (table, key) == ("problems", "severity"):
        return _severities(config, span, value, where)
    spec = KEYS.get((table, key))
    if spec is None:
        home = [t for t, k in KEYS if k == key and t]
        if home:
            return [_problem(span, "config.unknown-key", f"'{key}' belongs in the [{home[0]}] table: move it under "
                             f"a [{home[0]}] line", dotted)]
        known = [k for t, k in KEYS if t == table]
        return [_unknown(span, dotted, known, f"keys of [{table}]" if table else "top-level keys")]
    try:
        config.values[key] = spec.read(value)
    except ValueError as exc:
        return [_problem(span, "config.value", f"{exc}, got {_shown(value)}", dotted)]
    config.lines[key] = span.line
    return []


def _severities(config: Config, span: Span, value: Any,
                where: Mapping[tuple[str, ...], tuple[int, int]]) -> list[Problem]:
    """``[problems.severity]``: code = "error" | "warning" | "ignore". A dotted code written bare
    (``glossary.partner = "error"``) is a nested table to TOML; it is read back as the code it spells."""
    if not isinstance(value, dict):
        return [_problem(span, "config.type", 'expected a table of codes, e.g. "parity.numbers" = "error"',
                         "problems.severity")]
    problems, levels = [], {}
    for code, level, key in _flatten(value):
        here = where.get(("problems", "severity", *key)) or (span.line, span.column)
        located = Span(span.file, *here)
        if level not in SEVERITIES:
            problems.append(_problem(located, "config.value", f"expected one of: {', '.join(SEVERITIES)}, got "
                                     f"{_shown(level)}", f"problems.severity.{code}"))
            continue
        levels[code] = level
        config.lines[f"severity:{code}"] = located.line
    config.values["severity"] = levels
    return problems


def _flatten(table: dict[str, Any], prefix: tuple[str, ...] = ()) -> list[tuple[str, Any, tuple[str, ...]]]:
    found = []
    for key, value in table.items():
        path = (*prefix, key)
        if isinstance(value, dict):
            found += _flatten(value, path)
        else:
            found.append((".".join(path), value, path))
    return found


def _unknown(span: Span, key: str, known, what: str) -> Problem:
    import difflib

    close = difflib.get_close_matches(key.rpartition(".")[2], list(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return _problem(span, "config.unknown-key", f"unknown key '{key}'{hint}; {what}: {', '.join(known)}", key)


def _shown(value: Any) -> str:
    return repr(value) if not isinstance(value, bool) else str(value).lower()


def _problem(span: Span, code: str, message: str, path: str = "") -> Problem:
    return Problem(span, Level.ERROR, code, message, path)


_BARE = re.compile(r"[A-Za-z0-9_-]+")
_QUOTES = ('"""', "'''")


def key_positions(text: str) -> dict[tuple[str, ...], tuple[int, int]]:
    """(table…, key…) → (line, column) of every key and table header, 1-based. Lines inside a multi-line
    array or string are not keys, and are skipped by tracking the brackets and triple quotes left open.

    Read by hand, each character looked at a bounded number of times (no regular expression that can
    backtrack: a 6 KB line once took a minute): time linear in the file (tests/test_linear_time.py)."""
    found: dict[tuple[str, ...], tuple[int, int]] = {}
    table: tuple[str, ...] = ()
    depth, quote = 0, ""  # brackets left open; the triple quote of a multi-line string left open
    for number, line in enumerate(text.split("\n"), start=1):
        if quote or depth:
            quote = _still_open(line, quote)
            depth = max(depth + line.count("[") - line.count("]"), 0)
            continue
        header = _header(line)
        if header is not None:
            table = header
            found.setdefault(table, (number, line.index("[") + 2))
            continue
        key = _key(line)
        if key is not None:
            parts, end = key
            found.setdefault((*table, *parts), (number, len(line) - len(line.lstrip()) + 1))
            rest = line[end:]
            quote = _still_open(rest, "")
            depth = max(rest.count("[") - rest.count("]"), 0)
    return found


def _still_open(text: str, quote: str) -> str:
    """The triple quote still open after ``text`` (``quote``: the one open before it)."""
    if quote:
        return quote if text.count(quote) % 2 == 0 else ""
    opened = [(text.find(q), q) for q in _QUOTES if text.count(q) % 2 == 1]
    return min(opened)[1] if opened else ""


def _header(line: str) -> tuple[str, ...] | None:
    """``[a.b]`` (then a comment or nothing): the table's dotted name."""
    start = len(line) - len(line.lstrip())
    if not line.startswith("[", start) or line.startswith("[[", start):
        return None
    scanned = _dotted(line, start + 1)
    if scanned is None:
        return None
    parts, at = scanned
    if not line.startswith("]", at):
        return None
    after = line[at + 1:].strip()
    return parts if not after or after.startswith("#") else None


def _key(line: str) -> tuple[tuple[str, ...], int] | None:
    """``a.b = …``: the dotted key and where its value starts."""
    scanned = _dotted(line, 0)
    if scanned is None or not line.startswith("=", scanned[1]):
        return None
    return scanned[0], scanned[1] + 1


def _dotted(line: str, at: int) -> tuple[tuple[str, ...], int] | None:
    """A dotted key starting at ``at`` (spaces around its parts): its parts, and where the spaces after it
    end; None if there is none."""
    parts = []
    while True:
        at = _skip_spaces(line, at)
        if at < len(line) and line[at] in "\"'":
            end = line.find(line[at], at + 1)
            if end < 0:
                return None
            parts.append(line[at + 1:end].strip())
            at = end + 1
        else:
            bare = _BARE.match(line, at)
            if bare is None:
                return None
            parts.append(bare.group())
            at = bare.end()
        at = _skip_spaces(line, at)
        if not line.startswith(".", at):
            return tuple(parts), at
        at += 1


def _skip_spaces(line: str, at: int) -> int:
    while at < len(line) and line[at] in " \t":
        at += 1
    return at
