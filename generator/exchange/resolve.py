"""A translation's codes checked against its source's, then its text in the outline's syntax.

Refused, each with a reason a translator can act on: a code the source does not have (altered), one used
twice (doubled), a fact, label placeholder, link or footnote left out (lost), a paired code sent as a
standalone one or the other way round, or one whose kind differs from the source's. Bold, emphasis and
superscript may be dropped, and added around words (a new code of those kinds, numbered past the source's),
since a language may stress other words.
"""

from __future__ import annotations

from .codes import FORMATTING, PAIRED, PROTECTED, Code, Content, Piece, Tag, plain_words
from .inline import Sent

_DELIMITERS = {"bold": ("**", "**"), "emphasis": ("*", "*"), "sup": ("^{", "}")}
_WORDS = {"fact": "fact", "var": "label placeholder", "link": "link", "footnote": "footnote", "bold": "bold",
          "emphasis": "emphasis", "sup": "superscript", "mark": "markup"}


class CodeProblem(ValueError):
    """Why a translation's codes cannot be taken (code: placeholder.lost / .doubled / .altered)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def resolve(sent: list, source: Content, exact: bool = False) -> Content:
    """``sent`` (a target, or with ``exact`` a source sent back) as content using ``source``'s codes."""
    seen: dict[str, Code] = {}
    pieces = _pieces(sent, source, seen, exact)
    lost = [code for code in source.codes.values() if code.id not in seen
            and (exact or code.kind in PROTECTED or code.kind == "mark")]
    if lost:
        listed = ", ".join(f"{c.id} ({_WORDS[c.kind]} {c.open}{'…' + c.close if c.close else ''})" for c in lost)
        raise CodeProblem("placeholder.lost", f"code {listed} of the source is missing from the translation")
    return Content(pieces, seen)


def _pieces(sent: list, source: Content, seen: dict[str, Code], exact: bool) -> list[Piece]:
    out: list[Piece] = []
    for item in sent:
        if isinstance(item, str):
            if out and isinstance(out[-1], str):
                out[-1] += item
            else:
                out.append(item)
            continue
        code = _code(item, source, seen, exact)
        seen[code.id] = code
        children = _pieces(item.children, source, seen, exact) if item.paired else None
        out.append(Tag(code, children))
    return out


def _code(item: Sent, source: Content, seen: dict[str, Code], exact: bool) -> Code:
    if item.id in seen:
        raise CodeProblem("placeholder.doubled", f"code {item.id} appears twice; the source has it once")
    code = source.codes.get(item.id)
    if code is None:
        if not exact and item.kind in FORMATTING and item.paired:
            return Code(item.id, item.kind, *_DELIMITERS[item.kind])
        raise CodeProblem("placeholder.altered", f"code {item.id} is not a code of the source"
                          + ("" if item.kind is None else f" ({_WORDS.get(item.kind, item.kind)})"))
    if item.kind is not None and item.kind != code.kind:
        raise CodeProblem("placeholder.altered", f"code {item.id} is {_WORDS[code.kind]} in the source, "
                          f"{_WORDS.get(item.kind, item.kind)} here")
    paired = code.kind in PAIRED
    if item.paired != paired:
        raise CodeProblem("placeholder.altered", f"code {item.id} ({_WORDS[code.kind]}) "
                          + ("encloses words in the source; keep its words inside it" if paired
                             else "stands alone in the source; it takes no words"))
    return code


def same_source(sent: list, source: Content) -> bool:
    """Whether a unit's source as sent back is the outline's source now (words, codes and their places)."""
    try:
        back = resolve(sent, source, exact=True)
    except CodeProblem:
        return False
    return plain_words(back) == plain_words(source)
