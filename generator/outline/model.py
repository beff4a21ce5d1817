"""The outline as typed, immutable data; every node knows where it came from. Data only: no I/O."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Union

from ..errors import Span


@dataclass(frozen=True)
class Text:
    """A human-language text: one string per declared language, each with its own location."""

    by_lang: Mapping[str, str]
    spans: Mapping[str, Span]
    path: str  # "sections[2].items[0].title"
    span: Span

    def __getitem__(self, lang: str) -> str:
        return self.by_lang[lang]


@dataclass(frozen=True)
class PartialDate:
    """A date written as YYYY, YYYY-MM or YYYY-MM-DD: the precision written is the precision shown."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p]
        return "-".join(parts)


@dataclass(frozen=True)
class FactRef:
    """``fact:ID`` written where a value is expected (a chart value, a timeline date)."""

    id: str
    span: Span


@dataclass(frozen=True)
class Fact:
    """A typed value stored once and formatted per locale.

    ``value`` holds the number for count/number/percent/money/duration, a PartialDate for date,
    a (start, end) pair for date_range and (mantissa, exponent) for scientific.
    """

    id: str
    kind: str
    value: object
    span: Span
    unit: Text | str | None = None
    currency: str | None = None
    style: str = "plain"
    decimals: int | None = None
    approx: bool = False

    def number(self) -> float | None:
        """The fact as one number (for charts), or None for dates."""
        if self.kind == "scientific":
            assert isinstance(self.value, tuple), "a scientific fact holds (mantissa, exponent)"
            mantissa, exponent = self.value
            return mantissa * 10.0**exponent
        if isinstance(self.value, (int, float)):
            return float(self.value)
        return None


Value = Union[float, FactRef]


@dataclass(frozen=True)
class ChartSeries:
    name: Text
    values: tuple[Value, ...]
    span: Span


@dataclass(frozen=True)
class Chart:
    kind: str  # bar, column, line, pie
    title: Text
    categories: tuple[Text, ...]
    series: tuple[ChartSeries, ...]
    unit: Text | str | None
    axis_title: Text | None
    source: Text | None
    alt: Text | None
    span: Span


@dataclass(frozen=True)
class Table:
    title: Text
    columns: tuple[Text, ...]
    rows: tuple[tuple[Text, ...], ...]
    source: Text | None
    alt: Text | None
    span: Span
    kind: str = "table"


@dataclass(frozen=True)
class TimelineEvent:
    date: PartialDate | FactRef
    text: Text
    span: Span


@dataclass(frozen=True)
class Timeline:
    title: Text
    events: tuple[TimelineEvent, ...]
    source: Text | None
    alt: Text | None
    span: Span
    kind: str = "timeline"


@dataclass(frozen=True)
class Image:
    title: Text
    path: str  # relative to the outline's folder; checked to stay inside it
    alt: Text
    source: Text | None
    span: Span
    kind: str = "image"


Figure = Union[Chart, Table, Timeline, Image]


@dataclass(frozen=True)
class Point:
    text: Text
    children: tuple[Point, ...]
    key: bool  # shown in the brief's key-takeaways box
    span: Span


@dataclass(frozen=True)
class Sidebar:
    """A boxed aside of the brief: a title and its paragraphs."""

    title: Text
    body: tuple[Text, ...]
    span: Span


@dataclass(frozen=True)
class Stat:
    """A key number for a stat slide: a fact (so it reads the same in every language), its short label and
    an optional source line."""

    fact: FactRef
    label: Text
    source: Text | None
    span: Span


@dataclass(frozen=True)
class Item:
    id: str
    title: Text
    layout: str | None
    points: tuple[Point, ...]
    body: tuple[Text, ...]
    notes: Text | None
    sources: tuple[tuple[str, Span], ...]
    figure: Figure | None
    span: Span
    path: str
    show: str = "both"  # `show:`: "deck", "brief" or "both", the artifacts that show the item
    editor_note: Text | None = None  # printed under the item in the brief; in the deck's speaker notes
    pull_quote: Text | None = None  # the brief sets it large inside the item's text
    sidebar: Sidebar | None = None  # the brief sets it in a box after the item's text
    attribution: Text | None = None  # who said the quote of a `layout: quote` item
    stats: tuple[Stat, ...] = ()  # `stats:`: one to three key facts, for a stat slide


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    summary: Text | None
    items: tuple[Item, ...]
    span: Span
    path: str


@dataclass(frozen=True)
class Reference:
    id: str
    text: Text
    url: str | None
    span: Span


@dataclass(frozen=True)
class GlossaryEntry:
    terms: Text
    note: Text | None
    span: Span
    variants: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Other forms that count as the term in each language (``variants: {en: [export restrictions]}``):
    what the glossary check's own rules (plurals, inflections, spacing) do not derive."""


@dataclass(frozen=True)
class Meta:
    source: str
    title: Text
    subtitle: Text | None
    short_title: Text | None
    date: PartialDate
    organisation: Text | None
    event: Text | None
    keywords: tuple[Text, ...]
    span: Span
    series: Text | None = None  # the publication series, over the theme's brief.series
    number: str | None = None  # the number in its series: "7", "2025-03"
    summary: tuple[Text, ...] = ()  # the executive summary's paragraphs, on the brief's cover


@dataclass(frozen=True)
class Outline:
    path: str
    languages: tuple[str, ...]
    meta: Meta
    facts: Mapping[str, Fact]
    references: tuple[Reference, ...]
    glossary: tuple[GlossaryEntry, ...]
    sections: tuple[Section, ...]
    labels: Mapping[str, Text]
    span: Span
    declared_facts: frozenset[str] = frozenset()  # every id under facts:, loadable or not
    language_spans: tuple[Span, ...] = ()  # where each of ``languages`` is written
    deck: Mapping[str, bool] = field(default_factory=dict)
    """`deck:` as written, flat (``footer_date``, …): overrides of the theme's ``deck.structure``."""
    mentioned_facts: frozenset[str] = frozenset()
    """Every fact id a value outside ``facts:`` names, read or not: a chart that failed to load still uses its
    facts, and saying they are unused would send the writer after the wrong problem."""

    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

