"""A publication's apparatus: authors, publisher, identifiers and notices are read, checked and printed where
publications print them, and the suggested citation is written in each language's own style."""

from __future__ import annotations

import dataclasses
import datetime
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation

from generator.cli import main
from generator.localize.citation import Parts, chicago, korean
from generator.localize.document import plain
from generator.outline import apparatus as checks
from generator.outline.loader import load_outline
from generator.style.theme_file import load_theme

FIXTURE = Path(__file__).parent / "fixtures" / "apparatus.yaml"


def squashed(pdf: Path, *pages: str) -> str:
    args = ["pdftotext", *pages, str(pdf), "-"]
    return " ".join(subprocess.run(args, capture_output=True, check=True, text=True).stdout.split())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("apparatus")
    assert main(["build", str(FIXTURE), "--out", str(out), "--quiet"]) == 0
    return out


# -- the citation ------------------------------------------------------------------------------------------

CITATIONS = {
    "en": "Hong, Gil-dong, and Jane Doe. 2025. Heat and the City. Policy Brief No. 12. Seoul: Example Institute. "
          "https://doi.org/10.1000/182",
    "ko": "홍길동·Jane Doe. 2025. 『폭염과 도시』. 정책 브리프 제12호. 서울: 예시연구원. https://doi.org/10.1000/182",
}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_suggested_citation_is_written_in_each_languages_style(lang):
    from generator.localize.localizer import Localizer

    outline = load_outline(FIXTURE)
    doc = Localizer(outline, lang, clock=datetime.datetime(2025, 7, 15)).document("apparatus")
    citation = doc.meta.apparatus.citation
    assert plain(citation) == CITATIONS[lang]
    if lang == "en":  # Chicago sets the title in italics; Korean brackets it in 『』 instead
        assert [run.text for run in citation if run.emphasis] == ["Heat and the City"]
    else:
        assert not any(run.emphasis for run in citation)


def parts(**changes) -> Parts:
    base = Parts(authors=(), corporate="", year="2024", title="A Title", series="", place="", publisher="", doi="")
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize("p, en, ko", [
    (parts(corporate="Institute", publisher="Institute", place="Seoul"),
     "Institute. 2024. A Title. Seoul: Institute.", "Institute. 2024. 『A Title』. 서울: Institute."),
    (parts(), "A Title. 2024.", "『A Title』. 2024."),
    (parts(title="Why Now?", authors=("Doe, Jane", "Ann Lee", "Bo Kim")),
     "Doe, Jane, Ann Lee, and Bo Kim. 2024. Why Now? ", None),
])
def test_without_authors_the_publisher_stands_as_author_and_without_either_the_title_leads(p, en, ko):
    if ko is not None:
        p_ko = dataclasses.replace(p, place="서울") if p.place else p
        assert plain(korean(p_ko)) == ko
    assert plain(chicago(p)).startswith(en.rstrip())


names = st.text(alphabet=st.characters(categories=("L",)), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(authors=st.lists(names, max_size=5), title=st.text(min_size=1, max_size=40).filter(str.strip),
       year=st.integers(1980, 2107).map(str))
def test_every_author_the_year_and_the_title_are_in_every_citation(authors, title, year):
    p = parts(authors=tuple(authors), title=title.strip(), year=year)
    for cite in (plain(chicago(p)), plain(korean(p))):
        assert year in cite and title.strip() in cite
        assert all(a in cite for a in authors)
        assert ".." not in cite.replace(title.strip(), "")  # a period is never doubled by the pattern


# -- check digits ----------------------------------------------------------------------------------------


def _isbn13(first12: str) -> str:
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


def _issn(first7: str) -> str:
    remainder = (11 - sum(int(d) * w for d, w in zip(first7, range(8, 1, -1))) % 11) % 11
    return f"{first7[:4]}-{first7[4:]}" + ("X" if remainder == 10 else str(remainder))


digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


@settings(max_examples=300, deadline=None)
@given(body=st.text(alphabet="0123456789", min_size=9, max_size=9), prefix=st.sampled_from(["978", "979"]),
       at=st.integers(0, 12), other=digits)
def test_an_isbn_is_accepted_with_its_check_digit_and_refused_with_any_digit_changed(body, prefix, at, other):
    isbn = _isbn13(prefix + body)
    assert checks.isbn_problem(isbn) is None
    assert checks.isbn_problem(f"{isbn[:3]}-{isbn[3:5]}-{isbn[5:12]}-{isbn[12]}") is None  # hyphens anywhere
    changed = isbn[:at] + other + isbn[at + 1:]
    assert (checks.isbn_problem(changed) is None) == (changed == isbn)


@settings(max_examples=300, deadline=None)
@given(body=st.text(alphabet="0123456789", min_size=7, max_size=7), at=st.sampled_from([0, 1, 2, 3, 5, 6, 7]),
       other=digits)
def test_an_issn_is_accepted_with_its_check_digit_and_refused_with_any_digit_changed(body, at, other):
    issn = _issn(body)
    assert checks.issn_problem(issn) is None
    changed = issn[:at] + other + issn[at + 1:]
    assert (checks.issn_problem(changed) is None) == (changed == issn)


@pytest.mark.parametrize("value, ok", [
    ("0000-0002-1825-0097", True), ("0000-0002-1694-233X", True), ("https://orcid.org/0000-0002-1825-0097", True),
    ("0000-0002-1825-0098", False), ("0000-0002-1825-009", False),
])
def test_orcid_check_digit(value, ok):
    assert (checks.orcid_problem(value) is None) == ok


@pytest.mark.parametrize("value, ok", [
    ("10.1000/182", True), ("https://doi.org/10.1000/182", True), ("doi:10.1038/nphys1170", True),
    ("10.10/182", False), ("11.1000/182", False), ("10.1000/", False),
])
def test_doi_format(value, ok):
    assert (checks.doi_problem(value) is None) == ok


def test_identifiers_are_kept_in_their_canonical_form():
    ids = load_outline(FIXTURE).meta.apparatus.identifiers
    assert (ids.issn, ids.isbn, ids.doi, ids.report_number) == (
        "1050-124X", "978-0-306-40615-7", "10.1000/182", "EI-PB-2025-12")


# -- where it is printed ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_brief_prints_the_apparatus_where_publications_do(built, lang):
    pdf = built / f"apparatus.{lang}.pdf"
    cover, whole = squashed(pdf, "-l", "1"), squashed(pdf)
    byline = {"en": "Hong Gil-dong, Climate Policy Unit, Example Institute · Jane Doe, Example University",
              "ko": "홍길동, 예시연구원 기후정책실 · Jane Doe, 예시대학교"}[lang]
    assert byline in cover
    assert cover.index(byline) < cover.index({"en": "Key takeaways", "ko": "핵심 내용"}[lang])
    assert {"en": "Keywords: heat waves, urban planning", "ko": "주제어: 폭염, 도시 계획"}[lang] in whole
    back = whole[whole.rindex({"en": "About the authors", "ko": "저자 소개"}[lang]):]
    for expected in {
        "en": ["Works on urban climate adaptation.", "https://orcid.org/0000-0002-1825-0097",
               "Suggested citation: " + CITATIONS["en"], "The views expressed are the authors’ own",
               "Acknowledgments: Translated into English", "Contact: press@example.org",
               "Published by: Example Institute · 1 Yesi-ro, Jongno-gu, Seoul · https://example.org",
               "ISSN 1050-124X · ISBN 978-0-306-40615-7 · DOI https://doi.org/10.1000/182 · Report no. EI-PB-2025-12",
               "© 2025 Example Institute. CC BY 4.0."],
        "ko": ["도시 기후 적응을 연구한다.", "인용 방법: " + CITATIONS["ko"], "이 글의 견해는 저자의 것이며",
               "감사의 글: 영문 번역은", "문의: press@example.org", "발행: 예시연구원 · 서울특별시 종로구 예시로 1",
               "보고서 번호 EI-PB-2025-12", "© 2025 예시연구원. CC BY 4.0."],
    }[lang]:
        assert expected in back, expected
    preface = {"en": "Preface This brief analyses", "ko": "머리말 이 브리프는"}[lang]
    assert whole.index(preface) < whole.index({"en": "Contents", "ko": "차례"}[lang])


def test_the_pdf_metadata_names_the_authors_subject_and_keywords(built):
    info = subprocess.run(["pdfinfo", str(built / "apparatus.en.pdf")], capture_output=True, text=True).stdout
    fields = dict(re.findall(r"^(\w+):\s+(.*)$", info, re.M))
    assert fields["Author"] == "Hong Gil-dong, Jane Doe"
    assert fields["Subject"] == "Where shelters should be"
    assert fields["Keywords"] == "heat waves, urban planning"


@pytest.mark.parametrize("lang, byline", [
    ("en", "Hong Gil-dong (Climate Policy Unit, Example Institute) · Jane Doe (Example University)"),
    ("ko", "홍길동 (예시연구원 기후정책실) · Jane Doe (예시대학교)")])
def test_the_title_slide_shows_the_authors(built, lang, byline):
    deck = Presentation(str(built / f"apparatus.{lang}.pptx"))
    texts = [shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame]
    assert any(byline in text for text in texts), texts
    assert deck.core_properties.author == {"en": "Hong Gil-dong, Jane Doe", "ko": "홍길동, Jane Doe"}[lang]


def test_the_colophon_is_the_themes_to_keep_or_drop(tmp_path):
    from generator.localize.localizer import Localizer
    from generator.render.pdf.renderer import render

    theme_text = (Path(__file__).parent.parent / "assets" / "themes" / "default.yaml").read_text(encoding="utf-8")
    kept = load_theme()
    assert kept.brief.colophon is True
    dropped_file = tmp_path / "theme.yaml"
    dropped_file.write_text(theme_text.replace("colophon: true", "colophon: false"), encoding="utf-8")
    dropped = load_theme(dropped_file)
    doc = Localizer(load_outline(FIXTURE), "en", clock=datetime.datetime(2025, 7, 15)).document("a")
    for theme, shown in ((kept, True), (dropped, False)):
        pdf = tmp_path / "b.pdf"
        pdf.write_bytes(render(doc, theme))
        assert ("Made with duopress" in squashed(pdf)) == shown


def test_a_colophon_switch_that_is_not_a_boolean_is_a_theme_error(tmp_path):
    from generator.errors import DuopressError

    theme_text = (Path(__file__).parent.parent / "assets" / "themes" / "default.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "theme.yaml"
    bad.write_text(theme_text.replace("colophon: true", "colophon: maybe"), encoding="utf-8")
    with pytest.raises(DuopressError) as info:
        load_theme(bad)
    assert [p.code for p in info.value.problems] == ["theme.boolean"]


def test_the_apparatus_texts_are_checked_like_every_other_text(tmp_path):
    from generator.api import check

    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace("This brief analyses shelter data from three cities.", "Shelters in {fact:nope} cities.")
    text = text.replace("Translated into English by Kim Beonyeok.", "Translated in 2025 by Kim Beonyeok.")
    outline = tmp_path / "apparatus.yaml"
    outline.write_text(text, encoding="utf-8")
    codes = {(p.code, p.path) for p in check(outline)}
    assert ("fact.unknown", "meta.preface[0].en") in codes
    assert ("parity.numbers", "meta.acknowledgements.en") in codes


def test_a_name_written_once_is_not_offered_for_translation():
    from generator.outline.walk import all_texts

    paths = [t.path for t in all_texts(load_outline(FIXTURE))]
    assert "meta.authors[0].name" in paths  # {ko: 홍길동, en: Hong Gil-dong}: two texts of one name
    assert "meta.authors[1].name" not in paths  # name: Jane Doe, the same in every language
