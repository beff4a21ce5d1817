"""What every slide builder needs: the document, the theme, the presentation, geometry and warnings."""

from __future__ import annotations

from dataclasses import dataclass, field

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Inches

from ...document import Document
from ...theme import Theme
from .frames import Box
from .text import Typesetter


@dataclass
class Ctx:
    doc: Document
    theme: Theme
    prs: object  # pptx.presentation.Presentation
    ts: Typesetter
    notes: str = "own"
    total: int = 0  # slides in the deck, for "n / N"
    warnings: list[str] = field(default_factory=list)

    # -- geometry (EMU) -------------------------------------------------------------------------
    @property
    def width(self) -> int:
        return int(Inches(self.theme.deck["width_in"]))

    @property
    def height(self) -> int:
        return int(Inches(self.theme.deck["height_in"]))

    @property
    def margin(self) -> int:
        return int(Inches(self.theme.deck["margin_in"]))

    def content_box(self) -> Box:
        """Below the title rule, above the footer."""
        top = int(Inches(1.75))
        bottom = self.height - int(Inches(0.75))
        return Box(self.margin, top, self.width - 2 * self.margin, bottom - top)

    # -- theme values ---------------------------------------------------------------------------
    def size(self, key: str) -> float:
        return float(self.theme.deck[key])

    @property
    def spacing(self) -> float:
        return float(self.theme.per_language(self.theme.deck["line_spacing"], self.doc.lang))

    def rgb(self, name: str) -> RGBColor:
        return RGBColor.from_string(self.theme.colors[name])

    def layout(self, kind: str):
        """A slide layout by duopress kind, through the theme's name mapping (deck.layouts)."""
        name = self.theme.deck["layouts"][kind]
        for layout in self.prs.slide_layouts:
            if layout.name == name:
                return layout
        raise KeyError(f"slide layout {name!r} (for {kind!r}) is not in the template")

    def warn(self, where: str, message: str, code: str) -> None:
        self.warnings.append(f"{where}: warning: {message} [{code}]")

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
        fill = slide.background.fill
        fill.solid()
        fill.fore_color.rgb = self.rgb(color)
