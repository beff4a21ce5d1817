"""YAML → a small located node tree, built from parser events without PyYAML's composer.

Why not ``yaml.safe_load``: it silently keeps the last of duplicate keys, expands aliases (a billion-laughs
file), turns ``no`` into False and ``012`` into an octal number, and recurses per nesting level. Here every
scalar stays a string (the outline loader coerces per field), anchors, aliases and tags are refused, the
nesting depth is capped, and every node carries its 1-based line and column. This is the only module that
imports yaml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

import yaml

from ..errors import Level, Problem, Span, excerpt

_Loader: type[yaml.CSafeLoader] | type[yaml.SafeLoader]
try:  # libyaml is much faster; both produce the same events with marks
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_DEPTH = 64
_DISCARD = "\0discard"  # the pending key of a duplicate, whose value is dropped


@dataclass
class Scalar:
    value: str
    span: Span


@dataclass
class Seq:
    items: list[Node]
    span: Span


@dataclass
class Map:
    pairs: dict[str, Node]
    key_spans: dict[str, Span]
    span: Span
    order: list[str] = field(default_factory=list)


Node = Union[Scalar, Seq, Map]


class YamlProblems(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(problems)
        self.problems = problems


def _span(filename: str, mark) -> Span:
    return Span(filename, mark.line + 1, mark.column + 1)


def _error(filename: str, mark, code: str, message: str) -> Problem:
    return Problem(_span(filename, mark), Level.ERROR, code, message)


def parse_nodes(text: str, filename: str, loader=None) -> tuple[Node | None, list[Problem]]:
    """Parse one YAML document into nodes and the problems met on the way.

    Raises YamlProblems only when the text is not YAML at all (a syntax error); duplicate keys,
    anchors, aliases and tags are reported but the tree is still returned, so the outline's own
    checks can run too and the user sees everything at once. ``loader`` picks the parser (tests run
    both libyaml and the pure-Python one).
    """
    builder = _TreeBuilder(filename)
    try:
        for event in yaml.parse(text, Loader=loader or _Loader):
            builder.feed(event)
            if builder.too_deep:  # nothing below the cap is read: stop before it costs time
                break
    except yaml.MarkedYAMLError as exc:
        if builder.too_deep:  # our cap was met first and is already reported
            raise YamlProblems(builder.problems) from None
        raise YamlProblems(builder.problems + [_marked_problem(filename, exc, text)]) from None
    except yaml.YAMLError as exc:  # reader errors (bad characters) carry no MarkedYAMLError
        raise YamlProblems(builder.problems + [Problem(Span(filename), Level.ERROR, "yaml.syntax", str(exc))]) from None
    if builder.too_deep:
        raise YamlProblems(builder.problems)
    return builder.root, builder.problems


def _marked_problem(filename: str, exc: yaml.MarkedYAMLError, text: str = "") -> Problem:
    """A parser's error as a located problem in plain words, with its source line and a caret. libyaml (0.2.5
    as PyYAML 6.0.2+ ships it) stops at its own nesting limit while scanning ahead, before our own cap of
    MAX_DEPTH sees the events: both are one problem, ``yaml.too-deep``, whichever parser stops first."""
    mark = exc.problem_mark or exc.context_mark
    if "nesting depth" in (exc.problem or ""):
        return _error(filename, mark, "yaml.too-deep", f"nested more than {MAX_DEPTH} levels deep")
    if mark is None:  # PyYAML always marks a parser error; without one there is nothing to point at
        return Problem(Span(filename), Level.ERROR, "yaml.syntax", str(exc))
    line, column = mark.line + 1, mark.column + 1
    lines = text.split("\n")
    source = lines[mark.line] if mark.line < len(lines) else ""
    message = plain_words(exc.context or "", exc.problem or "", source, mark.column, exc.context_mark)
    return Problem(Span(filename, line, column), Level.ERROR, "yaml.syntax", message,
                   excerpt=excerpt(text, line, column))


_INDENTATION = ("check the indentation of this line and of the line above (the keys of one mapping, and the "
                "'- ' of one list, start in the same column)")


def plain_words(context: str, problem: str, source: str, column: int, context_mark) -> str:
    """The parser's words (``while parsing a block mapping did not find expected key``) as a cause a writer
    recognises and the fix for it. The commonest traps: a tab, a ': ' or ', ' in an unquoted text, a line
    indented one step too far or too little, an unclosed quote or bracket."""
    at = source[column:column + 1]
    indented = column > len(source) - len(source.lstrip(" \t"))  # the mark is past the line's indentation
    opened = f" at line {context_mark.line + 1}" if context_mark is not None else ""
    if "tab" in problem or at == "\t":
        return "a tab: tabs are not indentation in YAML; indent with spaces"
    if "mapping values are not allowed" in problem:
        return ("': ' in an unquoted text: quote the text (en: \"Note: this\"); if this line is a key, "
                + _INDENTATION)
    if "expected ',' or '}'" in problem or "expected ',' or ']'" in problem:
        return (f"in the {{…}} or […] opened{opened}, ', ' or ': ' ends a value, and the bracket must close: "
                "quote a text that contains them (en: \"Why heat, why now\")")
    if "quoted scalar" in context and "end of stream" in problem:
        return f"the quote opened{opened} is never closed: close it"
    if "flow" in context and ("end of stream" in problem or "node content" in problem):
        return "a '[' or '{' is never closed: close it"
    if "did not find expected key" in problem and indented:
        return "text after a closing quote: put the whole text inside the quotes"
    if "did not find expected key" in problem or "expected '-' indicator" in problem or "block end" in problem:
        return f"this line does not line up with those above: {_INDENTATION}"
    if "could not find expected ':'" in problem:
        return f"a key without ': ', or a text running onto this line (quote it): {_INDENTATION}"
    if "escape" in problem:
        return (f"{problem} in a double-quoted text: write the character itself, or '\\\\' for a backslash "
                "(single quotes take backslashes as written)")
    if "cannot start any token" in problem and at:
        return f"'{at}' cannot start an unquoted text: quote the text"
    return (" ".join(part for part in (context, problem) if part)
            + "; check this line and the one above: indentation, quotes and brackets")


class _TreeBuilder:
    """Turns the event stream into nodes with an explicit stack (no recursion, depth capped)."""

    def __init__(self, filename: str):
        self.filename = filename
        self.problems: list[Problem] = []
        self.stack: list[tuple[Seq | Map, str | None]] = []  # container, pending mapping key
        self.root: Node | None = None
        self.documents = 0
        self.too_deep = False

    def feed(self, event: yaml.Event) -> None:
        handler = getattr(self, "_on_" + type(event).__name__, None)
        if handler:
            handler(event)

    def _on_DocumentStartEvent(self, event) -> None:
        self.documents += 1
        if self.documents > 1:
            self._fail(event, "yaml.multiple-documents", "an outline is one YAML document; remove the '---'")

    def _on_AliasEvent(self, event) -> None:
        self._fail(event, "yaml.alias", "aliases (*name) are not allowed; write the value out")
        self._attach(Scalar("", _span(self.filename, event.start_mark)), event)

    def _on_ScalarEvent(self, event) -> None:
        self._check_anchor_and_tag(event)
        self._attach(Scalar(event.value, _span(self.filename, event.start_mark)), event)

    def _on_SequenceStartEvent(self, event) -> None:
        self._open(Seq([], _span(self.filename, event.start_mark)), event)

    def _on_MappingStartEvent(self, event) -> None:
        self._open(Map({}, {}, _span(self.filename, event.start_mark)), event)

    def _on_SequenceEndEvent(self, event) -> None:
        self._close()

    _on_MappingEndEvent = _on_SequenceEndEvent

    def _open(self, node: Seq | Map, event) -> None:
        self._check_anchor_and_tag(event)
        self._attach(node, event)
        self.stack.append((node, None))
        if len(self.stack) > MAX_DEPTH and not self.too_deep:
            self.too_deep = True
            self._fail(event, "yaml.too-deep", f"nested more than {MAX_DEPTH} levels deep")

    def _close(self) -> None:
        self.stack.pop()

    def _attach(self, node: Node, event) -> None:
        if not self.stack:
            if self.root is None:
                self.root = node
            return
        parent, pending_key = self.stack[-1]
        if isinstance(parent, Seq):
            parent.items.append(node)
        elif pending_key is None:
            self._add_key(parent, node, event)
        elif pending_key is _DISCARD:
            self.stack[-1] = (parent, None)
        else:
            parent.pairs[pending_key] = node
            self.stack[-1] = (parent, None)

    def _add_key(self, parent: Map, node: Node, event) -> None:
        if not isinstance(node, Scalar):
            self._fail(event, "yaml.complex-key", "mapping keys must be plain strings")
            key = f"<complex key {len(parent.pairs)}>"
        else:
            key = node.value
        if key in parent.key_spans:
            first = parent.key_spans[key]
            self._fail(event, "yaml.duplicate-key",
                       f"duplicate key '{key}' (first defined at line {first.line})")
            self.stack[-1] = (parent, _DISCARD)  # the first value stands; this one is dropped
            return
        parent.key_spans[key] = node.span
        parent.order.append(key)
        self.stack[-1] = (parent, key)

    def _check_anchor_and_tag(self, event) -> None:
        if getattr(event, "anchor", None):
            self._fail(event, "yaml.anchor", f"anchors (&{event.anchor}) are not allowed")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            self._fail(event, "yaml.tag", f"tags are not allowed ({tag}); remove it")

    def _fail(self, event, code: str, message: str) -> None:
        self.problems.append(_error(self.filename, event.start_mark, code, message))

