"""Writing rich text into PowerPoint paragraphs: script runs, both fonts, language tags, run styles.

Runs are written as DrawingML text (``a:r``) and parsed once per paragraph or text frame, instead of
built through python-pptx's run, font and colour objects: a deck has thousands of runs, and each
property set through the object model costs a schema-ordered child lookup (most of a deck's build
time). The markup is the same python-pptx would write, plus what it cannot write (``a:ea``, ``lang``,
superscript); ``_xml`` explains each workaround.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from xml.sax.saxutils import escape

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Pt

from ....localize.document import Inline, Run
from ....localize.scripts import HANGUL, LATIN, split_scripts
from ....style.fonts import deck_draws_all, deck_face
from ....style.measure import Faces, faces_for
from ....style.theme import Theme
from ..oxml import xml as _xml
from ..oxml.typefaces import TextFont, east_asian_font, latin_font

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # python-pptx would write these as literal "_x000B_"


def clean(text: str) -> str:
    """NFC (NFD Hangul shows as loose jamo), no control characters, no hard line breaks inside a run."""
    text = unicodedata.normalize("NFC", text)
    return _CONTROL.sub("", text).replace("\n", " ").replace("\t", " ")


@dataclass(frozen=True)
class Style:
    """How a paragraph's runs look unless a Run says otherwise."""

    size: float
    color: str
    bold: bool = False


@dataclass(frozen=True)
class Typesetter:
    """Knows the deck's fonts, colours and language tags; writes runs into paragraphs."""

    theme: Theme
    lang: str
    language_tag: str

    @property
    def faces(self) -> Faces:
        return faces_for(self.theme.latin, self.theme.scripts["hangul"])

    @property
    def default_script(self) -> str:
        return HANGUL if self.theme.language_scripts.get(self.lang) == "hangul" else LATIN

    def tag_for(self, script: str) -> str:
        """Hangul runs are ko-KR; Latin runs are the document's tag when it is a Latin-script document."""
        if script == HANGUL:
            return "ko-KR"
        return self.language_tag if self.default_script == LATIN else "en-US"

    def color(self, name: str) -> str:
        return self.theme.deck_colors[name]

    def paragraph(self, paragraph, inline: Inline, style: Style) -> None:
        """Fill a python-pptx paragraph with ``inline``, one run per script stretch of each Run."""
        _xml.set_line_breaking(paragraph._p.get_or_add_pPr())
        part = getattr(paragraph, "part", None) if any(run.href for run in inline) else None
        for run in _xml.parse_runs(self.runs_xml(inline, style, part)):
            paragraph._p.append(run)

    def runs_xml(self, inline: Inline, style: Style, part) -> str:
        """``inline`` as ``a:r`` elements; ``part`` (the slide's) holds the hyperlinks' relationships
        (chart text has no part of its own, and no links)."""
        return "".join(self._run_xml(run, script, piece, style, part, face)
                       for run in inline for script, chunk in split_scripts(clean(run.text), self.default_script)
                       for face, piece in self._by_face(script, chunk))

    def _by_face(self, script: str, chunk: str) -> list[tuple[str | None, str]]:
        """``chunk`` in pieces, each with the script whose face both font slots must name (None: the usual
        a:latin and a:ea). PowerPoint picks a slot per character (``drawingml_east_asian``): an arrow takes
        a:latin even in Korean; where that font lacks the character and the theme's other one has it, the
        piece names that one in both slots, as the brief falls back to it (glyph.missing's rule)."""
        east_asian = script == HANGUL
        if deck_draws_all(chunk, east_asian, self.theme):
            return [(None, chunk)]
        pieces: list[tuple[str | None, str]] = []
        for char in chunk:
            face = deck_face(char, east_asian, self.theme)
            if pieces and pieces[-1][0] == face:
                pieces[-1] = (face, pieces[-1][1] + char)
            else:
                pieces.append((face, char))
        return pieces

    def _run_xml(self, run: Run, script: str, chunk: str, style: Style, part, face: str | None = None) -> str:
        color, bold, italic = style.color, style.bold or run.bold, False
        if run.emphasis and bold:
            italic = True  # nested emphasis: bold italic (the application slants a face without an italic)
        elif run.emphasis and script == HANGUL:
            bold, color = True, self.color("accent_text")  # Hangul fonts have no italic
        elif run.emphasis:
            italic = True
        lang, other = self.tag_for(script), self.tag_for(LATIN if script == HANGUL else HANGUL)
        attrs = f' lang="{lang}"' + (f' altLang="{other}"' if other != lang else "")
        attrs += f' sz="{Pt(style.size).centipoints}" b="{int(bold)}"' + (' i="1"' if italic else "")
        if run.superscript:
            attrs += f' baseline="{_xml.SUPERSCRIPT}"'
        link = ""
        if run.href:
            link = f'<a:hlinkClick r:id="{part.relate_to(run.href, RT.HYPERLINK, is_external=True)}"/>'
        return (f'<a:r><a:rPr{attrs}><a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'
                f'{self._fonts_xml if face is None else self._fallback_xml(face)}{link}</a:rPr>'
                f'<a:t>{escape(chunk)}</a:t></a:r>')

    @property
    def bullet_font(self) -> TextFont:
        """Bullets (•, –) are neutral characters, which both fonts have: the Latin one draws them."""
        return latin_font(self.theme)

    @cached_property
    def _fonts_xml(self) -> str:
        """Both fonts of every run: ``a:latin`` then ``a:ea`` (see ``_xml.set_run_fonts`` for why); the same
        markup for every run, so made once per deck."""
        return _xml.fonts_xml(latin_font(self.theme), east_asian_font(self.theme))

    def _fallback_xml(self, script: str) -> str:
        """Both slots naming ``script``'s face: the character is drawn by it whichever slot PowerPoint picks."""
        font = east_asian_font(self.theme) if script == HANGUL else latin_font(self.theme)
        return _xml.fonts_xml(font, font)
