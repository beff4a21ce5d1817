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
from ....style.theme import Theme
from ..oxml import xml as _xml
from ..oxml.typefaces import TextFont, east_asian_font, latin_font
from .measure import Faces, faces_for

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
        return "".join(self._run_xml(run, script, chunk, style, part)
                       for run in inline for script, chunk in split_scripts(clean(run.text), self.default_script))

    def _run_xml(self, run: Run, script: str, chunk: str, style: Style, part) -> str:
        color, bold, italic = style.color, style.bold or run.bold, False
        if run.emphasis and bold:
            italic = True  # nested emphasis: bold italic (the application slants a face without an italic)
        elif run.emphasis and script == HANGUL:
            bold, color = True, self.color("accent")  # Hangul fonts have no italic
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
                f'{self._fonts_xml}{link}</a:rPr><a:t>{escape(chunk)}</a:t></a:r>')

    @property
    def bullet_font(self) -> TextFont:
        """Bullets (•, –) are neutral characters, which both fonts have: the Latin one draws them."""
        return latin_font(self.theme)

    @cached_property
    def _fonts_xml(self) -> str:
        """Both fonts of every run: ``a:latin`` then ``a:ea`` (see ``_xml.set_run_fonts`` for why); the same
        markup for every run, so made once per deck."""
        return _xml.fonts_xml(latin_font(self.theme), east_asian_font(self.theme))
