"""Writing rich text into PowerPoint paragraphs: script runs, both fonts, language tags, run styles."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.util import Pt

from ...document import Inline, Run
from ...scripts import HANGUL, LATIN, split_scripts
from ...theme import Theme
from . import _xml
from .measure import Faces

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
        return Faces(self.theme.latin, self.theme.scripts["hangul"])

    @property
    def default_script(self) -> str:
        return HANGUL if self.theme.language_scripts.get(self.lang) == "hangul" else LATIN

    def tag_for(self, script: str) -> str:
        """Hangul runs are ko-KR; Latin runs are the document's tag when it is a Latin-script document."""
        if script == HANGUL:
            return "ko-KR"
        return self.language_tag if self.default_script == LATIN else "en-US"

    def color(self, name: str) -> str:
        return self.theme.colors[name]

    def paragraph(self, paragraph, inline: Inline, style: Style) -> None:
        """Fill a python-pptx paragraph with ``inline``, one run per script stretch of each Run."""
        _xml.set_line_breaking(paragraph._p.get_or_add_pPr())
        for run in inline:
            for script, chunk in split_scripts(clean(run.text), self.default_script):
                self._run(paragraph, run, script, chunk, style)

    def plain(self, paragraph, text: str, style: Style) -> None:
        self.paragraph(paragraph, (Run(text),), style)

    def _run(self, paragraph, run: Run, script: str, chunk: str, style: Style) -> None:
        r = paragraph.add_run()
        r.text = chunk
        font = r.font
        font.size = Pt(style.size)
        color = style.color
        bold = style.bold or run.bold
        if run.emphasis and script == HANGUL:
            bold, color = True, self.color("accent")  # Hangul fonts have no italic
        elif run.emphasis:
            font.italic = True
        font.bold = bold
        font.color.rgb = RGBColor.from_string(color)
        rpr = r._r.get_or_add_rPr()
        if run.superscript:
            _xml.set_superscript(rpr)
        if run.href:
            r.hyperlink.address = run.href
        other = self.tag_for(LATIN if script == HANGUL else HANGUL)
        _xml.set_run_fonts(rpr, self.theme.latin.family, self.theme.scripts["hangul"].family,
                           self.tag_for(script), other)
