"""The inline parser as it was before it was made linear: quadratic on hostile text, and looping for
ever on ``[a^{](})b](c``. Kept as the reference tests/test_linear_time.py compares the linear one with."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Literal

from generator.outline.fields import IDENT, URL_SCHEMES

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
    def __init__(self, source: str):
        self.src = source
        self.pos = 0
        self.style = Segment()
        self.segments: list[Segment] = []
        self.problems: list[InlineProblem] = []
        self.buffer = ""

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
            self.buffer += src[pos + 1]
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
            self.pos += 1
        elif char == "]" and self.style.href == "" and src.startswith("](", pos):
            self._close_link()
        elif char in _SYNTAX:  # a syntax character that starts nothing here: itself
            self.buffer += char
            self.pos += 1
        else:  # plain text up to the next syntax character, at once (not a step per character)
            plain = _PLAIN.match(src, pos)
            assert plain is not None  # char is not a syntax character
            self.buffer += plain.group()
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
        end = self.src.find("}", self.pos)
        if end < 0:
            self._problem("inline.unclosed", "'^{' opened a superscript but no '}' closes it")
            self.buffer += self.src[self.pos:]
            self.pos = len(self.src)
            return
        self._flush()
        self.segments.append(replace(self.style, text=self.src[self.pos + 2:end], superscript=True))
        self.pos = end + 1

    def _footnote(self) -> None:
        end = _closing_bracket(self.src, self.pos + 2)
        if end < 0:
            self._problem("inline.unclosed", "'^[' opened a footnote but no ']' closes it")
            self.buffer += self.src[self.pos:]
            self.pos = len(self.src)
            return
        inner = self.src[self.pos + 2:end]
        segments, problems = parse_inline(inner)
        self.problems.extend(problems)
        if not inner.strip():
            self._problem("inline.footnote", "a footnote '^[…]' is empty")
        elif any(s.note is not None for s in segments):
            self._problem("inline.footnote", "a footnote cannot hold another footnote")
            segments = tuple(replace(s, note=None) for s in segments if s.note is None)
        self._flush()
        self.segments.append(Segment(note=segments))
        self.pos = end + 1

    def _fact(self) -> None:
        end = self.src.find("}", self.pos)
        ident = self.src[self.pos + len("{fact:"):end].strip() if end >= 0 else ""
        if end < 0 or not IDENT.fullmatch(ident):
            self._problem("inline.fact", "a fact reference is written {fact:id}")
            self.buffer += self.src[self.pos]
            self.pos += 1
            return
        self._flush()
        self.segments.append(replace(self.style, fact=ident))
        self.pos = end + 1

    def _link_ahead(self) -> bool:
        close = self.src.find("](", self.pos)
        return close >= 0 and self.src.find(")", close) >= 0

    def _close_link(self) -> None:
        end = self.src.find(")", self.pos)
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
            self.segments.append(replace(self.style, text=self.buffer))
            self.buffer = ""

    def _settle_link(self, address: str | None) -> None:
        """Give the segments of the link text just closed (marked href="") their address."""
        self.segments = [replace(s, href=address) if s.href == "" else s for s in self.segments]

    def _problem(self, code: str, message: str) -> None:
        self.problems.append(InlineProblem(code, message))


def _closing_bracket(src: str, start: int) -> int:
    """The index of the ']' that closes a bracket opened just before ``start`` (brackets nest, as a
    link inside a footnote does; escaped brackets don't count), or -1."""
    depth, pos = 0, start
    while pos < len(src):
        char = src[pos]
        if char == "\\":
            pos += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            if depth == 0:
                return pos
            depth -= 1
        pos += 1
    return -1
