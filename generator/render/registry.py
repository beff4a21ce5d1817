"""Every renderer duopress has, by name. Add a format here and nowhere else."""

from __future__ import annotations

from pathlib import Path

from .pdf import RENDERER as BRIEF
from .pptx import RENDERER as DECK
from .renderer import Renderer
from .slides import HANDOUT, SLIDES

RENDERERS: dict[str, Renderer] = {renderer.name: renderer for renderer in (DECK, BRIEF, SLIDES, HANDOUT)}


def default_formats() -> tuple[str, ...]:
    return tuple(name for name, renderer in RENDERERS.items() if renderer.default)


def renderer_of(path: Path) -> Renderer | None:
    """The renderer that writes a file of this name (``talk.ko.slides.pdf`` → slides): the longest suffix
    that ends the name, so that ``slides.pdf`` wins over ``pdf``."""
    matching = [r for r in RENDERERS.values() if path.name.endswith(f".{r.suffix}")]
    return max(matching, key=lambda r: len(r.suffix), default=None)


def page_sources(formats: tuple[str, ...]) -> tuple[str, ...]:
    """``formats`` and the renderers that show their pages (a deck: the slides PDF), each once; an unknown
    name is kept, for the build to refuse with the choices."""
    wanted = list(formats)
    for name in formats:
        source = RENDERERS[name].pages if name in RENDERERS else None
        if source is not None and source not in wanted:
            wanted.append(source)
    return tuple(wanted)
