"""Split text into runs by writing system, so each run gets the font and language tag of its script.

PowerPoint picks a run's East Asian font (``a:ea``) only for East Asian characters and its Latin font
(``a:latin``) for the rest; a PDF has no such fallback at all. So both renderers split text into
Hangul and Latin runs first. Spaces, digits and punctuation belong to no script: they join the run
before them (or, at the start of a text, the run after), so a run never ends at a space.
"""

from __future__ import annotations

import functools
import unicodedata

HANGUL = "hangul"
LATIN = "latin"

_EAST_ASIAN_BLOCKS = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation: 「」『』〈〉 and the ideographic space
    (0x3130, 0x318F),  # Hangul Compatibility Jamo
    (0x3200, 0x32FF),  # enclosed CJK letters: ㈜
    (0x3400, 0x4DBF),  # CJK ideographs extension A (Hanja)
    (0x4E00, 0x9FFF),  # CJK unified ideographs (Hanja)
    (0xA960, 0xA97F),  # Hangul Jamo Extended-A
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xD7B0, 0xD7FF),  # Hangul Jamo Extended-B
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF00, 0xFFEF),  # half- and full-width forms
)


@functools.lru_cache(maxsize=4096)
def script_of(char: str) -> str | None:
    """``hangul`` for East Asian characters, ``latin`` for other letters, None for neutral ones."""
    code = ord(char)
    for low, high in _EAST_ASIAN_BLOCKS:
        if low <= code <= high:
            return HANGUL
    if unicodedata.category(char).startswith(("L", "M")):
        return LATIN
    return None


def split_scripts(text: str, default: str = LATIN) -> list[tuple[str, str]]:
    """``"오픈AI의 o1 모델"`` → ``[("hangul", "오픈"), ("latin", "AI"), ("hangul", "의 "), ...]``."""
    runs: list[list[str]] = []  # [script, text] pairs being built
    pending = ""  # neutral characters seen before the first letter
    for char in text:
        script = script_of(char)
        if script is None:
            if runs:
                runs[-1][1] += char
            else:
                pending += char
        elif runs and runs[-1][0] == script:
            runs[-1][1] += char
        else:
            runs.append([script, pending + char])
            pending = ""
    if pending:
        runs.append([default, pending])
    return [(script, chunk) for script, chunk in runs]


def has_hangul(text: str) -> bool:
    return any(script_of(char) == HANGUL for char in text)


# PowerPoint's font slot per character (ECMA-376 Part 1, 21.1.2.3, "Run Formatting"): these ranges use a
# run's a:latin font; U+2018–U+201F (curly quotes) use a:ea in a run whose language is East Asian; the cs
# and sym ranges (Hebrew, Arabic, Indic scripts, U+F000–U+F0FF) fall to a:latin here, since duopress writes
# neither a:cs nor a:sym; every other character — arrows are latin, but ▲ ■ ① ★ and the CJK blocks are
# not listed — uses a:ea.
_LATIN_SLOT = (
    (0x0000, 0x00A6), (0x00A9, 0x00AF), (0x00B2, 0x00B3), (0x00B5, 0x00D6), (0x00D8, 0x00F6),
    (0x00F8, 0x074F), (0x0780, 0x07BF), (0x0900, 0x10FF), (0x1200, 0x137F), (0x13A0, 0x18AF),
    (0x1D00, 0x1D7F), (0x1E00, 0x1FFF), (0x2000, 0x2046), (0x204A, 0x245F), (0x2670, 0x2671),
    (0x27C0, 0x2BFF), (0xD835, 0xD835), (0xF000, 0xF0FF), (0xFB00, 0xFB4F), (0xFE50, 0xFE6F),
)


@functools.lru_cache(maxsize=2)
def latin_slot(east_asian_run: bool) -> frozenset[str]:
    """Every character PowerPoint draws with a run's Latin font (``drawingml_east_asian`` is False for
    these, True for any other): some 9,000, so that a font's whole coverage is split in two set operations
    instead of 20,000 calls."""
    chars = frozenset(chr(code) for low, high in _LATIN_SLOT for code in range(low, high + 1))
    quotes = frozenset(chr(code) for code in range(0x2018, 0x2020))
    return chars - quotes if east_asian_run else chars | quotes


@functools.lru_cache(maxsize=4096)
def drawingml_east_asian(char: str, east_asian_run: bool) -> bool:
    """Whether PowerPoint draws ``char`` with a run's East Asian font (``a:ea``) rather than its Latin one,
    in a run tagged with an East Asian language (``east_asian_run``) or not."""
    code = ord(char)
    if 0x2018 <= code <= 0x201F:
        return east_asian_run
    return not any(low <= code <= high for low, high in _LATIN_SLOT)
