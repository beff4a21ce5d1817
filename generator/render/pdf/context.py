"""What every part of the brief renderer needs: the document, theme, fonts, styles and page geometry."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import mm

from ...localize.document import Document
from ...options import PAPER
from ...style.theme import Theme
from .charts import ChartStyle, palette
from .flowables import PageRef
from .fonts import Fonts, register
from .markup import Marker
from .notes import Footnotes
from .styles import Styles, color, hex_of, make_styles

_SIZES = {"A4": A4, "letter": letter}  # by options.PAPER's values (a test keeps the two in step)


def page_size(paper: str) -> tuple[float, float]:
    """The page size of one of ``options.PAPER``'s choices (in any case); ValueError names the choices."""
    chosen = PAPER.folded(paper)
    if chosen is None:
        raise ValueError(f"paper must be one of {', '.join(PAPER.values)} (got {paper!r})")
    return _SIZES[chosen]


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
        return self.theme.brief.footnotes == "end"

    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.pagesize[1] - self.top - self.bottom

    def c(self, name: str):
        return color(self.theme, name)


def make_context(doc: Document, theme: Theme, paper: str) -> Ctx:
    pagesize = page_size(paper)
    fonts = register(theme, doc.lang)
    styles = make_styles(theme, fonts, doc.lang)
    margins = theme.brief.margin_mm
    notes = Footnotes()
    # One-sided reading: the inner margin is on the left and the outer one on the right.
    return Ctx(
        doc=doc, theme=theme, fonts=fonts, styles=styles,
        mark=Marker(fonts, accent=hex_of(theme, "accent"), link=hex_of(theme, "primary"), notes=notes),
        notes=notes,
        chart=ChartStyle(
            fonts=fonts, palette=palette(theme.colors.get("chart", ())), text=color(theme, "text"),
            muted=color(theme, "muted"), grid=color(theme, "light"),
            size=float(theme.brief.caption_size),
        ),
        pagesize=pagesize,
        left=margins.inner * mm,
        right=margins.outer * mm,
        top=margins.top * mm,
        bottom=margins.bottom * mm,
    )
