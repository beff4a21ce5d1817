"""What every part of the brief renderer needs: the document, theme, fonts, styles and page geometry."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import mm

from ...localize.document import Document
from ...style.theme import Theme
from .charts import ChartStyle, palette
from .flowables import PageRef
from .fonts import Fonts, register
from .markup import Marker
from .notes import Footnotes
from .styles import Styles, color, hex_of, make_styles

PAPERS = {"a4": A4, "letter": letter}


@dataclass(frozen=True)
class Ctx:
    doc: Document
    theme: Theme
    fonts: Fonts
    styles: Styles
    mark: Marker
    chart: ChartStyle
    pagesize: tuple[float, float]
    left: float
    right: float
    top: float
    bottom: float
    # Filled during layout, read when the contents' page numbers are drawn into their forms at the end:
    pages: dict[str, int] = field(default_factory=dict)  # heading key → the page it was drawn on
    page_refs: dict[str, PageRef] = field(default_factory=dict)  # heading key → its drawn PageRef
    notes: Footnotes = field(default_factory=Footnotes)  # numbered as the story is written (shared with mark)

    @property
    def endnotes(self) -> bool:
        """The theme gathers the notes before the references instead of at the foot of each page."""
        return self.theme.brief.get("footnotes", "page") == "end"

    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.pagesize[1] - self.top - self.bottom

    def c(self, name: str):
        return color(self.theme, name)

    @property
    def root(self):
        """The structure tree's Document element (tagging.Node), which the notes join as they are drawn."""
        return self.notes.root


def make_context(doc: Document, theme: Theme, paper: str) -> Ctx:
    try:
        pagesize = PAPERS[paper.lower()]
    except KeyError:
        raise ValueError(f"paper must be one of A4, letter (got {paper!r})") from None
    fonts = register(theme, doc.lang)
    styles = make_styles(theme, fonts, doc.lang)
    margins = theme.brief.get("margin_mm", {})
    notes = Footnotes()
    # One-sided reading: the inner margin is on the left and the outer one on the right.
    return Ctx(
        doc=doc, theme=theme, fonts=fonts, styles=styles,
        mark=Marker(fonts, accent=hex_of(theme, "accent_text"), link=hex_of(theme, "primary"), notes=notes),
        notes=notes,
        chart=ChartStyle(
            fonts=fonts, palette=palette(theme.colors.get("chart", ())), text=color(theme, "text"),
            muted=color(theme, "muted"), grid=color(theme, "light"),
            size=float(theme.brief.get("caption_size", 8.5)),
        ),
        pagesize=pagesize,
        left=float(margins.get("inner", 22)) * mm,
        right=float(margins.get("outer", 22)) * mm,
        top=float(margins.get("top", 22)) * mm,
        bottom=float(margins.get("bottom", 22)) * mm,
    )
