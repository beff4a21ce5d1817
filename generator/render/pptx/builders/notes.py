"""Speaker notes: the item's notes in the deck's language (and, with notes="both", the other languages')."""

from __future__ import annotations

from ....localize.document import Item, Run
from ..context import Ctx
from ..typeset.frames import Block, write


def write_notes(ctx: Ctx, slide, item: Item) -> None:
    blocks = [Block((Run(text),), space_before=0.6 if i else 0.0) for i, text in enumerate(item.notes)]
    if ctx.notes == "both":
        for lang, paragraphs in item.other_notes:  # each other language under its own marker: — EN —
            blocks.append(Block((Run(f"— {lang.upper()} —"),), color="muted", bold=True,
                                space_before=1.0 if blocks else 0.0))
            blocks += [Block((Run(text),), color="muted", space_before=0.6 if i else 0.0)
                       for i, text in enumerate(paragraphs)]
    if not blocks:
        return
    frame = ctx.adder.notes(slide).notes_text_frame
    write(ctx.ts, frame, blocks, ctx.deck.notes_size, ctx.spacing)
