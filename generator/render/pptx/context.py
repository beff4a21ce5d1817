"""What every slide builder needs: the document, the theme, the presentation, geometry and the fit record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu, Inches

from ...errors import Level, Problem, Span
from ...localize.document import Document, plain
from ...style.chartroom import CONTENT_BOTTOM_IN, CONTENT_TOP_IN
from ...style.theme import DeckStructure, DeckStyle, Theme
from ..fit import DeckOverflow, FitEntry, overflow_message, status_of
from .kinds import SLIDE_KINDS
from .oxml.package import SlideAdder
from .typeset.frames import EMU_PER_PT, INSET_X, INSET_Y, Block, Box, Fitted, fill, textbox
from .typeset.text import Typesetter

if TYPE_CHECKING:
    from pptx.presentation import Presentation

# On a user's template we do not paint backgrounds, so text meant for our navy slides turns dark.
_ON_TEMPLATE = {"on_primary": "primary", "light": "muted", "on_cover": "primary", "on_cover_muted": "muted"}


@dataclass
class Ctx:
    doc: Document
    theme: Theme
    prs: Presentation
    ts: Typesetter
    notes: str = "own"
    branded: bool = True  # False on a user's template: its masters carry the design
    strict: bool = True  # raise DeckOverflow (render) or record it (fit_report)
    total: int = 0  # slides in the deck, for "n / N"
    slide_no: int = 0  # the slide being built
    warnings: list[Problem] = field(default_factory=list)
    fits: list[FitEntry] = field(default_factory=list)
    sections: list[int | None] = field(default_factory=list)  # per slide: the section it belongs to, if any
    adder: SlideAdder = field(kw_only=True)  # every deck adds its slides through one
    structure: DeckStructure = field(default_factory=DeckStructure, kw_only=True)  # which own slides, footer
    data: bytes = b""  # the finished package
    # Per slide: the key its parts were stored or replayed under (reuse.py), which decides its bytes; ""
    # for a slide built without one. ``memo_context``: the deck's context those keys were made in.
    slide_keys: list[str] = field(default_factory=list)
    memo_context: str = ""
    # Told of each slide an edit made anew, while python-pptx can still read it (deck.FreshSlide). Only
    # when the memo had slides to reuse: an edit, not a first render.
    on_fresh: Callable[[Ctx, int, Any], None] | None = None

    # -- geometry (EMU) -------------------------------------------------------------------------
    @property
    def width(self) -> int:
        width = self.prs.slide_width
        assert width is not None  # ours sets the size, and open_template refuses a template without one
        return int(width)

    @property
    def height(self) -> int:
        height = self.prs.slide_height
        assert height is not None  # ours sets the size, and open_template refuses a template without one
        return int(height)

    @property
    def margin(self) -> int:
        return int(Inches(self.theme.deck.margin_in))

    def content_box(self) -> Box:
        """Below the title rule, above the footer."""
        top = int(Inches(CONTENT_TOP_IN))
        bottom = self.height - int(Inches(CONTENT_BOTTOM_IN))
        return Box(self.margin, top, self.width - 2 * self.margin, bottom - top)

    # -- theme values ---------------------------------------------------------------------------
    @property
    def deck(self) -> DeckStyle:
        """The theme's slide size, type scale and layouts (``ctx.deck.min_size``)."""
        return self.theme.deck

    @property
    def spacing(self) -> float:
        return float(self.theme.per_language(self.theme.deck.line_spacing, self.doc.lang))

    def ink(self, name: str) -> str:
        """A colour name for text, adjusted for a template's (unknown, assumed light) backgrounds."""
        return name if self.branded else _ON_TEMPLATE.get(name, name)

    def rgb(self, name: str) -> RGBColor:
        return RGBColor.from_string(self.theme.deck_colors[name])

    # -- slides ---------------------------------------------------------------------------------
    def new_slide(self, kind: str):
        """A new slide of a kind of kinds.py, on the template layout the theme names for it (deck.layouts)."""
        return self.adder.add(find_layout(self.prs, self.theme.deck.layouts, SLIDE_KINDS[kind].layout))

    def warn(self, where: Span | None, message: str, code: str) -> None:
        self.warnings.append(Problem(where or Span(self.doc.stem), Level.WARNING, code, message))

    # -- fitting, recorded ----------------------------------------------------------------------
    def record(self, where: Span | None, frame: str, fitted: Fitted, continued: bool = False,
               blocks: list[Block] | None = None, box: Box | None = None) -> Fitted:
        """Note how a frame fits; a frame that does not fit even at its minimum stops the build."""
        status = status_of(fitted.size, fitted.start, fitted.fits, continued)
        text, capacity, fix = "", 0, ""
        if status == "overflow" and blocks:
            text = " ".join(plain(block.text) for block in blocks)
            capacity = self._capacity(text, blocks, box, fitted.minimum) if box is not None else 0
            fix = self._fix(frame, box)
        entry = FitEntry(where, self.slide_no, frame, self.doc.lang, fitted.size, fitted.minimum, status,
                         text, capacity, fix)
        self.fits.append(entry)
        if status == "overflow" and self.strict:
            raise DeckOverflow(where, self.slide_no, self.doc.lang, overflow_message(entry))
        return fitted

    def _capacity(self, text: str, blocks: list[Block], box: Box, size: float) -> int:
        """About how many characters of ``text`` fit ``box`` at ``size``: its lines' width over the text's."""
        bold = any(block.bold for block in blocks)
        width = self.ts.faces.width(text, size, bold)
        lines = max(1, int((box.h - 2 * INSET_Y) / EMU_PER_PT // self.ts.faces.line_height(size)))
        line_width = (box.w - 2 * INSET_X) / EMU_PER_PT
        return max(1, int(len(text) * min(1.0, lines * line_width / width))) if width else 0

    def _fix(self, frame: str, box: Box | None) -> str:
        """Another way to make room: a figure beside the points gets the slide's full width on its own."""
        full = self.theme.deck.width_in - 2 * self.theme.deck.margin_in
        if frame == "caption" and box is not None and box.w / 914400 < 0.8 * full:
            return "give the figure a slide of its own (`layout: chart`, `table`, `timeline` or `image`)"
        return ""

    def fill(self, where: Span | None, frame: str, text_frame, blocks: list[Block], box: Box, start: float,
             minimum: float, spacing: float = 1.0, anchor=MSO_ANCHOR.TOP, continued: bool = False,
             grow: float | None = None) -> Fitted:
        fitted = fill(self.ts, text_frame, blocks, box, start, minimum, spacing, anchor, grow)
        return self.record(where, frame, fitted, continued, blocks, box)

    def textbox(self, where: Span | None, frame: str, slide, box: Box, blocks: list[Block], start: float,
                minimum: float, spacing: float = 1.0, anchor=MSO_ANCHOR.TOP, name: str | None = None,
                grow: float | None = None):
        shape, fitted = textbox(self.ts, slide, box, blocks, start, minimum, spacing, anchor, name or frame, grow)
        self.record(where, frame, fitted, blocks=blocks, box=box)
        return shape

    # -- drawing helpers ------------------------------------------------------------------------
    def rect(self, slide, box: Box, color: str, name: str | None = None, shape=MSO_SHAPE.RECTANGLE):
        shp = slide.shapes.add_shape(shape, Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h))
        shp.fill.solid()
        shp.fill.fore_color.rgb = self.rgb(color)
        shp.line.fill.background()
        shp.shadow.inherit = False
        if name:
            shp.name = name
        return shp

    def background(self, slide, color: str) -> None:
        """Paint our own background, except on a user's template (its master's background wins)."""
        if not self.branded:
            return
        fill_ = slide.background.fill
        fill_.solid()
        fill_.fore_color.rgb = self.rgb(color)


class TemplateError(ValueError):
    """The user's --template cannot be used: not a .pptx, or without the layouts the theme maps."""


def find_layout(prs, mapping, key: str):
    """The template's layout that the theme's ``deck.layouts.<key>`` names."""
    name = mapping.get(key) or mapping["content"]
    layout = layout_named(prs, name)
    if layout is None:
        raise TemplateError(f"slide layout {name!r} (deck.layouts.{key} in the theme) is not in the template; "
                            f"its layouts are: {layout_names(prs)}")
    return layout


def layout_named(prs, name: str):
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            if layout.name == name:
                return layout
    return None


def layout_names(prs) -> str:
    return ", ".join(repr(layout.name) for m in prs.slide_masters for layout in m.slide_layouts)
