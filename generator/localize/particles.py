"""Korean particles that agree with the formatted fact before them, read as a Korean reader says it aloud.

A particle's form depends on the sound a word ends with: 64개가 but 64만 명이, 0.1.0으로 (read 영) but
2로 (이), 3으로 (삼), 7로 (칠: after ㄹ, 로). A fact's text is made by duopress and an author cannot know
how it ends, so the author writes the pair as Korean style guides do
— ``{fact:x}이(가)``, ``을(를)``, ``은(는)``, ``과(와)``, ``(으)로``, ``(이)다`` — and ``resolve`` picks
the form. Plain Python, no babel: the renderers' ``Document.label`` uses it too.
"""

from __future__ import annotations

import re

_HANGUL_BASE, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL = 8  # the jongseong index of ㄹ

# How a digit, a place and a Latin letter are read: only the last syllable matters, so each maps to
# whether that syllable has a final consonant, and whether the consonant is ㄹ.
_DIGIT = {"0": "영", "1": "일", "2": "이", "3": "삼", "4": "사", "5": "오", "6": "육", "7": "칠", "8": "팔",
          "9": "구"}
_PLACE = {1: "십", 2: "백", 3: "천"}  # 10, 100, 1000; from 10^4 on the myriad's name: 만, 억, 조, 경
_MYRIAD = ("만", "억", "조", "경")
_LETTER = {"A": "이", "B": "비", "C": "씨", "D": "디", "E": "이", "F": "프", "G": "지", "H": "치", "I": "이",
           "J": "이", "K": "이", "L": "엘", "M": "엠", "N": "엔", "O": "오", "P": "피", "Q": "큐", "R": "알",
           "S": "스", "T": "티", "U": "유", "V": "이", "W": "유", "X": "스", "Y": "이", "Z": "트"}
_SIGN = {"%": "트", "‰": "밀", "°": "도", "℃": "도", "×": "기"}  # 퍼센트, 퍼밀, 도, 곱하기
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SILENT = " \u00a0\u2009)]}\"'”’.,;:!?…"

# The pairs an author writes → (after a final consonant, after a vowel, after ㄹ).
PAIRS: dict[str, tuple[str, str, str]] = {}
for _consonant, _vowel in (("이", "가"), ("은", "는"), ("을", "를"), ("과", "와")):
    for _written in (f"{_consonant}({_vowel})", f"({_consonant}){_vowel}", f"{_vowel}({_consonant})"):
        PAIRS[_written] = (_consonant, _vowel, _consonant)
PAIRS["(으)"] = ("으", "", "")  # (으)로, (으)며, (으)면: after ㄹ as after a vowel (서울로)
PAIRS["(이)"] = ("이", "", "")  # (이)다, (이)나, (이)라고, (이)며
_PAIR = re.compile("|".join(re.escape(p) for p in sorted(PAIRS, key=len, reverse=True)))


def final_sound(text: str) -> str | None:
    """How ``text`` ends when read aloud: "consonant", "rieul" (ㄹ), "vowel", or None (a word of Latin
    letters, which Korean reads as English: its ending is not known from its spelling)."""
    text = text.rstrip(_SILENT).translate(_SUPERSCRIPT)
    if not text:
        return None
    last = text[-1]
    if _HANGUL_BASE <= ord(last) <= _HANGUL_LAST:
        return _syllable_sound(last)
    if last.isdigit():
        return _syllable_sound(_number_ending(text))
    if last in _SIGN:
        return _syllable_sound(_SIGN[last])
    word = re.search(r"[A-Za-z]+$", text)
    if word and word.group().isupper() and len(word.group()) <= 3:
        return _syllable_sound(_LETTER[last])  # an initialism, said letter by letter: USD, GPT, 5G
    return None  # a word (FLOP is 플롭, NASA 나사): its spelling does not tell how it ends


def _syllable_sound(syllable: str) -> str:
    final = (ord(syllable) - _HANGUL_BASE) % 28
    return "vowel" if final == 0 else "rieul" if final == _RIEUL else "consonant"


def _number_ending(text: str) -> str:
    """The last syllable of the number ``text`` ends with: 3 → 삼, 10 → 십, 20,000 → 만, 0.1.0 → 영 (a
    decimal or a version is read digit by digit after its point)."""
    match = re.search(r"[\d,]*\d$", text)
    assert match is not None
    digits = match.group().replace(",", "")
    before = text[: match.start()]
    if before.endswith(".") and before[:-1][-1:].isdigit():
        return _DIGIT[digits[-1]]
    if int(digits) == 0:
        return _DIGIT["0"]
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros == 0:
        return _DIGIT[digits[-1]]
    if zeros < 4:
        return _PLACE[zeros]
    return _MYRIAD[min(zeros // 4, len(_MYRIAD)) - 1]


def written_pair(text: str) -> str | None:
    """The particle pair ``text`` starts with ("이(가)", "(으)"), or None."""
    match = _PAIR.match(text)
    return match.group() if match else None


def resolve(before: str, after: str) -> str:
    """``after`` with the particle pair it starts with chosen for ``before``: ("64개", "이(가) 늘었다") →
    "가 늘었다". A pair after text whose ending is not known stays as written (이(가) is how Korean prints
    a particle for an unknown word)."""
    pair = written_pair(after)
    sound = final_sound(before) if pair else None
    if pair is None or sound is None:
        return after
    consonant, vowel, rieul = PAIRS[pair]
    form = {"consonant": consonant, "vowel": vowel, "rieul": rieul}[sound]
    return form + after[len(pair):]


# Fixed particles an author may write after a fact, by the form they must agree with.
_FIXED = {"이": ("consonant", "rieul"), "가": ("vowel",), "은": ("consonant", "rieul"), "는": ("vowel",),
          "을": ("consonant", "rieul"), "를": ("vowel",), "과": ("consonant", "rieul"), "와": ("vowel",),
          "으로": ("consonant",), "로": ("vowel", "rieul")}
_FIXED_RE = re.compile(r"(으로|[이가은는을를과와로])(?=$|[\s.,;:!?)\]…”’'\"])")


def disagreement(before: str, after: str) -> tuple[str, str] | None:
    """(written, wanted) when ``after`` starts with a fixed particle that does not agree with how ``before``
    is read ("64만 명" + "가" → ("가", "이")), else None. Only particles standing alone (followed by a space,
    punctuation or the end) count: "가구", "이상" and "로봇" are words, not particles."""
    match = _FIXED_RE.match(after)
    sound = final_sound(before) if match else None
    if match is None or sound is None or re.search(r"[A-Za-z]$", before.rstrip(_SILENT)):
        return None  # an initialism's reading is a guess good enough to pick a pair, not to warn
    written = match.group(1)
    if sound in _FIXED[written]:
        return None
    for consonant, vowel, rieul in {PAIRS[p] for p in PAIRS if p[0] != "("} | {("으로", "로", "로")}:
        if written in (consonant, vowel):
            wanted = {"consonant": consonant, "vowel": vowel, "rieul": rieul}[sound]
            return written, wanted
    return None


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, **values: object) -> str:
    """A label's ``{placeholders}`` filled in, each pair of particles after one chosen for its value:
    "{generator}(으)로 생성" → "duopress 0.1.0으로 생성"."""
    out, last = [], 0
    for match in _PLACEHOLDER.finditer(template):
        out.append(template[last:match.start()])
        out.append(str(values[match.group(1)]))
        last = match.end()
        rest = template[last:]
        resolved = resolve(out[-1], rest)
        if resolved != rest:
            template, last = template[:last] + resolved, last
    out.append(template[last:])
    return "".join(out)
