"""``duopress export``: the outline's texts for translators, one file per target language."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..pipeline.output import atomic_write
from . import memory, po, xliff1, xliff2
from .units import Catalog, catalog, read_for_exchange, target_languages


@dataclass(frozen=True)
class Format:
    suffix: str
    write: Callable[[Catalog], bytes]


FORMATS = {"xliff": Format(".xlf", xliff1.write), "xliff2": Format(".xlf", xliff2.write),
           "po": Format(".po", po.write)}
CHOICES = (*FORMATS, "tmx")


def export(outline_path: Path, to: str, lang: str | None = None, only_stale: bool = False,
           out: Path | None = None) -> list[tuple[str, int]]:
    """Write the files; returns (where, how many units) for each. ``out`` ``-`` is standard output."""
    outline = read_for_exchange(outline_path)
    if to == "tmx":
        return _memory(outline, outline_path, out)
    fmt = FORMATS[to]
    langs = target_languages(outline, lang)
    if not langs:
        raise UsageError("the outline has one language: there is nothing to translate into")
    if out is not None and len(langs) > 1:
        raise UsageError(f"--out names one file, and this outline translates into {', '.join(langs)}: "
                         "choose one with --lang, or leave out --out for a file per language")
    written = []
    for target in langs:
        units = catalog(outline, target, only_stale)
        where = out or outline_path.with_name(f"{outline_path.stem}.{target}{fmt.suffix}")
        written.append((_put(where, fmt.write(units)), len(units.units)))
    return written


def _memory(outline, outline_path: Path, out: Path | None) -> list[tuple[str, int]]:
    where = out or outline_path.with_name(f"{outline_path.stem}.tmx")
    data = memory.tmx(outline)
    written = [(_put(where, data), data.count(b"<tu "))]
    if outline.glossary and str(where) != "-":  # the termbase goes beside the memory, never into its stream
        written.append((_put(where.with_suffix(".tbx"), memory.tbx(outline)), len(outline.glossary)))
    return written


def _put(where: Path, data: bytes) -> str:
    if str(where) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return "standard output"
    atomic_write(where, data)
    return str(where)
