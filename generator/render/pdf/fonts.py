"""Register the theme's TrueType fonts with reportlab once per process, and pick a font per text run.

Only TrueType outlines are used: reportlab embeds them as subsets. CID fonts (``HYGothic-Medium``) are
never embedded, and CFF ``.otf`` files are rejected, so neither appears here (STYLE.md, "Library facts").
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from ...localize.scripts import HANGUL, LATIN, split_scripts
from ...style.cache import cached
from ...style.oblique import oblique
from ...style.theme import FontFace, Theme

_REGISTERED: dict[Path, str] = {}  # font file -> reportlab font name, for the whole process


@dataclass(frozen=True)
class Family:
    """One script's registered fonts; ``name`` is the family name that ``<b>``/``<i>`` map from."""

    script: str
    name: str
    bold: str
    italic: str | None  # None when the theme has no italic (Hangul: emphasis is bold + colour)
    bold_file: Path | None = None  # the bold face's file, slanted for emphasis inside bold (bold_italic)

    def bold_italic(self) -> str:
        """The face for emphasis inside bold (and bold inside emphasis): a synthetic oblique of the bold
        face (style/fonts.py ``oblique``; no bold-italic file is bundled, and Hangul faces have no italic),
        made and registered on first use only."""
        if self.bold_file is None:
            return self.bold
        return _register_file(oblique(self.bold_file), self.bold + " Oblique")

    def covers(self, char: str) -> bool:
        return char in self.charset()

    def charset(self) -> frozenset[str]:
        """Every character the regular font has a glyph for."""
        return _charset(self.name)


@dataclass(frozen=True)
class Fonts:
    """The families of one theme: ``by_script["hangul"]``, and the language's own one as ``main``."""

    by_script: dict[str, Family]
    main: Family
    _runs: dict[str, tuple[tuple[Family, str], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False)  # text → its runs

    def family(self, script: str) -> Family:
        return self.by_script.get(script, self.by_script[LATIN])

    def for_text(self, text: str) -> Family:
        """The one font for a string drawn without markup (chart labels): Hangul if it has any."""
        fams = [self.family(script) for script, _ in split_scripts(text, self.main.script)]
        chosen = next((f for f in fams if f.script == HANGUL), fams[0] if fams else self.main)
        if chosen.charset().issuperset(text.replace(" ", "")):
            return chosen
        # a sign the script's font lacks ("→" in an English label): a font that draws the whole string
        return next((f for f in self.by_script.values() if f.charset().issuperset(text.replace(" ", ""))), chosen)

    def runs(self, text: str) -> list[tuple[Family, str]]:
        """``text`` as (family, chunk) runs: split by script, then any glyph the script's font lacks
        goes to a family that has it (so a stray "→" never prints as a box)."""
        if text not in self._runs:  # the running header and footer repeat on every page
            self._runs[text] = tuple(self._split_runs(text))
        return list(self._runs[text])

    def _split_runs(self, text: str) -> list[tuple[Family, str]]:
        out: list[tuple[Family, str]] = []
        for script, chunk in split_scripts(unicodedata.normalize("NFC", text), self.main.script):
            preferred = self.family(script)
            # Nearly every chunk is covered by its script's font: one set difference instead of a
            # coverage lookup per character, which dominated the brief's markup time.
            if all(c.isspace() for c in set(chunk).difference(preferred.charset())):
                _append_run(out, preferred, chunk)
                continue
            for char in chunk:
                _append_run(out, self._covering(preferred, char), char)
        return out

    def covering(self, char: str) -> Family:
        """The language's own family if it has ``char``, else any family that does (bullets: ■)."""
        return self._covering(self.main, char)

    def _covering(self, preferred: Family, char: str) -> Family:
        if char.isspace() or preferred.covers(char):
            return preferred
        return next((f for f in self.by_script.values() if f.covers(char)), preferred)


def _append_run(out: list[tuple[Family, str]], fam: Family, chunk: str) -> None:
    """Add ``chunk`` in ``fam``, joining the last run when it is in the same family."""
    if out and out[-1][0] is fam:
        out[-1] = (fam, out[-1][1] + chunk)
    else:
        out.append((fam, chunk))


def register(theme: Theme, lang: str) -> Fonts:
    """Register every script's fonts of ``theme`` (cached per file) and return their names."""
    families = {script: _register_face(face) for script, face in theme.scripts.items()}
    main_script = theme.language_scripts.get(lang, LATIN)
    return Fonts(by_script=families, main=families.get(main_script, families[LATIN]))


def _register_face(face: FontFace) -> Family:
    regular = _register_file(face.regular, face.family)
    bold = _register_file(face.bold, face.family + " Bold")
    italic = _register_file(face.italic, face.family + " Italic") if face.italic else None
    # With no italic file, <i> maps to the upright face: plain emphasis is never slanted synthetically.
    # Emphasis nested in bold is: markup.Marker names Family.bold_italic's face for it.
    pdfmetrics.registerFontFamily(
        regular, normal=regular, bold=bold, italic=italic or regular, boldItalic=bold
    )
    return Family(script=face.script, name=regular, bold=bold, italic=italic, bold_file=Path(face.bold))


def _register_file(path: Path, wanted: str) -> str:
    """Register one .ttf under ``wanted`` (suffixed if that name already means another file)."""
    path = Path(path).resolve()
    if path in _REGISTERED:
        return _REGISTERED[path]
    if path.suffix.lower() != ".ttf":
        raise ValueError(f"{path}: reportlab needs TrueType outlines (.ttf), not {path.suffix}")
    taken = set(_REGISTERED.values()) | set(pdfmetrics.getRegisteredFontNames())
    name, n = wanted, 2
    while name in taken:
        name, n = f"{wanted} {n}", n + 1
    pdfmetrics.registerFont(_ttfont(name, path))
    _REGISTERED[path] = name
    return name


def _ttfont(name: str, path: Path) -> TTFont:
    """reportlab's TTFont for ``path``, its parsed tables loaded from the font cache when they are there.

    reportlab parses the whole file (cmap, widths, glyph offsets) on registration: 100 ms for a Hangul
    face, against a few to load what that parse produced. The file's bytes are read either way (they are
    the cache key and what reportlab subsets from), so only the parse is saved.
    """
    data = path.read_bytes()
    state = cached(data, f"reportlab-{reportlab.Version}", lambda: _face_state(TTFontFace(io.BytesIO(data))),
                   _is_face_state)
    return _font_on(name, _face(state, data, str(path)))


def _font_on(name: str, face: TTFontFace) -> TTFont:
    """``TTFont(name, path)`` around an already parsed face: what its ``__init__`` (reportlab 4.x and 5.x)
    sets besides the face (tests/test_font_cache.py compares the two)."""
    font = TTFont.__new__(TTFont)
    font.fontName, font.face = name, face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, pattern) for pattern in rl_config.unShapedFontGlob)
    return font


def _face_state(face: TTFontFace) -> dict:
    """A parsed face as plain data (``style/plain.py``): its bytes and its scaling function left out, its
    names as plain bytes."""
    state = {key: value for key, value in vars(face).items() if key not in ("_ttf_data", "_pdfScale")}
    names = [key for key, value in state.items() if isinstance(value, TTFNameBytes)]
    return {"names": names, "attributes": {k: bytes(v) if k in names else v for k, v in state.items()}}


def _is_face_state(value: object) -> bool:
    """What ``_face_state`` returns: names that are attributes holding bytes, attributes by identifier,
    and the numbers the face is scaled by (a stored value is checked before it becomes a face)."""
    if type(value) is not dict or set(value) != {"names", "attributes"}:
        return False
    names, attributes = value["names"], value["attributes"]
    return (type(names) is list and type(attributes) is dict
            and all(type(k) is str and k.isidentifier() and not k.startswith("__") for k in attributes)
            and all(type(n) is str and type(attributes.get(n)) is bytes for n in names)
            and type(attributes.get("unitsPerEm")) is int and attributes["unitsPerEm"] > 0
            and all(type(attributes.get(k)) is dict for k in ("charToGlyph", "charWidths", "glyphToChar")))


def _face(state: dict, data: bytes, filename: str) -> TTFontFace:
    face = TTFontFace.__new__(TTFontFace)
    attributes = dict(state["attributes"])
    for key in state["names"]:
        attributes[key] = TTFNameBytes(attributes[key])
    vars(face).update(attributes)
    face._ttf_data, face.filename = data, filename
    em = face.unitsPerEm
    face._pdfScale = (lambda x: x) if em == 1000 else (lambda x, k=1000 / em: x * k)
    return face


_CHARSETS: dict[str, frozenset[str]] = {}


def _charset(font_name: str) -> frozenset[str]:
    """The characters of a registered font's cmap, as strings so a text's characters compare directly."""
    if font_name not in _CHARSETS:
        face = pdfmetrics.getFont(font_name).face
        _CHARSETS[font_name] = frozenset(c if isinstance(c, str) else chr(c) for c in face.charToGlyph)
    return _CHARSETS[font_name]
