"""The theme: colours, fonts per script, sizes and margins (from assets/themes/*.yaml)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import resources


@dataclass(frozen=True)
class FontFace:
    """One script's font family and its TrueType files."""

    script: str
    family: str
    regular: Path
    bold: Path
    italic: Path | None = None


@dataclass(frozen=True)
class Theme:
    name: str
    colors: Mapping[str, Any]  # name -> "RRGGBB"; "chart" -> list of "RRGGBB"
    scripts: Mapping[str, FontFace]  # "latin", "hangul", ...
    language_scripts: Mapping[str, str]  # "ko" -> "hangul"
    deck: Mapping[str, Any]
    brief: Mapping[str, Any]
    path: Path

    def face_for_language(self, lang: str) -> FontFace:
        """The font a language's own script is set in (its East Asian font in PowerPoint)."""
        return self.scripts[self.language_scripts.get(lang, "latin")]

    @property
    def latin(self) -> FontFace:
        return self.scripts["latin"]

    def per_language(self, value: Any, lang: str) -> Any:
        """Theme values may be one value or a {lang: value} mapping (Korean wants more leading)."""
        if isinstance(value, Mapping):
            return value.get(lang, value.get("en", next(iter(value.values()))))
        return value


def theme_from_mapping(data: Mapping[str, Any], path: Path) -> Theme:
    fonts_dir = resources.assets_dir() / "fonts"
    scripts = {
        script: _font_face(script, spec, fonts_dir)
        for script, spec in data["fonts"]["scripts"].items()
    }
    return Theme(
        name=str(data.get("name", path.stem)),
        colors=dict(data["colors"]),
        scripts=scripts,
        language_scripts=dict(data["fonts"].get("languages", {})),
        deck=dict(data["deck"]),
        brief=dict(data["brief"]),
        path=path,
    )


def _font_face(script: str, spec: Mapping[str, Any], fonts_dir: Path) -> FontFace:
    italic = spec.get("italic")
    return FontFace(
        script=script,
        family=str(spec["family"]),
        regular=fonts_dir / spec["regular"],
        bold=fonts_dir / spec.get("bold", spec["regular"]),
        italic=fonts_dir / italic if italic else None,
    )


def load_theme(path: Path | None = None) -> Theme:
    """Read a theme file (the bundled default when ``path`` is None)."""
    from ..outline.yamlnodes import read_config_yaml  # the one module that parses YAML

    path = path or resources.theme_path()
    return theme_from_mapping(read_config_yaml(path), path)
