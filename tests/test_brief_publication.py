"""The brief as a publication: a masthead with the series, the publisher, the issue's number and date and the
theme's logo; an executive summary over the key takeaways; pull quotes and sidebars from the outline."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from samples import sample_document
from test_brief_craft import pages

from generator.localize.document import Run
from generator.render.pdf.renderer import render
from generator.style.theme_file import load_theme

PUBLICATION = Path(__file__).parent / "fixtures" / "themes" / "publication" / "theme.yaml"


def page_texts(pdf: bytes, tmp_path) -> list[str]:
    """Each page's text with its whitespace squashed to single spaces."""
    return [" ".join(page.split()) for page in pages(pdf, tmp_path)]


def published(lang: str):
    doc = sample_document(lang)
    meta = dataclasses.replace(doc.meta, number=doc.labels["issue_number"].format(n=7),
                               summary=((Run("Summaryword opens the brief."),),))
    section = doc.sections[0]
    item = dataclasses.replace(
        section.items[0],
        body=((Run("Firstpara comes first."),), (Run("Secondpara comes after the quote."),)),
        pull_quote=(Run("Pullword is set large"),),
        sidebar=((Run("Sidetitle"),), ((Run("Sidepara explains."),),)), figure=None)
    return dataclasses.replace(doc, meta=meta, sections=(dataclasses.replace(section, items=(item,)),))


@pytest.mark.parametrize("lang, series, number, summary", [
    ("en", "Policy Brief", "No. 7", "Executive summary"), ("ko", "정책 브리프", "제7호", "요약")])
def test_the_cover_is_a_publications(tmp_path, lang, series, number, summary):
    doc = published(lang)
    pdf = render(doc, load_theme(PUBLICATION))
    cover = page_texts(pdf, tmp_path)[0]
    for expected in (series, doc.meta.organisation, number, doc.meta.date_text, summary, "Summaryword",
                     doc.label("key_takeaways")):
        assert expected in cover, expected
    assert cover.index(series) < cover.index(doc.meta.title) < cover.index(summary)
    assert cover.index("Summaryword") < cover.index(doc.label("key_takeaways"))
    assert b"/Subtype /Image" in pdf  # the theme's logo (the sample has no image figure)


def test_without_a_series_the_masthead_names_the_publisher(tmp_path):
    doc = sample_document("en")
    cover = page_texts(render(doc, load_theme()), tmp_path)[0]
    assert cover.startswith(doc.meta.organisation)
    assert b"/Subtype /Image" not in render(doc, load_theme())  # no logo in the default theme


def test_an_outlines_series_wins_over_the_themes(tmp_path):
    doc = published("en")
    doc = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, series="Working Paper Series"))
    cover = page_texts(render(doc, load_theme(PUBLICATION)), tmp_path)[0]
    assert "Working Paper Series" in cover and "Policy Brief" not in cover


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_pull_quote_follows_the_first_paragraph_and_the_sidebar_the_text(tmp_path, lang):
    text = " ".join(page_texts(render(published(lang), load_theme()), tmp_path))
    body = text[text.index("Firstpara"):]
    order = [body.index(word) for word in ("Firstpara", "Pullword", "Secondpara", "Sidetitle", "Sidepara")]
    assert order == sorted(order)


def test_the_logo_is_checked_like_a_font(tmp_path):
    from generator.errors import DuopressError

    theme = tmp_path / "theme.yaml"
    source = PUBLICATION.read_text(encoding="utf-8")
    theme.write_text(source, encoding="utf-8")
    with pytest.raises(DuopressError) as info:  # no logo.png beside this copy
        load_theme(theme)
    assert [re.sub(r"^.*?: ", "", str(p), count=1) for p in info.value.problems] == [
        "error: brief.logo: no logo file 'logo.png' next to the theme file [theme.logo]"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_sidebar_never_leaves_its_title_at_the_foot_of_a_page(tmp_path, lang):
    """Wherever the page breaks, the sidebar's title shares a page with its first paragraph."""
    base = published(lang)
    section = base.sections[0]
    item = section.items[0]
    for filler in range(18, 40, 2):
        body = tuple((Run(f"Filler paragraph {i} that takes a line."),) for i in range(filler))
        doc = dataclasses.replace(base, sections=(dataclasses.replace(section, items=(
            dataclasses.replace(item, body=body, pull_quote=None,
                                sidebar=((Run("Sidetitle"),), ((Run("Sidepara " + "explains " * 40),),
                                                               (Run("Sidesecond " + "more " * 30),)))),)),))
        texts = page_texts(render(doc, load_theme()), tmp_path)
        title_on = [i for i, page in enumerate(texts) if "Sidetitle" in page]
        assert title_on and "Sidepara" in texts[title_on[-1]], filler
