"""The PDF around the slides: metadata, /Lang, the build clock, bookmarks, and one slide drawn at any scale."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from ...localize.document import Document
from ...style.theme import Theme
from ..pdf.charts import ChartStyle, palette
from ..pdf.fonts import Fonts, register
from ..pdf.page import canvas_maker
from ..pdf.tagging import Node, Tagger, tagged_canvas_class
from ..pptx.slide_layout import DeckLayout, SlideLayout
from ..pptx.typeset.measure import faces_for
from .shapes import Slide, charts_by_label, draw_slide
from .text import Pen


def open_canvas(out, doc: Document, fonts: Fonts, pagesize: tuple[float, float], tagger: Tagger) -> Canvas:
    """A canvas with the brief's conventions: invariant mode, the build clock's dates, the document's
    language and metadata, the title shown instead of the file name; it tags for ``tagger``."""
    canv = tagged_canvas_class(canvas_maker(doc.clock), tagger)(
        out, pagesize=pagesize, invariant=1, pageCompression=1, lang=doc.language_tag,
        initialFontName=fonts.main.name)
    meta = doc.meta
    canv.setTitle(meta.title)
    canv.setAuthor(meta.author)
    canv.setSubject(meta.subtitle)
    canv.setKeywords(", ".join(meta.keywords))
    canv.setCreator(doc.generator)
    canv.setViewerPreference("DisplayDocTitle", "true")
    return canv


def slide_painter(doc: Document, theme: Theme, deck: DeckLayout, canv: Canvas) -> Slide:
    """Everything ``draw_slide`` needs, for slides drawn on ``canv`` in slide points."""
    fonts = register(theme, doc.lang)
    colors = theme.deck_colors  # the slides' palette, as the deck's charts have it

    def ink(name: str) -> HexColor:
        return HexColor("#" + colors[name])

    chart_style = ChartStyle(fonts=fonts, palette=palette(colors["chart"]), text=ink("text"), muted=ink("muted"),
                             grid=ink("light"), size=float(theme.deck.min_size))
    pen = Pen(canv, deck.height, fonts, faces_for(theme.latin, theme.scripts["hangul"]))
    return Slide(pen, deck.width, charts_by_label(doc), chart_style, colors.get("background", "FFFFFF"))


def slide_tagger(doc: Document) -> Tagger:
    """The structure tree of a deck drawn as PDF; a link says where it leads."""
    return Tagger(doc.script_languages, lambda _kind, target: target)


def slide_node(tagger: Tagger, n: int) -> tuple[Node, str]:
    """Slide ``n``'s section of the tree, and its title's heading: H1 for the title slide, H2 for the others."""
    return tagger.root.child("Sect"), "H1" if n == 1 else "H2"


def draw_scaled(painter: Slide, slide: SlideLayout, x: float, y: float, scale: float,
                sect: Node | None = None, heading: str = "H2") -> None:
    """The slide with its bottom-left corner at (x, y) of the page, ``scale`` page points per slide point."""
    canv = painter.pen.canv
    canv.saveState()
    canv.translate(x, y)
    canv.scale(scale, scale)
    path = canv.beginPath()
    path.rect(0, 0, painter.width, painter.pen.page_h)
    canv.clipPath(path, stroke=0, fill=0)  # nothing of the slide spills onto the page around it
    draw_slide(painter, slide, sect, heading)
    canv.restoreState()


def bookmark(canv: Canvas, deck: DeckLayout, n: int) -> None:
    """Slide ``n``'s bookmark: a section's divider at the top level, its items' slides under it, the
    other slides (title, agenda, back matter) at the top level."""
    slide = deck.slides[n - 1]
    previous = deck.slides[n - 2].section if n > 1 else None
    level = 1 if slide.section is not None and slide.section == previous else 0
    key = f"slide-{n}"
    canv.bookmarkPage(key)
    canv.addOutlineEntry(slide.title or str(n), key, level=level)
