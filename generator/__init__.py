"""duopress: one bilingual outline → a deck and a brief in every language."""

from __future__ import annotations

# light: the renderers, babel and yaml load on first use
from .api import BuildResult, build, check, deck_fit, preload
from .version import __version__

__all__ = ["__version__", "build", "check", "deck_fit", "preload", "BuildResult"]
