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
