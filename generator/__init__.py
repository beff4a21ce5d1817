"""duopress: one bilingual outline → a deck and a brief in every language."""

from __future__ import annotations

__version__ = "0.1.0"

from .pipeline.run import BuildResult, build

__all__ = ["__version__", "build", "BuildResult"]
