"""The theme: colours, fonts per script, sizes and margins (from assets/themes/*.yaml).

The file is read and checked by ``theme_file`` like an outline: every problem located, all at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from ..options import PAPER
from . import resources


@dataclass(frozen=True)
class FontFace:
    """One script's font family and its TrueType files."""

    script: str
    family: str
    """The family of the files: the brief embeds them under this name; the deck writes it unless ``deck_family``."""
    regular: Path
    bold: Path
    italic: Path | None = None
    deck_family: str | None = None
    """The family the deck names instead (one the recipients' PowerPoint has); the deck is still measured
    with ``regular`` and ``bold``. None: ``family``."""

    @property
    def deck_name(self) -> str:
        """The typeface the deck writes in its runs, charts and theme."""
        return self.deck_family or self.family


@dataclass(frozen=True)
class DeckStructure:
    """Which of its own slides and footer parts the deck draws: the theme's ``deck.structure`` gives the
    defaults, the outline's ``deck:`` overrides them key by key (docs/outline.md, "deck")."""

    title_slide: bool = True
    agenda: bool = True
    section_dividers: bool = True
    references: bool = True
    glossary: bool = True
    closing_slide: bool = True
    footer_event: bool = True
    footer_date: bool = True
    footer_slide_number: bool = True
    footer_template: bool = False
    """The template's own footer placeholders instead of ours (only with ``--template``)."""

    def override(self, changes: Mapping[str, bool]) -> DeckStructure:
        """These settings with ``changes`` (keys named as the fields) taking precedence."""
        known = {f.name for f in fields(self)}
        return replace(self, **{key: value for key, value in changes.items() if key in known})


PerLanguage = float | Mapping[str, float]
"""A theme value that may differ by language: one number, or {lang: number} (Korean wants more leading)."""


@dataclass(frozen=True)
class DeckStyle:
    """The theme's ``deck``: slide size, the type scale in points, line spacing and the layouts' names.

    Read only through ``theme_file`` (which checks every value's range and how they fit together); the
    optional steps of the scale default from the others there (``with_scale``)."""

    width_in: float
    height_in: float
    margin_in: float
    title_size: float
    subtitle_size: float
    body_size: float
    sub_body_size: float
    min_size: float
    """The smallest size text shrinks to; only footers and source lines are smaller."""
    footer_size: float
    notes_size: float
    max_body_size: float
    """A sparse slide's text grows from ``body_size`` up to this."""
    stat_size: float
    """A stat slide's numbers."""
    source_size: float
    line_spacing: PerLanguage
    layouts: Mapping[str, str]
    """The slide layout each kind of slide is built on, by the template's layout names."""
    colors: Mapping[str, Any] = field(default_factory=dict)
    """The slides' own palette over the theme's ``colors`` (``Theme.deck_colors``)."""


@dataclass(frozen=True)
class Margins:
    """A printed page's margins in millimetres; one-sided reading: the inner margin is on the left."""

    top: float = 22
    bottom: float = 22
    inner: float = 22
    outer: float = 22


@dataclass(frozen=True)
class BriefStyle:
    """The theme's ``brief``: paper, margins and type sizes of the printed page."""

    body_size: PerLanguage
    leading: PerLanguage
    """Line height as a multiple of the body size."""
    paper: str = PAPER.default
    margin_mm: Margins = field(default_factory=Margins)
    heading_sizes: tuple[float, float, float] = (20, 14, 11.5)
    caption_size: float = 8.5
    """Captions, sources and footnotes."""
    footer_size: float = 8
    footnotes: str = "page"
    """Where footnotes are set: "page" (at the foot of the page that cites them) or "end"."""
    series: str | Mapping[str, str] | None = None
    """The publication series on the cover's masthead ("Policy Brief"), one or per language."""
    logo: Path | None = None


@dataclass(frozen=True)
class Theme:
    """A theme as the renderers read it: typed, checked, frozen; made only by ``theme_file.read_theme``."""

    name: str
    colors: Mapping[str, Any]  # name -> "RRGGBB"; "chart" -> list of "RRGGBB"
    scripts: Mapping[str, FontFace]  # "latin", "hangul"
    language_scripts: Mapping[str, str]  # "ko" -> "hangul"
    deck: DeckStyle
    brief: BriefStyle
    path: Path
    structure: DeckStructure = field(default_factory=DeckStructure)  # deck.structure

    @cached_property
    def deck_colors(self) -> Mapping[str, Any]:
        """The slides' palette: ``colors`` with ``deck.colors`` over it (a dark deck beside a white brief),
        and the cover colours (title, section and closing slides) defaulting to primary, on_primary, light."""
        colors = {"background": "FFFFFF", **self.colors, **self.deck.colors}
        for key, fallback in COVER_DEFAULTS.items():
            colors.setdefault(key, colors[fallback])
        colors["on_cover_dim"] = mix(colors["on_cover"], colors["cover"], 0.45)  # the divider's other sections
        return colors

    @property
    def latin(self) -> FontFace:
        return self.scripts["latin"]

    def per_language(self, value: Any, lang: str) -> Any:
        """Theme values may be one value or a {lang: value} mapping (Korean wants more leading)."""
        if isinstance(value, Mapping):
            return value.get(lang, value.get("en", next(iter(value.values()))))
        return value


COVER_DEFAULTS = {"cover": "primary", "on_cover": "on_primary", "on_cover_muted": "light"}


def mix(a: str, b: str, share: float) -> str:
    """The colour ``share`` of the way from ``a`` to ``b`` (RRGGBB)."""
    channels = (round(int(a[i:i + 2], 16) * (1 - share) + int(b[i:i + 2], 16) * share) for i in (0, 2, 4))
    return "".join(f"{c:02X}" for c in channels)


def with_scale(deck: Mapping[str, Any]) -> dict[str, Any]:
    """``deck`` with the optional steps of the type scale filled in: a sparse slide's body grows up to
    ``max_body_size`` (body_size + 6), a stat's number is ``stat_size`` (2.25 × title_size), footers and
    source lines are ``source_size`` (footer_size), the only text below ``min_size``."""
    scale = {"max_body_size": deck["body_size"] + 6, "stat_size": round(deck["title_size"] * 2.25),
             "source_size": deck["footer_size"]}
    return {**scale, **deck}


def font_folders(theme_path: Path) -> list[Path]:
    """Where a theme's font file names are looked up, in order: a ``fonts`` folder beside the theme file
    (so a user's theme can bring its own fonts, which an installed package cannot hold), then the bundled one."""
    bundled = resources.assets_dir() / "fonts"
    own = theme_path.parent / "fonts"
    if own.is_dir() and own.resolve() != bundled.resolve():
        return [own, bundled]
    return [bundled]


def font_files(theme_path: Path) -> list[Path]:
    """Every file the theme may name as a font or a logo: what a build hashes to notice a changed one."""
    *own, bundled = font_folders(theme_path)
    files = sorted(bundled.glob("*.ttf"))
    for folder in own:
        files += sorted(p for p in folder.iterdir() if p.is_file())
    if theme_path.parent.resolve() != resources.assets_dir().resolve() / "themes":
        files += sorted(p for p in theme_path.parent.iterdir() if p.is_file() and p.suffix.lower() in LOGO_SUFFIXES)
    return files


LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")  # a theme's brief.logo: an image beside the theme file
