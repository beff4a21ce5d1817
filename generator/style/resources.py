"""Where the bundled assets and the essay outline live, in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # generator/, where the wheel puts assets/ and data/
_CHECKOUT = _PACKAGE.parent


def assets_dir() -> Path:
    """``generator/assets`` in a wheel (mapped there by pyproject), ``assets/`` in a checkout."""
    bundled = _PACKAGE / "assets"
    return bundled if bundled.is_dir() else _CHECKOUT / "assets"


def bundled_outline() -> Path:
    """The essay outline that ships with duopress, built when no outline.yaml is at hand."""
    bundled = _PACKAGE / "data" / "outline.yaml"
    return bundled if bundled.is_file() else _CHECKOUT / "outline.yaml"


def theme_path(name: str = "default") -> Path:
    return assets_dir() / "themes" / f"{name}.yaml"


def bundled_themes() -> list[str]:
    """The names of the themes that ship with duopress (``default``, ``portable``)."""
    return sorted(path.stem for path in (assets_dir() / "themes").glob("*.yaml"))
