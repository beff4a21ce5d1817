"""The PowerPoint renderer: a Document and a Theme in, deterministic .pptx bytes out.

``render(doc, theme)`` returns the bytes; ``render_deck`` also returns warnings (text that does not fit
even at the theme's minimum size), formatted like every other duopress diagnostic.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import partial
from typing import Callable

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Inches

from ...document import Document
from ...theme import Theme
from . import _xml, _zip, figures, slides
from .context import Ctx
from .text import Typesetter

__all__ = ["render", "render_deck"]

NOTES_MODES = ("own", "both")


def render(doc: Document, theme: Theme, *, notes: str = "own") -> bytes:
    """The deck as .pptx bytes (the same bytes for the same document and theme)."""
    return render_deck(doc, theme, notes=notes)[0]


def render_deck(doc: Document, theme: Theme, *, notes: str = "own") -> tuple[bytes, list[str]]:
    """The deck's bytes and the warnings raised while fitting text."""
    if notes not in NOTES_MODES:
        raise ValueError(f"notes must be one of {', '.join(NOTES_MODES)}, not {notes!r}")
    ctx = Ctx(doc, theme, _presentation(theme), Typesetter(theme, doc.lang, doc.language_tag), notes)
    plan = plan_slides(ctx)
    ctx.total = len(plan)
    for n, build in enumerate(plan, start=1):
        build(ctx, n)
    _core_properties(ctx.prs, doc)
    out = io.BytesIO()
    ctx.prs.save(out)
    return _zip.rezip(out.getvalue(), doc.clock), ctx.warnings


def plan_slides(ctx: Ctx) -> list[Callable[[Ctx, int], None]]:
    """Every slide in order, as a builder taking (ctx, slide number); counted before any is built."""
    doc = ctx.doc
    plan: list[Callable[[Ctx, int], None]] = [slides.title_slide]
    if doc.sections:
        plan.append(slides.agenda_slide)
    for section in doc.sections:
        plan.append(partial(slides.section_slide, section=section))
        for item in section.items:
            plan += _item_slides(ctx, section, item)
    if doc.references:
        plan.append(slides.references_slide)
    if doc.glossary:
        plan.append(slides.glossary_slide)
    plan.append(slides.closing_slide)
    return plan


def _item_slides(ctx: Ctx, section, item) -> list[Callable[[Ctx, int], None]]:
    """Points and figure side by side when both fit that way; else the figure on a slide of its own.

    Points that do not fit one slide even at min_size continue on further slides, split between
    top-level points.
    """
    build = partial(slides.content_slide, section=section, item=item)
    has_text = bool(item.points or item.body)
    if item.figure is not None and not has_text:
        return [partial(build, with_text=False, with_figure=True)]
    full, beside = slides.text_boxes(ctx)
    if (item.figure is not None and item.layout != "figure" and figures.fits_beside_text(item.figure)
            and slides.text_fits(ctx, item, beside, ctx.size("sub_body_size"))):
        return [partial(build, with_text=True, with_figure=True)]
    plan: list[Callable[[Ctx, int], None]] = []
    if item.points and not slides.text_fits(ctx, item, full, ctx.size("min_size")):
        for i, chunk in enumerate(slides.split_points(ctx, item)):
            plan.append(partial(build, with_text=True, with_figure=False, continued=i > 0, points=chunk))
    else:
        plan.append(partial(build, with_text=True, with_figure=False))
    if item.figure is not None:
        plan.append(partial(build, with_text=False, with_figure=True, continued=True))
    return plan


def _presentation(theme: Theme):
    prs = Presentation()  # python-pptx's default template, restyled below
    prs.slide_width = Inches(theme.deck["width_in"])
    prs.slide_height = Inches(theme.deck["height_in"])
    theme_part = prs.slide_master.part.part_related_by(RT.THEME)
    colors = theme.colors
    palette = list(colors["chart"])
    scheme = {"dk2": colors["primary"], "lt2": colors["light"], "hlink": colors["primary"],
              "folHlink": colors["muted"]}
    scheme.update({f"accent{i + 1}": c for i, c in enumerate(palette[:6])})
    _xml.theme_fonts_and_colors(theme_part, theme.latin.family, theme.scripts["hangul"].family, scheme)
    return prs


def _core_properties(prs, doc: Document) -> None:
    """Set explicitly: python-pptx would otherwise stamp ``modified`` with the current time."""
    props = prs.core_properties
    clock = doc.clock.astimezone(dt.timezone.utc).replace(tzinfo=None)
    props.title = doc.meta.title
    props.subject = doc.meta.subtitle
    props.author = doc.meta.organisation
    props.last_modified_by = doc.meta.organisation
    props.language = doc.language_tag
    props.keywords = ", ".join(doc.meta.keywords)
    props.comments = doc.generator
    props.created = props.modified = props.last_printed = clock
    props.revision = 1
