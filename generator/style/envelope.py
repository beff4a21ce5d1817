"""The fitting envelope: the metrics a deck's text must fit with on a recipient's machine.

A deck names its fonts (NanumGothic, Noto Sans) without embedding them: PowerPoint's embedded fonts are
MTX-compressed EOT, which a generator cannot write verifiably, and LibreOffice ignores them. A recipient
without our fonts gets substitutes, so the deck is fitted to the widest of what it may meet:

- Latin: per character, the widest of the named font and the metric-compatible stand-ins for the fonts
  Office falls back to — Liberation Sans (Arial's metrics) and Carlito (Calibri's) — bundled as a table of
  advance widths in ``assets/metrics/latin-substitutes.json`` (regenerate: ``python -m
  generator.style.envelope FONT.ttf … > that file``, from Debian's fonts-liberation2 and
  fonts-crosextra-carlito);
- Hangul: at least one em per character, as Malgun Gothic and Apple SD Gothic Neo set every syllable;
- lines: at least 1.35 em, the line box of Malgun Gothic (about 1.33 em) and Apple SD Gothic Neo, against
  NanumGothic's 1.15 em.

What fits in the envelope fits with the named fonts too (every width is at least theirs).
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

from . import resources

HANGUL_ADVANCE = 1.0  # em: a substitute Hangul font sets every syllable a full em wide
LINE_BOX = 1.35  # em: the tallest likely substitute's single line (Malgun Gothic ≈ 1.33 em)
TABLE = "latin-substitutes.json"


@functools.cache
def latin_advances(bold: bool) -> dict[str, float]:
    """Character → the widest advance (in em) among the Latin substitutes, regular or bold."""
    data = json.loads((resources.assets_dir() / "metrics" / TABLE).read_text(encoding="utf-8"))
    return {chr(int(code, 16)): width for code, width in data["bold" if bold else "regular"].items()}


def derive(regular: list[Path], bold: list[Path]) -> dict:
    """The table from font files: per style, each character's widest advance in em (3 decimals, rounded up)."""
    from fontTools.ttLib import TTFont

    def widest(paths: list[Path]) -> dict[str, float]:
        table: dict[str, float] = {}
        for path in paths:
            with TTFont(path) as font:
                em, hmtx = font["head"].unitsPerEm, font["hmtx"].metrics
                for code, glyph in font.getBestCmap().items():
                    if code < 0x3000:  # Latin, Greek, Cyrillic, punctuation, symbols: not CJK
                        key = f"{code:04X}"
                        width = -(-hmtx[glyph][0] * 1000 // em) / 1000
                        table[key] = max(table.get(key, 0.0), width)
        return dict(sorted(table.items()))

    return {"fonts": sorted(p.name for p in regular + bold), "regular": widest(regular), "bold": widest(bold)}


def main(argv: list[str]) -> None:
    """``python -m generator.style.envelope Regular.ttf … --bold Bold.ttf …`` prints the table."""
    split = argv.index("--bold")
    table = derive([Path(p) for p in argv[:split]], [Path(p) for p in argv[split + 1:]])
    json.dump(table, sys.stdout, indent=0, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
