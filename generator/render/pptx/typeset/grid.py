"""The grid every content slide is set on: a baseline unit, and where a block of text sits in its room.

The content area (``Ctx.content_box``: the margins, below the title rule, above the footer) is the same on
every content slide. A text block is sized to its measured height, not to the area, and placed in it:
its top on a row of the baseline grid, the free space split ``OPTICAL`` above and the rest below, so a
sparse slide's text sits at the optical centre (a little above the middle), neither hanging from the title
nor lost in the middle. A continued slide's text starts at the top, where the slide before it started.
"""

from __future__ import annotations

from .frames import Box

EMU_PER_PT = 12700
ROW = 6 * EMU_PER_PT  # the baseline grid: 6 pt, so 18, 24 and 36 pt lines land on it
OPTICAL = 0.4  # the share of the free space above a block (0.5 would be the geometric middle)


def snap(offset: int) -> int:
    """``offset`` (EMU) down to a row of the grid."""
    return max(0, offset) // ROW * ROW


def balanced(area: Box, height: int, top: bool = False) -> Box:
    """A box ``height`` tall (at most the area's) across ``area``, at the optical centre or at the top."""
    height = min(height, area.h)
    offset = 0 if top else snap(int((area.h - height) * OPTICAL))
    return Box(area.x, area.y + offset, area.w, height)
