"""A synthetic oblique of a TrueType face, for bold italic where no file has one (fontTools, imported on use)."""

from __future__ import annotations

import io
import os
from pathlib import Path

OBLIQUE_ANGLE = 12.0  # degrees: a synthetic oblique's slant, as office applications draw a missing italic


def oblique(path: Path) -> Path:
    """A synthetic oblique of the TrueType font at ``path`` (its outlines slanted, its advances kept), for
    emphasis inside bold where no bold-italic file exists (Noto Sans Bold, every Hangul face). Made once
    per font file and kept in the cache folder (or a temporary one when the cache is off)."""
    import hashlib
    import tempfile

    import fontTools

    from .cache import cache_dir

    data = path.read_bytes()
    digest = hashlib.sha256(data + f"oblique {OBLIQUE_ANGLE} named {fontTools.version}".encode()).hexdigest()[:20]
    folder = cache_dir() or Path(tempfile.gettempdir())
    target = folder / f"oblique-{digest}.ttf"
    if not target.is_file():
        payload = _slanted(data)
        folder.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(payload)
        os.replace(partial, target)  # atomic: a concurrent build reads a whole file or makes its own
    return target


def _slanted(data: bytes) -> bytes:
    """The font's glyph outlines sheared by OBLIQUE_ANGLE (x += y · tan), hinting dropped (it would fight the
    shear), the italic angle and style bits set so viewers know the face is oblique."""
    import math

    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables.ttProgram import Program

    font = TTFont(io.BytesIO(data))
    shear = math.tan(math.radians(OBLIQUE_ANGLE))
    empty = Program()
    empty.fromBytecode(b"")
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        if glyph.isComposite():
            for component in glyph.components:  # its own outline is the base glyph's, slanted already
                component.x += round(component.y * shear)
        elif glyph.numberOfContours > 0:
            glyph.coordinates.transform(((1, 0), (shear, 1)))
            glyph.coordinates.toInt()
        if hasattr(glyph, "program"):
            glyph.program = empty
        glyph.recalcBounds(glyf)
    for table in ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX"):
        if table in font:
            del font[table]
    for record in font["name"].names:  # its own names: a PDF tells faces apart by the PostScript name
        if record.nameID in (3, 4, 6):
            record.string = str(record) + ("-Oblique" if record.nameID == 6 else " Oblique")
    font["post"].italicAngle = -OBLIQUE_ANGLE
    font["head"].macStyle |= 0b10
    font["OS/2"].fsSelection = (font["OS/2"].fsSelection | 0b1) & ~0b1000000  # italic, not regular
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
