"""A text as translators get it: plain words between protected codes, and back to the outline's markup.

The outline's inline syntax (``generator/outline/inline.py``) becomes codes, numbered 1, 2, … in the source
order: ``{fact:id}`` and a label's ``{n}`` are standalone codes (XLIFF ``<x/>``/``<ph/>``); ``**bold**``,
``*emphasis*``, ``^{superscript}``, ``[link](address)`` and ``^[footnote]`` are paired codes around their
own words (``<g>``/``<pc>``), so a translator translates a link's text and a footnote's text in place while
the address, the fact and the syntax stay out of reach. Bold and emphasis that overlap a link's edge cannot
be paired; such a text's markers are exported as standalone codes instead.

A translation refers to the source's codes by number. ``encode`` writes it back in the outline's syntax,
escaping what would otherwise read as markup, and the result must parse (with the outline's own parser) to
the very segments the translation describes, or the translation is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..outline.inline import ESCAPABLE, Segment, parse_inline
from .tokens import BOLD, EMPH, FACT, MARK, NOTE, SUP, Token, tokens

# Kinds of code. Protected ones must appear in a translation exactly once each; formatting may be dropped.
VAR, LINK = "var", "link"
PROTECTED = frozenset({FACT, VAR, LINK, NOTE})
PAIRED = frozenset({LINK, NOTE, BOLD, EMPH, SUP})
FORMATTING = frozenset({BOLD, EMPH, SUP})
_DELIMITERS = {BOLD: ("**", "**"), EMPH: ("*", "*"), SUP: ("^{", "}"), NOTE: ("^[", "]")}


@dataclass(frozen=True)
class Code:
    """One protected piece of markup. ``open``/``close`` are the outline's syntax around a paired code's words;
    a standalone code is ``open`` alone (``{fact:users}``, ``{n}``, a lone ``**``)."""

    id: str
    kind: str
    open: str
    close: str = ""


@dataclass
class Tag:
    """A code in a text: standalone (``children`` None) or paired around its words."""

    code: Code
    children: list[Piece] | None = None


Piece = str | Tag


@dataclass
class Content:
    """A text as pieces, and the codes it uses by id."""

    pieces: list[Piece]
    codes: dict[str, Code] = field(default_factory=dict)


class ContentError(ValueError):
    """A translation's codes or words cannot be written back (the message says why, in a translator's words)."""


# ---------------------------------------------------------------------------------------------------- source → content

_LABEL_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def decode(markup: str, raw: bool, label: bool) -> Content:
    """``markup`` (one language of a text) as content. ``raw``: a text printed as written (a label, a unit, a
    glossary term): no inline syntax, only a label's ``{placeholders}``."""
    if raw:
        return _decode_raw(markup, label)
    found = tokens(markup)
    pieces, codes = _nest(found)
    if pieces is None:
        return _flat(found)
    content = Content(pieces, codes)
    return content if _same(encode(content, raw=False), markup) else _flat(found)


def _decode_raw(markup: str, label: bool) -> Content:
    if not label:
        return Content([markup] if markup else [])
    pieces: list[Piece] = []
    codes: dict[str, Code] = {}
    position = 0
    for match in _LABEL_PLACEHOLDER.finditer(markup):
        if match.start() > position:
            pieces.append(markup[position:match.start()])
        code = Code(str(len(codes) + 1), VAR, match.group())
        codes[code.id] = code
        pieces.append(Tag(code))
        position = match.end()
    if position < len(markup):
        pieces.append(markup[position:])
    return Content(pieces, codes)


class _Numbering:
    def __init__(self):
        self.codes: dict[str, Code] = {}

    def new(self, kind: str, open_: str, close: str = "") -> Code:
        code = Code(str(len(self.codes) + 1), kind, open_, close)
        self.codes[code.id] = code
        return code


def _nest(found: list[Token]) -> tuple[list[Piece] | None, dict[str, Code]]:
    """Tokens as nested pieces, or None when bold, emphasis and links overlap instead of nesting."""
    numbering = _Numbering()
    pieces = _nest_into(found, numbering)
    return pieces, numbering.codes


def _nest_into(found, numbering: _Numbering) -> list[Piece] | None:
    root: list[Piece] = []
    stack: list[tuple[str, list[Piece], Tag | None]] = [("", root, None)]
    for token in found:
        top_kind, top, _ = stack[-1]
        if token.kind == "text":
            top.append(token.text)
        elif token.kind in (FACT, MARK):
            top.append(Tag(numbering.new(token.kind, token.raw)))
        elif token.kind == SUP:
            top.append(Tag(numbering.new(SUP, "^{", "}"), [token.text] if token.text else []))
        elif token.kind == NOTE:
            tag = Tag(numbering.new(NOTE, "^[", "]"))
            inner = _nest_into(token.inner, numbering)
            if inner is None:
                return None
            tag.children = inner
            top.append(tag)
        elif token.kind in (BOLD, EMPH) and top_kind == token.kind:
            stack.pop()
        elif token.kind in (BOLD, EMPH, "link-open"):
            kind = LINK if token.kind == "link-open" else token.kind
            tag = Tag(numbering.new(kind, *_DELIMITERS.get(kind, ("[", ""))), [])
            top.append(tag)
            assert tag.children is not None
            stack.append((kind, tag.children, tag))
        elif token.kind == "link-close":
            link = stack.pop()[2]
            if top_kind != LINK or link is None:
                return None
            link.code = numbering.codes[link.code.id] = Code(link.code.id, LINK, "[", token.text)
    return root if len(stack) == 1 else None


def _walk(pieces: list[Piece]):
    for piece in pieces:
        if isinstance(piece, Tag):
            yield piece
            if piece.children:
                yield from _walk(piece.children)


def _flat(found: list[Token]) -> Content:
    """Every marker a standalone code (for overlapping markup, which nested codes cannot carry)."""
    numbering = _Numbering()
    return Content(_flat_into(found, numbering), numbering.codes)


def _flat_into(found, numbering: _Numbering) -> list[Piece]:
    pieces: list[Piece] = []
    for token in found:
        if token.kind == "text":
            pieces.append(token.text)
        elif token.kind == NOTE:
            tag = Tag(numbering.new(NOTE, "^[", "]"))
            tag.children = _flat_into(token.inner, numbering)
            pieces.append(tag)
        elif token.kind == SUP:
            pieces.append(Tag(numbering.new(SUP, "^{", "}"), [token.text] if token.text else []))
        else:
            pieces.append(Tag(numbering.new(FACT if token.kind == FACT else MARK, token.raw)))
    return pieces


def _same(a: str, b: str) -> bool:
    return parse_inline(a) == parse_inline(b)


# ---------------------------------------------------------------------------------------------------- content → markup

def encode(content: Content, raw: bool) -> str:
    """The outline's markup for ``content``: its words escaped where they would read as syntax."""
    if raw:
        return "".join(p if isinstance(p, str) else p.code.open for p in content.pieces)
    full = _join(content.pieces, minimal=False)
    minimal = _join(content.pieces, minimal=True)
    return minimal if _same(minimal, full) else full


def _join(pieces: list[Piece], minimal: bool) -> str:
    """Literal words and markup; ``minimal`` escapes only ``*`` (and what the next character makes syntax),
    otherwise every bracket, caret and brace is escaped too."""
    parts: list[tuple[str, bool]] = []  # (text, is literal)
    _flatten(pieces, parts)
    out = []
    for index, (text, literal) in enumerate(parts):
        if not literal:
            out.append(text)
            continue
        following = "".join(t for t, _ in parts[index + 1:])[:6]
        out.append(_escape(text, following, minimal))
    return "".join(out)


def _flatten(pieces: list[Piece], parts: list[tuple[str, bool]]) -> None:
    for piece in pieces:
        if isinstance(piece, str):
            parts.append((piece, True))
            continue
        code = piece.code
        parts.append((code.open, False))
        if piece.children is not None:
            if code.kind == SUP:  # a superscript's words are not parsed: written as they are
                parts.append(("".join(p for p in piece.children if isinstance(p, str)), False))
            else:
                _flatten(piece.children, parts)
            parts.append((code.close, False))


def _escape(text: str, following: str, minimal: bool) -> str:
    out = []
    for index, char in enumerate(text):
        after = text[index + 1:] + following
        if char == "\\":
            needed = after[:1] in ESCAPABLE
        elif char == "*":
            needed = True
        elif char in "[]":
            needed = not minimal
        elif char == "^":
            needed = not minimal or after[:1] in "{["
        elif char == "{":
            needed = not minimal or after.startswith("fact:")
        else:
            needed = False
        out.append("\\" + char if needed else char)
    return "".join(out)


def align(target: Content, source: Content) -> Content:
    """``target`` (a translation as decoded) with its codes renumbered to the source's: a fact, a label
    placeholder or a link to the source's code with the same markup, other codes to the source's of the same
    kind in order; a code the source lacks gets a number past the source's."""
    free = list(source.codes.values())
    extra = len(source.codes)
    codes: dict[str, Code] = {}

    def match(code: Code) -> Code:
        nonlocal extra
        same = [c for c in free if c.kind == code.kind and (code.kind in (BOLD, EMPH, SUP, NOTE)
                                                             or (c.open, c.close) == (code.open, code.close))]
        if same:
            free.remove(same[0])
            found = Code(same[0].id, code.kind, code.open, code.close)
        else:
            extra += 1
            found = Code(str(extra), code.kind, code.open, code.close)
        codes[found.id] = found
        return found

    def renumber(pieces: list[Piece]) -> list[Piece]:
        out: list[Piece] = []
        for piece in pieces:
            if isinstance(piece, str):
                out.append(piece)
            else:
                code = match(piece.code)
                out.append(Tag(code, renumber(piece.children) if piece.children is not None else None))
        return out

    return Content(renumber(target.pieces), codes)


# ---------------------------------------------------------------------------------------------------- checks

def check_written(content: Content, markup: str) -> None:
    """Raise ContentError unless ``markup`` reads back (with the outline's parser) as ``content`` says: the same
    words, with the same codes around the same words (a ``}`` in a superscript, say, cannot be written)."""
    problems = parse_inline(markup)[1]
    if problems:
        raise ContentError(f"the text would not read as the outline's markup ({problems[0].message})")
    if shape(decode(markup, raw=False, label=False).pieces) != shape(content.pieces):
        raise ContentError("the codes and words cannot be written in the outline's syntax as they are "
                           "arranged (a superscript's words cannot hold '}', and bold cannot hold bold)")


def shape(pieces: list[Piece]) -> list:
    """The pieces without code numbers: adjacent words joined, each code as (kind, markup, its pieces)."""
    out: list = []
    for piece in pieces:
        if isinstance(piece, str):
            if not piece:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += piece
            else:
                out.append(piece)
        else:
            children = shape(piece.children) if piece.children is not None else None
            out.append((piece.code.kind, piece.code.open, piece.code.close, children))
    return out


def plain_words(content: Content) -> str:
    """The words alone (codes dropped, a paired code's words kept): what the source comparison reads."""
    parts: list[str] = []
    _words(content.pieces, parts)
    return " ".join("".join(parts).split())


def _words(pieces: list[Piece], parts: list[str]) -> None:
    for piece in pieces:
        if isinstance(piece, str):
            parts.append(piece)
        else:
            parts.append(f"\x00{piece.code.id}\x00")
            if piece.children is not None:
                _words(piece.children, parts)
                parts.append("\x00/\x00")


def tags(pieces: list[Piece]) -> list[Tag]:
    return list(_walk(pieces))


def segments_of(markup: str) -> tuple[Segment, ...]:
    return parse_inline(markup)[0]
