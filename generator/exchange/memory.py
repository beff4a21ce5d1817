"""The whole outline as a translation memory (TMX 1.4b) and its glossary as a termbase (TBX, martif).

Every text is one ``<tu>`` with a ``<tuv>`` per language whose translation is current: a stale translation
(its source changed since it was accepted) would teach a memory a wrong pair, so it is left out. Codes are
TMX's ``<ph>`` and ``<bpt>``/``<ept>``, numbered as in the XLIFF so a memory matches them.
"""

from __future__ import annotations

from lxml import etree

from ..checks.stale import lock_entries, lock_path_for, translation_state
from ..outline.model import Outline
from ..outline.walk import all_texts
from ..version import __version__
from .codes import Piece, align, decode
from .inline import serialize
from .units import _RAW, source_language, stable_id

_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tmx(outline: Outline) -> bytes:
    source = source_language(outline)
    entries = lock_entries(lock_path_for(outline.path))
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {"creationtool": "duopress", "creationtoolversion": __version__,
                                      "segtype": "paragraph", "o-tmf": "duopress", "adminlang": "en",
                                      "srclang": source, "datatype": "plaintext"})
    body = etree.SubElement(root, "body")
    for text in all_texts(outline):
        current = [lang for lang in outline.languages if lang != source and text.by_lang.get(lang)
                   and translation_state(entries, text, source, lang) != "stale"]
        if not text.by_lang.get(source) or not current:
            continue
        raw = bool(_RAW.search(text.path))
        label = text.path.startswith("labels.")
        source_content = decode(text[source], raw, label)
        unit = etree.SubElement(body, "tu", tuid=stable_id(outline, text.path))
        etree.SubElement(unit, "prop", type="x-duopress-path").text = text.path
        for lang in (source, *current):
            content = source_content if lang == source else align(decode(text[lang], raw, label), source_content)
            variant = etree.SubElement(unit, "tuv")
            variant.set(_LANG, lang)
            _segment(etree.SubElement(variant, "seg"), content.pieces)
    return serialize(root, {"seg", "prop"})


def _segment(seg, pieces: list[Piece]) -> None:
    """Words and codes into ``seg``: standalone codes as ``<ph>``, paired ones as ``<bpt>``…``<ept>``."""
    last = None
    for piece in _flat(pieces):
        if isinstance(piece, str):
            if last is None:
                seg.text = (seg.text or "") + piece
            else:
                last.tail = (last.tail or "") + piece
            continue
        name, attributes, markup = piece
        last = etree.SubElement(seg, name, attributes)
        last.text = markup


def _flat(pieces: list[Piece]):
    for piece in pieces:
        if isinstance(piece, str):
            yield piece
            continue
        code = piece.code
        if piece.children is None:
            yield ("ph", {"x": code.id, "type": code.kind}, code.open)
            continue
        yield ("bpt", {"i": code.id, "x": code.id, "type": code.kind}, code.open)
        yield from _flat(piece.children)
        yield ("ept", {"i": code.id}, code.close)


def tbx(outline: Outline) -> bytes:
    """The glossary: one concept per entry, a term per language, the entry's note as its definition."""
    source = source_language(outline)
    root = etree.Element("martif", type="TBX")
    root.set(_LANG, source)
    header = etree.SubElement(etree.SubElement(root, "martifHeader"), "fileDesc")
    etree.SubElement(etree.SubElement(header, "sourceDesc"), "p").text = f"duopress glossary of {outline.path}"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for index, entry in enumerate(outline.glossary):
        concept = etree.SubElement(body, "termEntry", id=f"glossary.{index}")
        if entry.note is not None and entry.note.by_lang.get(source):
            etree.SubElement(concept, "descrip", type="definition").text = entry.note[source]
        for lang in outline.languages:
            term = entry.terms.by_lang.get(lang)
            if term:
                lang_set = etree.SubElement(concept, "langSet")
                lang_set.set(_LANG, lang)
                etree.SubElement(etree.SubElement(lang_set, "tig"), "term").text = term
    return serialize(root, {"term", "descrip", "p"})
