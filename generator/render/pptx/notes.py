"""Speaker notes: the item's notes in the deck's language (and, with notes="both", the other languages')."""

from __future__ import annotations

from ...document import Item, Run
from ...labels import DEFAULT_LABELS
from .context import Ctx
from .frames import Block, write


def write_notes(ctx: Ctx, slide, item: Item) -> None:
    blocks = [Block((Run(text),)) for text in item.notes]
    if ctx.notes == "both" and item.other_notes:
        # The Document does not say which language other_notes are in; every built-in language but ours.
        others = ", ".join(lang.upper() for lang in DEFAULT_LABELS if lang != ctx.doc.lang)
        blocks.append(Block((Run(ctx.doc.label("notes_other", lang=others)),), color="muted", bold=True,
                            space_before=1.0 if blocks else 0.0))
        blocks += [Block((Run(text),), color="muted") for text in item.other_notes]
    if not blocks:
        return
    frame = slide.notes_slide.notes_text_frame
    write(ctx.ts, frame, blocks, ctx.size("notes_size"), ctx.spacing)

