"""duopress: one bilingual outline → a deck and a brief in every language."""

from __future__ import annotations

__version__ = "0.1.0"

from .build import BuildResult, build  # noqa: E402  (light: renderers and babel load on first use)

__all__ = ["__version__", "build", "BuildResult"]
