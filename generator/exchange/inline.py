"""Codes as each format writes them inline, and what a translator's file sends back.

XLIFF 1.2 writes a standalone code as ``<x id ctype equiv-text/>`` and a paired one as ``<g id ctype>…</g>``;
XLIFF 2.0 as ``<ph>`` and ``<pc>`` (with their markup in ``<originalData>``); PO as tags in the text:
``<f1/>`` for a fact, ``<v1/>`` for a label's placeholder, ``<b2>…</b2>`` bold, ``<i3>…</i3>`` emphasis,
``<sup4>…</sup4>``, ``<a5>…</a5>`` a link's words, ``<fn6>…</fn6>`` a footnote's, ``<m7/>`` other markup; a
literal ``<`` or ``&`` in PO is written ``&lt;`` or ``&amp;``. Reading gives ``Sent`` pieces: a code's id,
the kind its element or tag says, whether it is paired, and its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from .codes import BOLD, EMPH, FACT, LINK, MARK, NOTE, SUP, VAR, Piece, Tag

XLIFF1 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
OURS = "urn:duopress:exchange"

CTYPES = {FACT: "x-fact", VAR: "x-placeholder", MARK: "x-markup", BOLD: "bold", EMPH: "italic",
          SUP: "x-superscript", LINK: "link", NOTE: "x-footnote"}
TYPES2 = {FACT: ("other", "dp:fact"), VAR: ("other", "dp:var"), MARK: ("other", "dp:markup"),
          BOLD: ("fmt", "xlf:b"), EMPH: ("fmt", "xlf:i"), SUP: ("fmt", "dp:sup"), LINK: ("link", None),
          NOTE: ("other", "dp:footnote")}
PO_TAGS = {FACT: "f", VAR: "v", MARK: "m", BOLD: "b", EMPH: "i", SUP: "sup", LINK: "a", NOTE: "fn"}
_BY_CTYPE = {value: kind for kind, value in CTYPES.items()}
_BY_TYPE2 = {value: kind for kind, value in TYPES2.items()}
_BY_PO_TAG = {value: kind for kind, value in PO_TAGS.items()}
_PO_TAG = re.compile(r"([a-z]+)(\d+)")


@dataclass
class Sent:
    """A code as a translator's file gives it back."""

    id: str
    kind: str | None  # None when the element says nothing we know (the id alone decides)
    paired: bool
    children: list = field(default_factory=list)  # of str | Sent
    line: int = 0


class InlineError(ValueError):
    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.line = line


def safe_parser() -> etree.XMLParser:
    """No entities expanded, no network, no DTD: a translation file is data from elsewhere."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_blank_text=False)


# ---------------------------------------------------------------------------------------------------- writing

def write_xliff1(element, pieces: list[Piece], legend=None) -> None:
    _write(element, pieces, lambda parent, tag: _xliff1_code(parent, tag))


def _xliff1_code(parent, tag: Tag):
    code = tag.code
    if tag.children is None:
        return etree.SubElement(parent, f"{{{XLIFF1}}}x", id=code.id, ctype=CTYPES[code.kind],
                                **{"equiv-text": code.open})
    return etree.SubElement(parent, f"{{{XLIFF1}}}g", id=code.id, ctype=CTYPES[code.kind])


def write_xliff2(element, pieces: list[Piece]) -> None:
    _write(element, pieces, _xliff2_code)


def _xliff2_code(parent, tag: Tag):
    code = tag.code
    kind, sub = TYPES2[code.kind]
    attributes = {"id": code.id, "type": kind}
    if sub:
        attributes["subType"] = sub
    if tag.children is None:
        attributes.update(dataRef=f"d{code.id}", disp=code.open)
        return etree.SubElement(parent, f"{{{XLIFF2}}}ph", **attributes)
    attributes.update(dataRefStart=f"d{code.id}s", dataRefEnd=f"d{code.id}e", dispStart=code.open,
                      dispEnd=code.close)
    return etree.SubElement(parent, f"{{{XLIFF2}}}pc", **attributes)


def _write(element, pieces: list[Piece], make) -> None:
    last = None  # the element the next words follow (its tail), or None: the parent's text
    for piece in pieces:
        if isinstance(piece, str):
            if last is None:
                element.text = (element.text or "") + piece
            else:
                last.tail = (last.tail or "") + piece
            continue
        last = make(element, piece)
        if piece.children is not None:
            _write(last, piece.children, make)


def original_data(pieces: list[Piece]) -> list[tuple[str, str]]:
    """XLIFF 2.0's ``<data>`` entries: every code's markup, by the ids ``write_xliff2`` refers to."""
    entries = []
    for piece in pieces:
        if isinstance(piece, str):
            continue
        code = piece.code
        if piece.children is None:
            entries.append((f"d{code.id}", code.open))
        else:
            entries += [(f"d{code.id}s", code.open), (f"d{code.id}e", code.close)]
            entries += original_data(piece.children)
    return entries


def po_text(pieces: list[Piece]) -> str:
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece.replace("&", "&amp;").replace("<", "&lt;"))
            continue
        name = f"{PO_TAGS[piece.code.kind]}{piece.code.id}"
        if piece.children is None:
            out.append(f"<{name}/>")
        else:
            out.append(f"<{name}>{po_text(piece.children)}</{name}>")
    return "".join(out)


# ---------------------------------------------------------------------------------------------------- reading

def read_xliff1(element) -> list:
    return _read(element, _xliff1_sent)


def _xliff1_sent(child) -> Sent | None:
    name = etree.QName(child).localname
    if name in ("x", "g", "bx", "ex", "ph"):
        kind = _BY_CTYPE.get(child.get("ctype", ""))
        return Sent(child.get("id", ""), kind, name == "g", line=child.sourceline or 0)
    return None


def read_xliff2(element) -> list:
    return _read(element, _xliff2_sent)


def _xliff2_sent(child) -> Sent | None:
    name = etree.QName(child).localname
    if name in ("ph", "pc"):
        kind = _BY_TYPE2.get((child.get("type", ""), child.get("subType")))
        return Sent(child.get("id", ""), kind, name == "pc", line=child.sourceline or 0)
    return None


def _read(element, sent_for) -> list:
    """The words and codes of a ``<source>``/``<target>``; ``<mrk>`` (a tool's annotation) is read through."""
    out: list = []
    if element.text:
        out.append(element.text)
    for child in element:
        if not isinstance(child.tag, str):  # a comment or processing instruction
            pass
        elif etree.QName(child).localname == "mrk":
            out.extend(_read(child, sent_for))
        elif etree.QName(child).localname == "cp":
            out.append(chr(int(child.get("hex", "0"), 16)))
        else:
            sent = sent_for(child)
            if sent is None:
                raise InlineError(f"<{etree.QName(child).localname}> is not a code duopress wrote; keep the "
                                  "codes of the source as they are", child.sourceline or 0)
            if sent.paired:
                sent.children = _read(child, sent_for)
            out.append(sent)
        if child.tail:
            out.append(child.tail)
    return out


def read_po(text: str) -> list:
    """A PO string's words and tags (see the module docstring)."""
    try:
        root = etree.fromstring(f"<r>{text}</r>".encode(), safe_parser())
    except etree.XMLSyntaxError as exc:
        raise InlineError(f"the tags do not read: {exc.msg}; write < as &lt; and & as &amp;") from None
    return _read(root, _po_sent)


def _po_sent(child) -> Sent | None:
    match = _PO_TAG.fullmatch(etree.QName(child).localname)
    if match is None or match.group(1) not in _BY_PO_TAG or child.attrib:
        return None
    kind = _BY_PO_TAG[match.group(1)]
    paired = len(child) > 0 or bool(child.text) or kind in (BOLD, EMPH, SUP, LINK, NOTE)
    return Sent(match.group(2), kind, paired)


def serialize(root, leaves: set[str]) -> bytes:
    """The document indented for people, without touching the words: whitespace goes only between
    structural elements, never inside ``leaves`` (source, target, note…), whose content is the text."""
    _indent(root, leaves, 0)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def _indent(element, leaves: set[str], level: int) -> None:
    if etree.QName(element).localname in leaves or len(element) == 0:
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in element:
        _indent(child, leaves, level + 1)
        child.tail = pad
    element[-1].tail = "\n" + "  " * level
