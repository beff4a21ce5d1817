"""A Document: one language of an outline, ready to render (plain strings, facts already formatted).

This is the contract between ``i18n.localize`` and the renderers. Renderers walk it and nothing
else: no YAML, no babel, no validation happens below this line (STYLE.md, example 5).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Union

from ..errors import Span
from .particles import fill


@dataclass(frozen=True)
class Run:
    """A stretch of text with one style. Inline rich text is a tuple of runs."""

    text: str
    bold: bool = False
    emphasis: bool = False
    superscript: bool = False
    href: str | None = None  # only http, https and mailto reach this point
    note: tuple[Run, ...] | None = None  # a footnote: no text of its own; the brief numbers it, the deck
    # moves it to the speaker notes


Inline = tuple[Run, ...]


def plain(inline: Inline) -> str:
    """The text of a rich line without its styling (metadata, alt text, bookmarks); footnotes are left out."""
    return "".join(run.text for run in inline)


def spoken(inline: Inline) -> str:
    """The text for speaker notes, which carry no links: a link's address follows its text."""
    out: list[str] = []
    for index, run in enumerate(inline):
        out.append(run.text)
        last_of_link = index + 1 == len(inline) or inline[index + 1].href != run.href
        if run.href and last_of_link and run.href not in run.text:
            out.append(f" ({run.href})")
    return "".join(out)


def footnotes(inline: Inline) -> list[Inline]:
    """The footnotes of a rich line, in order."""
    return [run.note for run in inline if run.note is not None]


def without_notes(inline: Inline) -> Inline:
    """The line without its footnotes (for places that repeat a text: the takeaways, the contents)."""
    return tuple(run for run in inline if run.note is None)


@dataclass(frozen=True)
class Point:
    """A bullet; ``children`` are its second-level bullets."""

    text: Inline
    children: tuple[Point, ...] = ()
    key: bool = False  # marked `key: true` in the outline: shown in the brief's key takeaways


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    labels: tuple[str, ...]  # each value formatted for the locale, for data labels and tables


@dataclass(frozen=True)
class ChartFigure:
    kind: str  # "bar" (horizontal), "column", "line" or "pie"
    label: str  # "그림 1" / "Figure 1"
    title: Inline
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    number_format: str  # an Excel number format code for axes and data labels, e.g. '#,##0.00'
    axis_title: str | None
    alt: str
    source: Inline | None = None
    decimal_sign: str = "."  # the language's decimal and grouping signs, for ticks a renderer formats itself
    group_sign: str = ","
    ticks: tuple[float, ...] = ()  # the value axis's ticks, as drawn (localize/chartnumbers.py), first to last
    tick_labels: tuple[str, ...] = ()  # each tick as the labels print numbers ("0", "2.5", "35 %")

    @property
    def every_point_labelled(self) -> bool:
        """Every value carries its label (a line of several series is labelled at its last point only):
        then no renderer draws value ticks, which would say the same numbers again."""
        return not (self.kind == "line" and len(self.series) > 1)


@dataclass(frozen=True)
class TableFigure:
    label: str  # "표 1" / "Table 1"
    title: Inline
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    alt: str
    source: Inline | None = None


@dataclass(frozen=True)
class TimelineEvent:
    when: _dt.date  # for ordering and placing on an axis
    date_text: str  # formatted for the locale with the event's precision: "2023년 12월" / "December 2023"
    text: Inline


@dataclass(frozen=True)
class TimelineFigure:
    label: str
    title: Inline
    events: tuple[TimelineEvent, ...]  # sorted by date
    alt: str
    source: Inline | None = None


@dataclass(frozen=True)
class ImageFigure:
    label: str
    title: Inline
    path: Path
    alt: str
    source: Inline | None = None


Figure = Union[ChartFigure, TableFigure, TimelineFigure, ImageFigure]


@dataclass(frozen=True)
class Stat:
    """A key number: the fact as this language writes it, its short label, and a source line."""

    value: Inline
    label: Inline
    source: Inline | None = None


@dataclass(frozen=True)
class Item:
    id: str
    number: str  # "3.2"
    title: Inline
    points: tuple[Point, ...]
    body: tuple[Inline, ...]  # paragraphs of the brief
    notes: tuple[str, ...]  # speaker-note paragraphs in this language
    other_notes: tuple[tuple[str, tuple[str, ...]], ...]  # (language, paragraphs) for `--notes both`
    citations: tuple[int, ...]  # reference numbers, ascending
    figure: Figure | None
    layout: str | None  # the outline's `layout:` hint, else None (the deck's kinds.py maps it to a slide kind)
    span: Span  # where the item starts in the outline, for problems a renderer finds
    show: str = "both"  # the outline's `show:`: "deck", "brief" or "both"
    editor_note: Inline | None = None  # the brief prints it under the item; the deck's notes carry it
    attribution: Inline | None = None  # who said the quote (`layout: quote`: the first point)
    pull_quote: Inline | None = None  # set large inside the item's text in the brief
    sidebar: tuple[Inline, tuple[Inline, ...]] | None = None  # (title, paragraphs): a boxed aside in the brief
    stats: tuple[Stat, ...] = ()  # the outline's `stats:`, for a stat slide


@dataclass(frozen=True)
class Section:
    id: str
    number: int
    title: Inline
    items: tuple[Item, ...]
    summary: Inline | None = None  # a line under the title on the section divider


@dataclass(frozen=True)
class Reference:
    number: int
    key: str
    text: Inline
    url: str | None = None


@dataclass(frozen=True)
class Term:
    term: str  # in this document's language
    partner: str  # in the outline's other language(s), joined
    definition: Inline | None = None


@dataclass(frozen=True)
class Author:
    name: str
    affiliation: str = ""
    bio: Inline = ()
    orcid: str = ""  # the bare iD: "0000-0002-1825-0097"
    email: str = ""


@dataclass(frozen=True)
class Apparatus:
    """What a published brief prints beside its text (the outline's ``meta`` apparatus, localized)."""

    authors: tuple[Author, ...] = ()
    publisher_address: str = ""
    publisher_url: str = ""
    identifiers: tuple[tuple[str, str], ...] = ()  # (label, value): ("ISSN", "2799-8746"), ("DOI", "https://…")
    preface: tuple[Inline, ...] = ()
    disclaimer: Inline = ()
    acknowledgements: Inline = ()
    licence: Inline = ()
    contact: Inline = ()
    citation: Inline = ()  # the suggested citation, in this language's style

    @property
    def byline(self) -> str:
        """The authors' names, for the cover, the title slide and the PDF's Author."""
        return ", ".join(a.name for a in self.authors)


@dataclass(frozen=True)
class Meta:
    title: str
    subtitle: str
    short_title: str
    date: _dt.date
    date_text: str
    organisation: str
    event: str
    keywords: tuple[str, ...]
    series: str = ""  # the publication series (the outline's, else the theme's), for the brief's masthead
    number: str = ""  # "No. 7" / "제7호", or ""
    summary: tuple[Inline, ...] = ()  # the executive summary's paragraphs
    apparatus: Apparatus = field(default_factory=Apparatus)

    @property
    def author(self) -> str:
        """Who the file's metadata names as its author: the authors, else the publisher."""
        return self.apparatus.byline or self.organisation


@dataclass(frozen=True)
class Document:
    lang: str  # "ko"
    language_tag: str  # BCP 47 for file metadata: "ko-KR"
    meta: Meta
    sections: tuple[Section, ...]
    references: tuple[Reference, ...]
    glossary: tuple[Term, ...]
    labels: Mapping[str, str]  # every word duopress writes itself; see labels.py
    clock: _dt.datetime  # the build clock (SOURCE_DATE_EPOCH, else the outline's date), UTC
    generator: str = "duopress"  # "duopress 0.1.0", for Creator / Application metadata
    stem: str = "outline"
    script_languages: Mapping[str, str] = field(default_factory=dict)
    """The language of text in a script other than the document's own (``{"latin": "en"}`` in Korean):
    tagged PDFs mark such text with that /Lang."""
    deck: Mapping[str, bool] = field(default_factory=dict)
    """The outline's `deck:` switches, flat (``agenda``, ``footer_date``, …): overrides of the theme's
    ``deck.structure`` (style/theme.py ``DeckStructure``)."""
    partners: tuple[Document, ...] = ()
    """The outline's other languages (each without partners of its own): a deck is laid out in step with
    them, every layout decision made once for all languages by the one that needs the most room."""

    def shown_in(self, medium: str) -> Document:
        """The document as ``medium`` ("deck" or "brief") shows it: without the items `show:` keeps for the
        other, and without a section all of whose items are kept for the other."""
        def kept(section: Section) -> Section:
            return replace(section, items=tuple(i for i in section.items if i.show in ("both", medium)))

        sections = tuple(kept(s) for s in self.sections)
        sections = tuple(new for new, old in zip(sections, self.sections) if new.items or not old.items)
        return _numbered(replace(self, sections=sections))

    def label(self, key: str, **values: object) -> str:
        """A label with its ``{placeholders}`` filled in: ``doc.label("page", n=3, total=12)``; a Korean
        particle pair after a placeholder agrees with its value ("{generator}(으)로 생성")."""
        return fill(self.labels[key], **values)


def _numbered(doc: Document) -> Document:
    """Sections and items numbered consecutively as the medium shows them (a deck-only item leaves no gap
    in the brief's 1.1, 1.2, …), references in order of first citation among the items shown, the ones
    cited nowhere in it after them in their order."""
    order: list[int] = []
    for section in doc.sections:
        for shown in section.items:
            order += [n for n in shown.citations if n not in order]
    order += [ref.number for ref in doc.references if ref.number not in order]
    new = {old: i + 1 for i, old in enumerate(order)}

    def renumbered(it: Item, s: int, i: int) -> Item:
        return replace(it, number=f"{s}.{i}", citations=tuple(sorted(new[n] for n in it.citations if n in new)))

    sections = tuple(replace(section, number=s, items=tuple(renumbered(it, s, i)
                                                            for i, it in enumerate(section.items, 1)))
                     for s, section in enumerate(doc.sections, 1))
    references = tuple(sorted((replace(ref, number=new[ref.number]) for ref in doc.references),
                              key=lambda ref: ref.number))
    return replace(doc, sections=sections, references=references)


def in_step(documents: Mapping[str, Document]) -> dict[str, Document]:
    """Each language's document with every other language's as its ``partners``."""
    alone = {lang: replace(doc, partners=()) for lang, doc in documents.items()}
    return {lang: replace(doc, partners=tuple(d for other, d in alone.items() if other != lang))
            for lang, doc in alone.items()}
