"""Reading a tagged PDF back for the accessibility tests: the page's text objects with their marks
(pdfium), the structure tree in order (pikepdf), and pdfua's verdict."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw

TEXT, FORM = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_FORM


@dataclass(frozen=True)
class Mark:
    name: str
    mcid: int | None
    lang: str | None


@dataclass(frozen=True)
class Piece:
    """A text object as drawn: its page (0-based), text and the marked-content sequences around it (for
    text inside a form XObject, those around the form)."""

    page: int
    text: str
    marks: tuple[Mark, ...]

    @property
    def artifact(self) -> bool:
        return any(m.name == "Artifact" for m in self.marks)

    @property
    def mcid(self) -> int | None:
        return next((m.mcid for m in self.marks if m.mcid is not None), None)

    @property
    def lang(self) -> str | None:
        return next((m.lang for m in reversed(self.marks) if m.lang), None)


def _utf16(function, *args) -> str | None:
    size = ctypes.c_ulong()
    if not function(*args, None, 0, ctypes.byref(size)):
        return None
    buffer = (ctypes.c_ushort * (size.value // 2 + 1))()
    function(*args, buffer, size.value, ctypes.byref(size))
    return bytes(buffer)[: size.value].decode("utf-16-le").rstrip("\x00")


def _marks(obj) -> tuple[Mark, ...]:
    out = []
    for index in range(raw.FPDFPageObj_CountMarks(obj.raw)):
        mark = raw.FPDFPageObj_GetMark(obj.raw, index)
        mcid = ctypes.c_int()
        has_mcid = raw.FPDFPageObjMark_GetParamIntValue(mark, b"MCID", ctypes.byref(mcid))
        out.append(Mark(_utf16(raw.FPDFPageObjMark_GetName, mark) or "", mcid.value if has_mcid else None,
                        _utf16(raw.FPDFPageObjMark_GetParamStringValue, mark, b"Lang")))
    return tuple(out)


def _text(obj, textpage) -> str:
    size = raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
    buffer = (ctypes.c_ushort * size)()
    raw.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, size)
    return bytes(buffer)[: 2 * size].decode("utf-16-le").rstrip("\x00")


def pieces(path: Path) -> list[Piece]:
    """Every text object of every page in content order (a form's text with the form's marks)."""
    out: list[Piece] = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for number in range(len(pdf)):
            page = pdf[number]
            textpage = page.get_textpage()
            outer: tuple[Mark, ...] = ()
            for obj in page.get_objects(max_depth=3):
                if obj.level == 0:
                    outer = _marks(obj)
                if obj.type == TEXT:
                    marks = _marks(obj) if obj.level == 0 else outer
                    out.append(Piece(number, _text(obj, textpage), marks))
    finally:
        pdf.close()
    return out


@dataclass
class Element:
    role: str
    attrs: dict[str, str]
    content: list[tuple[int, int]]  # (page index, MCID) of its own content, in order
    kids: list[Element]
    annots: list[tuple[int, int]]  # the annotations (object number, generation) it holds

    def walk(self):
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def mcids(self):
        """Every content item under this element, in tree order."""
        for element in self.walk():
            yield from element.content


def tree(path: Path) -> Element:
    """The structure tree, read with pikepdf (the objects resolved to plain data)."""
    with pikepdf.open(path) as pdf:
        pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        root = pdf.Root.StructTreeRoot
        kids = root.K if isinstance(root.K, pikepdf.Array) else [root.K]
        return Element("StructTreeRoot", {}, [], [_element(k, pages) for k in kids], [])


def _element(node, pages) -> Element:
    page = pages.get(node.Pg.objgen) if "/Pg" in node else None
    attrs = {str(k)[1:]: str(v) for k, v in node.items() if k in ("/Alt", "/Lang", "/ID", "/ActualText")}
    if "/A" in node and "/Scope" in node.A:
        attrs["Scope"] = str(node.A.Scope)[1:]
    element = Element(str(node.S)[1:], attrs, [], [], [])
    kids = node.K if isinstance(node.K, pikepdf.Array) else [node.K]
    for kid in kids:
        if isinstance(kid, int):
            element.content.append((page, int(kid)))
        elif kid.get("/Type") == "/MCR":
            element.content.append((pages[kid.Pg.objgen], int(kid.MCID)))
        elif kid.get("/Type") == "/OBJR":
            element.annots.append(kid.Obj.objgen)
        else:
            element.kids.append(_element(kid, pages))
    return element


def pdfua_findings(path: Path) -> list[str]:
    """pdfua's findings and the rules it could not evaluate, one line each (none: clean)."""
    from pdfua import validate

    report = validate(str(path))
    out = [f"{f.rule_id} {f.severity.name} p{f.location.page}: {f.message}" for f in report.findings]
    out += [f"{o.rule_id} skipped: {o.skipped_reason}" for o in report.outcomes if o.skipped_reason]
    return out


def pdf_lang(path: Path) -> str:
    """The catalog's /Lang (the catalog of a tagged PDF is in an object stream: not greppable)."""
    with pikepdf.open(path) as pdf:
        return str(pdf.Root.Lang)


def pdf_info(path: Path) -> dict[str, str]:
    """The Info dictionary (in an object stream too)."""
    with pikepdf.open(path) as pdf:
        return {str(k): str(v) for k, v in pdf.docinfo.items()}
