"""Tagged PDF, the writing side: the structure tree ``tagging.Tagger`` built, written into the finished PDF.

Why a pass after reportlab rather than reportlab's own objects: reportlab's page object writes a fixed
list of keys (no ``/StructParents``, no ``/Tabs``) and its annotations are numbered only when the file
is written, so a tree built inside reportlab would have to subclass its page and document objects. pikepdf
(on qpdf) opens the finished file, where every page and annotation is a real object, adds the tree, the
parent tree, ``/MarkInfo``, the XMP metadata with the PDF/UA identification and the tab order, and
saves with deterministic output (streams are copied, not recompressed). The cost is measured in
``benchmarks/bench.py`` (``tagging``).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .tagging import Annot, Content, Node, Tagger


@dataclass(frozen=True)
class Meta:
    """What the XMP packet says: the document's title, author, subject, language and dates."""

    title: str
    author: str
    subject: str
    lang: str  # BCP 47
    clock: dt.datetime
    producer: str


def finish(data: bytes, tagger: Tagger, meta: Meta) -> bytes:
    """``data`` (reportlab's PDF, drawn on a ``TaggedCanvas``) with its structure tree and metadata."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        _Writer(pdf, tagger).write()
        root = pdf.Root
        root.MarkInfo = Dictionary(Marked=True)
        root.Metadata = pdf.make_stream(xmp(meta).encode("utf-8"), Type=Name.Metadata, Subtype=Name.XML)
        root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


class _Writer:
    """Makes the StructElem objects, the ParentTree and each page's and annotation's back references."""

    def __init__(self, pdf: pikepdf.Pdf, tagger: Tagger):
        self.pdf, self.tagger = pdf, tagger
        self.pages = [page.obj for page in pdf.pages]
        self.by_mcid: list[list[pikepdf.Object | None]] = [[None] * n for n in tagger.mcids]
        self.annot_keys: list[tuple[int, pikepdf.Object]] = []
        self.ids: set[str] = set()

    def write(self) -> None:
        root = self.pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        document = self._element(self.tagger.root, root)
        root.K = Array([document]) if document is not None else Array()
        for index, page in enumerate(self.pages):
            page.Tabs = Name.S  # tab order follows the structure
            if index < len(self.by_mcid):
                page.StructParents = index
        nums: list = []
        for index, elements in enumerate(self.by_mcid):
            nums += [index, self.pdf.make_indirect(Array(elements))]
        for key, element in self.annot_keys:
            nums += [key, element]
        root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=Array(nums)))
        root.ParentTreeNextKey = len(self.by_mcid) + len(self.annot_keys)
        self.pdf.Root.StructTreeRoot = root

    def _element(self, node: Node, parent: pikepdf.Object) -> pikepdf.Object | None:
        if not self._has_content(node):
            return None  # made but never drawn (a part of a figure that did not print)
        element = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + node.role), P=parent))
        for key, value in node.attrs.items():
            if key == "Scope":
                element.A = Dictionary(O=Name.Table, Scope=Name("/" + value))
            elif key == "ID":
                element.ID = String(value)
            else:
                element[Name("/" + key)] = String(value)
        kids = Array()
        page_of_element = next((k.page for k in node.kids if isinstance(k, Content)), None)
        for kid in node.kids:
            if isinstance(kid, Node):
                child = self._element(kid, element)
                if child is not None:
                    kids.append(child)
            elif isinstance(kid, Content):
                self.by_mcid[kid.page][kid.mcid] = element
                # an MCID alone on the element's own page (/Pg), a marked-content reference on another
                kids.append(kid.mcid if kid.page == page_of_element
                            else Dictionary(Type=Name.MCR, Pg=self.pages[kid.page], MCID=kid.mcid))
            elif isinstance(kid, Annot):
                kids.append(self._annotation(kid, element))
        if page_of_element is not None:
            element.Pg = self.pages[page_of_element]
        # One kid is written as itself, not in an array (pdfua 0.1.3 cannot read a heading's /K array)
        element.K = kids[0] if len(kids) == 1 else kids
        return element

    def _annotation(self, kid: Annot, element: pikepdf.Object) -> Dictionary:
        annot = self.pages[kid.page].Annots[kid.index]
        key = len(self.by_mcid) + len(self.annot_keys)
        annot.StructParent = key
        annot.Contents = String(kid.contents)
        self.annot_keys.append((key, element))
        if "/Alt" not in element and kid.contents:
            element.Alt = String(kid.contents)
        return Dictionary(Type=Name.OBJR, Pg=self.pages[kid.page], Obj=annot)

    def _has_content(self, node: Node) -> bool:
        return any(isinstance(k, (Content, Annot)) or (isinstance(k, Node) and self._has_content(k))
                   for k in node.kids)


def xmp(meta: Meta) -> str:
    """The XMP packet: Dublin Core title, creator, description and language, the dates of the build
    clock, and ``pdfuaid:part 1``. Written by hand so that its bytes depend on nothing but ``meta``."""
    stamp = meta.clock.astimezone(dt.UTC) if meta.clock.tzinfo else meta.clock
    date = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")

    def alt(text: str) -> str:
        return (f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>')

    creator = f"<dc:creator><rdf:Seq><rdf:li>{escape(meta.author)}</rdf:li></rdf:Seq></dc:creator>" \
        if meta.author else ""
    subject = f"<dc:description>{alt(meta.subject)}</dc:description>" if meta.subject else ""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
        'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
        f"<dc:format>application/pdf</dc:format><dc:title>{alt(meta.title)}</dc:title>{creator}{subject}"
        f"<dc:language><rdf:Bag><rdf:li>{escape(meta.lang)}</rdf:li></rdf:Bag></dc:language>"
        f"<xmp:CreateDate>{date}</xmp:CreateDate><xmp:ModifyDate>{date}</xmp:ModifyDate>"
        f"<xmp:MetadataDate>{date}</xmp:MetadataDate><xmp:CreatorTool>{escape(meta.producer)}</xmp:CreatorTool>"
        "<pdfuaid:part>1</pdfuaid:part>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
