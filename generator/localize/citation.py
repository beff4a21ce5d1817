"""The suggested citation, written from the outline's apparatus in each language's own style.

English follows Chicago author-date (17th ed., 15.9 and 15.32 for reports): authors with the first
inverted, year, title in italics, series and number, place and publisher, DOI as a URL. Korean follows the
usual Korean author-date form: authors joined by 가운뎃점 and never inverted, year, the title in 『』, the
series with 제N호, place and publisher. Other languages take the English pattern with their own words.
With no author, Chicago lets the publishing organisation stand as author; with neither, the title leads.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..outline.model import Author, Meta
from .document import Inline, Run


@dataclass(frozen=True)
class Parts:
    """The citation's pieces in one language, plain strings ("" where the outline has none)."""

    authors: tuple[str, ...]  # already in citation order and form ("Hong, Gil-dong", "Jane Doe")
    corporate: str  # the publisher, when it stands as author
    year: str
    title: str
    series: str  # "Policy Brief No. 7" / "정책 브리프 제7호", or the report number
    place: str
    publisher: str
    doi: str


def parts(meta: Meta, lang: str, title: str, issue: str) -> Parts:
    """The pieces of ``meta``'s citation in ``lang``: ``title`` is the localized plain title, ``issue`` the
    number as its label writes it."""
    app, korean = meta.apparatus, lang.split("-")[0] == "ko"
    names = tuple(_korean_name(a, lang) if korean else _chicago_name(a, lang, first=i == 0)
                  for i, a in enumerate(app.authors))
    publisher = app.publisher.name[lang] if app.publisher else (meta.organisation[lang] if meta.organisation else "")
    series = " ".join(x for x in (meta.series[lang] if meta.series else "", issue) if x)
    if not series and app.identifiers.report_number:
        series = app.identifiers.report_number
    return Parts(
        authors=names, corporate="" if names else publisher, year=str(meta.date.year),
        title=title, series=series,
        place=app.publisher.place[lang] if app.publisher and app.publisher.place else "",
        publisher=publisher, doi=f"https://doi.org/{app.identifiers.doi}" if app.identifiers.doi else "")


def citation(meta: Meta, lang: str, title: str, issue: str) -> Inline:
    p = parts(meta, lang, title, issue)
    return korean(p) if lang.split("-")[0] == "ko" else chicago(p)


def chicago(p: Parts) -> Inline:
    """Hong, Gil-dong, and Jane Doe. 2024. *Title*. Policy Brief No. 7. Seoul: Institute. https://doi.org/…"""
    title = (Run(p.title, emphasis=True), Run("" if p.title.endswith(("?", "!", ".")) else "."))
    lead = _chicago_authors(p.authors) or p.corporate
    head: Inline = ((Run(f"{_end(lead)} {p.year}. "),) + title) if lead else (title + (Run(f" {p.year}."),))
    return _joined(head, [p.series, _place(p), p.doi])


def korean(p: Parts) -> Inline:
    """홍길동·김철수. 2024. 『제목』. 정책 브리프 제7호. 서울: 연구원. https://doi.org/…"""
    lead = "·".join(p.authors) or p.corporate
    title = f"『{p.title}』."
    head = f"{_end(lead)} {p.year}. {title}" if lead else f"{title} {p.year}."
    return _joined((Run(head),), [p.series, _place(p), p.doi])


def _joined(head: Inline, rest: list[str]) -> Inline:
    tail = " ".join(x if x.startswith("https://") else _end(x) for x in rest if x)
    return head + ((Run(" " + tail),) if tail else ())


def _place(p: Parts) -> str:
    if not p.publisher or (p.corporate and not p.place):
        return p.place
    return f"{p.place}: {p.publisher}" if p.place else p.publisher


def _chicago_authors(names: tuple[str, ...]) -> str:
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]}, and {names[1]}"
    return ", ".join(names[:-1]) + f", and {names[-1]}"


def _chicago_name(author: Author, lang: str, *, first: bool) -> str:
    """The first author inverted ("Hong, Gil-dong"), the others as written; a one-word name as is."""
    full = author.name[lang]
    if not first:
        return full
    family = author.family[lang] if author.family else full.split()[-1]
    given = " ".join(full.replace(family, "", 1).split())
    return f"{family}, {given}" if given else family


def _korean_name(author: Author, lang: str) -> str:
    return author.name[lang]


def _end(text: str) -> str:
    """``text`` closed with a period unless it already ends a sentence."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", "。")) else text + "."
