"""XLIFF 1.2: the version every CAT tool reads (the default of ``duopress export``)."""

from __future__ import annotations

from lxml import etree

from ..version import __version__
from .incoming import Incoming, TranslationFile
from .inline import XLIFF1, read_xliff1, serialize, write_xliff1
from .notes import unit_notes
from .units import Catalog

# The unit's state as XLIFF 1.2 names it (on <target>); reviewed units are approved too.
STATES = {"new": "new", "stale": "needs-review-translation", "translated": "translated", "reviewed": "signed-off"}
_NOT_DONE = {"new", "needs-translation", "needs-adaptation", "needs-l10n", "needs-review-translation",
             "needs-review-adaptation", "needs-review-l10n"}
# What the file says of a unit's state, to tell a state the translator changed from the one exported.
MARKERS = {state: STATES[state] + ("+approved" if state in ("translated", "reviewed") else "") for state in STATES}
_X = f"{{{XLIFF1}}}"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def write(catalog: Catalog) -> bytes:
    root = etree.Element(_X + "xliff", version="1.2", nsmap={None: XLIFF1})
    file = etree.SubElement(root, _X + "file", original=catalog.outline.path, datatype="plaintext")
    file.set("source-language", catalog.source)
    file.set("target-language", catalog.target)
    header = etree.SubElement(file, _X + "header")
    etree.SubElement(header, _X + "tool", {"tool-id": "duopress", "tool-name": "duopress",
                                           "tool-version": __version__})
    body = etree.SubElement(file, _X + "body")
    for unit in catalog.units:
        element = etree.SubElement(body, _X + "trans-unit", id=unit.id, resname=unit.path,
                                   extradata=f"duopress-source:{unit.source_print}")
        element.set(_SPACE, "preserve")
        if unit.state in ("translated", "reviewed"):  # usable, as translate-toolkit, Okapi and Weblate read it
            element.set("approved", "yes")
        source = etree.SubElement(element, _X + "source")
        source.set(_LANG, unit.source)
        write_xliff1(source, unit.source_content.pieces)
        target = etree.SubElement(element, _X + "target", state=STATES[unit.state])
        target.set(_LANG, unit.target)
        if unit.target_content is not None:
            write_xliff1(target, unit.target_content.pieces)
        group = etree.SubElement(element, _X + "context-group", purpose="location")
        etree.SubElement(group, _X + "context", {"context-type": "sourcefile"}).text = unit.source_span.file
        etree.SubElement(group, _X + "context", {"context-type": "linenumber"}).text = str(unit.source_span.line)
        for category, text in unit_notes(catalog.outline, unit):
            etree.SubElement(element, _X + "note", {"from": "duopress", "annotates": "general"}).text = \
                f"{category}: {text}" if category == "location" else text
    return serialize(root, {"source", "target", "note", "context"})


def read(root, path: str) -> TranslationFile:
    units = []
    source_lang = target_lang = None
    for file in root.iter(_X + "file"):
        source_lang = source_lang or file.get("source-language")
        target_lang = target_lang or file.get("target-language")
        for element in file.iter(_X + "trans-unit"):
            units.append(_unit(element))
    return TranslationFile(path, "xliff", source_lang, target_lang, units, MARKERS)


def _unit(element) -> Incoming:
    source = element.find(_X + "source")
    target = element.find(_X + "target")
    sent_target = read_xliff1(target) if target is not None else None
    state = target.get("state") if target is not None else None
    approved = element.get("approved") == "yes"
    done = approved or state not in _NOT_DONE
    extradata = element.get("extradata") or ""
    fingerprint = extradata.split(":", 1)[1] if extradata.startswith("duopress-source:") else None
    return Incoming(element.get("id", ""), read_xliff1(source) if source is not None else [], sent_target,
                    done, element.sourceline or 0, fingerprint, f"{state}{'+approved' if approved else ''}")
