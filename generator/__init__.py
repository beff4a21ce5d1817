"""duopress: one bilingual outline → a deck and a brief in every language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .version import __version__

if TYPE_CHECKING:
    from .api import BuildResult, build, check, deck_fit, preload

# The API is imported on first use (PEP 562): starting the command imports nothing before it can catch
# Ctrl-C (__main__.run), and the renderers, babel and yaml load on first use anyway.
_API = ("build", "check", "deck_fit", "preload", "BuildResult")


def __getattr__(name: str):
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'generator' has no attribute {name!r}")


__all__ = ["__version__", "build", "check", "deck_fit", "preload", "BuildResult"]
