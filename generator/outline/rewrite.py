"""Write new text values into an outline's YAML source, keeping every other byte.

Why not load and dump: a round trip through ruamel.yaml rewrote 148 lines of the essay (column-aligned
``facts:`` lost their alignment) and dropped a comment; PyYAML's dumper keeps nothing at all. Here the file
is parsed once for its events, whose marks give each scalar's exact extent, and a new scalar is spliced in
at those characters: comments, key order, quoting, alignment and block scalars elsewhere stay as written.
A new language is added to a text's mapping as one more key (``, en: "…"`` in a flow mapping, a line under
the last language in a block one).

Each value is written in the style of the scalar it replaces when that style can carry it (plain, single-
or double-quoted, literal block), else double-quoted. The result is parsed again and must give exactly the
same events with the new values in place, or RewriteError is raised and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from ..errors import Span
from .yamlnodes import _Loader

_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_SPECIAL = set(",[]{}")
# What another YAML reader could take for a number, a boolean, a null or a date: kept quoted.
_RESOLVABLE = re.compile(r"(?i)[-+]?[0-9.][0-9a-z._:+-]*|y|n|yes|no|true|false|on|off|null|~|[.]nan|[-+]?[.]inf")


class RewriteError(Exception):
    """The outline cannot take the edit (the node is gone, or the result would not read back)."""


@dataclass(frozen=True)
class Edit:
    """Set ``lang`` of the text whose mapping starts at ``text_span`` to ``value``. ``value_span`` is where that
    language's scalar starts, or None when the text has no such key yet (it is added)."""

    text_span: Span
    lang: str
    value: str
    value_span: Span | None = None


@dataclass
class _ScalarAt:
    start: int
    end: int
    style: str | None
    flow: bool  # inside a flow collection: ',', '[', ']', '{', '}' end a plain scalar there
    event: int  # its index in the event list


@dataclass
class _MapAt:
    flow: bool
    start: int
    column: int  # 0-based: the column of a block mapping's keys
    last_value: _ScalarAt | None = None  # the last scalar value of a language-like key (see _note_pair)
    end: int = 0  # a flow mapping's closing brace


def rewrite(text: str, edits: list[Edit], languages: tuple[str, ...]) -> str:
    """``text`` with every edit applied; raises RewriteError if an edit's node is not found or a value cannot
    be written so that it reads back exactly."""
    events = list(yaml.parse(text, Loader=_Loader))
    scalars, maps = _index(events, languages)
    quoted: set[int] = set()
    for _attempt in range(2):
        splices, expected = _plan(text, edits, scalars, maps, events, quoted)
        result = _splice(text, splices)
        wrong = _verify(result, expected)
        if not wrong:
            return result
        quoted |= wrong  # write those values double-quoted, which carries any text
    raise RewriteError("the new values would not read back as written")


def _index(events: list, languages: tuple[str, ...]) -> tuple[dict[tuple[int, int], _ScalarAt],
                                                              dict[tuple[int, int], _MapAt]]:
    """Every scalar by its (line, column), 1-based as Span is, and every mapping likewise."""
    scalars: dict[tuple[int, int], _ScalarAt] = {}
    maps: dict[tuple[int, int], _MapAt] = {}
    stack: list[tuple[bool, _MapAt | None, list]] = []  # (flow, the mapping if one, [pending key])
    for index, event in enumerate(events):
        flow = any(entry[0] for entry in stack)
        start, end = event.start_mark, event.end_mark
        assert start is not None and end is not None  # the parser marks every event
        if isinstance(event, yaml.ScalarEvent):
            at = _ScalarAt(start.index, end.index, event.style, flow, index)
            scalars[(start.line + 1, start.column + 1)] = at
            _note_pair(stack, at, event.value, languages)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            _note_pair(stack, None, None, languages)
            own_flow = bool(event.flow_style)
            mapping = None
            if isinstance(event, yaml.MappingStartEvent):
                mapping = _MapAt(own_flow, start.index, start.column)
                maps[(start.line + 1, start.column + 1)] = mapping
            stack.append((own_flow, mapping, []))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            _, mapping, _ = stack.pop()
            if mapping is not None:
                mapping.end = start.index
    return scalars, maps


def _note_pair(stack: list, value: _ScalarAt | None, raw: str | None, languages: tuple[str, ...]) -> None:
    """Within a mapping, alternate key and value; remember the last value of a language key."""
    if not stack or stack[-1][1] is None:
        return
    _, mapping, pending = stack[-1]
    if not pending:
        pending.append(raw)
        return
    key = pending.pop()
    if key in languages and value is not None:
        mapping.last_value = value


def _plan(text: str, edits: list[Edit], scalars: dict, maps: dict, events: list,
          quoted: set[int]) -> tuple[list[tuple[int, int, str]], list]:
    """The splices (start, end, new text) and the events the result must parse to: (kind, value) pairs."""
    expected: list = [_shape(event) for event in events]
    inserts: dict[int, list] = {}
    splices = []
    for number, edit in enumerate(edits):
        safe = number in quoted
        if edit.value_span is not None:
            at = scalars.get((edit.value_span.line, edit.value_span.column))
            if at is None:
                raise RewriteError(f"no value at {edit.value_span}")
            start, end = _extent(text, at)
            splices.append((start, end, _scalar(text[start:end], at, edit.value, safe)))
            expected[at.event] = ("scalar", edit.value, number)
            continue
        mapping = maps.get((edit.text_span.line, edit.text_span.column))
        if mapping is None or mapping.last_value is None:
            raise RewriteError(f"no text mapping at {edit.text_span}")
        splices.append(_insertion(text, mapping, edit.lang, edit.value, safe))
        inserts.setdefault(mapping.last_value.event, []).extend(
            [("scalar", edit.lang, None), ("scalar", edit.value, number)])
    flat = []
    for index, shape in enumerate(expected):
        flat.append(shape)
        flat.extend(inserts.get(index, []))
    return splices, flat


def _shape(event) -> tuple:
    if isinstance(event, yaml.ScalarEvent):
        return ("scalar", event.value, None)
    return (type(event).__name__, None, None)


def _splice(text: str, splices: list[tuple[int, int, str]]) -> str:
    out, position = [], 0
    for start, end, new in sorted(splices, key=lambda s: (s[0], s[1])):
        if start < position:
            raise RewriteError("two edits of one value")
        out.append(text[position:start])
        out.append(new)
        position = end
    out.append(text[position:])
    return "".join(out)


def _verify(result: str, expected: list) -> set[int]:
    """The numbers of the edits whose values do not read back; raises RewriteError if anything else moved."""
    try:
        got = [_shape(event) for event in yaml.parse(result, Loader=_Loader)]
    except yaml.YAMLError as exc:
        raise RewriteError(f"the result is not YAML: {exc}") from None
    if len(got) != len(expected):
        raise RewriteError("the result has a different structure")
    wrong: set[int] = set()
    for (kind, value, _), (want_kind, want, edit) in zip(got, expected):
        if edit is not None and kind == want_kind and value is not None and value.strip() == want:
            continue  # a literal block's value ends with its line break; the loader reads texts trimmed
        if kind != want_kind or value != want:
            if edit is None:
                raise RewriteError("a value that was not edited changed")
            wrong.add(edit)
    return wrong


def _scalar(raw: str, at: _ScalarAt, value: str, safe: bool) -> str:
    """``value`` in the style of the scalar it replaces, if that style can carry it."""
    if safe:
        return double_quoted(value)
    if at.style in ("", None) and plain_ok(value, at.flow):
        return value
    if at.style == "'" and "\n" not in value and _printable(value):
        return "'" + value.replace("'", "''") + "'"
    if at.style == "|" and _printable(value.replace("\n", "")) and "\n" not in value[-1:]:
        return _literal(raw, value)
    return double_quoted(value)


def _literal(raw: str, value: str) -> str:
    """A literal block with ``raw``'s header (``|``, ``|-``, a comment) and indentation."""
    header, _, body = raw.partition("\n")
    content = [line for line in body.split("\n") if line.strip()]
    indent = (len(content[0]) - len(content[0].lstrip(" "))) if content else 2
    written = "\n".join((" " * indent + line) if line else "" for line in value.split("\n"))
    return f"{header}\n{written}"


def _extent(text: str, at: _ScalarAt) -> tuple[int, int]:
    """Where a scalar's characters are. A block scalar's marks also take in the line breaks and blank lines
    after it, which stay: its extent ends with its last line of content."""
    if at.style not in ("|", ">"):
        return at.start, at.end
    raw = text[at.start:at.end]
    last = len(raw.rstrip())
    line_end = raw.find("\n", last)
    return at.start, at.start + (line_end if line_end >= 0 else len(raw))


def _insertion(text: str, mapping: _MapAt, lang: str, value: str, safe: bool) -> tuple[int, int, str]:
    """A new ``lang: value`` pair after the mapping's last language."""
    after = mapping.last_value
    assert after is not None
    scalar = double_quoted(value)
    if mapping.flow:
        return (after.end, after.end, f", {lang}: {scalar}")
    line_end = text.find("\n", after.end - 1 if text[after.end - 1:after.end] == "\n" else after.end)
    at = len(text) if line_end < 0 else line_end + 1
    prefix = "" if line_end >= 0 else "\n"
    return (at, at, f"{prefix}{' ' * mapping.column}{lang}: {scalar}\n")


def plain_ok(value: str, flow: bool) -> bool:
    """Whether ``value`` can be written unquoted and read back as this very string."""
    if not value or value != value.strip() or not _printable(value) or "\n" in value:
        return False
    if value[0] in _INDICATORS or ": " in value or " #" in value or value.endswith(":"):
        return False
    if flow and not _FLOW_SPECIAL.isdisjoint(value):
        return False
    return _RESOLVABLE.fullmatch(value) is None


def _printable(value: str) -> bool:
    return value.isprintable() and "\ufeff" not in value


def double_quoted(value: str) -> str:
    """A double-quoted scalar for any text: backslash, quote, line breaks and invisible characters escaped."""
    out = ['"']
    for char in value:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif not char.isprintable() or char == "\ufeff":
            out.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)
