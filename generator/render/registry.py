"""Every renderer duopress has, by name. Add a format here and nowhere else."""

from __future__ import annotations

from .pdf import RENDERER as BRIEF
from .pptx import RENDERER as DECK
from .renderer import Renderer
from .slides import HANDOUT, SLIDES

RENDERERS: dict[str, Renderer] = {renderer.name: renderer for renderer in (DECK, BRIEF, SLIDES, HANDOUT)}


def default_formats() -> tuple[str, ...]:
    return tuple(name for name, renderer in RENDERERS.items() if renderer.default)
