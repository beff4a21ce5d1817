"""The theme file → a checked Theme, read like an outline: located nodes, the outline's field readers.

``parse_nodes`` refuses aliases, anchors and tags and caps the depth; the readers of ``fields`` coerce each
value, and a problem they report under an outline's code is renamed here to a ``theme.*`` one. Every
problem is collected, then raised at once as DuopressError, so a bad theme is a list of located errors
(exit 1), never a KeyError deep in a renderer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any, TypeVar

from ..errors import DuopressError, Span, UsageError
from ..options import PAPER
from ..outline import fields as f
from ..outline.loader import read_text, without_echoes
from ..outline.structure import structure as _structure
from ..outline.yamlnodes import Map, Node, Seq, YamlProblems, parse_nodes
from . import resources
from .theme import BriefStyle, DeckStructure, DeckStyle, FontFace, Margins, Theme, font_folders, with_scale

MAX_BYTES = 1024 * 1024  # a theme is two kilobytes; a megabyte means the wrong file was given
HEX_COLOR = re.compile(r"#?[0-9A-Fa-f]{6}")
SCRIPTS = ("latin", "hangul")  # the scripts duopress splits text into (scripts.py): each needs a font
# deck.layouts key -> the slides built on that layout (named in the problem when a key is missing); which
# slide kind uses which key is render/pptx/kinds.py's table, and its test keeps the two in step.
LAYOUTS = {
    "title": "the title, closing and `layout: title` slides",
    "section": "section dividers",
    "content": "the agenda, bullets and references",
    "two_column": "two-column items and a long glossary",
    "title_only": "figures and quotes",
}
# The readers name their problems for outlines; in a theme each is a theme.* problem.
_CODES = {"key.unknown": "theme.unknown-key", "key.missing": "theme.missing", "value.range": "theme.range",
          "value.choice": "theme.choice"}

Reader = Callable[["_Context", Node, str], object]
V = TypeVar("V")


class _Context(f.Context):
    """The outline readers' problem collector, renaming codes to theme.*; knows the font folders."""

    def __init__(self, file: str, folders: list[Path]):
        super().__init__(file)
        self.folders = folders

    def error(self, span: Span, code: str, message: str, path: str = "") -> None:
        if not code.startswith("theme."):
            code = _CODES.get(code, "theme." + code.rpartition(".")[2])
        super().error(span, code, message, path)



def load_theme(path: Path | str | None = None) -> Theme:
    """Read and check a theme file (the bundled default when ``path`` is None).

    Raises DuopressError with every problem located in the file, or UsageError when there is no such file.
    """
    path = Path(path) if path else resources.theme_path()
    if not path.is_file():
        raise UsageError(f"no theme file '{path}'")
    return read_theme(path)

def read_theme(path: Path) -> Theme:
    """Parse and check the theme at ``path``; raise DuopressError carrying every problem."""
    name = str(path)
    text = read_text(path, name, MAX_BYTES)
    try:
        root, yaml_problems = parse_nodes(text, name)
    except YamlProblems as exc:
        raise DuopressError(exc.problems) from None
    ctx = _Context(name, font_folders(path))
    values = _theme(ctx, root)
    problems = yaml_problems + without_echoes(ctx.problems, yaml_problems)
    if problems or values is None:
        raise DuopressError(problems)
    return _build(values, path)


def _build(values: Mapping, path: Path) -> Theme:
    fonts = values["fonts"]
    scripts = {script: FontFace(script, face["family"], face["regular"], face.get("bold", face["regular"]),
                                face.get("italic"), face.get("deck_family"))
               for script, face in fonts["scripts"].items()}
    deck = {key: value for key, value in with_scale(values["deck"]).items() if key != "structure"}
    brief = dict(values["brief"])
    if "margin_mm" in brief:
        brief["margin_mm"] = Margins(**brief["margin_mm"])
    if "heading_sizes" in brief:
        brief["heading_sizes"] = tuple(brief["heading_sizes"])
    return Theme(name=values.get("name", path.stem), colors=values["colors"], scripts=scripts,
                 language_scripts=fonts.get("languages", {}), deck=DeckStyle(**deck), brief=BriefStyle(**brief),
                 path=path, structure=DeckStructure().override(values["deck"].get("structure", {})))


# -- generic readers ---------------------------------------------------------------------------------


def _mapping(readers: Mapping[str, Callable[[_Context, Node, str], V | None]], required: Collection[str] = (),
             check: Callable[[_Context, Map, dict[str, Any]], None] | None = None,
             ) -> Callable[[_Context, Node, str], dict[str, V] | None]:
    """A reader of a mapping whose keys ``readers`` read, in file order; None if anything is wrong.

    ``check(ctx, node, values)`` then compares fields (values of broken fields are None).
    """
    def read(ctx: _Context, node: Node, path: str) -> dict[str, V] | None:
        fields = f.Fields(ctx, node, path, required=required, optional=[k for k in readers if k not in required])
        if not isinstance(node, Map):
            return None
        values = {key: readers[key](ctx, node.pairs[key], _at(path, key))
                  for key in node.order if key in readers and key in node.pairs}
        if check is not None:
            check(ctx, node, values)
        read_well = {key: value for key, value in values.items() if value is not None}
        return read_well if fields.ok and len(read_well) == len(values) else None
    return read


def _at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _name(ctx: _Context, node: Node, path: str) -> str | None:
    value = f.string(ctx, node, path)
    return value.strip() if value is not None else None


def _ranged(low: float, high: float, unit: str) -> Reader:
    """A reader of a number from ``low`` to ``high`` (a size of 0 or 10,000 pt is a typo, not a design)."""
    def read(ctx: _Context, node: Node, path: str):
        value = f.number(ctx, node, path)
        if value is None or low <= value <= high:
            return value
        ctx.error(node.span, "theme.range", f"must be from {low:g} to {high:g}{unit}, got {value:g}", path)
        return None
    return read


def _per_language(read: Reader) -> Reader:
    """One value, or one per language ({ko: 1.25, en: 1.1}): Korean wants more leading than English."""
    def per_language(ctx: _Context, node: Node, path: str):
        if not isinstance(node, Map):
            return read(ctx, node, path)
        if not node.pairs:
            ctx.error(node.span, "theme.missing", "give one value, or one per language: {ko: …, en: …}", path)
            return None
        for lang in node.pairs:
            if not f.LANG_CODE.fullmatch(lang):
                ctx.error(node.key_spans[lang], "theme.language", f"'{lang}' is not a language code such as ko or en",
                          path)
        values = {lang: read(ctx, value, _at(path, lang)) for lang, value in node.pairs.items()}
        return values if None not in values.values() else None
    return per_language


# -- colours -----------------------------------------------------------------------------------------


def _color(ctx: _Context, node: Node, path: str) -> str | None:
    scalar = f.scalar(ctx, node, path, "a colour")
    if scalar is None:
        return None
    value = scalar.value.strip()
    if HEX_COLOR.fullmatch(value):
        return value.removeprefix("#").upper()
    hint = " (quote it: an unquoted '#' starts a comment)" if not value else ""
    ctx.error(scalar.span, "theme.color", f"expected a colour as six hex digits RRGGBB, e.g. \"1B3A5C\", got "
                                        f"'{value}'{hint}", path)
    return None


def _chart_colors(ctx: _Context, node: Node, path: str) -> list[str] | None:
    colors = [_color(ctx, item, f"{path}[{index}]") for index, item in f.sequence(ctx, node, path)]
    if isinstance(node, Seq) and not colors:
        ctx.error(node.span, "theme.color", "give at least one chart colour", path)
    read_well = [color for color in colors if color is not None]
    return read_well if colors and len(read_well) == len(colors) else None


# -- fonts -------------------------------------------------------------------------------------------


class _FontProblem(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def _font_file(ctx: _Context, node: Node, path: str) -> Path | None:
    """A TrueType file, by name, in the theme's own fonts folder or else the bundled one."""
    name = _name(ctx, node, path)
    if name is None:
        return None
    try:
        return _truetype(_locate(ctx.folders, name), name)
    except _FontProblem as problem:
        ctx.error(node.span, problem.code, str(problem), path)
        return None


def _locate(folders: list[Path], name: str) -> Path:
    """The first folder's file called ``name``. A path (``..``, ``/etc/…``, ``sub/x.ttf``) is refused, and so
    is a link that leads out of its folder: a theme from elsewhere must not make duopress read any file."""
    if Path(name).name != name or name in (".", ".."):
        raise _FontProblem("theme.font-path", f"'{name}' is not a file name: fonts are named as files in the "
                                              "'fonts' folder next to the theme, or in duopress's bundled fonts")
    for folder in folders:
        candidate = folder / name
        if candidate.is_file():
            if not candidate.resolve().is_relative_to(folder.resolve()):
                raise _FontProblem("theme.font-path", f"'{name}' is a link to a file outside its fonts folder")
            return candidate
    raise _FontProblem("theme.font-missing", f"no font file '{name}' in the 'fonts' folder next to the theme or "
                                             "in duopress's bundled fonts")


IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG: what reportlab draws without Pillow


def _logo(ctx: _Context, node: Node, path: str) -> Path | None:
    """The cover's logo: a PNG or JPEG named by file name, beside the theme file."""
    name = _name(ctx, node, path)
    if name is None:
        return None
    theme_folder = Path(ctx.file).parent
    candidate = theme_folder / name
    if Path(name).name != name or name in (".", ".."):
        ctx.error(node.span, "theme.logo", f"'{name}' is not a file name: put the logo next to the theme file",
                  path)
    elif not candidate.is_file() or not candidate.resolve().is_relative_to(theme_folder.resolve()):
        ctx.error(node.span, "theme.logo", f"no logo file '{name}' next to the theme file", path)
    else:
        with candidate.open("rb") as handle:
            head = handle.read(8)
        if head.startswith(IMAGE_MAGIC):
            return candidate
        ctx.error(node.span, "theme.logo", f"'{name}' is not a PNG or JPEG image", path)
    return None


TRUETYPE = (b"\x00\x01\x00\x00", b"true")  # the first four bytes of a font with TrueType outlines
NOT_TRUETYPE = {
    b"OTTO": "has CFF (PostScript) outlines; reportlab needs TrueType outlines (a .ttf)",
    b"ttcf": "is a font collection; name a single TrueType font (a .ttf)",
    b"wOFF": "is a web font (WOFF); name a TrueType font (a .ttf)",
    b"wOF2": "is a web font (WOFF2); name a TrueType font (a .ttf)",
}


def _truetype(path: Path, name: str) -> Path:
    """``path`` if it starts like a TrueType font (cheap: four bytes, so a text file fails here, not in reportlab)."""
    try:
        with open(path, "rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        raise _FontProblem("theme.font", f"cannot read '{name}': {exc.strerror or exc}") from None
    if magic in TRUETYPE:
        return path
    raise _FontProblem("theme.font", f"'{name}' " + NOT_TRUETYPE.get(magic, "is not a TrueType font file (a .ttf)"))


def _language_scripts(ctx: _Context, node: Node, path: str) -> dict[str, str] | None:
    """{language: script}: which font each language's own text is set in."""
    if not isinstance(node, Map):
        ctx.error(node.span, "theme.mapping", "expected a mapping of language to script, e.g. {ko: hangul, en: latin}",
                  path)
        return None
    scripts: dict[str, str | None] = {}
    for lang, value in node.pairs.items():
        if not f.LANG_CODE.fullmatch(lang):
            ctx.error(node.key_spans[lang], "theme.language", f"'{lang}' is not a language code such as ko or en",
                      path)
        scripts[lang] = _script(ctx, value, _at(path, lang))
    read_well = {lang: script for lang, script in scripts.items() if script is not None}
    return read_well if len(read_well) == len(scripts) else None


def _script(ctx: _Context, node: Node, path: str) -> str | None:
    script = _name(ctx, node, path)
    if script is None or script in SCRIPTS:
        return script
    ctx.error(node.span, "theme.script", f"'{script}' is not in fonts.scripts ({', '.join(SCRIPTS)})"
              + f.suggest(script, SCRIPTS), path)
    return None


# deck_family: the family the deck names instead of `family` (the files still measure the deck's text)
_FACE = _mapping({"family": _name, "regular": _font_file, "bold": _font_file, "italic": _font_file,
                  "deck_family": _name}, required=("family", "regular"))
_FONTS = _mapping({"scripts": _mapping({script: _FACE for script in SCRIPTS}, required=SCRIPTS),
                   "languages": _language_scripts}, required=("scripts",))


# -- deck and brief ----------------------------------------------------------------------------------


_LAYOUT_NAMES = _mapping({kind: _name for kind in LAYOUTS})  # missing kinds are named by _layouts


def _layouts(ctx: _Context, node: Node, path: str) -> dict[str, str] | None:
    """Slide layout names by deck.layouts key; every key is needed, since any outline may use it."""
    names = _LAYOUT_NAMES(ctx, node, path)
    if not isinstance(node, Map):
        return None
    missing = [kind for kind in LAYOUTS if kind not in node.pairs]
    for kind in missing:
        ctx.error(node.span, "theme.layout", f"missing '{kind}': the slide layout for {LAYOUTS[kind]}", path)
    return None if missing else names


def _deck_fits(ctx: _Context, node: Map, values: dict[str, Any]) -> None:
    """Sizes that are each in range but do not fit together."""
    minimum = values.get("min_size")
    if values.get("max_body_size") is not None and values.get("body_size") is not None \
            and values["max_body_size"] < values["body_size"]:
        ctx.error(node.pairs["max_body_size"].span, "theme.range", f"max_body_size {values['max_body_size']:g} is "
                  f"smaller than body_size {values['body_size']:g}: sparse slides grow from body_size up to it",
                  "deck.max_body_size")
    for key in ("sub_body_size", "body_size"):
        if minimum is not None and values.get(key) is not None and minimum > values[key]:
            ctx.error(node.pairs["min_size"].span, "theme.range", f"min_size {minimum:g} is larger than {key} "
                      f"{values[key]:g}: text shrinks from the body sizes down to min_size, never up", "deck.min_size")
    margin, width, height = values.get("margin_in"), values.get("width_in"), values.get("height_in")
    if margin is not None and width is not None and height is not None and 4 * margin > min(width, height):
        ctx.error(node.pairs["margin_in"].span, "theme.range", f"margins of {margin:g} in leave less than half of "
                  f"the {width:g} × {height:g} in slide for content", "deck.margin_in")


def _heading_sizes(ctx: _Context, node: Node, path: str) -> list | None:
    sizes = [HEADING_POINTS(ctx, item, f"{path}[{index}]") for index, item in f.sequence(ctx, node, path)]
    if isinstance(node, Seq) and len(sizes) != 3:
        ctx.error(node.span, "theme.list", "expected three sizes, for headings of levels 1, 2 and 3, e.g. "
                                           "[20, 14, 11.5]", path)
        return None
    return sizes if sizes and None not in sizes else None


# cover, on_cover, on_cover_muted: the title, section and closing slides (default: primary, on_primary, light)
_COLORS = {key: _color for key in ("primary", "accent", "text", "muted", "light", "background", "on_primary",
                                   "cover", "on_cover", "on_cover_muted")}
_OPTIONAL_COLORS = ("background", "cover", "on_cover", "on_cover_muted")
# deck.colors: the slides' own palette over `colors` (a dark projected deck beside a white printed brief)
_DECK_COLORS = _mapping({**_COLORS, "chart": _chart_colors})
POINTS = _ranged(4, 200, " pt")  # slide font sizes: beyond these, text only overflows (deck.overflow)
SPACING = _ranged(0.5, 4, " times the font size")  # line spacing
# PowerPoint allows 56 in; under 3 in the slides' fixed offsets leave boxes of negative size.
INCHES = _ranged(3, 56, " in")
# The brief is printed on A4 or letter: sizes and margins a page of body text can hold.
PRINT_POINTS, HEADING_POINTS, SMALL_POINTS = _ranged(6, 16, " pt"), _ranged(6, 32, " pt"), _ranged(5, 14, " pt")
LEADING = _ranged(0.8, 3, " times the font size")
_DECK_SIZES = ("title_size", "subtitle_size", "body_size", "sub_body_size", "min_size", "footer_size",
               "notes_size")
# The rest of the type scale, optional: a theme written before they existed still loads (theme.py derives them).
_DECK_SCALE = ("max_body_size", "stat_size", "source_size")
_DECK = {"width_in": INCHES, "height_in": INCHES, "margin_in": _ranged(0, 10, " in"),
         **{key: POINTS for key in _DECK_SIZES + _DECK_SCALE}, "line_spacing": _per_language(SPACING),
         "layouts": _layouts, "structure": _structure, "colors": _DECK_COLORS}
_DECK_OPTIONAL = ("structure", "colors", *_DECK_SCALE)

_BRIEF = {
    "paper": lambda ctx, node, path: f.choice(ctx, node, path, PAPER.values),
    "margin_mm": _mapping({side: _ranged(0, 50, " mm") for side in ("top", "bottom", "inner", "outer")}),
    "body_size": _per_language(PRINT_POINTS), "leading": _per_language(LEADING), "heading_sizes": _heading_sizes,
    "caption_size": SMALL_POINTS, "footer_size": SMALL_POINTS,
    # Where footnotes are set: at the foot of the page that cites them, or gathered before the references.
    "footnotes": lambda ctx, node, path: f.choice(ctx, node, path, ("page", "end")),
    "series": _per_language(_name),  # the publication series on the cover's masthead: "Policy Brief"
    "logo": lambda ctx, node, path: _logo(ctx, node, path),
}
_THEME = _mapping({
    "name": _name,
    "colors": _mapping({**_COLORS, "chart": _chart_colors}, required=[k for k in _COLORS if k not in _OPTIONAL_COLORS]
                       + ["chart"]),
    "fonts": _FONTS,
    "deck": _mapping(_DECK, required=tuple(k for k in _DECK if k not in _DECK_OPTIONAL), check=_deck_fits),
    "brief": _mapping(_BRIEF, required=("body_size", "leading")),
}, required=("colors", "fonts", "deck", "brief"))


def _theme(ctx: _Context, root: Node | None) -> dict | None:
    if not isinstance(root, Map):
        ctx.error(root.span if root else Span(ctx.file, 1, 1), "theme.not-a-mapping",
                  "a theme is a mapping with 'colors', 'fonts', 'deck' and 'brief'; `duopress theme` writes the "
                  "default one to start from")
        return None
    return _THEME(ctx, root, "")
