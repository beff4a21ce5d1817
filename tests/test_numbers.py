"""parity.numbers compares numbers by value, each language read its own way (generator/checks/numbers.py).

The same numbers written the ways writers write them must agree; a changed, dropped or added number must not.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.checks.numbers import quantities
from generator.checks.parity import number_difference
from generator.outline.inline import parse_inline


def differ(ko: str, en: str, source: str = "ko", lang: str = "en") -> str:
    texts = {"ko": ko, "en": en}
    if source == "de" or lang == "de":
        texts = {source: ko, lang: en}
    return number_difference(parse_inline(texts[source])[0], parse_inline(texts[lang])[0], source, lang)


@pytest.mark.parametrize("ko, en", [
    ("3주 만에", "in three weeks"),
    ("세계 3위", "the world's third"),
    ("3대 소재", "three materials"),
    ("4인 가구", "a family of four"),
    ("2배로 늘었다", "twice as many"),
    ("두 배", "doubled"),
    ("5년 계획", "a five-year plan"),
    ("20년 가까이", "for nearly two decades"),
    ("4분기", "in 4Q"),
    ("4/4분기", "the fourth quarter"),
    ("2023년 4분기", "4Q23"),
    ("11–12월", "November–December"),
    ("2019.7", "Jul 2019"),
    ("2019년 7월", "July 2019"),
    ("2022.10", "Oct 2022"),
    ("2024. 2. 28.", "2024, February 28"),
    ("2조 4,000억 원", "KRW 2.4 trillion"),
    ("2.4조 원", "KRW 2.4tn"),
    ("70억 명", "7 billion people"),
    ("3천만 명", "30 million people"),
    ("세 가지 이유", "three reasons"),
    ("세 번째", "third"),
    ("셋째", "the third"),
    ("여성 1명당", "per woman"),
    ("절반", "half of them"),
    ("1990년대", "the 1990s"),
    ("50%", "50 percent"),
    ("2020~2022년", "2020-22"),
    ("제51조", "Article 51"),
    ("약 네 배", "nearly four times"),
    ("GPT-4와 o1", "GPT-4 and o1"),
    ("주요 특징", "Six defining trends"),        # a small number in words a translation may leave out
    ("두 흐름", "Two paths"),
])
def test_the_same_numbers_written_differently_agree(ko, en):
    assert differ(ko, en) == ""


@pytest.mark.parametrize("de, en", [
    ("im vierten Quartal 2023", "in Q4 2023"),
    ("2,4 Billionen Won", "KRW 2.4 trillion"),
    ("dreiundzwanzig Länder", "twenty-three countries"),
    ("seit zwei Jahrzehnten", "for two decades"),
    ("am 28.02.2024", "on February 28, 2024"),
    ("Juli 2019", "Jul 2019"),
    ("1.234,5 Tonnen", "1,234.5 tonnes"),
    ("verdoppelt", "doubled"),
])
def test_german_numbers_agree(de, en):
    assert differ(de, en, source="de", lang="en") == ""


@pytest.mark.parametrize("ko, en, message", [
    ("2.4%", "24%", "en lacks 2.4; en adds 24"),                     # a typo
    ("3주 만에", "in four weeks", "en lacks 3; en adds 4"),          # a number word against a numeral
    ("세 가지 이유", "four reasons", "en lacks 3; en adds 4"),       # two number words that disagree
    ("2019.7", "Jul 2020", "en lacks 2019; en adds 2020"),
    ("2022.10", "Jan 2022", "en lacks 10; en adds 1"),
    ("70억 명", "70 billion people", "en lacks 7,000,000,000; en adds 70,000,000,000"),
    ("64개와 42개", "64", "en lacks 42"),                             # dropped
    ("64개", "64 and 12", "en adds 12"),                              # added
    ("4분기", "Q3", "en lacks 4; en adds 3"),
    ("20년", "two years", "en lacks 20; en adds 2"),
])
def test_a_real_difference_is_still_caught(ko, en, message):
    assert differ(ko, en) == message


# generated pairs ------------------------------------------------------------------------------------------

EN_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve"]
KO_NATIVE = ["", "한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉", "열"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
ORDINALS = ["", "first", "second", "third", "fourth"]


def _count(draw) -> tuple[str, str, bool]:
    n = draw(st.integers(2, 99_999))
    en = draw(st.sampled_from([f"{n:,}", f"{n}"] + ([EN_WORDS[n]] if n <= 12 else [])))
    ko = draw(st.sampled_from([f"{n:,}개", f"{n}명"] + ([f"{KO_NATIVE[n]} 가지"] if n <= 10 else [])))
    return ko, en, True


def _scaled(draw) -> tuple[str, str, bool]:
    tenths, exponent = draw(st.integers(11, 99)), draw(st.sampled_from([9, 12]))
    whole, tenth = divmod(tenths, 10)
    word = {9: "billion", 12: "trillion"}[exponent]
    en = draw(st.sampled_from([f"KRW {whole}.{tenth} {word}", f"${whole}.{tenth}{word[0]}n"]))
    if exponent == 9:
        ko = f"{tenths}억 원"
    else:
        ko = draw(st.sampled_from([f"{whole}.{tenth}조 원", f"{whole}조 {tenth * 1000:,}억 원"]))
    return ko, en, True


def _date(draw) -> tuple[str, str, bool]:
    year, month = draw(st.integers(1990, 2030)), draw(st.integers(1, 12))
    en = draw(st.sampled_from([f"{MONTHS[month - 1]} {year}", f"{year}-{month:02}"]))
    ko = draw(st.sampled_from([f"{year}.{month}", f"{year}년 {month}월", f"{year}. {month}."]))
    return ko, en, True


def _quarter(draw) -> tuple[str, str, bool]:
    q = draw(st.integers(1, 4))
    en = draw(st.sampled_from([f"Q{q}", f"{q}Q", f"the {ORDINALS[q]} quarter"]))
    ko = draw(st.sampled_from([f"{q}분기", f"{q}/4분기"]))
    return ko, en, en[0] != "t"


def _multiple(draw) -> tuple[str, str, bool]:
    k = draw(st.integers(2, 4))
    en = draw(st.sampled_from([f"{EN_WORDS[k]} times", f"{k}x"] + (["twice"] if k == 2 else [])))
    ko = draw(st.sampled_from([f"{k}배", f"{KO_NATIVE[k]} 배"]))
    return ko, en, en[0].isdigit() and ko[0].isdigit()


def _span(draw) -> tuple[str, str, bool]:
    d = draw(st.integers(2, 5))
    return f"{d * 10}년", f"{EN_WORDS[d]} decades", True


def _percent(draw) -> tuple[str, str, bool]:
    p = draw(st.decimals(min_value="0.1", max_value="99.9", places=1))
    return f"{p}%", draw(st.sampled_from([f"{p}%", f"{p} percent"])), True


FORMS = [_count, _scaled, _date, _quarter, _multiple, _span, _percent]


@st.composite
def pairs(draw) -> list[tuple[str, str, bool]]:
    """(Korean, English, unused) for a few numbers."""
    return [draw(st.sampled_from(FORMS))(draw) for _ in range(draw(st.integers(1, 5)))]


def _joined(parts: list[str]) -> str:
    return ", ".join(parts)


@settings(max_examples=300, deadline=None)
@given(pairs())
def test_generated_pairs_agree(items):
    assert differ(_joined([ko for ko, _, _ in items]), _joined([en for _, en, _ in items])) == ""


@settings(max_examples=200, deadline=None)
@given(pairs(), st.data())
def test_a_dropped_number_is_caught(items, data):
    hard = [i for i, (ko, _, _) in enumerate(items) if any(not q.soft for q in quantities(ko, "ko"))]
    if not hard:
        return
    drop = data.draw(st.sampled_from(hard))
    en = _joined([en for i, (_, en, _) in enumerate(items) if i != drop])
    rest = {q.value for q in quantities(en, "en")}
    dropped = {q.value for q in quantities(items[drop][0], "ko") if not q.soft}
    assume(not dropped <= rest)  # the same number said again elsewhere: nothing is missing by value
    assert differ(_joined([ko for ko, _, _ in items]), en) != ""


@settings(max_examples=200, deadline=None)
@given(pairs(), st.integers(13, 10_000))
def test_an_added_number_is_caught(items, extra):
    ko = _joined([ko for ko, _, _ in items])
    en = _joined([en for _, en, _ in items] + [str(extra)])
    if str(extra) in {q.value for q in quantities(ko, "ko")}:
        return
    assert differ(ko, en) != ""


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value="0.1", max_value="99.9", places=1), pairs())
def test_a_typo_in_a_decimal_is_caught(value, items):
    typo = str(value).replace(".", "")
    ko = _joined([ko for ko, _, _ in items] + [f"{value}%"])
    en = _joined([en for _, en, _ in items] + [f"{typo}%"])
    assert differ(ko, en) != ""
