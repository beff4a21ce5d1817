"""Outline + one language → Document: texts resolved, facts formatted, figures and citations numbered."""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace
from pathlib import Path
from typing import TypedDict

from ..outline.inline import Segment, parse_inline
from ..outline.labels import labels_for
from ..outline.model import (
    Chart,
    FactRef,
    Figure,
    Image,
    Item,
    Outline,
    PartialDate,
    Point,
    Stat,
    Table,
    Text,
    Timeline,
)
from ..outline.walk import item_texts
from . import document as d
from . import i18n


class _Common(TypedDict):
    """What every kind of figure carries: its numbered label, its title and its source line."""

    label: str
    title: d.Inline
    source: d.Inline | None


class Localizer:
    """Resolves one language of an outline. Assumes the outline passed ``check`` without errors."""

    def __init__(self, outline: Outline, lang: str, clock: _dt.datetime, generator: str = "duopress"):
        self.outline, self.lang, self.clock, self.generator = outline, lang, clock, generator
        overrides = {key: dict(text.by_lang) for key, text in outline.labels.items()}
        self.labels = labels_for(lang, overrides)
        self.numbers = citation_numbers(outline)
        self.counters = {"figure": 0, "table": 0}

    def inline(self, text: Text | None) -> d.Inline:
        if text is None:
            return ()
        segments, _ = parse_inline(text[self.lang])
        return self.runs(segments)

    def runs(self, segments: tuple[Segment, ...]) -> d.Inline:
        runs: list[d.Run] = []
        for seg in segments:
            if seg.note is not None:
                runs.append(d.Run("", note=self.runs(seg.note)))
                continue
            if seg.fact is None:
                runs.append(d.Run(seg.text, bold=seg.bold, emphasis=seg.emphasis, superscript=seg.superscript,
                                  href=seg.href))
                continue
            fact_runs = i18n.format_fact(self.outline.facts[seg.fact], self.lang, self.labels["approx"])
            runs.extend(replace(run, bold=seg.bold, emphasis=seg.emphasis, href=seg.href,
                                superscript=run.superscript or seg.superscript) for run in fact_runs)
        return tuple(runs)

    def plain(self, text: Text | None) -> str:
        return d.plain(self.inline(text))

    def document(self, stem: str) -> d.Document:
        outline, meta = self.outline, self.outline.meta
        return d.Document(
            lang=self.lang,
            language_tag=i18n.language_tag(self.lang),
            meta=d.Meta(
                title=self.plain(meta.title),
                subtitle=self.plain(meta.subtitle),
                short_title=self.plain(meta.short_title or meta.title),
                date=meta.date.first_day(),
                date_text=i18n.format_date(meta.date, self.lang),
                organisation=self.plain(meta.organisation),
                event=self.plain(meta.event),
                keywords=tuple(self.plain(k) for k in meta.keywords),
                series=self.plain(meta.series),
                number=self.labels["issue_number"].format(n=meta.number) if meta.number else "",
                summary=tuple(self.inline(paragraph) for paragraph in meta.summary),
            ),
            sections=tuple(self.section(i + 1, s) for i, s in enumerate(outline.sections)),
            references=self.references(),
            glossary=tuple(self.term(entry) for entry in outline.glossary),
            labels=self.labels,
            clock=self.clock,
            generator=self.generator,
            stem=stem,
            deck=outline.deck,
        )

    def section(self, number: int, section) -> d.Section:
        items = tuple(self.item(f"{number}.{i + 1}", item) for i, item in enumerate(section.items))
        return d.Section(section.id, number, self.inline(section.title), items,
                         self.inline(section.summary) or None)

    def item(self, number: str, item: Item) -> d.Item:
        other = [lang for lang in self.outline.languages if lang != self.lang]
        return d.Item(
            id=item.id,
            number=number,
            title=self.inline(item.title),
            points=tuple(self.point(p) for p in item.points),
            body=tuple(self.inline(paragraph) for paragraph in item.body),
            notes=self.notes(item, self.lang),
            other_notes=tuple((lang, self.notes(item, lang)) for lang in other if self.notes(item, lang)),
            citations=tuple(sorted({self.numbers[key] for key, _ in item.sources})),
            figure=self.figure(item.figure) if item.figure else None,
            layout=item.layout,
            span=item.span,
            show=item.show,
            editor_note=self.inline(item.editor_note) or None,
            attribution=self.inline(item.attribution) or None,
            pull_quote=self.inline(item.pull_quote) or None,
            sidebar=((self.inline(item.sidebar.title), tuple(self.inline(p) for p in item.sidebar.body))
                     if item.sidebar else None),
            stats=tuple(self.stat(stat) for stat in item.stats),
        )

    def stat(self, stat: Stat) -> d.Stat:
        """The fact formatted as every text formats it (with its unit, 약 / about), so both languages show
        the same number."""
        value = i18n.format_fact(self.outline.facts[stat.fact.id], self.lang, self.labels["approx"])
        return d.Stat(tuple(value), self.inline(stat.label), self.inline(stat.source) or None)

    def point(self, point: Point) -> d.Point:
        return d.Point(self.inline(point.text), tuple(self.point(c) for c in point.children), point.key)

    def notes(self, item: Item, lang: str) -> tuple[str, ...]:
        """Speaker-note paragraphs in ``lang`` (another language's too, for `--notes both`): the item's
        notes, then its footnotes and its editor's note, which the slide itself does not show."""
        reader = self if lang == self.lang else self.other(lang)
        text = d.plain(reader.inline(item.notes)) if item.notes is not None else ""
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        label = reader.labels
        paragraphs += [label["footnote_note"].format(text=d.spoken(note)) for note in reader.item_footnotes(item)]
        if item.editor_note is not None:
            paragraphs.append(label["editor_note"].format(text=d.spoken(reader.inline(item.editor_note))))
        return tuple(paragraphs)

    def item_footnotes(self, item: Item) -> list[d.Inline]:
        """The footnotes of every text an item shows, in order (its own notes excepted)."""
        shown = [text for text in item_texts(item) if text is not item.notes]
        return [note for text in shown for note in d.footnotes(self.inline(text))]

    def other(self, lang: str) -> Localizer:
        """A localizer of the same outline in another language (made once, then reused)."""
        others = self.__dict__.setdefault("_others", {})
        if lang not in others:
            others[lang] = Localizer(self.outline, lang, self.clock, self.generator)
        return others[lang]

    def references(self) -> tuple[d.Reference, ...]:
        by_id = {ref.id: ref for ref in self.outline.references}
        ordered = sorted(by_id, key=lambda key: self.numbers[key])
        return tuple(d.Reference(self.numbers[key], key, self.inline(by_id[key].text), by_id[key].url)
                     for key in ordered)

    def term(self, entry) -> d.Term:
        partners = [entry.terms[lang] for lang in self.outline.languages if lang != self.lang]
        return d.Term(entry.terms[self.lang], " / ".join(partners), self.inline(entry.note) or None)

    def figure(self, figure: Figure) -> d.Figure:
        family = "table" if isinstance(figure, Table) else "figure"
        self.counters[family] += 1
        label = self.labels[family].format(n=self.counters[family])
        common = _Common(label=label, title=self.inline(figure.title), source=self.inline(figure.source) or None)
        if isinstance(figure, Chart):
            return self.chart(figure, common)
        if isinstance(figure, Table):
            return d.TableFigure(header=tuple(self.inline(c) for c in figure.columns),
                                 rows=tuple(tuple(self.inline(c) for c in row) for row in figure.rows),
                                 alt=self.plain(figure.alt) or self.plain(figure.title), **common)
        if isinstance(figure, Timeline):
            events = sorted((self.event(e) for e in figure.events), key=lambda e: e.when)
            alt = self.plain(figure.alt) or "; ".join(f"{e.date_text}: {d.plain(e.text)}" for e in events)
            return d.TimelineFigure(events=tuple(events), alt=alt, **common)
        assert isinstance(figure, Image)
        path = (Path(self.outline.path).parent / figure.path)
        return d.ImageFigure(path=path, alt=self.plain(figure.alt), **common)

    def event(self, event) -> d.TimelineEvent:
        when = event.date
        if isinstance(when, FactRef):
            when = self.outline.facts[when.id].value
        assert isinstance(when, PartialDate)
        return d.TimelineEvent(when.first_day(), i18n.format_date(when, self.lang), self.inline(event.text))

    def chart(self, chart: Chart, common: _Common) -> d.ChartFigure:
        series = tuple(self.series(chart, s) for s in chart.series)
        categories = tuple(self.plain(c) for c in chart.categories)
        alt = self.plain(chart.alt) or _chart_alt(d.plain(common["title"]), categories, series)
        axis_title = self.plain(chart.axis_title) or self.unit_word(chart.unit)
        # Axes of 1,800,000,000,000 are unreadable: scale to the locale's own big unit (조 / trillion).
        divisor, word = i18n.magnitude(max(abs(v) for s in series for v in s.values), self.lang)
        if divisor != 1.0:
            series = tuple(replace(s, values=tuple(v / divisor for v in s.values)) for s in series)
            axis_title = f"{axis_title} ({word})" if axis_title else word
        values = [v for s in series for v in s.values]
        percent = all(self._is_percent(chart, s) for s in chart.series)
        places = decimal_places([v * 100 for v in values] if percent else values)
        number_format = "#,##0" + ("." + "0" * places if places else "") + ("%" if percent else "")
        symbols = i18n.number_symbols(self.lang)
        return d.ChartFigure(
            kind=chart.kind, categories=categories, series=series, number_format=number_format,
            axis_title=axis_title or None, alt=alt, decimal_sign=symbols[0], group_sign=symbols[1], **common,
        )

    def series(self, chart: Chart, series) -> d.Series:
        """The series' values and their labels, all at one precision chosen from the data (0.70 beside 0.69,
        never 0.7), so its labels line up and read alike in every language and in deck and brief."""
        values = [self.chart_number(value, chart.unit) for value in series.values]
        percent = self._is_percent(chart, series)
        places = decimal_places([v * 100 for v in values] if percent else values)
        labels = [self.value_label(number, chart.unit, value, places) for number, value in zip(values, series.values)]
        return d.Series(self.plain(series.name), tuple(values), tuple(labels))

    def _is_percent(self, chart: Chart, series) -> bool:
        facts = [self.outline.facts.get(v.id) for v in series.values if isinstance(v, FactRef)]
        return bool(facts) and len(facts) == len(series.values) and all(f and f.kind == "percent" for f in facts)

    def chart_number(self, value, unit) -> float:
        if isinstance(value, FactRef):
            return i18n.chart_value(self.outline.facts[value.id], unit)
        return float(value)

    def value_label(self, number: float, unit, value, places: int) -> str:
        """A data label: a fact as the facts print it (at the series' precision where it has one), a plain
        number with the chart's unit."""
        fact = self.outline.facts.get(value.id) if isinstance(value, FactRef) else None
        if fact is not None and fact.kind in ("number", "percent"):
            return d.plain(i18n.format_fact(replace(fact, approx=False, decimals=places), self.lang))
        if fact is not None and not (fact.kind == "duration" and unit and fact.unit != unit):
            return d.plain(i18n.format_fact(replace(fact, approx=False), self.lang))
        if isinstance(unit, str):
            return i18n.format_duration(number, unit, self.lang)
        text = i18n.format_number(number, self.lang, places)
        return f"{text} {unit[self.lang]}" if isinstance(unit, Text) else text

    def unit_word(self, unit) -> str:
        """The axis title for a time unit: 개월 / months (babel's unit pattern without its number)."""
        if isinstance(unit, Text):
            return unit[self.lang]
        if isinstance(unit, str):
            return i18n.format_duration(2, unit, self.lang).replace("2", "").strip()
        return ""


def decimal_places(values: list[float], most: int = 3) -> int:
    """The fewest decimals (up to ``most``) that show every value as it is: [0.7, 0.69] → 2, [35, 40] → 0."""
    def needed(value: float) -> int:
        return next((p for p in range(most + 1) if abs(round(value, p) - round(value, most)) < 1e-9), most)

    return max((needed(v) for v in values), default=0)


def _chart_alt(title: str, categories: tuple[str, ...], series: tuple[d.Series, ...]) -> str:
    parts = []
    for s in series:
        values = ", ".join(f"{c} {label}" for c, label in zip(categories, s.labels))
        parts.append(f"{s.name}: {values}" if len(series) > 1 else values)
    return f"{title}. " + "; ".join(parts)


def citation_numbers(outline: Outline) -> dict[str, int]:
    """References numbered in order of first citation; uncited ones follow in listed order."""
    order: list[str] = []
    for item in outline.items():
        for key, _ in item.sources:
            if key not in order:
                order.append(key)
    order += [ref.id for ref in outline.references if ref.id not in order]
    return {key: index + 1 for index, key in enumerate(order)}


def localize(outline: Outline, lang: str, clock: _dt.datetime, generator: str, stem: str) -> d.Document:
    return Localizer(outline, lang, clock, generator).document(stem)
