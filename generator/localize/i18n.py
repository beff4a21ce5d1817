"""The only module that imports babel: facts, dates and lists formatted for one explicit locale.

Never ``locale.setlocale``: every call names its locale (STYLE.md, example 7).
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import re
from collections.abc import Callable
from dataclasses import replace

from babel import Locale, UnknownLocaleError, dates, lists, numbers, units
from babel.core import get_global

from ..outline.model import Fact, PartialDate, Text
from .document import Run

_SKELETONS = {"year": "y", "month": "yMMMM", "day": None}
_INTERVAL_SKELETONS = {"year": "y", "month": "yMMM", "day": "yMMMd"}
_TIME_UNITS = {"year": 12.0, "month": 1.0, "week": 12 / 52.1775, "day": 12 / 365.2425}  # in months


@functools.cache
def locale_for(lang: str) -> Locale:
    """``ko`` → ko_Kore_KR: the language's likely script and territory, for currency and tags; a code
    with subtags as written (``en-GB``, ``zh-Hant``)."""
    likely = get_global("likely_subtags").get(lang)
    return Locale.parse(likely) if likely else Locale.parse(lang, sep="-")


def likely_script(lang: str) -> str | None:
    """The ISO 15924 script ``lang`` is most likely written in (``de`` → Latn, ``ja`` → Jpan), or None."""
    parts = lang.replace("-", "_").split("_")
    likely = get_global("likely_subtags").get(parts[0], "").split("_")
    return next((part.title() for part in parts[1:] + likely if len(part) == 4 and part.isalpha()), None)


def known_language(lang: str) -> bool:
    """Whether babel has locale data for ``lang`` (a code of the right shape may still have none: zz, en-XX)."""
    try:
        locale_for(lang)
    except (ValueError, UnknownLocaleError):
        return False
    return True


def warm_up(languages) -> None:
    """Load babel's data for ``languages`` now: numbers, dates and lists (a build's workers call this
    while the outline is checked, before forking one child per artifact)."""
    for lang in languages:
        locale = locale_for(lang)
        numbers.format_decimal(1234.5, locale=locale)
        dates.format_date(_dt.date(2000, 1, 1), "long", locale=locale)
        lists.format_list(["a", "b"], locale=locale)


def language_tag(lang: str) -> str:
    """BCP 47 tag for file metadata and PowerPoint runs: ko → ko-KR, en → en-US."""
    locale = locale_for(lang)
    return f"{locale.language}-{locale.territory}" if locale.territory else locale.language


def format_date(value: PartialDate, lang: str) -> str:
    """The precision written is the precision shown: 2023-12 → 2023년 12월 / December 2023."""
    skeleton = _SKELETONS[value.precision]
    day = value.first_day()
    if skeleton is None:
        return dates.format_date(day, "long", locale=locale_for(lang))
    return dates.format_skeleton(skeleton, day, locale=locale_for(lang))


def format_date_range(start: PartialDate, end: PartialDate, lang: str) -> str:
    """2023–2024, March–May 2024 / 2023~2024년, 2024년 3~5월: babel's interval, set as print sets a range."""
    skeleton = _INTERVAL_SKELETONS[min(start.precision, end.precision, key=list(_SKELETONS).index)]
    interval = dates.format_interval(start.first_day(), end.first_day(), skeleton, locale=locale_for(lang))
    return tighten_range(interval)


_SPACED_DASH = re.compile(r"[ \u2009\u00a0]+([\u2013~\uff5e])[ \u2009\u00a0]+")
_REPEATED_UNIT = re.compile(r"(\d)([^\d\s~\uff5e]+)([~\uff5e]\d+)\2(?!\d)")


def tighten_range(text: str) -> str:
    """CLDR spaces some ranges with thin spaces ("2023 – 2024") or spaces ("2023년 ~ 2024년"); English
    and Korean print set them closed, and Korean writes a unit repeated on both sides once, after the
    second number: 2023–2024, 2023~2024년, 2024년 3~5월 (but 2023년 11월~2024년 2월 stays whole)."""
    return _REPEATED_UNIT.sub(r"\1\3\2", _SPACED_DASH.sub(r"\1", text))


def format_list(items: list[str], lang: str) -> str:
    """「A, B 및 C」 / "A, B, and C"."""
    return lists.format_list(items, locale=locale_for(lang))


def format_number(value: float, lang: str, decimals: int | None = None) -> str:
    if decimals is None:
        return numbers.format_decimal(value, locale=locale_for(lang))
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return numbers.format_decimal(value, format=pattern, locale=locale_for(lang), decimal_quantization=True)


def number_symbols(lang: str) -> tuple[str, str]:
    """The language's decimal sign and group separator: ('.', ',') in English, (',', '.') in German."""
    locale = locale_for(lang)
    return numbers.get_decimal_symbol(locale), numbers.get_group_symbol(locale)


NBSP = "\u00a0"
BREAKABLE = frozenset({"list", "date_range"})  # "SKT, KT and LG Uplus" and "Nov 2023–Feb 2024" may wrap


_FORMATTED: dict[tuple, tuple[Run, ...]] = {}  # what format_fact returned, by everything it reads
_FORMATTED_LIMIT = 4096  # a long watch session formats ever new values; start over past this many


def format_fact(fact: Fact, lang: str, approx_label: str = "{value}",
                currency_name: str | None = None) -> tuple[Run, ...]:
    """A fact as runs (a scientific value has a superscript exponent). A number never parts from its unit:
    a fact's spaces are no-break spaces ("1조 8,000억 원", "3.8 × 10²⁵ FLOP", "2 months" stay whole on
    one line, in the deck and in the brief), and so is the space between "about" / "약" and the value.

    Remembered: a text mentions the same facts again and again (the essay formats 1,154 mentions of 60
    facts), and babel's formatting was a quarter of localizing. The key is every field the formatters read
    (not the fact's place in the outline); runs are frozen, so sharing them is safe.
    """
    key = (fact.kind, repr(fact.value), repr(fact.unit), fact.currency, fact.style, fact.decimals, fact.approx,
           lang, approx_label, currency_name)
    runs = _FORMATTED.get(key)
    if runs is None:
        if len(_FORMATTED) >= _FORMATTED_LIMIT:
            _FORMATTED.clear()
        runs = _FORMATTED[key] = _format_fact(fact, lang, approx_label, currency_name)
    return runs


def _format_fact(fact: Fact, lang: str, approx_label: str, currency_name: str | None = None) -> tuple[Run, ...]:
    if fact.approx and (fact.kind == "money" or (fact.kind == "count" and fact.style == "compact")):
        fact = replace(fact, value=approximate(_amount(fact)))  # rounded once, for every language alike
    if fact.kind == "money":
        runs: tuple[Run, ...] = (Run(_money_text(fact, lang, currency_name)),)
    else:
        runs = FORMATTERS[fact.kind](fact, lang)
    if fact.kind not in BREAKABLE:
        runs = tuple(replace(run, text=run.text.replace(" ", NBSP)) for run in runs)
    if not fact.approx:
        return runs
    before, _, after = approx_label.partition("{value}")
    return _wrap(runs, before.replace(" ", NBSP) if before.endswith(" ") else before, after)


APPROX_DIGITS = 3  # the precision the English compact form shows: "about KRW 1.23 trillion"


def approximate(value: float, digits: int = APPROX_DIGITS) -> float:
    """An approximate amount rounded once, before any language formats it, so that every language shows
    the same precision: 1,234,567,890,123 → 1,230,000,000,000 ("약 1조 2,300억 원", "about KRW 1.23 trillion")."""
    if not value or not math.isfinite(value):
        return value
    scale = digits - 1 - math.floor(math.log10(abs(value)))
    rounded = round(value, scale)
    return int(rounded) if isinstance(value, int) or scale <= 0 else rounded


def _wrap(runs: tuple[Run, ...], before: str, after: str) -> tuple[Run, ...]:
    wrapped = list(runs)
    wrapped[0] = Run(before + wrapped[0].text, superscript=wrapped[0].superscript)
    wrapped[-1] = Run(wrapped[-1].text + after, superscript=wrapped[-1].superscript)
    return tuple(wrapped)


def _with_unit(number: str, unit: Text | str | None, lang: str) -> str:
    """64 + 개 → 64개; 1억 + 명 → 1억 명; 64 + models → 64 models."""
    word = unit[lang] if isinstance(unit, Text) else unit
    if not word:
        return number
    glued = _is_myriad(lang) and number[-1].isdigit() and len(word) <= 2
    return number + ("" if glued else " ") + word


# The loader gives each kind its value's type (facts.KINDS); these say so to the type checker.
def _amount(fact: Fact) -> float:
    assert isinstance(fact.value, (int, float)), fact.kind
    return fact.value


def _word(value: object) -> str:
    assert isinstance(value, str)
    return value


def _pair(fact: Fact) -> tuple:
    assert isinstance(fact.value, tuple) and len(fact.value) == 2, fact.kind
    return fact.value


def _count(fact: Fact, lang: str) -> tuple[Run, ...]:
    value = _amount(fact)
    text = compact(value, lang) if fact.style == "compact" else format_number(value, lang)
    return (Run(_with_unit(text, fact.unit, lang)),)


def _number(fact: Fact, lang: str) -> tuple[Run, ...]:
    return (Run(_with_unit(format_number(_amount(fact), lang, fact.decimals), fact.unit, lang)),)


def _percent(fact: Fact, lang: str) -> tuple[Run, ...]:
    return (Run(format_percent(_amount(fact), lang, fact.decimals)),)


def format_percent(value: float, lang: str, decimals: int | None = None) -> str:
    """A fraction as the language writes a percent: 47.7% / 47,7 % (CLDR's own pattern, its spacing kept;
    ``decimals`` only changes how many digits follow the decimal sign)."""
    locale = locale_for(lang)
    pattern = locale.percent_formats[None].pattern
    if decimals is None:  # as written: 0.4773 → 47.73%, never rounded to CLDR's whole percent
        decimals = decimals_of(value * 100)
    if decimals:
        pattern = re.sub(r"0(?=[^0#]*%)", "0." + "0" * decimals, pattern, count=1)
    return numbers.format_percent(value, format=pattern, locale=locale, decimal_quantization=True)


def decimals_of(value: float, most: int = 6) -> int:
    """The fewest decimals (up to ``most``) that show ``value`` as it is: 47.73 → 2, 35.0 → 0."""
    return next((p for p in range(most + 1) if abs(round(value, p) - value) < 1e-9 * max(1.0, abs(value))),
                most)


def _money(fact: Fact, lang: str) -> tuple[Run, ...]:
    return (Run(_money_text(fact, lang, None)),)


def _money_text(fact: Fact, lang: str, name: str | None) -> str:
    """An amount as an editor of the language prints it: the full amount (``plain``, cents only when it has
    them) or its compact form, which drops no digit ("$4.745 billion", "47억 4,500만 달러"); Korean writes
    the currency's short name after the amount (``name``: the outline's ``currency.USD`` label), other
    languages place the currency where CLDR's pattern puts it ("$4.745 billion", "4,745 Milliarden USD")."""
    locale, currency, amount = locale_for(lang), _word(fact.currency), _amount(fact)
    if fact.style == "plain" and not _is_myriad(lang) and not name:
        pattern = locale.currency_formats["standard"].pattern
        if amount == int(amount):
            pattern = re.sub(r"0\.0+", "0", pattern)
        return numbers.format_currency(amount, currency, format=pattern, locale=locale, currency_digits=False)
    cents = numbers.get_currency_precision(currency) if amount != int(amount) else 0
    text = format_number(amount, lang, cents) if fact.style == "plain" else compact(amount, lang)
    if _is_myriad(lang):  # 2조 4,000억 원: the unit word follows
        return f"{text} {name or currency_word(currency, lang)}"
    return place_currency(text, currency, lang, name)


def place_currency(text: str, currency: str, lang: str, name: str | None = None) -> str:
    """``text`` with the currency where the language's CLDR pattern puts it: the home currency by its symbol,
    another by its ISO code ($2.4 trillion, KRW 2.4 trillion in en-US; 2,4 Billionen €, 1 Million KRW in de)."""
    locale = locale_for(lang)
    home = numbers.get_territory_currencies(locale.territory or "")[:1] == [currency]
    symbol = name or (numbers.get_currency_symbol(currency, locale=locale) if home else currency)
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    if pattern.index("¤") < pattern.index("0"):
        spaced = symbol[-1:].isalpha() or pattern.replace(NBSP, " ").find("¤ ") >= 0
        return f"{symbol}{' ' if spaced else ''}{text}"
    return f"{text} {symbol}"


def currency_word(currency: str, lang: str) -> str:
    """The word a Korean editor writes after an amount: 원, 달러, 유로, 엔화 (CLDR's name without the
    country: 미국 달러 → 달러). An outline names it otherwise with the label ``currency.USD``."""
    return numbers.get_currency_name(currency, locale=locale_for(lang)).split()[-1]


def _date(fact: Fact, lang: str) -> tuple[Run, ...]:
    assert isinstance(fact.value, PartialDate)
    return (Run(format_date(fact.value, lang)),)


def _date_range(fact: Fact, lang: str) -> tuple[Run, ...]:
    start, end = _pair(fact)
    return (Run(format_date_range(start, end, lang)),)


def _duration(fact: Fact, lang: str) -> tuple[Run, ...]:
    return (Run(format_duration(_amount(fact), _word(fact.unit), lang)),)


def format_duration(value: float, unit: str, lang: str) -> str:
    return units.format_unit(value, f"duration-{unit}", length="long", locale=locale_for(lang))


def _scientific(fact: Fact, lang: str) -> tuple[Run, ...]:
    mantissa, exponent = _pair(fact)
    unit = fact.unit[lang] if isinstance(fact.unit, Text) else fact.unit
    prefix = "10" if mantissa == 1 else f"{format_number(mantissa, lang)} × 10"
    runs = [Run(prefix), Run(numbers.format_decimal(exponent, locale=locale_for(lang)).replace("-", "−"),
                             superscript=True)]
    if unit:
        runs.append(Run(f" {unit}"))
    return tuple(runs)


def _list(fact: Fact, lang: str) -> tuple[Run, ...]:
    assert isinstance(fact.value, tuple)
    return (Run(format_list([item[lang] for item in fact.value], lang)),)


# The formatter of each kind of fact, keyed like outline.facts.KINDS (whose docstring says why there are two
# tables; tests/test_facts.py keeps them to the same kinds).
FORMATTERS: dict[str, Callable[[Fact, str], tuple[Run, ...]]] = {
    "count": _count, "number": _number, "percent": _percent, "money": _money, "date": _date,
    "date_range": _date_range, "duration": _duration, "scientific": _scientific, "list": _list,
}


def compact(value: float, lang: str) -> str:
    """100000000 → 1억 / 100 million; 2.4e12 → 2조 4,000억 / 2.4 trillion."""
    if _is_myriad(lang) and value >= 10_000:
        return _myriad(value, lang)
    if value < 1_000_000:
        return format_number(value, lang)
    divisor, _ = magnitude(value, lang)
    digits = decimals_of(value / divisor, 3) if divisor > 1 else 0
    if divisor == 1.0 or abs(round(value / divisor, digits) * divisor - value) > 0.5:
        return format_number(value, lang)  # 4,745,123,456: a compact form would drop digits
    return numbers.format_compact_decimal(value, format_type="long", fraction_digits=digits, locale=locale_for(lang))


def _myriad(value: float, lang: str) -> str:
    """Korean-style grouping by 10^4 with every non-zero group shown: 2조 4,000억, 1,750억."""
    names = _myriad_units(lang)
    parts, remaining = [], int(round(value))
    for power in sorted(names, reverse=True):
        group, remaining = divmod(remaining, 10**power)
        if group:
            parts.append(format_number(group, lang) + names[power])
    if remaining:
        parts.append(format_number(remaining, lang))
    return " ".join(parts)


@functools.cache
def _myriad_units(lang: str) -> dict[int, str]:
    """{4: 만, 8: 억, 12: 조} from babel's own compact-number patterns; {} for a thousands language."""
    patterns = locale_for(lang).compact_decimal_formats["short"]["other"]
    names = {}
    for power in (4, 8, 12, 16):
        pattern = patterns.get(str(10**power))
        unit = pattern.pattern.replace("0", "").strip() if pattern is not None else ""
        if pattern is not None and pattern.pattern.count("0") == 1 and unit and "'" not in unit:
            names[power] = unit  # '0만': a unit of its own at this power, not '00K' or '0'
    return names


def _is_myriad(lang: str) -> bool:
    """Languages that name 10^4 and 10^8 with units of their own (만, 억): Korean, Japanese, Chinese."""
    units = _myriad_units(lang)
    return 4 in units and 8 in units and units[4] != units[8]


def magnitude(largest: float, lang: str) -> tuple[float, str]:
    """A divisor and its word for a chart axis of large numbers: 1e12 → (1e12, '조') / (1e12, 'trillion')."""
    return magnitudes(largest, lang)[0]


def magnitudes(largest: float, lang: str) -> list[tuple[float, str]]:
    """The scales an axis whose largest number is ``largest`` may take, the largest first and 1 (no word)
    last: 1.8e12 → [(1e12, 'trillion'), (1e9, 'billion'), (1e6, 'million'), (1, '')]; [(1, '')] under a
    million."""
    if largest < 1_000_000:
        return [(1.0, "")]
    patterns = locale_for(lang).compact_decimal_formats["long"]["other"]
    powers = sorted(_myriad_units(lang) if _is_myriad(lang) else (6, 9, 12, 15), reverse=True)
    found = [(float(10**power), patterns[str(10**power)].pattern.replace("0", "").strip()) for power in powers
             if largest >= 10**power and str(10**power) in patterns]
    return found + [(1.0, "")]


def chart_value(fact: Fact, unit: object) -> float:
    """A fact's number for a chart, converting a duration to the chart's time unit."""
    if fact.kind == "duration" and isinstance(unit, str) and unit in _TIME_UNITS and fact.unit in _TIME_UNITS:
        return round(_amount(fact) * _TIME_UNITS[_word(fact.unit)] / _TIME_UNITS[unit], 6)
    return fact.number() or 0.0



def scale_title(word: str, lang: str, *, currency: str | None = None, name: str | None = None,
                unit: str = "") -> str:
    """The words an axis names its scale and unit with, once: "억 달러", "만 가구" (Korean writes the scale
    before the unit word), "US$ billions", "households (millions)", "Milliarden USD"."""
    if _is_myriad(lang):
        what = (name or currency_word(currency, lang)) if currency else unit
        return " ".join(part for part in (word, what) if part)
    if lang.split("-")[0] == "en" and word:
        word += "s"  # CLDR's long compact pattern is singular in English ("0 billion"); an axis counts billions
    if currency:
        symbol = name or _axis_symbol(currency, lang)
        pattern = locale_for(lang).currency_formats["standard"].pattern
        parts = (symbol, word) if pattern.index("¤") < pattern.index("0") else (word, symbol)
        return " ".join(part for part in parts if part)
    if unit and word:
        return f"{unit} ({word})"
    return unit or word


def _axis_symbol(currency: str, lang: str) -> str:
    """A currency's symbol where no amount stands beside it to say which dollar: the language's international
    form (US$, ₩, €: ``en_001``), else its ISO code."""
    try:
        symbol = numbers.get_currency_symbol(currency, locale=Locale.parse(f"{lang.split('-')[0]}_001"))
    except (ValueError, UnknownLocaleError):
        return currency
    return symbol if symbol != "$" else currency


NUMBER_WORDS = {"en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")}


def spelled(fact: Fact, runs: tuple[Run, ...], lang: str) -> tuple[Run, ...]:
    """A whole count, number or duration under ten as a word, where house style asks for it in running text
    ("within two months"); anything else as formatted. CLDR's spell-out rules are not in babel: the words of
    the languages in ``NUMBER_WORDS`` are written here."""
    words = NUMBER_WORDS.get(lang.split("-")[0])
    value = fact.value
    if (words is None or fact.kind not in ("count", "number", "duration") or fact.decimals
            or not isinstance(value, (int, float)) or value != int(value) or not 0 <= value <= 9):
        return runs
    first = runs[0]
    digit = re.search(rf"(?<![\d.,]){int(value)}(?![\d.,])", first.text)
    if digit is None:
        return runs
    text = first.text[: digit.start()] + words[int(value)] + first.text[digit.end():]
    return (replace(first, text=text),) + runs[1:]
