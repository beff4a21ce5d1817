"""Tagged PDF, the drawing side: a structure tree built while the pages are drawn, and marked content.

reportlab (up to 5.1) writes no structure tree. What it does write is whatever the canvas is given, so
``TaggedCanvas`` — duopress's own canvas class, used for one render at a time — wraps each piece of
content in a marked-content sequence (``/P <</MCID 3>> BDC … EMC``) that belongs to a ``Node`` of the
tree, wraps decoration in ``/Artifact … EMC``, marks text in a script of another language with
``/Span <</Lang (en)>>``, and remembers each link annotation with the node that drew it. The tree
itself is written after the PDF, by ``structure.finish`` (pikepdf).

Nodes are made where the story is built, but join their parent only when their first content is
drawn: the tree's order is the order content is drawn in, which for one flowing column is the order
it is read in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Frame, Table
from reportlab.platypus.tables import TableRenderCB

from ...localize.scripts import script_of


@dataclass(frozen=True)
class Content:
    """A marked-content sequence: page index (0-based) and its MCID on that page."""

    page: int
    mcid: int


@dataclass(frozen=True)
class Annot:
    """A link annotation: page index and its place among that page's annotations; ``contents`` describes it."""

    page: int
    index: int
    contents: str


@dataclass(eq=False)
class Node:
    """A structure element: its standard role (``P``, ``H2``, ``Table``, ``LI``…), its attributes
    (``Alt``, ``Lang``, ``ID``, ``Scope``) and its kids in reading order."""

    role: str
    parent: Node | None = None
    attrs: dict[str, str] = field(default_factory=dict)
    kids: list[Node | Content | Annot] = field(default_factory=list)
    attached: bool = False
    labelled: bool = False  # an LI or Note whose paragraph's bullet is its Lbl
    _parts: dict[str, Node] = field(default_factory=dict)

    def __deepcopy__(self, memo) -> Node:
        # reportlab deep-copies flowables (a table's cells when it splits a row, kept-together groups):
        # the copy is the same element of the one tree, never a copy of the tree from its root
        return self

    def __copy__(self) -> Node:
        return self

    def child(self, role: str, **attrs: str) -> Node:
        return Node(role, self, dict(attrs))

    def attach(self) -> list[Node]:
        """Join the parent (and it its own) at the end of its kids: called when content is first drawn.
        Returns the nodes that joined, outermost first."""
        if self.attached or self.parent is None:
            return []
        joined = self.parent.attach()
        self.parent.kids.append(self)
        self.attached = True
        return [*joined, self]

    def detach(self) -> None:
        """Undo ``attach`` (content that found no room on the page after all)."""
        assert self.parent is not None and self.parent.kids[-1] is self
        self.parent.kids.pop()
        self.attached = False

    def part(self, role: str) -> Node:
        """The one child of ``role`` (an LI's Lbl and LBody), made on first use."""
        if role not in self._parts:
            self._parts[role] = self.child(role)
        return self._parts[role]


ARTIFACT = Node("Artifact")  # the node of decoration: rules, backgrounds, running heads


def tag(flowable, node: Node | None):
    """``flowable`` marked as ``node``'s content (reportlab's Drawing refuses unknown attributes: set the dict)."""
    flowable.__dict__["_a11y"] = node
    return flowable


def node_of(flowable) -> Node | None:
    return flowable.__dict__.get("_a11y") if hasattr(flowable, "__dict__") else None


Describe = Callable[[str, str], str]  # (kind "url" | "dest", target) → the link's description


class Tagger:
    """The tree being built and the marked-content sequences of the page being drawn."""

    def __init__(self, languages: Mapping[str, str], describe: Describe, root: Node | None = None):
        self.root = root if root is not None else Node("Document", attached=True)
        self.languages = languages  # script → language tag, for scripts not the document's own
        self.describe = describe
        self.mcids: list[int] = []  # per page: MCIDs used
        self.annots: list[int] = []  # per page: annotations added
        self.open: list[tuple[Node, int, list[Node]]] = []  # the open sequence: node, MCID, nodes it attached
        self.label_pending = False  # the open sequence is an Lbl, closed after the bullet's text
        self.note_homes: dict[str, Node] = {}  # a footnote's ID → the element whose text holds its marker

    def home_note(self, note: Node) -> Node:
        """A footnote set at the foot of the page is read where its marker is: it becomes a child of the
        element holding the marker (Note is an inline element), after the marker's Reference."""
        home = self.note_homes.get(note.attrs.get("ID", ""))
        if home is not None and not note.attached:
            note.parent = home
        return note


class TaggedCanvas(Canvas):
    """A canvas that marks what it draws for the tree in ``self.tagger`` (see the module docstring)."""

    tagger: Tagger

    # -- pages ---------------------------------------------------------------------------------
    def _page(self) -> int:
        page = self.getPageNumber() - 1
        while len(self.tagger.mcids) <= page:
            self.tagger.mcids.append(0)
            self.tagger.annots.append(0)
        return page

    # -- marked content --------------------------------------------------------------------------
    def begin(self, node: Node, *, label: bool = False) -> int:
        """Open ``node``'s marked content (an artifact for ARTIFACT); returns where the code stood, for
        ``end``. ``label``: the first text drawn is the node's Lbl (a bullet), the rest its body."""
        start = len(self._code)
        if node is ARTIFACT:
            self._code.append("/Artifact BMC")
            self.tagger.open.append((node, -1, []))
            return start
        if node.labelled:
            if label:
                self._open(node.part("Lbl"))
                self.tagger.label_pending = True
                return start
            node = node.part("LBody" if node.role == "LI" else "P")
        self._open(node)
        return start

    def _open(self, node: Node) -> None:
        assert not self.tagger.open, "marked-content sequences with an MCID never nest"
        page = self._page()
        mcid = self.tagger.mcids[page]
        self.tagger.mcids[page] += 1
        self._code.append(f"/{node.role} <</MCID {mcid}>> BDC")
        joined = node.attach()
        node.kids.append(Content(page, mcid))
        self.tagger.open.append((node, mcid, joined))

    def end(self, start: int, placed: bool = True) -> None:
        """Close what ``begin`` opened; ``placed=False`` takes back its code (a frame that found no room)."""
        node, mcid, joined = self.tagger.open.pop()
        self.tagger.label_pending = False
        if placed:
            self._code.append("EMC")
            return
        del self._code[start:]
        if mcid >= 0:
            self.tagger.mcids[self._page()] -= 1
            node.kids.pop()
            for joined_node in reversed(joined):
                joined_node.detach()

    def artifact(self, draw: Callable[[], None], kind: str = "") -> None:
        """``draw()`` as an artifact (``kind``: Pagination, Layout, Background); nested in content it
        closes nothing, since an artifact inside a tagged sequence is still an artifact."""
        props = f" <</Type /{kind}>> BDC" if kind else " BMC"
        self._code.append("/Artifact" + props)
        draw()
        self._code.append("EMC")

    # -- text: the Lbl of a bullet, and spans in another language --------------------------------
    def beginText(self, x=0, y=0, direction=None):
        return SpanText(self, x, y, direction=direction)

    def drawText(self, aTextObject):
        super().drawText(aTextObject)
        if self.tagger.label_pending:  # the bullet was drawn: the rest is the item's body
            self.tagger.label_pending = False
            lbl, _, _ = self.tagger.open.pop()
            self._code.append("EMC")
            assert lbl.parent is not None
            owner = lbl.parent
            self._open(owner.part("LBody" if owner.role == "LI" else "P"))

    # -- links ----------------------------------------------------------------------------------
    def linkURL(self, url, rect, relative=0, thickness=0, color=None, dashArray=None, kind="URI", **kw):
        self._link_target = ("url", str(url))
        return super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)

    def linkRect(self, contents, destinationname, Rect=None, addtopage=1, name=None, relative=1,
                 thickness=0, color=None, dashArray=None, **kw):
        self._link_target = ("dest", str(destinationname))
        return super().linkRect(contents, destinationname, Rect, addtopage, name, relative, thickness, color,
                                dashArray, **kw)

    def _addAnnotation(self, annotation, name=None, addtopage=1):
        super()._addAnnotation(annotation, name, addtopage)
        if not addtopage:
            return
        kind, target = self.__dict__.pop("_link_target", ("dest", ""))
        page = self._page()
        index = self.tagger.annots[page]
        self.tagger.annots[page] += 1
        owner = self.tagger.open[-1][0] if self.tagger.open else self.tagger.root
        if owner is ARTIFACT or owner.role == "Lbl":
            owner = self.tagger.root
        if kind == "dest" and target.startswith(("fn-", "ref-")):  # a footnote's marker, a citation
            if target.startswith("fn-"):
                self.tagger.note_homes.setdefault(target, owner)
            owner = owner.child("Reference")
        link = owner.child("Link")
        link.attach()
        link.kids.append(Annot(page, index, self.tagger.describe(kind, target)))


class SpanText(PDFTextObject):
    """A text object whose text in another script than the document's is a ``/Span`` with that ``/Lang``
    (an English term in Korean text), so a screen reader switches voice there."""

    def _textOut(self, text, TStar=0):
        lang = self._lang_of(text)
        if lang:
            self._code.append(f"/Span <</Lang ({lang})>> BDC")
        super()._textOut(text, TStar)
        if lang:
            self._code.append("EMC")

    def textLine(self, text=""):
        lang = self._lang_of(text)
        if lang:
            self._code.append(f"/Span <</Lang ({lang})>> BDC")
        super().textLine(text)
        if lang:
            self._code.append("EMC")

    def textOut(self, text):
        lang = self._lang_of(text)
        if lang:
            self._code.append(f"/Span <</Lang ({lang})>> BDC")
        super().textOut(text)
        if lang:
            self._code.append("EMC")

    def _lang_of(self, text: str) -> str:
        languages = self._canvas.tagger.languages
        if not languages:
            return ""
        for char in text:
            script = script_of(char)
            if script is not None:
                return languages.get(script, "")
        return ""


def tagged_canvas_class(base: type[Canvas], tagger: Tagger) -> type[Canvas]:
    """``base`` (a Canvas subclass) that tags for ``tagger``: a class per render, nothing process-wide."""
    return type("Tagged" + base.__name__, (TaggedCanvas, base), {"tagger": tagger})


def drawing(canv, node: Node | None, draw: Callable[[], None], *, label: bool = False) -> None:
    """``draw()`` as ``node``'s content on ``canv`` (untagged on a plain canvas, or with no node)."""
    if node is None or not isinstance(canv, TaggedCanvas):
        draw()
        return
    start = canv.begin(node, label=label)
    draw()
    canv.end(start)


def artifact(canv, draw: Callable[[], None], kind: str = "") -> None:
    if isinstance(canv, TaggedCanvas):
        canv.artifact(draw, kind)
    else:
        draw()


class TagFrame(Frame):
    """A frame that draws each flowable it places as its node's content, and gives the parts of a
    split flowable the node of the whole (a paragraph over a page break is one P)."""

    def add(self, flowable, canv, trySplit=0):
        node = node_of(flowable)
        if node is None or isinstance(flowable, Table) or not isinstance(canv, TaggedCanvas):
            return super().add(flowable, canv, trySplit)  # a table tags its own cells (TableTags)
        start = canv.begin(node, label=bool(getattr(flowable, "bulletText", None)))
        placed = super().add(flowable, canv, trySplit)
        canv.end(start, placed=bool(placed))
        return placed

    def split(self, flowable, canv):
        parts = super().split(flowable, canv)
        node = node_of(flowable)
        if node is not None:
            for part in parts:
                if node_of(part) is None:
                    tag(part, node)
        return parts


class TableTags(TableRenderCB):
    """The nodes of a table's cells, by logical row and column, drawn through reportlab's table callback:
    backgrounds and rules are artifacts, each cell its node's content. A table split over pages keeps
    in each part the logical row of each of its rows (``rows_of``): a header row repeated on the next
    page is an artifact there, and a row split in two is one row of the tree."""

    def __init__(self, cells: Sequence[Sequence[Node | None]]):
        self.cells = cells
        self.start: int | None = None

    def startTable(self, T):
        pass

    def endTable(self, T):
        pass

    def startRow(self, T, rowNo):
        pass

    def endRow(self, T):
        pass

    def startBG(self, T):
        if isinstance(T.canv, TaggedCanvas):
            T.canv._code.append("/Artifact BMC")

    endLines = endBG = lambda self, T: T.canv._code.append("EMC") if isinstance(T.canv, TaggedCanvas) else None
    startLines = startBG

    def startCell(self, T, rowNo, colNo, cellval, cellstyle, pos, size):
        if not isinstance(T.canv, TaggedCanvas):
            return
        row = rows_of(T)[rowNo]
        node = self.cells[row][colNo] if row is not None else ARTIFACT
        flowables = cellval if isinstance(cellval, (list, tuple)) else [cellval]
        label = any(getattr(f, "bulletText", None) for f in flowables)
        self.start = None if node is None else T.canv.begin(node, label=label)

    def endCell(self, T):
        if self.start is not None:
            T.canv.end(self.start)
            self.start = None


def rows_of(table) -> list[int | None]:
    """The logical row of each of ``table``'s rows (None: a repeated header)."""
    return table.__dict__.get("_a11y_rows") or list(range(len(table._cellvalues)))


def split_rows(table, parts: list) -> None:
    """Give each part of ``table``'s split its logical rows (see TableTags)."""
    if len(parts) != 2:
        return
    rows = rows_of(table)
    first, rest = parts
    n0, n1 = len(first._cellvalues), len(rest._cellvalues)
    repeat = table.repeatRows if isinstance(table.repeatRows, int) else len(table.repeatRows)
    in_row = n0 + n1 - repeat == len(rows) + 1  # the row at the break was split in two
    first.__dict__["_a11y_rows"] = rows[:n0]
    rest.__dict__["_a11y_rows"] = [None] * repeat + rows[n0 - 1 if in_row else n0:]
