"""The two real-world outlines of issue 25, reopened: a trade brief (money in two currencies, exact and
approximate, charts of plain numbers and facts) and a five-minute talk of household shares and counts (the
conference theme). What a reader sees: the brief's text, the deck's chart XML, the slides PDF's text."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from generator.api import build, load_and_check
from generator.style import resources
from generator.style.theme_file import load_theme

FIXTURES = Path(__file__).parent / "fixtures"
pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed")


@pytest.fixture(scope="module")
def trade(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("trade")
    build(FIXTURES / "trade.yaml", formats="pptx,pdf,slides", out=out)
    return out


@pytest.fixture(scope="module")
def talk(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("talk")
    build(FIXTURES / "talk.yaml", formats="pptx,pdf,slides", out=out, theme=resources.theme_path("conference"))
    return out


def _text(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", text)


def _deck_text(pptx: Path) -> str:
    with zipfile.ZipFile(pptx) as z:
        slides = [z.read(n).decode() for n in sorted(z.namelist()) if re.match(r"ppt/slides/slide\d+\.xml$", n)]
    return " ".join("".join(re.findall(r"<a:t>([^<]*)</a:t>", p)) for x in slides
                    for p in re.findall(r"<a:p>(.*?)</a:p>", x, re.S)).replace("\u00a0", " ")


def _chart_xml(pptx: Path) -> list[str]:
    with zipfile.ZipFile(pptx) as z:
        return [z.read(n).decode() for n in sorted(z.namelist()) if re.match(r"ppt/charts/chart\d+\.xml$", n)]


def _data_labels(xml: str) -> list[str]:
    return ["".join(re.findall(r"<a:t>([^<]*)</a:t>", d)) for d in re.findall(r"<c:dLbl>(.*?)</c:dLbl>", xml, re.S)]


@pytest.mark.parametrize("name", ["trade", "talk"])
def test_the_fixtures_check_clean(name):
    theme = load_theme(resources.theme_path("conference") if name == "talk" else None)
    _, problems = load_and_check(FIXTURES / f"{name}.yaml", theme)
    assert [str(p) for p in problems] == []


def test_exact_amounts_print_exactly_and_approximate_ones_once(trade):
    en, ko = _text(trade / "trade.en.pdf"), _text(trade / "trade.ko.pdf")
    assert "US$4.745 billion" in en and "47억 4,500만 달러" in ko  # exact: no digit dropped
    assert "about US$735 " in en and "약 735 달러" in ko  # no cents it does not have, "about" once
    assert "US$1,234.50" in en and "1,234.50 달러" in ko  # the cents it has
    deck_en, deck_ko = _deck_text(trade / "trade.en.pptx"), _deck_text(trade / "trade.ko.pptx")
    assert "about KRW 193 trillion" in deck_en and "약 193조 원" in deck_ko
    assert "about about" not in en + deck_en and "약 약" not in ko + deck_ko


def test_korean_particles_agree_with_the_facts_before_them(trade, talk):
    ko = _text(trade / "trade.ko.pdf")
    assert "1,419억 달러로 43.9% 늘었다" in ko  # 달러 + (으)로
    deck = _deck_text(trade / "trade.ko.pptx")
    assert "약 193조 원이 넘는다" in deck and "7,829곳이 참여했다" in deck
    assert "지원 대책은 3으로 늘었다" in _deck_text(trade / "trade.ko.pptx")  # 삼: a final consonant
    assert re.search(r"duopress \S+으로 생성", ko)  # the colophon: a version ending in 0 is read 영
    assert "782만 9,000가구로 가장 흔한" in _text(talk / "talk.ko.pdf")


def test_one_style_per_chart_in_deck_and_brief(trade):
    xml = _chart_xml(trade / "trade.en.pptx")
    column = _data_labels(xml[0])
    # plain numbers and facts at one scale and precision; the deck lists a column chart's points in order.
    # In billions they would read 48.700 … 4.745: the scale below shows every value whole
    assert column == ["48,700", "31,800", "4,745", "26,300", "63,400"]
    en = _text(trade / "trade.en.pdf")
    assert all(label in en for label in column) and "US$ millions" in en
    shares = _data_labels(xml[1])
    assert sorted(shares) == ["20.0%", "21.2%", "23.9%", "32.5%"]  # fractions read as percent: unit: percent
    ko_xml = _chart_xml(trade / "trade.ko.pptx")
    assert _data_labels(ko_xml[0]) == ["487.00", "318.00", "47.45", "263.00", "634.00"]
    assert "억 달러" in _text(trade / "trade.ko.pdf")


def test_a_pie_is_keyed_with_names_and_values_not_labels_around_it(trade, talk):
    pie = _chart_xml(trade / "trade.en.pptx")[2]
    assert "<c:legend>" in pie and "Memory  87.5" in pie and "<c:dLbl>" not in pie
    assert "Exports by product (US$ billions)" in _text(trade / "trade.en.pdf")
    slides = _text(talk / "talk.en.slides.pdf")
    assert "1 person 34.4%" in slides and "4 or more people 17.7%" in slides


def test_the_slides_pdf_draws_the_decks_chart_kind_and_labels(talk):
    slides = _text(talk / "talk.ko.slides.pdf")
    xml = _chart_xml(talk / "talk.ko.pptx")
    column = next(x for x in xml if "<c:barChart>" in x)
    for label in _data_labels(column):
        assert label in slides
    assert "만 가구" in slides  # the axis title: scale and unit once


def test_a_table_column_of_facts_has_one_style_and_its_header_names_scale_and_unit(trade):
    en, ko = _text(trade / "trade.en.pdf"), _text(trade / "trade.ko.pdf")
    assert "Exports (US$ millions)" in en and "수출 (억 달러)" in ko
    assert re.search(r"China 48,700 32\.5% United States 31,800 21\.2% Vietnam 4,745 n/a", en)
    assert re.search(r"중국 487\.00 32\.5% 미국 318\.00 21\.2% 베트남 47\.45 해당 없음", ko)
