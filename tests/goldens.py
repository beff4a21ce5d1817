"""What users get, as reviewable text: each artifact normalised for the golden references in tests/goldens/.

A deck becomes its slides', charts' and notes' XML in slide order, pretty-printed, with the ids that say nothing
about what a reader sees dropped (shape ids, relationship ids, chart axis ids); a PDF becomes `pdftotext -layout`
page by page; the manifest keeps each artifact's name, size-free status and warnings. fpdf2's golden PDFs and
Pelican's golden folders are the model: compare text, review a change as a `git diff`.
"""

from __future__ import annotations

import io
import json
import posixpath
import subprocess
import zipfile
from pathlib import Path

from lxml import etree

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
# Attributes that only wire parts together or number shapes: a new slide before them renumbers them all.
_VOLATILE = {f"{{{_R}}}id", f"{{{_R}}}embed", f"{{{_R}}}link", f"{{{_R}}}pict"}
_VOLATILE_VAL = {"axId", "crossAx"}  # c:axId val, c:crossAx val: chart axis ids, arbitrary numbers


def normalise_deck(data: bytes) -> str:
    """Every slide in order, each followed by its charts and notes, as pretty-printed XML."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        out = [f"# deck: {len(_slide_order(package))} slides\n"]
        for number, slide in enumerate(_slide_order(package), 1):
            out.append(f"\n# slide {number}: {slide}\n")
            out.append(_pretty(package.read(slide)))
            for kind, part in _related(package, slide):
                out.append(f"\n# slide {number} {kind}: {posixpath.basename(part)}\n")
                out.append(_pretty(package.read(part)))
    return "".join(out)


def _slide_order(package: zipfile.ZipFile) -> list[str]:
    presentation = etree.fromstring(package.read("ppt/presentation.xml"))
    targets = _targets(package, "ppt/presentation.xml")
    return [targets[sld.get(f"{{{_R}}}id")] for sld in presentation.iter(f"{{{_P}}}sldId")]


def _related(package: zipfile.ZipFile, part: str) -> list[tuple[str, str]]:
    """The charts and notes a slide points at (layouts and media say nothing a diff should review)."""
    rels = _rels(package, part)
    found = []
    for rel in rels:
        kind = rel.get("Type").rsplit("/", 1)[-1]
        if kind in {"chart", "notesSlide"}:
            found.append((kind, _resolve(part, rel.get("Target"))))
    return sorted(found)


def _targets(package: zipfile.ZipFile, part: str) -> dict[str, str]:
    return {rel.get("Id"): _resolve(part, rel.get("Target")) for rel in _rels(package, part)}


def _rels(package: zipfile.ZipFile, part: str) -> list:
    folder, name = posixpath.split(part)
    path = posixpath.join(folder, "_rels", name + ".rels")
    if path not in package.namelist():
        return []
    return list(etree.fromstring(package.read(path)).iter(f"{{{_REL}}}Relationship"))


def _resolve(part: str, target: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))


def _pretty(xml: bytes) -> str:
    root = etree.fromstring(xml)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name in list(element.attrib):
            if name in _VOLATILE:
                del element.attrib[name]
        local = etree.QName(element).localname
        if local == "cNvPr" and "id" in element.attrib:
            del element.attrib["id"]
        if local in _VOLATILE_VAL:
            element.attrib.pop("val", None)
        if local in {"stCxn", "endCxn"}:
            element.attrib.pop("id", None)
    etree.indent(root, space=" ")
    return etree.tostring(root, encoding="unicode") + "\n"


def normalise_pdf(path: Path) -> str:
    """`pdftotext -layout`, page by page, trailing spaces dropped."""
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    out = [f"# pdf: {len(pages)} pages\n"]
    for number, page in enumerate(pages, 1):
        lines = [line.rstrip() for line in page.splitlines()]
        while lines and not lines[-1]:
            lines.pop()
        out.append(f"\n# page {number}\n" + "".join(line + "\n" for line in lines))
    return "".join(out)


def normalise_manifest(path: Path) -> str:
    """The manifest without digests: which artifacts were written, with which warnings."""
    artifacts = json.loads(path.read_text(encoding="utf-8"))["artifacts"]
    shown = {name: {"warnings": entry.get("warnings", [])} for name, entry in sorted(artifacts.items())}
    text = json.dumps(shown, ensure_ascii=False, indent=1) + "\n"
    return text.replace(str(ROOT) + "/", "")  # where the checkout lives is not what users get


ROOT = Path(__file__).resolve().parent.parent
