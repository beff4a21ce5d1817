"""The outline's inline syntax: **strong**, *emphasis*, ^{superscript}, [links](https://…), {fact:id}
and footnotes ^[text] (pandoc's inline notes; the note's text takes the same syntax, less footnotes).

Nothing else in user text is markup. The parser returns segments (plain text or fact references, each
with its style) and the problems it found; renderers escape every character of every segment.

The parser takes time linear in its text, whatever the text (a megabyte of ``[`` or of links in one
field included: tests/test_linear_time.py): every search for a closing character is remembered while
it still lies ahead, plain text is collected in a list, a closed link restyles only its own segments,
and a footnote's text is parsed once, where a footnote inside it is reported and skipped, not parsed
again (so no nesting depth reaches Python's recursion limit). A new piece of syntax is one more branch
of ``_step`` and a method of its own.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Literal

from .fields import IDENT, URL_SCHEMES

ESCAPABLE = set("\\*{}[]()^_`")


@dataclass(frozen=True)
class Segment:
    text: str = ""
    fact: str | None = None  # a fact id: the segment is that fact, formatted later per language
    bold: bool = False
    emphasis: bool = False
    superscript: bool = False
    href: str | None = None
    note: tuple[Segment, ...] | None = None  # a footnote: no text of its own, the note's segments here


@dataclass(frozen=True)
class InlineProblem:
    code: str
    message: str


_SYNTAX = frozenset("\\*^{[]")  # a text with none of these is one plain segment
_PLAIN = re.compile(r"[^\\*^{\[\]]+")  # a run of characters none of which is in _SYNTAX
_FACT = re.compile(r"\{fact:\s*(" + IDENT.pattern + r")\s*\}")  # the id stripped of spaces, as str.strip does
_BRACKET = re.compile(r"\\.|[\[\]]", re.DOTALL)  # what _closing_bracket looks at: escapes, brackets


def with_notes(segments: tuple[Segment, ...]) -> list[Segment]:
    """The segments with each footnote's own segments after its marker: what checks of facts, glyphs,
    numbers and terms read, since a footnote's text is printed too."""
    out: list[Segment] = []
    for segment in segments:
        out.append(segment)
        if segment.note:
            out.extend(segment.note)
    return out


@functools.lru_cache(maxsize=16384)
def parse_inline(source: str) -> tuple[tuple[Segment, ...], tuple[InlineProblem, ...]]:
    """Split ``source`` into styled segments; unbalanced or unknown syntax is a problem, never a crash.

    Cached: checking, parity, the glossary and every language's document parse the same texts.
    """
    if _SYNTAX.isdisjoint(source):
        return ((Segment(source),) if source else ()), ()
    segments, problems = _Parser(source).run()
    return tuple(segments), tuple(problems)


class _Parser:
    def __init__(self, source: str, in_note: bool = False):
        self.src = source
        self.pos = 0
        self.style = Segment()
        self.segments: list[Segment] = []
        self.problems: list[InlineProblem] = []
        self.buffer: list[str] = []
        self.in_note = in_note  # parsing a footnote's text: a footnote here is a problem, not parsed
        self.nested_note = False  # such a footnote was met
        self.link_start = 0  # index in segments of the open link's first segment
        self._ahead: dict[str, int] = {}  # character → where it next occurs at or after pos (-1: nowhere)
        self._last_link = _last_link_close(source)  # the last "](" with a ")" after it: a link may start before

    def _find(self, char: str) -> int:
        """``src.find(char, pos)``, remembered while the answer still lies ahead (pos only grows): every
        search together reads the text once per character searched for."""
        found = self._ahead.get(char)
        if found is None or (0 <= found < self.pos):
            found = self.src.find(char, self.pos)
            self._ahead[char] = found
        return found

    def run(self) -> tuple[list[Segment], list[InlineProblem]]:
        while self.pos < len(self.src):
            self._step()
        self._flush()
        if self.style.bold:
            self._problem("inline.unclosed", "'**' opened but never closed")
        if self.style.emphasis:
            self._problem("inline.unclosed", "'*' opened but never closed (write \\* for a literal asterisk)")
        if self.style.href is not None:
            self._problem("inline.unclosed", "'[' opened a link but no '](address)' follows")
            self._settle_link(None)
        return self.segments, self.problems

    def _step(self) -> None:
        src, pos = self.src, self.pos
        char = src[pos]
        if char == "\\" and pos + 1 < len(src) and src[pos + 1] in ESCAPABLE:
            self.buffer.append(src[pos + 1])
            self.pos += 2
        elif src.startswith("**", pos):
            self._toggle("bold")
            self.pos += 2
        elif char == "*":
            self._toggle("emphasis")
            self.pos += 1
        elif src.startswith("^{", pos):
            self._superscript()
        elif src.startswith("^[", pos):
            self._footnote()
        elif src.startswith("{fact:", pos):
            self._fact()
        elif char == "[" and self.style.href is None and self._link_ahead():
            self._flush()
            self.style = replace(self.style, href="")
            self.link_start = len(self.segments)
            self.pos += 1
        elif char == "]" and self.style.href == "" and src.startswith("](", pos):
            self._close_link()
        elif char in _SYNTAX:  # a syntax character that starts nothing here: itself
            self.buffer.append(char)
            self.pos += 1
        else:  # plain text up to the next syntax character, at once (not a step per character)
            plain = _PLAIN.match(src, pos)
            assert plain is not None  # char is not a syntax character
            self.buffer.append(plain.group())
            self.pos = plain.end()

    def _toggle(self, attribute: Literal["bold", "emphasis", "superscript"]) -> None:
        self._flush()
        style = self.style
        if attribute == "bold":
            self.style = replace(style, bold=not style.bold)
        elif attribute == "emphasis":
            self.style = replace(style, emphasis=not style.emphasis)
        else:
            self.style = replace(style, superscript=not style.superscript)

    def _superscript(self) -> None:
        end = self._find("}")
        if end < 0:
            self._problem("inline.unclosed", "'^{' opened a superscript but no '}' closes it")
            self._rest_as_text()
            return
        self._flush()
        self.segments.append(replace(self.style, text=self.src[self.pos + 2:end], superscript=True))
        self.pos = end + 1

    def _footnote(self) -> None:
        end = _closing_bracket(self.src, self.pos + 2)
        if end < 0:
            self._problem("inline.unclosed", "'^[' opened a footnote but no ']' closes it")
            self._rest_as_text()
            return
        inner = self.src[self.pos + 2:end]
        self.pos = end + 1
        if self.in_note:  # its text is dropped: one problem, whatever it holds (and no deeper parse)
            self._flush()
            self.nested_note = True
            return
        parser = _Parser(inner, in_note=True)
        segments, problems = parser.run()
        self.problems.extend(problems)
        if not inner.strip():
            self._problem("inline.footnote", "a footnote '^[…]' is empty")
        elif parser.nested_note:
            self._problem("inline.footnote", "a footnote cannot hold another footnote")
        self._flush()
        self.segments.append(Segment(note=tuple(segments)))

    def _rest_as_text(self) -> None:
        self.buffer.append(self.src[self.pos:])
        self.pos = len(self.src)

    def _fact(self) -> None:
        """``{fact:id}`` (spaces allowed around the id); anything else from ``{`` on is text."""
        found = _FACT.match(self.src, self.pos)
        if found is None:
            self._problem("inline.fact", "a fact reference is written {fact:id}")
            self.buffer.append(self.src[self.pos])
            self.pos += 1
            return
        self._flush()
        self.segments.append(replace(self.style, fact=found.group(1)))
        self.pos = found.end()

    def _link_ahead(self) -> bool:
        """A "](" lies ahead with a ")" after it (if any "](" ahead has one, the first one has)."""
        return self.pos <= self._last_link

    def _close_link(self) -> None:
        end = self._find(")")
        if end < 0:  # the ")" the link was opened for was taken by other syntax: "]" is text
            self.buffer.append("]")
            self.pos += 1
            return
        address = self.src[self.pos + 2:end].strip()
        if not address.lower().startswith(URL_SCHEMES) or any(c.isspace() for c in address):
            self._problem("link.scheme", f"'{address}' is not an http, https or mailto address")
            address = ""
        self._flush()
        self._settle_link(address or None)
        self.style = replace(self.style, href=None)
        self.pos = end + 1

    def _flush(self) -> None:
        if self.buffer:
            self.segments.append(replace(self.style, text="".join(self.buffer)))
            self.buffer = []

    def _settle_link(self, address: str | None) -> None:
        """Give the segments of the link text just closed (marked href="", all made since it opened)
        their address."""
        for index in range(self.link_start, len(self.segments)):
            if self.segments[index].href == "":
                self.segments[index] = replace(self.segments[index], href=address)

    def _problem(self, code: str, message: str) -> None:
        self.problems.append(InlineProblem(code, message))


def _last_link_close(src: str) -> int:
    """Where the last "](" that has a ")" after it starts, or -1."""
    last_paren = src.rfind(")")
    return src.rfind("](", 0, last_paren) if last_paren >= 0 else -1


def _closing_bracket(src: str, start: int) -> int:
    """The index of the ']' that closes a bracket opened just before ``start`` (brackets nest, as a
    link inside a footnote does; escaped brackets don't count), or -1."""
    depth = 0
    for found in _BRACKET.finditer(src, start):
        char = found.group()
        if char == "[":
            depth += 1
        elif char == "]":
            if depth == 0:
                return found.start()
            depth -= 1
    return -1
