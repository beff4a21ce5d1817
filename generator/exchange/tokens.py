"""The outline's inline syntax as a flat list of tokens with their exact markup, for ``codes``.

It follows ``outline/inline.py``'s parser step by step (escapes, toggles, a link opened only when ``](`` and
``)`` follow, a footnote's closing bracket found by nesting, what an unclosed superscript or footnote and a
malformed fact leave as they are); tests/test_exchange_property.py holds the two to the same reading.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..outline.fields import IDENT
from ..outline.inline import ESCAPABLE

# Kinds of token (and of code, in codes.py, which adds a label's placeholder and a link).
FACT, NOTE, BOLD, EMPH, SUP, MARK = "fact", "footnote", "bold", "emphasis", "sup", "mark"


@dataclass(frozen=True)
class Token:
    kind: str  # "text", "link-open", "link-close" or a kind above
    text: str  # the literal words (text, superscript), or the markup (fact, link-close's address markup)
    raw: str
    inner: tuple | None = None  # a footnote's own tokens


def tokens(src: str) -> list[Token]:
    """The outline's inline syntax as tokens, following inline._Parser step by step (tests hold them equal)."""
    out: list[Token] = []
    text, pos, link_open = "", 0, False

    def flush():
        nonlocal text
        if text:
            out.append(Token("text", text, text))
            text = ""

    while pos < len(src):
        char = src[pos]
        if char == "\\" and pos + 1 < len(src) and src[pos + 1] in ESCAPABLE:
            text += src[pos + 1]
            pos += 2
        elif src.startswith("**", pos):
            flush()
            out.append(Token(BOLD, "**", "**"))
            pos += 2
        elif char == "*":
            flush()
            out.append(Token(EMPH, "*", "*"))
            pos += 1
        elif src.startswith(("^{", "^["), pos):
            end = src.find("}", pos) if src[pos + 1] == "{" else _closing_bracket(src, pos + 2)
            flush()
            if end < 0:  # unclosed: the parser reads the rest as it is (and reports it)
                out.append(Token(MARK, src[pos:], src[pos:]))
                pos = len(src)
            elif src[pos + 1] == "{":
                out.append(Token(SUP, src[pos + 2:end], src[pos:end + 1]))
                pos = end + 1
            else:
                out.append(Token(NOTE, "", src[pos:end + 1], tuple(tokens(src[pos + 2:end]))))
                pos = end + 1
        elif src.startswith("{fact:", pos):
            end = src.find("}", pos)
            flush()
            if end < 0 or not IDENT.fullmatch(src[pos + len("{fact:"):end].strip()):
                out.append(Token(MARK, "{", "{"))  # not a fact: the parser reads the brace as it is
                pos += 1
            else:
                out.append(Token(FACT, src[pos:end + 1], src[pos:end + 1]))
                pos = end + 1
        elif char == "[" and not link_open and _link_ahead(src, pos):
            flush()
            out.append(Token("link-open", "[", "["))
            link_open = True
            pos += 1
        elif char == "]" and link_open and src.startswith("](", pos):
            end = src.find(")", pos)
            flush()
            out.append(Token("link-close", src[pos:end + 1], src[pos:end + 1]))
            link_open = False
            pos = end + 1
        else:
            text += char
            pos += 1
    flush()
    return out


def _link_ahead(src: str, pos: int) -> bool:
    close = src.find("](", pos)
    return close >= 0 and src.find(")", close) >= 0


def _closing_bracket(src: str, start: int) -> int:
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
