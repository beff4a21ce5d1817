"""The outline's apparatus (authors, publisher, identifiers, notices) for one language, with its citation."""

from __future__ import annotations

from collections.abc import Callable

from ..outline.model import Meta, Text
from . import document as d
from .citation import citation


def apparatus(meta: Meta, lang: str, labels: dict[str, str], inline: Callable[[Text | None], d.Inline]) -> d.Apparatus:
    """``inline`` resolves a text in ``lang`` (facts, links, emphasis): the localizer's own."""
    app = meta.apparatus
    issue = labels["issue_number"].format(n=meta.number) if meta.number else ""
    authors = tuple(d.Author(d.plain(inline(a.name)), d.plain(inline(a.affiliation)), inline(a.bio),
                             a.orcid or "", a.email or "") for a in app.authors)
    publisher = app.publisher
    return d.Apparatus(
        authors=authors,
        publisher_address=d.plain(inline(publisher.address)) if publisher else "",
        publisher_url=publisher.url or "" if publisher else "",
        identifiers=identifiers(meta, labels),
        preface=tuple(inline(p) for p in app.preface),
        disclaimer=inline(app.disclaimer), acknowledgements=inline(app.acknowledgements),
        licence=inline(app.licence), contact=inline(app.contact),
        citation=citation(meta, lang, d.plain(inline(meta.title)), issue),
    )


def identifiers(meta: Meta, labels: dict[str, str]) -> tuple[tuple[str, str], ...]:
    ids = meta.apparatus.identifiers
    found = [("ISSN", ids.issn), ("ISBN", ids.isbn), ("DOI", ids.doi and f"https://doi.org/{ids.doi}"),
             (labels["report_number"], ids.report_number)]
    return tuple((label, value) for label, value in found if value)


def publisher_name(meta: Meta) -> Text | None:
    """The publisher's name, which the masthead and the colophon print as the organisation."""
    return meta.apparatus.publisher.name if meta.apparatus.publisher else None
