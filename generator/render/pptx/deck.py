"""One deck, top to bottom: presentation (ours or the user's template) → plan → slides → properties → bytes."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Inches

from ...localize.document import Document
from ...style.theme import Theme
from ..memo import Memo
from ..renderer import NOTES_MODES
from .context import Ctx, TemplateError, find_layout, layout_named, layout_names
from .oxml import package as _package
from .oxml import queries as _oxml
from .oxml import writer as _zip
from .oxml import xml as _xml
from .oxml.typefaces import east_asian_font, latin_font
from .plan import plan_slides
from .reuse import SlideReuse, storable
from .typeset.text import Typesetter

FreshSlide = Callable[[Ctx, int, Any], None]
"""Told of a slide made anew: the deck's context (its size, slide count, the slide's section last in
``sections``), the slide's 0-based place in the deck, and the python-pptx slide (to read, never to change:
its bytes are the deck's)."""


def build(doc: Document, theme: Theme, *, notes: str = "own", template: Path | None = None,
          strict: bool = True, memo: Memo | None = None, on_fresh: FreshSlide | None = None) -> Ctx:
    """Lay out and write every slide; ``ctx.data`` holds the bytes and ``ctx.fits`` every frame's fit.

    With a ``memo`` (a render, never a fit report: a reused slide records no fits), slides the previous
    render stored under the same key are reused instead of laid out (reuse.py), and ``on_fresh`` is told of
    each slide made anew as soon as it is built (``Ctx.on_fresh``): what an edit changed, before the deck
    is finished.
    """
    if notes not in NOTES_MODES:
        raise ValueError(f"notes must be one of {', '.join(NOTES_MODES)}, not {notes!r}")
    with _oxml.compiled_queries():  # python-pptx's own behaviour, faster, for this deck only (_oxml.py)
        return _build(doc, theme, notes, template, strict, memo, on_fresh)


def _build(doc: Document, theme: Theme, notes: str, template: Path | None, strict: bool,
           memo: Memo | None, on_fresh: FreshSlide | None = None) -> Ctx:
    prs = _prepared_or_new(theme, template)
    doc = doc.shown_in("deck")
    ctx = Ctx(doc, theme, prs, Typesetter(theme, doc.lang, doc.language_tag), notes,
              branded=template is None, strict=strict, adder=_package.SlideAdder(prs),
              structure=theme.structure.override(doc.deck))
    reuse = SlideReuse(memo if strict else None, ctx, str(template or ""))  # before planning: its lines
    plan = plan_slides(ctx, [partner(ctx, other) for other in doc.partners])
    ctx.total = len(plan)
    ctx.on_fresh = on_fresh if reuse.previous else None  # an edit's slides, not a first render's
    for n, build_slide in enumerate(plan, start=1):
        ctx.slide_no = n
        section = getattr(build_slide, "keywords", {}).get("section")  # a divider's or an item's section
        ctx.sections.append(None if section is None else section.number)
        key = reuse.key(ctx, build_slide, n) if reuse.memo is not None else ""
        if not (key and reuse.replay(ctx, key)):
            warnings_before = len(ctx.warnings)
            build_slide(ctx, n)
            if key:
                _tell_fresh(ctx)
            ctx.adder.freeze()  # a finished slide is kept as bytes, not as an lxml tree
            if key:
                reuse.record(ctx, key, warnings_before)
        ctx.slide_keys.append(key if key in reuse.current else "")
    _core_properties(prs, doc)
    written: dict[str, tuple[int, bytes, int]] = {}
    ctx.data = _zip.save(prs.part.package, doc.clock, written)
    reuse.keep(written)
    ctx.memo_context = reuse.context
    return ctx


def _tell_fresh(ctx: Ctx) -> None:
    """``ctx.on_fresh`` of each slide the builder just added (before ``freeze`` turns it into bytes), if it
    is one reuse could have stored: a slide that is built every time is not news."""
    if ctx.on_fresh is None:
        return
    slides = ctx.adder.unfrozen()
    first = len(ctx.prs.slides) - len(slides)
    for offset, slide in enumerate(slides):
        if storable(slide.part):
            ctx.on_fresh(ctx, first + offset, slide)


def partner(ctx: Ctx, other: Document) -> Ctx:
    """Another language's context, for planning in step (plan.py): its document and typesetter; nothing
    is drawn or recorded with it."""
    other = other.shown_in("deck")
    return replace(ctx, doc=other, ts=Typesetter(ctx.theme, other.lang, other.language_tag), strict=False,
                   warnings=[], fits=[], sections=[])


def open_template(template: Path):
    """The user's template, or TemplateError if it is not a PowerPoint file or sets no slide size."""
    try:
        prs = Presentation(str(template))
    except Exception as exc:  # python-pptx raises zip, KeyError or package errors for non-pptx files
        raise TemplateError(f"'{template}' is not a PowerPoint .pptx file ({exc.__class__.__name__})") from None
    if prs.slide_width is None or prs.slide_height is None:  # p:sldSz is optional in the file format
        raise TemplateError(f"'{template}' sets no slide size; open it in PowerPoint, choose a slide size "
                            "(Design › Slide Size) and save it")
    return prs


def check_template(template: Path | None, theme: Theme) -> None:
    """Before any slide is built: the template (None: python-pptx's, which duopress restyles) opens and has
    every layout the theme maps, each with a title placeholder; if not, one TemplateError names every
    missing layout, the template's own names, and how to map them."""
    prs = open_template(template) if template is not None else Presentation()
    mapping = theme.deck.layouts
    missing = [key for key in mapping if layout_named(prs, mapping[key]) is None]
    where = f"the template '{template}'" if template is not None else "the bundled template"
    if missing:
        raise TemplateError(_missing_layouts_message(where, prs, mapping, missing))
    untitled = [key for key in mapping if not _has_title(layout_named(prs, mapping[key]))]
    if untitled:
        rows = "".join(f"\n  deck.layouts.{key}: {mapping[key]!r}" for key in untitled)
        raise TemplateError(f"{where} has slide layouts without a title placeholder, which every slide needs "
                            f"(the outline view and screen readers read it):{rows}\nadd a title placeholder "
                            "to each in PowerPoint (View › Slide Master), or map another layout")


def _has_title(layout) -> bool:
    """A placeholder of index 0: what python-pptx's ``slide.shapes.title`` finds on the slide."""
    return any(ph.placeholder_format.idx == 0 for ph in layout.placeholders)


def _missing_layouts_message(where: str, prs, mapping, missing: list[str]) -> str:
    rows = "".join(f"\n  deck.layouts.{key}: {mapping[key]!r}" for key in missing)
    return (f"{where} lacks {len(missing)} of the slide layouts the theme maps:{rows}\n"
            f"its layouts are: {layout_names(prs)}\n"
            "to map them: write the theme to a file with `duopress theme --out theme.yaml`, set each "
            "deck.layouts entry above to one of the template's layout names, and pass `--theme theme.yaml`")


_PREPARED: list[tuple[Theme, object]] = []  # (theme, presentation) made ahead by prepare(), used once


def prepare(theme: Theme) -> None:
    """Make the next deck's empty presentation now (a worker's warm-up, while the outline is checked).

    Each artifact's child is forked from the worker and takes its own copy; opening python-pptx's
    template and restyling it is then not on the child's path. Only our own template: a user's is read
    per deck (it may change between builds of a watch session)."""
    with _oxml.compiled_queries():
        _PREPARED[:] = [(theme, _presentation(theme, None))]


def _prepared_or_new(theme: Theme, template: Path | None):
    # an equal theme will do: a long-lived process (serve) prepares one with its own copy of the theme,
    # and each build's children, forked from it, find it there
    if template is None and _PREPARED and (_PREPARED[0][0] is theme or _PREPARED[0][0] == theme):
        return _PREPARED.pop()[1]  # once: the next deck of this process makes its own
    return _presentation(theme, template)


def _presentation(theme: Theme, template: Path | None):
    """python-pptx's default template restyled with the theme; or the user's template, emptied of slides.

    A user's template keeps its masters, layouts, slide size, colours and Latin fonts; only its theme's
    East Asian and Hangul font slots are pointed at the theme's Korean font.
    """
    hangul = east_asian_font(theme)
    if template is not None:
        prs = open_template(template)
        _package.remove_all_slides(prs)
        for key in theme.deck.layouts:
            find_layout(prs, theme.deck.layouts, key)  # every mapped name, checked before any slide
        for master in prs.slide_masters:
            _xml.theme_fonts_and_colors(master.part.part_related_by(RT.THEME), None, hangul, {})
        return prs
    prs = Presentation()
    prs.slide_width = Inches(theme.deck.width_in)
    prs.slide_height = Inches(theme.deck.height_in)
    colors = theme.deck_colors
    scheme = {"dk2": colors["primary"], "lt2": colors["light"], "hlink": colors["primary"],
              "folHlink": colors["muted"]}
    scheme.update({f"accent{i + 1}": c for i, c in enumerate(list(colors["chart"])[:6])})
    _xml.theme_fonts_and_colors(prs.slide_master.part.part_related_by(RT.THEME), latin_font(theme), hangul,
                                scheme)
    return prs


def _core_properties(prs, doc: Document) -> None:
    """Set explicitly: python-pptx would otherwise stamp ``modified`` with the current time."""
    props = prs.core_properties
    clock = doc.clock.astimezone(dt.UTC).replace(tzinfo=None)
    props.title = core_text(doc.meta.title)
    props.subject = core_text(doc.meta.subtitle)
    props.author = props.last_modified_by = core_text(doc.meta.author)
    props.language = doc.language_tag
    props.keywords = core_text(", ".join(doc.meta.keywords))
    props.comments = core_text(doc.generator)
    props.created = props.modified = props.last_printed = clock
    props.revision = 1


CORE_TEXT_LIMIT = 255  # characters in a core property string (python-pptx raises ValueError beyond)


def core_text(value: str) -> str:
    """A core property the package can carry: over 255 characters, it is cut at a word, or else
    between two letters, and ends with '…'. The slides keep the whole text; this is file metadata."""
    if len(value) <= CORE_TEXT_LIMIT:
        return value
    end = CORE_TEXT_LIMIT - 1  # room for the ellipsis
    while end > CORE_TEXT_LIMIT // 2 and unicodedata.combining(value[end]):  # keep a letter with its accents
        end -= 1
    space = max(value.rfind(blank, 0, end + 1) for blank in " \n\t")
    if space > end // 2:  # a word boundary, unless that would throw away most of the text
        end = space
    return value[:end].rstrip(" \n\t,;") + "…"  # "a, b, c…", not "a, b, c,…"
