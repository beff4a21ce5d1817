"""Field readers for the loader: every scalar arrives as a string and is coerced here, per field.

Each reader takes the problem collector, a node and the node's path; it returns a typed value or None
and records a located problem, so the loader can go on and report everything at once.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType

from .. import clock
from ..errors import Level, Problem, Span
from .model import PartialDate, Text
from .yamlnodes import Map, Node, Scalar, Seq

LANG_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
IDENT = re.compile(r"[a-z0-9][a-z0-9_-]*")
DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")
URL_SCHEMES = ("http://", "https://", "mailto:")
# A deck is a zip, and a zip entry's time is an MS-DOS date: years 1980 to 2107, nothing else; the build
# clock (meta.date or SOURCE_DATE_EPOCH) stamps every entry.
ZIP_YEARS = clock.ZIP_YEARS
# Numbers stay below 10^18 in size: babel rounds in 28-digit decimals (18 digits and 6 decimals fit, 1e300
# does not), and Python will not read an integer of over 4,300 digits at all.
MAX_DIGITS = 18
MAX_MAGNITUDE = 10.0**MAX_DIGITS
# C0 and C1 controls other than tab and newline, lone surrogates, non-characters, private use.
_FORBIDDEN_CATEGORIES = ("Cc", "Cs", "Co", "Cn")
# Vietnamese stacks two marks on a letter, Indic and Tibetan clusters a few more; hundreds ("Zalgo" text)
# only pile up into a glyph no font lays out and a slide cannot measure.
MAX_COMBINING = 8
# Blocks with no combining mark (category M*) in them: ASCII to Spacing Modifier Letters (the combining
# diacritics start at U+0300), General Punctuation, Superscripts and Subscripts, CJK ideographs, Hangul
# syllables. Text made of these alone (most Korean and English) skips the count per character.
_WITHOUT_MARKS = re.compile("[\x00-\u02ff\u2000-\u206f\u2070-\u209f\u4e00-\u9fff\uac00-\ud7a3]+")
_CATEGORY_NAMES = {"Cc": "a control character", "Cs": "a lone surrogate", "Co": "a private-use character",
                   "Cn": "an unassigned code point"}


class Context:
    """Collects problems; knows the file and the declared languages."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = ()
        # Languages a text may lack or leave empty (an export for translators reads texts not yet translated);
        # such a text keeps the languages it has, and an empty one as "" with its span.
        self.optional_languages: frozenset[str] = frozenset()

    def error(self, span: Span, code: str, message: str, path: str = "") -> None:
        self.problems.append(Problem(span, Level.ERROR, code, message, path))

    def warn(self, span: Span, code: str, message: str, path: str = "") -> None:
        self.problems.append(Problem(span, Level.WARNING, code, message, path))


class Fields:
    """A mapping node checked against its required and optional keys."""

    def __init__(self, ctx: Context, node: Node | None, path: str, *, required=(), optional=(),
                 deeper: Mapping[str, str] | None = None):
        """``deeper``: keys that belong one level further in (an item's ``notes`` written under its section),
        each with what owns it, so that the message says to indent it rather than guess a close spelling."""
        self.ctx, self.node, self.path = ctx, node, path
        self.ok = self.is_map = isinstance(node, Map)
        if node is None:
            return
        if not isinstance(node, Map):
            ctx.error(node.span, "type.mapping", f"expected a mapping with {_keys(required, optional)}", path)
            return
        allowed = set(required) | set(optional)
        for key in node.order:
            if key not in node.pairs:
                continue
            if key in allowed:
                continue
            if deeper and key in deeper:
                owner = deeper[key]
                ctx.error(node.key_spans[key], "key.unknown", f"'{key}' is a key of {owner}, not here: indent it "
                          f"to line up with the other keys of its {owner.split()[-1]}", _join(path, key))
            else:
                ctx.error(node.key_spans[key], "key.unknown",
                          f"unknown key '{key}'" + suggest(key, allowed) + f"; allowed: {_keys(required, optional)}",
                          _join(path, key))
        for key in required:
            if key not in node.pairs:
                ctx.error(node.span, "key.missing", f"missing '{key}'", path)
                self.ok = False

    def get(self, key: str) -> Node | None:
        return self.node.pairs.get(key) if isinstance(self.node, Map) else None

    def text(self, key: str) -> Text | None:
        child = self.get(key)
        return text(self.ctx, child, _join(self.path, key)) if child is not None else None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _keys(required: Iterable[str], optional: Iterable[str]) -> str:
    return ", ".join([f"'{k}'" for k in required] + [f"'{k}' (optional)" for k in optional])


def suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def scalar(ctx: Context, node: Node | None, path: str, what: str = "a value") -> Scalar | None:
    if node is None:
        return None
    if not isinstance(node, Scalar):
        ctx.error(node.span, "type.scalar", f"expected {what}, not a {'list' if isinstance(node, Seq) else 'mapping'}",
                  path)
        return None
    return node


def string(ctx: Context, node: Node | None, path: str) -> str | None:
    node = scalar(ctx, node, path, "a string")
    if node is None:
        return None
    value = clean_text(ctx, node, path)
    if value is not None and not value.strip():
        ctx.error(node.span, "text.empty", "must not be empty", path)
        return None
    return value


def clean_text(ctx: Context, node: Scalar, path: str) -> str | None:
    """NFC text with no control, private-use, surrogate or non-character code points, and no more than
    MAX_COMBINING combining marks on one letter."""
    value = unicodedata.normalize("NFC", node.value)
    # Printable (str.isprintable) excludes every "Other" category, the four forbidden ones among them: the
    # loop per character runs only for text with a tab, a no-break space, a joiner, or a real problem.
    if not value.replace("\n", "").isprintable():
        forbidden = _forbidden_character(value)
        if forbidden is not None:
            offset, char, category = forbidden
            what = unicodedata.name(char, None) or _CATEGORY_NAMES[category]
            ctx.error(node.span, "text.forbidden-character",
                      f"U+{ord(char):04X} ({what}) at character {offset + 1} is not allowed in text", path)
            return None
    stack = _stacked_marks(value)
    if stack is not None:
        start, count = stack
        ctx.error(node.span, "text.combining", f"{count} combining marks in a row at character {start + 1}; "
                  f"at most {MAX_COMBINING} may stack on one letter", path)
        return None
    return value


def _forbidden_character(value: str) -> tuple[int, str, str] | None:
    """(offset, character, category) of the first character of a forbidden category, or None."""
    for offset, char in enumerate(value):
        if char in "\n\t":
            continue
        category = unicodedata.category(char)
        if category in _FORBIDDEN_CATEGORIES:
            return offset, char, category
    return None


def _stacked_marks(value: str) -> tuple[int, int] | None:
    """(offset, length) of the first run of more than MAX_COMBINING combining marks, or None."""
    if not _WITHOUT_MARKS.sub("", value):  # only blocks that hold no combining mark: nothing to count
        return None
    start = count = 0
    for offset, char in enumerate(value + "."):  # the sentinel ends a run at the end of the text
        if unicodedata.category(char).startswith("M"):
            start = offset if count == 0 else start
            count += 1
        elif count > MAX_COMBINING:
            return start, count
        else:
            count = 0
    return None


def text(ctx: Context, node: Node | None, path: str) -> Text | None:
    """A human-language text: a mapping with one non-empty string per declared language."""
    if node is None:
        return None
    langs = ctx.languages
    if not isinstance(node, Map):
        ctx.error(node.span, "text.not-a-mapping",
                  f"expected a text in every language, e.g. {{{', '.join(f'{lang}: …' for lang in langs)}}}", path)
        return None
    by_lang, spans, ok = {}, {}, True
    for index, key in enumerate(node.order):
        if key in node.pairs and key not in langs:
            ctx.error(node.key_spans[key], "text.unknown-language",
                      f"'{key}' is not a declared language ({', '.join(langs)})"
                      + (_comma_hint(node, index) or suggest(key, langs)), path)
            ok = False
    for lang in langs:
        child = node.pairs.get(lang)
        if lang in ctx.optional_languages and _untranslated(child):
            if child is not None:
                by_lang[lang], spans[lang] = "", child.span
            continue
        if child is None:
            ctx.error(node.span, "text.missing-language", f"missing '{lang}'", path)
            ok = False
            continue
        value = string(ctx, child, f"{path}.{lang}")
        if value is None:
            ok = False
            continue
        by_lang[lang], spans[lang] = value.strip(), child.span
    if not ok:
        return None
    return Text(MappingProxyType(by_lang), MappingProxyType(spans), path, node.span)


def _untranslated(child: Node | None) -> bool:
    return child is None or (isinstance(child, Scalar) and not child.value.strip())


def _comma_hint(node: Map, index: int) -> str:
    """In ``{ko: …, en: Why heat, why now}`` YAML reads ``why now`` as a key with no value: say to quote."""
    key = node.order[index]
    value = node.pairs[key]
    if index == 0 or not isinstance(value, Scalar) or value.value:
        return ""
    before = node.order[index - 1]
    previous = node.pairs.get(before)
    if not isinstance(previous, Scalar):
        return ""
    return (f": the comma in {{…}} ended the {before} text; quote a text that contains ', ': "
            f'{before}: "{previous.value}, {key}"')


def unit(ctx: Context, node: Node | None, path: str) -> Text | str | None:
    """A unit: a text, or one string used in every language. It is printed as written (no {fact:…} and no
    markup is read in it), so a brace would show literally and is refused."""
    if node is None:
        return None
    value = string(ctx, node, path) if isinstance(node, Scalar) else text(ctx, node, path)
    if value is None:
        return None
    written = [(value, node.span, path)] if isinstance(value, str) else [
        (value[lang], value.spans[lang], f"{path}.{lang}") for lang in value.by_lang]
    braced = [(word, span, where) for word, span, where in written if "{" in word or "}" in word]
    for word, span, where in braced:
        ctx.error(span, "unit.placeholder", f"'{shown(word)}': a unit is printed as written ({{fact:…}} is not "
                  "filled in), so it takes no braces", where)
    return None if braced else value


def placeholder_text(ctx: Context, span: Span, path: str) -> Text:
    """An empty text standing in for a broken one, so that checking can go on."""
    empty = {lang: "" for lang in ctx.languages}
    return Text(MappingProxyType(empty), MappingProxyType({lang: span for lang in empty}), path, span)


def sequence(ctx: Context, node: Node | None, path: str) -> Iterator[tuple[int, Node]]:
    if node is None:
        return iter(())
    if not isinstance(node, Seq):
        got = f", got '{node.value}'" if isinstance(node, Scalar) else ", got a mapping"
        ctx.error(node.span, "type.list", "expected a list" + got, path)
        return iter(())
    return enumerate(node.items)


def text_list(ctx: Context, node: Node | None, path: str) -> tuple[Text, ...]:
    texts = (text(ctx, child, f"{path}[{index}]") for index, child in sequence(ctx, node, path))
    return tuple(t for t in texts if t is not None)


def string_list(ctx: Context, node: Node | None, path: str) -> list[tuple[str, Span]] | None:
    if node is None:
        return None
    if not isinstance(node, Seq):
        ctx.error(node.span, "type.list", "expected a list, e.g. [a, b]", path)
        return None
    values = []
    for index, child in enumerate(node.items):
        value = string(ctx, child, f"{path}[{index}]")
        if value is not None:
            values.append((value.strip(), child.span))
    return values


def identifier(ctx: Context, node: Node | None, path: str, seen: set[str], what: str) -> str | None:
    value = string(ctx, node, path)
    if value is None:
        return None
    assert node is not None  # string() reads a value only from a node
    if not IDENT.fullmatch(value):
        ctx.error(node.span, "id.invalid", f"'{value}' is not an id: use lower-case letters, digits, '-' and '_'",
                  path)
        return None
    if value in seen:
        ctx.error(node.span, "id.duplicate", f"{what} id '{value}' is used twice", path)
        return None
    seen.add(value)
    return value


def integer(ctx: Context, node: Node | None, path: str, *, minimum: int | None = None,
            maximum: int | None = None) -> int | None:
    node = scalar(ctx, node, path, "a whole number")
    if node is None:
        return None
    raw = node.value.strip().replace("_", "")
    digits = raw.lstrip("+-")
    if not re.fullmatch(r"[-+]?\d+", raw, re.ASCII) or (len(digits) > 1 and digits.startswith("0")):
        ctx.error(node.span, "type.integer", f"expected a whole number, got '{shown(node.value)}'", path)
        return None
    if len(digits) > MAX_DIGITS:  # checked before int(), which refuses strings of over 4,300 digits
        _too_large(ctx, node, path)
        return None
    return _within(ctx, node, path, int(raw), minimum, maximum)


def _within(ctx: Context, node: Scalar, path: str, value: int, minimum: int | None,
            maximum: int | None) -> int | None:
    if minimum is not None and value < minimum:
        ctx.error(node.span, "value.range", f"must be at least {minimum}, got {value}", path)
        return None
    if maximum is not None and value > maximum:
        ctx.error(node.span, "value.range", f"must be at most {maximum}, got {value}", path)
        return None
    return value


def _too_large(ctx: Context, node: Scalar, path: str) -> None:
    ctx.error(node.span, "value.range", f"'{shown(node.value)}' is too large: numbers must be smaller than "
              f"10^{MAX_DIGITS} (a quintillion)", path)


def shown(raw: str, limit: int = 40) -> str:
    """A scalar as a message quotes it: a 5,000-digit number is cut, not printed whole."""
    return raw if len(raw) <= limit else f"{raw[:limit]}… ({len(raw):,} characters)"


def number(ctx: Context, node: Node | None, path: str, *, minimum: float | None = None) -> float | None:
    """A finite decimal number. Leading zeros (YAML 1.1 octal) are refused, not guessed."""
    node = scalar(ctx, node, path, "a number")
    if node is None:
        return None
    raw = node.value.strip().replace("_", "")
    digits = raw.lstrip("+-")
    if not NUMBER.fullmatch(raw) or re.match(r"0\d", digits):
        ctx.error(node.span, "type.number", f"expected a number, got '{shown(node.value)}'", path)
        return None
    value = _exact(raw, digits) if re.fullmatch(r"[-+]?\d+", raw) else float(raw)
    if not math.isfinite(value) or abs(value) >= MAX_MAGNITUDE:
        _too_large(ctx, node, path)
        return None
    if minimum is not None and value < minimum:
        ctx.error(node.span, "value.range", f"must be at least {minimum:g}, got {value:g}", path)
        return None
    return value


def _exact(raw: str, digits: str) -> int | float:
    """A whole number as written, exactly: float() would turn 12345678901234567 into ...568 (and
    999,999,999,999,999,999 into 10^18). Too many digits for int() are infinitely many, here."""
    return int(raw) if len(digits) <= MAX_DIGITS else math.inf


def boolean(ctx: Context, node: Node | None, path: str) -> bool | None:
    node = scalar(ctx, node, path, "true or false")
    if node is None:
        return None
    if node.value in ("true", "false"):
        return node.value == "true"
    ctx.error(node.span, "type.boolean", f"expected true or false, got '{node.value}'", path)
    return None


def choice(ctx: Context, node: Node | None, path: str, choices: Iterable[str]) -> str | None:
    value = string(ctx, node, path)
    choices = tuple(choices)
    if value is None:
        return None
    assert node is not None  # string() reads a value only from a node
    if value not in choices:
        ctx.error(node.span, "value.choice", f"'{value}' is not one of: {', '.join(choices)}"
                  + suggest(value, choices), path)
        return None
    return value


def url(ctx: Context, node: Node | None, path: str) -> str | None:
    value = string(ctx, node, path)
    if value is None:
        return None
    assert node is not None  # string() reads a value only from a node
    if not value.lower().startswith(URL_SCHEMES) or any(c.isspace() for c in value):
        ctx.error(node.span, "link.scheme", f"'{value}' is not an http, https or mailto address", path)
        return None
    return value


def parse_date(raw: str) -> PartialDate | None:
    match = DATE.fullmatch(raw.strip())
    if not match:
        return None
    year_digits, month_digits, day_digits = match.groups()  # the year is never left out
    year = int(year_digits)
    month, day = (int(g) if g else None for g in (month_digits, day_digits))
    try:  # month 00 and day 00 do not exist: not 'or 1', which would read 2024-00-10 as January
        _dt.date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        return None
    return PartialDate(year, month, day)


# English names, not calendar.month_name, which follows the process's locale.
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def impossible_day(raw: str) -> str:
    """Why a YYYY[-MM[-DD]] is not in the calendar, naming the part that is wrong."""
    import calendar

    year, month, day = (int(g) if g else None for g in DATE.fullmatch(raw).groups())  # type: ignore[union-attr]
    if year == 0:
        return "the years start at 0001"
    if month is not None and not 1 <= month <= 12:
        return f"there is no month {month:02d} (months are 01–12)"
    if day is not None and month is not None and year is not None:
        length = calendar.monthrange(year, month)[1]
        return f"{_MONTHS[month - 1]} {year} has {length} days" if day else "days start at 01"
    return "the calendar has no such day"


def partial_date(ctx: Context, node: Node | None, path: str) -> PartialDate | None:
    node = scalar(ctx, node, path, "a date")
    if node is None:
        return None
    value = parse_date(node.value)
    if value is None and DATE.fullmatch(node.value.strip()):  # the shape is right, the calendar says no
        ctx.error(node.span, "type.date", f"'{node.value}' is not a date in the calendar: "
                  + impossible_day(node.value.strip()), path)
    elif value is None:
        ctx.error(node.span, "type.date", f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got '{node.value}'",
                  path)
    return value
