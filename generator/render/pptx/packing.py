"""The deck's one packing rule: units in order over the fewest slides that hold them, spread evenly.

Points over continued slides, agenda sections, references and glossary terms all go through ``pack``
(the loop was once written per caller). A caller's ``fits`` tests a chunk in every language of the deck
(plan.py's views), so the chunks, and with them the slides, are the same in every language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def pack(units: Sequence[T], fits: Callable[[list[T]], bool],
         first: Callable[[list[T]], bool] | None = None) -> list[list[T]]:
    """The fewest chunks (greedy: each unit joins the current chunk while it still fits), then evened out:
    a chunk gives its last units to the next while the next is shorter by two or more and still fits, so
    no slide is left holding a stray line after a full one.

    ``first`` tests the first chunk instead of ``fits`` when that slide has less room (a table's first
    slice under the item's points): the others then share what it leaves evenly, and it takes as many as
    it holds up to their share."""
    chunks: list[list[T]] = []
    for unit in units:
        test = first if first is not None and len(chunks) == 1 else fits
        if chunks and test(chunks[-1] + [unit]):
            chunks[-1].append(unit)
        else:
            chunks.append([unit])
    even = _after_first(units, len(chunks), fits, first) if first is not None and len(chunks) > 1 else None
    if even is not None:
        return even
    moved = True
    while moved:  # each move shortens an earlier chunk, so this ends
        moved = False
        for i in range(len(chunks) - 1, 0, -1):
            before, after = chunks[i - 1], chunks[i]
            while len(before) > len(after) + 1 and fits(before[-1:] + after):
                after.insert(0, before.pop())
                moved = True
    return chunks


def _after_first(units: Sequence[T], count: int, fits: Callable[[list[T]], bool],
                 first: Callable[[list[T]], bool]) -> list[list[T]] | None:
    """``count`` chunks: the first as large as ``first`` lets it be, up to an even share, the rest even."""
    share = -(-len(units) // count)
    for taken in range(min(share, len(units)), 0, -1):
        rest = [list(units[taken + a:taken + b]) for a, b in even_chunks(len(units) - taken, count - 1)]
        if first(list(units[:taken])) and all(fits(chunk) for chunk in rest) and all(rest):
            return [list(units[:taken]), *rest]
    return None


def even_chunks(total: int, count: int) -> list[tuple[int, int]]:
    """``total`` units in ``count`` contiguous ranges whose lengths differ by one at most."""
    bounds = [round(i * total / count) for i in range(count + 1)]
    return list(zip(bounds, bounds[1:]))
