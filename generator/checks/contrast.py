"""Colour contrast of the theme's text (WCAG 2.1 SC 1.4.3): every colour duopress writes text in, against the
colour it is written on, at least 4.5:1, or 3:1 for large text (18 pt, or 14 pt bold).

The uses are listed here, one per place a colour pair meets as text in a deck or a brief, with the size that
text has in that language (a theme may set the brief's sizes per language, so a pair can pass in one and
fail in another). A failure is located at the foreground colour's line in the theme file (``deck.colors``
for the deck when the theme sets it there), one problem per use, naming the languages it fails in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import Level, Problem, Span
from ..outline.yamlnodes import Map, Node, YamlProblems, parse_nodes
from ..style.theme import Theme

CODE = "theme.contrast"


@dataclass(frozen=True)
class Use:
    """Text in colour ``fg`` on ``bg`` (names in the deck's or the brief's palette), ``size`` points in a
    language, bold or not, and what it is (for the message)."""

    medium: str  # "deck" or "brief"
    fg: str
    bg: str
    size: Callable[[Theme, str], float]
    bold: bool
    what: str


def _deck(key: str, add: float = 0.0) -> Callable[[Theme, str], float]:
    return lambda theme, lang: float(getattr(theme.deck, key)) + add


def _brief(key: str, default: float) -> Callable[[Theme, str], float]:
    return lambda theme, lang: float(theme.per_language(getattr(theme.brief, key, default), lang))


def _points(size: float) -> Callable[[Theme, str], float]:
    return lambda theme, lang: size


USES = (
    Use("deck", "text", "background", _deck("min_size"), False, "the slides' body text"),
    Use("deck", "muted", "background", _deck("footer_size"), False, "footers and source lines"),
    Use("deck", "primary", "background", _deck("min_size"), True, "card headings and quotations"),
    Use("deck", "accent_text", "background", _deck("footer_size", 2), True,
        "kickers, timeline dates, stat numbers and Korean emphasis"),
    Use("deck", "on_cover", "cover", _deck("subtitle_size"), True, "the title, divider and closing slides' text"),
    Use("deck", "on_cover_muted", "cover", _deck("footer_size"), False, "the title slide's byline"),
    Use("deck", "on_cover_dim", "cover", _deck("min_size"), False, "the other sections beside a divider"),
    Use("deck", "accent", "cover", _points(48), True, "a divider's section number and the closing 'Questions'"),
    Use("brief", "text", "background", _brief("body_size", 10), False, "the brief's body text"),
    Use("brief", "muted", "background", _brief("footer_size", 8), False, "running heads, footers and captions"),
    Use("brief", "primary", "background", _brief("body_size", 10), False, "links and headings"),
    Use("brief", "accent_text", "background", _brief("footer_size", 8), True,
        "kickers, pull quotes and Korean emphasis"),
    Use("brief", "text", "light", _brief("body_size", 10), False, "the summary box and sidebars"),
    Use("brief", "accent_text", "light", _brief("body_size", 10), True, "Korean emphasis in the summary box"),
    Use("brief", "on_primary", "primary", _brief("footer_size", 8), False, "the cover's masthead"),
)


def luminance(rgb: str) -> float:
    """WCAG's relative luminance of "RRGGBB"."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(rgb[i:i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def needed(size: float, bold: bool) -> float:
    """4.5:1, or 3:1 for large text: at least 18 pt, or 14 pt bold."""
    return 3.0 if size >= 18 or (bold and size >= 14) else 4.5


def contrast_problems(theme: Theme, languages: Iterable[str]) -> list[Problem]:
    """A warning for each use of a colour as text that is below WCAG's contrast in some language."""
    languages = list(languages)
    spans = _ColorSpans(theme.path)
    problems = []
    for use in USES:
        palette = theme.deck_colors if use.medium == "deck" else {"background": "FFFFFF", **theme.colors}
        fg, bg = palette.get(use.fg), palette.get(use.bg)
        if not isinstance(fg, str) or not isinstance(bg, str):
            continue
        got = ratio(fg, bg)
        failing = [(lang, use.size(theme, lang)) for lang in languages
                   if got < needed(use.size(theme, lang), use.bold)]
        if not failing:
            continue
        sizes = ", ".join(f"{lang} {size:g} pt" for lang, size in failing)
        want = needed(failing[0][1], use.bold)
        span, path = spans.of(use.medium, use.fg)
        problems.append(Problem(
            span, Level.WARNING, CODE,
            f"{use.medium} text in {use.fg} (#{fg}) on {use.bg} (#{bg}) has contrast {got:.2f}:1, under WCAG's "
            f"{want:g}:1 for {use.what} ({sizes}){_hint(use.fg)}", path))
    return problems


def _hint(name: str) -> str:
    return ": set colors.accent_text to a darker shade for text" if name in ("accent", "accent_text") else ""


class _ColorSpans:
    """Where each colour is set in the theme file (its line), read with the outline's YAML reader."""

    def __init__(self, path: Path):
        self.path = path
        self.root: Node | None = None
        try:
            self.root, _ = parse_nodes(path.read_text(encoding="utf-8"), str(path))
        except (OSError, UnicodeDecodeError, YamlProblems):
            pass

    def of(self, medium: str, name: str) -> tuple[Span, str]:
        """The span and path of the key that sets colour ``name`` for ``medium``."""
        names = (name, "accent") if name == "accent_text" else (name,)  # unset: the accent it falls back to
        for colour in names:
            for keys in ((("deck", "colors", colour),) if medium == "deck" else ()) + (("colors", colour),):
                node = self.root
                for key in keys:
                    node = node.pairs.get(key) if isinstance(node, Map) else None
                if node is not None:
                    return node.span, ".".join(keys)
        return Span(str(self.path), 1, 1), f"colors.{name}"
