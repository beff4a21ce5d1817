"""The numbers a text states, as values: what ``parity.numbers`` compares across languages.

Languages write the same number in different ways — "three weeks" / 3주, "KRW 2.4 trillion" / 2조 4,000억 원,
"Jul 2019" / 2019.7, "fourth quarter" / 4Q / 4분기 — so each text is read by its language's readers into
``Quantity`` values before the multisets are compared. Each reader finds its forms, records their values and
blanks them out, so that later readers (and the bare-numeral one, last) do not read them again:

1. dates: ``2019.7`` and ``2024. 2. 28.`` (a year, then a month: never the decimal 2019.7, so ``2022.10`` is
   October), ``28.02.2024``, a year range ``2020-22`` (2020 and 2022), month names (``Jul``, ``November``,
   ``März``) as their numbers;
2. quarters and halves: ``Q4``, ``4Q``, ``4Q23``, ``4/4분기`` are 4 (and 2023); ``H1``/상반기 1, ``H2``/하반기 2;
3. scaled numbers: ``2.4 trillion``, ``7bn``, ``2,4 Mrd.``, ``2조 4,000억``, ``3천만`` as one value each;
4. number words: English and German cardinals (``twenty-five``, ``dreiundzwanzig``, ``two hundred``),
   ordinals (``third``, ``dritte``), multiples (``twice``, ``doubled``, ``verdoppelt``), spans (``two
   decades`` is 20, ``a decade`` 10); Korean native numerals before a counter (``세 가지``, ``두 배``,
   ``열 명``) and native ordinals (``셋째``, ``세 번째``);
5. bare numerals, as before: ``1,234`` (``1.234`` in languages that group with a dot) and decimals; a
   numeral that is part of a name (``GPT-4``, ``405B``) is not a number.

A value that a translation may well leave unsaid is *soft*: one ("one of", "a year", 한 명, ``1인당``, ein),
the first, a half, a decade. A soft value may be missing on the other side; it still matches when present.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..localize.scripts import HANGUL, LATIN, script_of


@dataclass(frozen=True)
class Quantity:
    value: str  # the normalised decimal: "2400000000000", "0.5", "7"
    soft: bool = False
    """A small number in words (three, 셋째, twice): it matches a numeral, but a translation may drop it
    ("the two paths" / 흐름) — it counts only when the other side also has a number left over."""
    unsaid: bool = False
    """One, a half, a decade: a translation may leave it unsaid ("per woman" / 1명당) whatever else differs."""


def quantities(text: str, lang: str) -> list[Quantity]:
    """The numbers ``text`` (plain text of one language) states, in the order the readers find them."""
    text = unicodedata.normalize("NFKC", text)
    found: list[Quantity] = []
    digits = _ANY_DIGIT.search(text) is not None
    for needs_digit, reader in _readers(lang):
        if digits or not needs_digit:  # most readers look for numerals: a text without a digit skips them
            text = reader(text, found)
    return found


_ANY_DIGIT = re.compile(r"\d")


Reader = Callable[[str, list[Quantity]], str]
_BLANK = "\u2002"  # what a read form becomes: white space, which no reader takes for part of a number


def _q(value: Decimal | int | str, soft: bool = False, unsaid: bool = False) -> Quantity:
    return Quantity(f"{Decimal(str(value)).normalize():f}", soft or unsaid, unsaid)


def _word(value: Decimal | int) -> Quantity:
    """A number said in words: up to twelve soft, one (ein, 한 명) unsaid, as "a" or "the" would be."""
    return _q(value, soft=value <= 12, unsaid=value == 1)


def _substitute(pattern: re.Pattern[str], read: Callable[[re.Match[str]], list[Quantity] | None]) -> Reader:
    """A reader from a pattern: each match's quantities are recorded and the match blanked (a match that
    ``read`` turns down, returning None, is left as it is)."""
    def reader(text: str, found: list[Quantity]) -> str:
        def blank(match: re.Match[str]) -> str:
            values = read(match)
            if values is None:
                return match.group()
            found.extend(values)
            return _BLANK * len(match.group())
        return pattern.sub(blank, text)
    return reader


# 1. dates -----------------------------------------------------------------------------------------------

_YEAR = r"(?:1[89]|20)\d{2}"
_YEAR_MONTH = re.compile(rf"(?<![\d.,])({_YEAR})\.\s?(1[0-2]|0?[1-9])(?:\.\s?(3[01]|[12]\d|0?[1-9]))?\.?(?!\d)")
_DAY_MONTH_YEAR = re.compile(rf"(?<![\d.,])(3[01]|[12]\d|0?[1-9])\.\s?(1[0-2]|0?[1-9])\.\s?({_YEAR})(?!\d)")
_YEAR_RANGE = re.compile(r"(?<![\d.,])((?:1[89]|20)(\d{2}))\s?[-–~]\s?(\d{2})(?!\d|[.,]\d)")


def _year_month(match: re.Match[str]) -> list[Quantity]:
    return [_q(part) for part in match.groups() if part]


def _year_range(match: re.Match[str]) -> list[Quantity] | None:
    start, short, end = match.group(1), int(match.group(2)), int(match.group(3))
    iso_month = "-" in match.group() and end <= 12
    if end <= short or iso_month:
        return None  # 2020-15 is no range of years; 2000-10 is October (2000–10 and 2009-13 are ranges)
    return [_q(start), _q(int(start) // 100 * 100 + end)]


MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"],
}
_MONTH_ABBREVIATIONS = {"Sept": 9, "Jänner": 1, "Mär": 3, "Okt": 10, "Dez": 12}


def _month_pattern(lang: str) -> tuple[re.Pattern[str], dict[str, int]]:
    names = {name: index + 1 for index, name in enumerate(MONTHS[lang])}
    names |= {name[:3]: index + 1 for index, name in enumerate(MONTHS[lang]) if name[:3] not in ("Mai",)}
    names |= _MONTH_ABBREVIATIONS
    choices = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    # capitalised only ("may" is a verb); an abbreviation may end in a full stop
    return re.compile(rf"(?<![^\W\d_])(?:{choices})(?![^\W\d_])\.?"), names


_NEAR_DIGIT = re.compile(r"\d\S{0,2}\s?$|^\.?,?\s?\d")


def _months(lang: str) -> Reader:
    pattern, names = _month_pattern(lang)

    def read(match: re.Match[str]) -> list[Quantity] | None:
        name = match.group().rstrip(".")
        if name in ("May", "Mai"):  # also a verb and a name: a month only beside a day or a year
            text, start, end = match.string, match.start(), match.end()
            if not (_NEAR_DIGIT.search(text[max(0, start - 5):start]) or _NEAR_DIGIT.search(text[end:end + 4])):
                return None
        return [_q(names[name])]
    return _substitute(pattern, read)


# 2. quarters and halves -------------------------------------------------------------------------------------

_QUARTER = re.compile(r"(?<![^\W\d_])[QH]([1-4])(?:\s?['’](\d{2}))?(?![\w])")
_QUARTER_AFTER = re.compile(r"(?<![\w.,])([1-4])[QH](\d{2})?(?![\w])")
_KO_QUARTER = re.compile(r"(?<![\d.,])([1-4])/4\s?분기")
_KO_HALVES = re.compile(r"(상|하)반기")


def _quarter(match: re.Match[str]) -> list[Quantity] | None:
    if match.group().upper().startswith("H") and match.group(1) not in "12":
        return None
    year = next((part for part in match.groups()[1:] if part), None)
    return [_q(match.group(1))] + ([_q(2000 + int(year))] if year else [])


# 3. scaled numbers -----------------------------------------------------------------------------------------

_NUMERAL_DOT = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
_NUMERAL_COMMA = r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?"
COMMA_DECIMAL = frozenset({"de", "fr", "es", "it", "pt", "nl", "ru", "pl", "cs", "sk", "sv", "da", "nb", "nn", "no",
                           "fi", "tr", "id", "vi", "ro", "hu", "el", "uk", "bg", "hr", "sl"})

SCALES = {
    "en": {"thousand": 3, "million": 6, "mn": 6, "mio": 6, "billion": 9, "bn": 9, "trillion": 12, "tn": 12,
           "trn": 12},
    "de": {"tausend": 3, "million": 6, "millionen": 6, "mio": 6, "milliarde": 9, "milliarden": 9, "mrd": 9,
           "billion": 12, "billionen": 12, "bio": 12},
}


def numeral_value(numeral: str, lang: str) -> Decimal:
    """``1,234.5`` (``1.234,5`` in a comma-decimal language) as a Decimal."""
    comma_decimal = lang in COMMA_DECIMAL
    return Decimal(numeral.replace(".", "").replace(",", ".") if comma_decimal else numeral.replace(",", ""))


def _numeral(lang: str) -> str:
    return _NUMERAL_COMMA if lang in COMMA_DECIMAL else _NUMERAL_DOT


def _scaled(lang: str) -> Reader:
    scales = SCALES.get(lang, SCALES["en"])
    words = "|".join(sorted(scales, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w.,])({_numeral(lang)})\s?({words})\.?(?!\w)", re.IGNORECASE)
    return _substitute(pattern, lambda m: [_q(numeral_value(m.group(1), lang).scaleb(scales[m.group(2).lower()]))])


_KO_SMALL = {"십": 1, "백": 2, "천": 3}
_KO_LARGE = {"만": 4, "억": 8, "조": 12, "경": 16}
_KO_GROUP = rf"(?:{_NUMERAL_DOT})(?:[십백천]?[만억조경]|[백천])"
_KO_SCALED = re.compile(rf"(?<![\d.,제])(?:{_KO_GROUP})(?:\s?(?:{_KO_GROUP}))*")
_KO_PART = re.compile(rf"({_NUMERAL_DOT})([십백천])?([만억조경])?")


def _korean_scaled(match: re.Match[str]) -> list[Quantity]:
    """2조 4,000억 → 2.4 × 10¹²; 3천만 → 3 × 10⁷; 1만 2천 → 12,000; 70억 → 7 × 10⁹."""
    total = Decimal(0)
    for part in _KO_PART.finditer(match.group()):
        value = numeral_value(part.group(1), "ko")
        exponent = _KO_SMALL.get(part.group(2) or "", 0) + _KO_LARGE.get(part.group(3) or "", 0)
        total += value.scaleb(exponent)
    return [_q(total)]  # never soft: 1만 is ten thousand


# 4. number words -------------------------------------------------------------------------------------------

EN_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
            "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
            "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
               "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
               "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
               "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
               "hundredth": 100, "thirds": 3, "fifths": 5, "tenths": 10}
EN_MULTIPLES = {"twice": 2, "double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "triple": 3, "tripled": 3,
                "triples": 3, "tripling": 3, "quadruple": 4, "quadrupled": 4, "dozen": 12}
EN_LARGE = {"hundred": 2, "thousand": 3, "million": 6, "billion": 9, "trillion": 12}
EN_SPANS = {"decade": 10, "decades": 10, "century": 100, "centuries": 100}
EN_HALF = ("half", "halve", "halved", "halves", "halving")
_EN_WORDS = sorted([*EN_UNITS, *EN_ORDINALS, *EN_MULTIPLES, *EN_LARGE, *EN_SPANS, *EN_HALF, "a", "an", "and"],
                   key=len, reverse=True)
_EN_PHRASE = re.compile(rf"(?<!\w)(?:{'|'.join(_EN_WORDS)})(?:[\s-]+(?:{'|'.join(_EN_WORDS)}))*(?!\w)",
                        re.IGNORECASE)


_EN_NUMBER_WORDS = frozenset(_EN_WORDS) - {"a", "an", "and"}
_LATIN_WORD = re.compile(r"[a-z]+")


def _english_words(text: str, found: list[Quantity]) -> str:
    """Runs of English number words: "two hundred and five", "twenty-first", "two decades", "twice"."""
    if _EN_NUMBER_WORDS.isdisjoint(_LATIN_WORD.findall(text.lower())):  # most texts: one C-speed pass
        return text

    def read(match: re.Match[str]) -> str:
        values = _EnglishPhrase().read([w for w in re.split(r"[\s-]+", match.group().lower()) if w])
        if not values:
            return match.group()
        found.extend(values)
        return _BLANK * len(match.group())
    return _EN_PHRASE.sub(read, text)


class _EnglishPhrase:
    """Reads number words left to right: a cardinal grows while its words combine (twenty-five, two hundred
    thousand); anything else ends it."""

    def __init__(self) -> None:
        self.values: list[Quantity] = []
        self.total, self.current, self.said, self.article = 0, 0, False, False

    def read(self, words: list[str]) -> list[Quantity]:
        for word in words:
            self.word(word)
        self.flush()
        return self.values

    def flush(self) -> None:
        if self.said:
            self.values.append(_word(self.total + self.current))
        self.total, self.current, self.said = 0, 0, False

    def word(self, word: str) -> None:
        if word in ("a", "an"):
            self.article = True
            return
        if word == "and":
            return
        article, self.article = self.article, False
        if word in EN_UNITS or word in EN_ORDINALS:
            value = EN_UNITS.get(word, EN_ORDINALS.get(word, 0))
            small = self.current % 100
            if self.said and small and (value >= 10 or small % 10):
                self.flush()  # "first and second", "one two-year term": two numbers
            self.current += value
            self.said = True
            if word in EN_ORDINALS:
                self.flush()
        elif word in EN_LARGE and (self.said or article):
            self.current = (self.current or 1) * 10 ** EN_LARGE[word]
            if EN_LARGE[word] >= 3:
                self.total, self.current = self.total + self.current, 0
            self.said = True
        elif word in EN_SPANS and (self.said or article):
            count, said = self.total + self.current or 1, self.said
            self.total, self.current, self.said = 0, 0, False
            # "two decades" is 20년; "a decade" may be "10년" or unsaid
            self.values.append(_q(count * EN_SPANS[word], soft=count <= 12, unsaid=not said))
        elif word in EN_MULTIPLES:
            self.flush()
            self.values.append(_word(EN_MULTIPLES[word]))
        elif word in EN_HALF:
            self.flush()
            self.values.append(_q("0.5", unsaid=True))


_SPAN_DIGITS = re.compile(r"(?<![\d.,])(\d{1,2})\s(?:decades|Jahrzehnten?)(?!\w)")
_DE_SPAN = re.compile(r"(?<![\w-])([^\W\d_]+)\s(?:Jahrzehnten?)(?!\w)")


def _span_in_digits(match: re.Match[str]) -> list[Quantity]:
    return [_q(int(match.group(1)) * 10)]


def _german_span(match: re.Match[str]) -> list[Quantity] | None:
    count = _german_cardinal(match.group(1).lower())
    return None if count is None else [_q(count * 10, soft=count <= 12)]


DE_UNITS = {"null": 0, "ein": 1, "eins": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
            "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13,
            "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19}
DE_TENS = {"zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70,
           "achtzig": 80, "neunzig": 90}
DE_ORDINALS = {"erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "sechst": 6, "siebt": 7, "acht": 8,
               "neunt": 9, "zehnt": 10, "elft": 11, "zwölft": 12}
DE_MULTIPLES = {"zweimal": 2, "doppelt": 2, "doppelte": 2, "doppelten": 2, "verdoppelt": 2, "verdoppelte": 2,
                "verdoppelung": 2, "verdoppeln": 2, "dreimal": 3, "dreifach": 3, "dreifache": 3,
                "verdreifacht": 3, "dutzend": 12}
DE_ARTICLES = ("einer", "einem", "einen", "eines")
DE_HALF = ("hälfte", "halb", "halbe", "halben", "halber")
_DE_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?![\w-])")
_DE_ENDINGS = ("en", "er", "es", "em", "e", "")


_DE_STEMS = re.compile(r"null|ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|ßig|hundert|"
                       r"tausend|erst|zweit|dritt|doppel|halb|hälfte|jahrzehnt|dutzend", re.IGNORECASE)


def _german_words(text: str, found: list[Quantity]) -> str:
    """German number words, one word each: "dreiundzwanzig", "dritten", "verdoppelt", "Jahrzehnt"."""
    if _DE_STEMS.search(text) is None:
        return text

    def read(match: re.Match[str]) -> str:
        value = _german_word(match.group().lower())
        if value is None:
            return match.group()
        found.append(value)
        return _BLANK * len(match.group())
    return _DE_WORD.sub(read, text)


def _german_word(word: str) -> Quantity | None:
    if word in DE_MULTIPLES:
        return _word(DE_MULTIPLES[word])
    if word in DE_HALF:
        return _q("0.5", unsaid=True)
    if word in ("jahrzehnt", "jahrzehnts"):
        return _q(10, unsaid=True)
    if word in DE_ARTICLES:
        return _q(1, unsaid=True)
    cardinal = _german_cardinal(word)
    if cardinal is None:
        cardinal = _german_ordinal(word)
    return None if cardinal is None else _word(cardinal)


def _german_cardinal(word: str) -> int | None:
    """zwei, dreizehn, dreiundzwanzig, hundertfünf, zweitausend, zweihundertvierzig."""
    for large, exponent in (("tausend", 3), ("hundert", 2)):
        head, found, tail = word.partition(large)
        if found:
            factor = _german_cardinal(head) if head else 1
            rest = _german_cardinal(tail) if tail else 0
            if factor is None or rest is None:
                return None
            return factor * 10 ** exponent + rest
    if word in DE_UNITS:
        return DE_UNITS[word]
    if word in DE_TENS:
        return DE_TENS[word]
    unit, found, tens = word.partition("und")
    if found and tens in DE_TENS and unit in DE_UNITS and 0 < DE_UNITS[unit] < 10:
        return DE_UNITS[unit] + DE_TENS[tens]
    return None


def _german_ordinal(word: str) -> int | None:
    """erste, dritten, zwanzigsten, einundzwanzigster."""
    for ending in _DE_ENDINGS:
        if not word.endswith(ending):
            continue
        stem = word[: len(word) - len(ending)]
        if stem in DE_ORDINALS and (ending or stem != "acht"):  # "acht" alone is the cardinal
            return DE_ORDINALS[stem]
        if stem.endswith("st") and len(stem) > 2:
            cardinal = _german_cardinal(stem[:-2])
            if cardinal is not None and cardinal >= 20:
                return cardinal
    return None


KO_NATIVE = {"한": 1, "두": 2, "세": 3, "석": 3, "네": 4, "넉": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8,
             "아홉": 9, "열": 10, "스무": 20, "스물": 20, "서른": 30, "마흔": 40, "쉰": 50, "예순": 60, "일흔": 70,
             "여든": 80, "아흔": 90}
KO_ORDINALS = {"첫째": 1, "둘째": 2, "셋째": 3, "넷째": 4, "다섯째": 5, "여섯째": 6, "일곱째": 7, "여덟째": 8,
               "아홉째": 9, "열째": 10}
KO_COUNTERS = ("가지", "개", "명", "번째", "번", "배", "사람", "살", "곳", "차례", "해", "달", "주", "권", "대", "척",
               "마리", "채", "가구", "시간", "단계", "축", "국", "나라", "자리", "자릿수", "부문", "분야", "차",
               "쪽", "편", "가족", "세대", "세기", "종", "건", "그룹", "팀", "층", "갈래", "요소", "기둥", "원칙",
               "과제", "개국", "명당")
KO_PARTICLES = ("으로", "에서", "까지", "부터", "보다", "동안", "가", "이", "의", "을", "를", "은", "는", "에", "로",
                "와", "과", "도", "만", "씩", "째", "간", "당", "나", "쯤", "께")
_KO_TENS = "열|스무|스물|서른|마흔|쉰|예순|일흔|여든|아흔"
_KO_UNITS = "한|두|세|석|네|넉|다섯|여섯|일곱|여덟|아홉"
_KO_NATIVE_COUNT = re.compile(rf"(?<![가-힣])(?:({_KO_TENS})\s?({_KO_UNITS})?|({_KO_UNITS}))\s([가-힣]+)")
_KO_COUNTER = re.compile(rf"(?:{'|'.join(sorted(KO_COUNTERS, key=len, reverse=True))})"
                         rf"(?:{'|'.join(sorted(KO_PARTICLES, key=len, reverse=True))})?$")
_KO_ORDINAL = re.compile(rf"(?<![가-힣])({'|'.join(sorted(KO_ORDINALS, key=len, reverse=True))})")
_KO_HALF = re.compile(r"절반")


def _korean_count(match: re.Match[str]) -> int | None:
    """세 가지 → 3, 두 흐름 → 2, 열두 명 → 12, 한 사람 → 1 (unsaid). 한 and 열 are numbers only before a
    counter (한 also makes "did", 열 "heat"); 두, 세, 네 … standing alone before a word always count."""
    tens, unit, alone = match.group(1), match.group(2), match.group(3)
    if (tens or alone) in ("한", "열") and not unit and not _KO_COUNTER.match(match.group(4)):
        return None
    return KO_NATIVE.get(tens or "", 0) + KO_NATIVE.get(unit or alone or "", 0)


def _korean_counts(text: str, found: list[Quantity]) -> str:
    def read(match: re.Match[str]) -> str:
        value = _korean_count(match)
        if value is None:
            return match.group()
        found.append(_word(value))
        numeral_end = match.start(4)
        return _BLANK * (numeral_end - match.start()) + match.group(4)
    return _KO_NATIVE_COUNT.sub(read, text)


# 5. bare numerals ------------------------------------------------------------------------------------------

_NUMBER_ENDINGS = {"s", "st", "nd", "rd", "th", "x", "e", "er", "en", "es", "te", "ten", "ter", "fach"}


_KO_NAMED = ("월", "분기", "일", "위", "호", "차", "조", "항", "세")


def _bare(lang: str) -> Reader:
    pattern = re.compile(_numeral(lang))

    def reader(text: str, found: list[Quantity]) -> str:
        for match in pattern.finditer(text):
            if _in_name(text, match.start(), match.end()):
                continue
            try:
                value = numeral_value(match.group(), lang)
            except InvalidOperation:
                continue
            after = text[match.end():match.end() + 2]
            # Korean attaches counters: 1명당, 1년 — "per woman", "a year" in a translation; but 1월, 1분기,
            # 1위, 1일 are January, Q1, first place and the first: said in every language
            soft = value == 1 and bool(after) and script_of(after[0]) == HANGUL and not after.startswith(_KO_NAMED)
            found.append(_q(value, unsaid=soft))
        return text
    return reader


def _in_name(text: str, start: int, end: int) -> bool:
    """Whether the numeral at text[start:end] belongs to a name: GPT-4, o1, 405B (parity.py's docstring)."""
    before = text[start - 1] if start else ""
    if before in "-_" and start >= 2:
        word = re.search(r"[^\W\d_]*$", text[: start - 1])
        assert word is not None  # the pattern matches an empty run too
        # GPT-4, Nano-1, 나노-1 are names; age-0, under-5, top-10, post-2020 are a word and a number
        before = text[start - 2] if _name_like(word.group()) else ""
    elif before == "제" and (start < 2 or not _letter(text[start - 2])):
        before = ""  # 제3차, 제2의: the Korean ordinal prefix
    if _letter(before):
        return True
    run = re.match(r"[^\W\d_]*", text[end:])
    assert run is not None  # the pattern matches an empty run too
    letters = run.group()
    if not letters or script_of(letters[0]) != LATIN:
        return False
    return letters.lower() not in _NUMBER_ENDINGS


def _name_like(word: str) -> bool:
    return any(c.isupper() or script_of(c) not in (LATIN, None) for c in word)


def _letter(char: str) -> bool:
    return bool(char) and script_of(char) is not None and unicodedata.category(char).startswith("L")


# the readers of each language --------------------------------------------------------------------------------

@functools.cache
def _readers(lang: str) -> list[tuple[bool, Reader]]:
    """Each reader of ``lang`` in order, with whether it reads only forms with a digit in them."""
    base = lang.split("-")[0].lower()
    readers: list[tuple[bool, Reader]] = [
        (True, _substitute(_YEAR_MONTH, _year_month)),
        (True, _substitute(_DAY_MONTH_YEAR, lambda m: [_q(part) for part in m.groups()])),
        (True, _substitute(_YEAR_RANGE, _year_range)),
        (True, _substitute(_QUARTER, _quarter)),
        (True, _substitute(_QUARTER_AFTER, lambda m: [_q(m.group(1))] + ([_q(2000 + int(m.group(2)))]
                                                                        if m.group(2) else []))),
    ]
    if base in MONTHS:
        readers.append((False, _months(base)))
    if base == "ko":
        readers += [(True, _substitute(_KO_QUARTER, lambda m: [_q(m.group(1))])),
                    (False, _substitute(_KO_HALVES, lambda m: [_word(1 if m.group(1) == "상" else 2)])),
                    (True, _substitute(_KO_SCALED, _korean_scaled)),
                    (False, _korean_counts),
                    (False, _substitute(_KO_ORDINAL, lambda m: [_word(KO_ORDINALS[m.group(1)])])),
                    (False, _substitute(_KO_HALF, lambda m: [_q("0.5", unsaid=True)]))]
    else:
        readers.append((True, _scaled(base)))
    readers.append((True, _substitute(_SPAN_DIGITS, _span_in_digits)))
    if base == "en":
        readers.append((False, _english_words))
    elif base == "de":
        readers += [(False, _substitute(_DE_SPAN, _german_span)), (False, _german_words)]
    readers.append((True, _bare(base)))
    return readers
