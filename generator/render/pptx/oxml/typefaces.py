"""How the deck names its two fonts, so that a PowerPoint without them substitutes a font like them.

DrawingML's ``a:latin`` and ``a:ea`` (and the theme's major and minor fonts) are ECMA-376's CT_TextFont:
``typeface`` (required), then ``panose``, ``pitchFamily`` and ``charset``, all optional. When the typeface is
not installed, PowerPoint picks the closest installed font by these three, as Windows' font mapper does with
a LOGFONT. Without them a Hangul run may fall to a font of another script (a Japanese or Chinese Gothic) and
Latin runs to a serif.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ....style.fonts import NO_PANOSE, metrics
from ....style.theme import FontFace, Theme

# charset is a Windows LOGFONT lfCharSet, written as a signed byte (xsd:byte)
ANSI_CHARSET = 0
HANGUL_CHARSET = 129 - 256  # 129, which PowerPoint writes as "-127"

# pitchFamily is a LOGFONT lfPitchAndFamily: the pitch in the low two bits, the family in the high nibble
VARIABLE_PITCH, FIXED_PITCH = 0x02, 0x01
FF_DONTCARE, FF_ROMAN, FF_SWISS, FF_MODERN = 0x00, 0x10, 0x20, 0x30
# PANOSE-1 digits (family kind, serif style, weight, proportion, …) that decide the family
_LATIN_TEXT, _COVE, _NORMAL_SANS, _MONOSPACED = 2, 2, 11, 9


@dataclass(frozen=True)
class TextFont:
    """One CT_TextFont: what the deck writes in ``a:latin`` or ``a:ea``."""

    typeface: str
    panose: str | None  # 20 hex digits; None: not known for this typeface, left out
    pitch_family: int
    charset: int

    def attributes(self) -> dict[str, str]:
        """The XML attributes in the schema's order (typeface, panose, pitchFamily, charset)."""
        attrs = {"typeface": self.typeface}
        if self.panose is not None:
            attrs["panose"] = self.panose
        attrs["pitchFamily"] = str(self.pitch_family)
        attrs["charset"] = str(self.charset)
        return attrs


def latin_font(theme: Theme) -> TextFont:
    return text_font(theme.latin, ANSI_CHARSET)


def east_asian_font(theme: Theme) -> TextFont:
    """The Hangul face is the deck's East Asian font (duopress splits text into Hangul and everything else)."""
    return text_font(theme.scripts["hangul"], HANGUL_CHARSET)


@cache
def text_font(face: FontFace, charset: int) -> TextFont:
    """``face`` as the deck names it, described by its regular file's PANOSE number.

    A ``deck_family`` names another font than the files: its pitch and family class are taken to be the
    files' (it stands in for them), but the files' PANOSE number would misdescribe it and is left out.
    """
    panose = metrics(face.regular).panose
    own = face.deck_name == face.family and panose != NO_PANOSE
    return TextFont(face.deck_name, panose if own else None, pitch_family(panose), charset)


def pitch_family(panose: str) -> int:
    """lfPitchAndFamily from PANOSE: sans serif is FF_SWISS, serif FF_ROMAN, monospaced FIXED | FF_MODERN
    (NanumGothic and Noto Sans: 0x22 = 34). Fonts PANOSE does not class as Latin text: variable, don't care."""
    kind, serif, _weight, proportion = bytes.fromhex(panose)[:4]
    if kind != _LATIN_TEXT:
        return VARIABLE_PITCH | FF_DONTCARE
    if proportion == _MONOSPACED:
        return FIXED_PITCH | FF_MODERN
    family = FF_SWISS if serif >= _NORMAL_SANS else FF_ROMAN if serif >= _COVE else FF_DONTCARE
    return VARIABLE_PITCH | family
