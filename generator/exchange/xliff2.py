"""XLIFF 2.0 (OASIS, 2014): notes at unit level before the segment (where Phrase reads them), codes as
``<ph>``/``<pc>`` with their markup in ``<originalData>``; valid against xliff_core_2.0.xsd."""

from __future__ import annotations

from lxml import etree

from .incoming import Incoming, TranslationFile
from .inline import OURS, XLIFF2, original_data, read_xliff2, serialize, write_xliff2
from .notes import unit_notes
from .units import Catalog

STATES = {"new": "initial", "stale": "initial", "translated": "translated", "reviewed": "reviewed"}
MARKERS = {state: STATES[state] + ("+dp:stale" if state == "stale" else "") for state in STATES}
_X = f"{{{XLIFF2}}}"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def write(catalog: Catalog) -> bytes:
    root = etree.Element(_X + "xliff", version="2.0", srcLang=catalog.source, trgLang=catalog.target,
                         nsmap={None: XLIFF2, "dp": OURS})
    file = etree.SubElement(root, _X + "file", id="f1", original=catalog.outline.path)
    for unit in catalog.units:
        element = etree.SubElement(file, _X + "unit", id=unit.id, name=unit.path)
        element.set(f"{{{OURS}}}source", unit.source_print)
        element.set(f"{{{OURS}}}state", unit.state)
        notes = etree.SubElement(element, _X + "notes")
        for category, text in unit_notes(catalog.outline, unit):
            etree.SubElement(notes, _X + "note", category=category).text = text
        data = original_data(unit.source_content.pieces)
        if unit.target_content is not None:
            data += [entry for entry in original_data(unit.target_content.pieces) if entry not in data]
        if data:
            original = etree.SubElement(element, _X + "originalData")
            for ident, markup in data:
                entry = etree.SubElement(original, _X + "data", id=ident)
                entry.set(_SPACE, "preserve")
                entry.text = markup
        segment = etree.SubElement(element, _X + "segment", state=STATES[unit.state])
        if unit.state == "stale":
            segment.set("subState", "dp:stale")
        source = etree.SubElement(segment, _X + "source")
        source.set(_SPACE, "preserve")
        write_xliff2(source, unit.source_content.pieces)
        if unit.target_content is not None:
            target = etree.SubElement(segment, _X + "target")
            target.set(_SPACE, "preserve")
            write_xliff2(target, unit.target_content.pieces)
    return serialize(root, {"source", "target", "note", "data"})


def read(root, path: str) -> TranslationFile:
    units = [_unit(element) for element in root.iter(_X + "unit")]
    return TranslationFile(path, "xliff2", root.get("srcLang"), root.get("trgLang"), units, MARKERS)


def _unit(element) -> Incoming:
    """A unit's segments (a tool may have split it) and ignorables joined again, in order."""
    source: list = []
    target: list = []
    has_target, done, markers = False, True, []
    for part in element:
        if not isinstance(part.tag, str) or etree.QName(part).localname not in ("segment", "ignorable"):
            continue
        source += read_xliff2(part.find(_X + "source"))
        found = part.find(_X + "target")
        if found is not None:
            has_target = True
            target += read_xliff2(found)
        if etree.QName(part).localname == "segment":
            state = part.get("state", "initial")
            done = done and state != "initial"
            markers.append(state + (f"+{part.get('subState')}" if part.get("subState") else ""))
    return Incoming(element.get("id", ""), source, target if has_target else None, done,
                    element.sourceline or 0, element.get(f"{{{OURS}}}source"), " ".join(sorted(set(markers))))
