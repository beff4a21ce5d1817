"""Facts are stored once and formatted per locale by babel; the same fact never reads differently."""

from __future__ import annotations

import pytest

from generator.errors import Span
from generator.localize.document import plain
from generator.localize.i18n import FORMATTERS, format_date_range, format_fact, format_list, language_tag
from generator.outline.facts import KINDS
from generator.outline.model import Fact, PartialDate

HERE = Span("test.yaml", 1, 1)
APPROX = {"ko": "약 {value}", "en": "about {value}"}


def fact(kind, value, **extra):
    return Fact("f", kind, value, HERE, **extra)


CASES = [
    (fact("count", 100_000_000, style="compact"), "1억", "100 million"),
    (fact("count", 175_000_000_000, style="compact"), "1,750억", "175 billion"),
    (fact("count", 1_800_000_000_000, style="compact"), "1조 8,000억", "1.8 trillion"),
    (fact("count", 64), "64", "64"),
    (fact("count", 1234567), "1,234,567", "1,234,567"),
    (fact("money", 2_400_000_000_000, currency="KRW", style="compact"), "2조 4,000억 원", "KRW 2.4 trillion"),
    (fact("money", 2_400_000_000_000, currency="KRW", style="compact", approx=True),
     "약 2조 4,000억 원", "about KRW 2.4 trillion"),
    (fact("money", 5_000_000_000, currency="USD", style="compact"), "50억 달러", "$5 billion"),
    (fact("date", PartialDate(2022, 11, 30)), "2022년 11월 30일", "November 30, 2022"),
    (fact("date", PartialDate(2023, 12)), "2023년 12월", "December 2023"),
    (fact("date", PartialDate(2024)), "2024년", "2024"),
    (fact("duration", 2, unit="month"), "2개월", "2 months"),
    (fact("duration", 9, unit="month", approx=True), "약 9개월", "about 9 months"),
    (fact("duration", 5, unit="year"), "5년", "5 years"),
    (fact("percent", 0.645, decimals=1), "64.5%", "64.5%"),
    (fact("number", 3.5), "3.5", "3.5"),
]


@pytest.mark.parametrize("value, ko, en", CASES, ids=[c[1] for c in CASES])
def test_fact_reads_right_in_each_locale(value, ko, en):
    assert _spaced(plain(format_fact(value, "ko", APPROX["ko"]))) == ko
    assert _spaced(plain(format_fact(value, "en", APPROX["en"]))) == en


def _spaced(text: str) -> str:
    """A fact's no-break spaces read as spaces (that they are no-break is tested apart)."""
    return text.replace("\u00a0", " ")


@pytest.mark.parametrize("lang, kind, value, extra", [
    ("ko", "money", 1_800_000_000_000, {"currency": "KRW", "style": "compact"}),
    ("en", "duration", 2, {"unit": "month"}),
    ("en", "scientific", (3.8, 25), {"unit": "FLOP"}),
    ("ko", "date", PartialDate(2022, 11, 30), {}),
])
def test_a_number_never_parts_from_its_unit(lang, kind, value, extra):
    text = plain(format_fact(fact(kind, value, **extra), lang))
    assert " " not in text and "\u00a0" in text, repr(text)


def test_a_list_of_names_may_still_wrap():
    from generator.outline.model import Text

    items = tuple(Text({"ko": n, "en": n}, {}, "i", HERE) for n in ("SKT", "KT", "LG Uplus"))
    assert " " in plain(format_fact(fact("list", items), "en"))


def test_scientific_exponent_is_a_superscript_run():
    runs = format_fact(fact("scientific", (3.8, 25), unit="FLOP"), "en")
    assert [(_spaced(r.text), r.superscript) for r in runs] == [("3.8 × 10", False), ("25", True),
                                                                  (" FLOP", False)]
    runs = format_fact(fact("scientific", (1, 25), unit="FLOP"), "ko")
    assert [(_spaced(r.text), r.superscript) for r in runs] == [("10", False), ("25", True), (" FLOP", False)]


def test_counter_units_attach_the_korean_way():
    from generator.outline.model import Text

    unit = Text({"ko": "개", "en": "models"}, {}, "u", HERE)
    assert _spaced(plain(format_fact(fact("count", 64, unit=unit), "ko"))) == "64개"
    assert _spaced(plain(format_fact(fact("count", 64, unit=unit), "en"))) == "64 models"
    people = Text({"ko": "명", "en": "users"}, {}, "u", HERE)
    assert _spaced(plain(format_fact(fact("count", 100_000_000, style="compact", unit=people), "ko"))) == "1억 명"


def test_lists_follow_the_locale():
    assert format_list(["A", "B", "C"], "ko") == "A, B 및 C"
    assert format_list(["A", "B", "C"], "en") == "A, B, and C"



RANGES = [  # (start, end, ko, en, de): a closed en dash in English and German, Korean's 2023~2024년
    (PartialDate(2023), PartialDate(2024), "2023~2024년", "2023–2024", "2023–2024"),
    (PartialDate(2024, 3), PartialDate(2024, 5), "2024년 3~5월", "Mar–May 2024", "März–Mai 2024"),
    (PartialDate(2023, 11), PartialDate(2024, 2), "2023년 11월~2024년 2월", "Nov 2023–Feb 2024",
     "Nov. 2023–Feb. 2024"),
    (PartialDate(2024, 3, 1), PartialDate(2024, 3, 15), "2024년 3월 1~15일", "Mar 1–15, 2024", "1.–15. März 2024"),
    (PartialDate(2024, 3, 1), PartialDate(2024, 5, 15), "2024년 3월 1일~5월 15일", "Mar 1–May 15, 2024",
     "1. März–15. Mai 2024"),
]


@pytest.mark.parametrize("start, end, ko, en, de", RANGES, ids=[r[3] for r in RANGES])
def test_a_range_is_set_closed(start, end, ko, en, de):
    assert [format_date_range(start, end, lang) for lang in ("ko", "en", "de")] == [ko, en, de]
    assert plain(format_fact(fact("date_range", (start, end)), "en")) == en


def test_an_approximate_amount_is_rounded_once_for_every_language():
    """Korean's every-group form would otherwise show all 13 digits where English shows three."""
    amount = fact("money", 1_234_567_890_123, currency="KRW", style="compact", approx=True)
    assert _spaced(plain(format_fact(amount, "ko", APPROX["ko"]))) == "약 1조 2,300억 원"
    assert _spaced(plain(format_fact(amount, "en", APPROX["en"]))) == "about KRW 1.23 trillion"
    exact = fact("money", 1_234_567_890_123, currency="KRW", style="compact")
    assert _spaced(plain(format_fact(exact, "ko"))) == "1조 2,345억 6,789만 123 원"
    small = fact("money", 175_456_000_000, currency="USD", style="compact", approx=True)
    assert _spaced(plain(format_fact(small, "ko", APPROX["ko"]))) == "약 1,750억 달러"
    assert _spaced(plain(format_fact(small, "en", APPROX["en"]))) == "about $175 billion"
    plain_style = fact("money", 1234.56, currency="USD", approx=True)
    assert _spaced(plain(format_fact(plain_style, "en", APPROX["en"]))) == "about $1,230"  # no cents it does not have


def test_language_tags_come_from_likely_subtags():
    assert (language_tag("ko"), language_tag("en"), language_tag("ja")) == ("ko-KR", "en-US", "ja-JP")


def test_a_list_fact_follows_each_languages_list_pattern():
    from generator.outline.model import Text

    items = tuple(Text({"ko": ko, "en": en}, {}, "i", HERE) for ko, en in
                  (("SKT", "SKT"), ("KT", "KT"), ("LG유플러스", "LG Uplus")))
    assert plain(format_fact(fact("list", items), "ko")) == "SKT, KT 및 LG유플러스"
    assert plain(format_fact(fact("list", items), "en")) == "SKT, KT, and LG Uplus"


def test_every_kind_the_loader_reads_has_a_formatter_and_no_other():
    """outline.facts.KINDS declares the kinds; i18n.FORMATTERS formats them (babel stays in localize)."""
    assert list(FORMATTERS) == list(KINDS)
    assert all(name == kind.name for name, kind in KINDS.items())
