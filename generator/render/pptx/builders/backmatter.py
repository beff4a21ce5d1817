"""References and glossary slides; each continues on further slides when it does not fit one."""

from __future__ import annotations

from functools import partial

from pptx.util import Inches

from ....localize.document import Inline, Run
from ..context import Ctx
from ..packing import pack
from ..typeset.frames import Block, Box, fit, prepare, write
from .structure import BODY, finish, frame_in, framed_slide, line

GLOSSARY_COLUMNS_FROM = 7  # terms; fewer read better in one column


def plan(ctxs: list[Ctx]) -> list:
    """The references' and the glossary's slides, split alike in every language (``ctxs[0]``'s shown)."""
    doc, ctx = ctxs[0].doc, ctxs[0]
    plan: list = []
    if doc.references and ctx.structure.references:
        chunks = _pack(ctxs, lambda c: c.doc.references, lambda refs: [_ref_blocks(refs)])
        plan += [partial(references_slide, refs=tuple(doc.references[n] for n in c), continued=i > 0,
                         split=len(chunks) > 1) for i, c in enumerate(chunks)]
    if doc.glossary and ctx.structure.glossary:
        chunks = _pack(ctxs, lambda c: c.doc.glossary, lambda terms: _glossary_columns(terms))
        plan += [partial(glossary_slide, terms=tuple(doc.glossary[n] for n in c), continued=i > 0,
                         split=len(chunks) > 1) for i, c in enumerate(chunks)]
    return plan


def _pack(ctxs: list[Ctx], entries_of, columns_of) -> list[list[int]]:
    """All entries (by index) on one slide if they fit at min_size in every language; else packed
    (packing.py) at a little under sub_body_size."""
    count = len(entries_of(ctxs[0]))

    def fits(chunk: list[int], minimum: float | None = None) -> bool:
        for ctx in ctxs:
            entries = entries_of(ctx)
            columns = columns_of([entries[n] for n in chunk if n < len(entries)])
            least = ctx.deck.sub_body_size - 2 if minimum is None else minimum
            if not all(fit(ctx.ts, blocks, box, ctx.deck.sub_body_size, least, ctx.spacing).fits
                       for blocks, box in zip(columns, _boxes(ctx, len(columns)))):
                return False
        return True

    if fits(list(range(count)), ctxs[0].deck.min_size):
        return [list(range(count))]
    return pack(list(range(count)), fits)


def _boxes(ctx: Ctx, columns: int) -> list[Box]:
    box = ctx.content_box()
    return list(box.split_x(0.5, int(Inches(0.6)))) if columns == 2 else [box]


def _ref_blocks(refs) -> list[Block]:
    blocks = []
    for i, ref in enumerate(refs):
        runs: Inline = (Run(f"[{ref.number}]  ", bold=True), *ref.text)
        if ref.url:
            runs += (Run(" "), Run(ref.url, href=ref.url))
        blocks.append(Block(runs, space_before=0.4 if i else 0.0))
    return blocks


def _glossary_columns(terms) -> list[list[Block]]:
    def blocks(share):
        out = []
        for i, term in enumerate(share):
            runs: Inline = (Run(term.term, bold=True),)
            if term.partner:
                runs += (Run(f"  {term.partner}"),)
            out.append(Block(runs, color="text", space_before=0.35 if i else 0.0))
            if term.definition:
                out.append(Block(term.definition, color="muted", scale=0.85, space_before=0.1))
        return out

    if len(terms) < GLOSSARY_COLUMNS_FROM:
        return [blocks(terms)]
    half = (len(terms) + 1) // 2
    return [blocks(terms[:half]), blocks(terms[half:])]


def references_slide(ctx: Ctx, n: int, refs, continued: bool, split: bool) -> None:
    _columns_slide(ctx, "references", [_ref_blocks(refs)], continued, split)


def glossary_slide(ctx: Ctx, n: int, terms, continued: bool, split: bool) -> None:
    _columns_slide(ctx, "glossary", _glossary_columns(terms), continued, split)


def _columns_slide(ctx: Ctx, key: str, columns: list[list[Block]], continued: bool, split: bool) -> None:
    heading = line(ctx.doc.label(key) + (" " + ctx.doc.label("continued") if continued else ""))
    slide = framed_slide(ctx, "two_column" if len(columns) == 2 else key, heading, None, None, split)
    boxes = _boxes(ctx, len(columns))
    fitted = [fit(ctx.ts, b, box, ctx.deck.sub_body_size, ctx.deck.min_size, ctx.spacing)
              for b, box in zip(columns, boxes)]
    size = min(f.size for f in fitted)
    names = [key] if len(columns) == 1 else [f"{key} left", f"{key} right"]
    for blocks, box, f, name in zip(columns, boxes, fitted, names):
        frame = frame_in(ctx, slide, box, BODY, name.title()).text_frame
        prepare(frame)
        write(ctx.ts, frame, blocks, size, ctx.spacing)
        ctx.record(None, name, type(f)(size, f.fits, f.start, f.minimum), split)
    finish(slide)
