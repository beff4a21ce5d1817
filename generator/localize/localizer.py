"""Outline + one language → Document: texts resolved, facts formatted, figures and citations numbered."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import replace
from pathlib import Path
from typing import TypedDict

from ..outline.facts import DURATION_UNITS
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
from . import chartfit, chartnumbers, i18n, particles
from . import document as d
from .apparatus import apparatus as localize_apparatus
from .apparatus import publisher_name
from .scripts import HANGUL, LATIN

_LONE_FACT = re.compile(r"\s*\{fact:([a-z0-9_-]+)\}\s*")  # a table cell that is one fact and nothing else
_TABULAR = ("count", "number", "percent", "money")


class _Common(TypedDict):
    """What every kind of figure carries: its numbered label, its title and its source line."""

    label: str
    title: d.Inline
    source: d.Inline | None


_UNTITLED = _Common(label="", title=(), source=None)  # a chart laid out only to ask whether it is legible


class Localizer:
    """Resolves one language of an outline. Assumes the outline passed ``check`` without errors."""

    def __init__(self, outline: Outline, lang: str, clock: _dt.datetime, generator: str = "duopress",
                 room: chartfit.Room | None = None):
        """``room``: the boxes a chart is drawn in and how its labels measure (``style/chartroom.py``), which
        decide whether a chart turns horizontal or becomes a table; None (a document made without a theme):
        every chart is drawn as written."""
        self.outline, self.lang, self.clock, self.generator = outline, lang, clock, generator
        self.room = room
        overrides = {key: dict(text.by_lang) for key, text in outline.labels.items()}
        self.labels = labels_for(lang, overrides)
        self.numbers = citation_numbers(outline)
        self.counters = {"figure": 0, "table": 0}
        self.spell_out = False  # "two months" in running text (never in figures and stats)
        self.in_figure = False
        self._made: dict[tuple[int, bool, bool], tuple[Text, d.Inline]] = {}  # inline()'s, by text

    def inline(self, text: Text | None) -> d.Inline:
        """The text's runs in this language. An item's texts are read again for its speaker notes (their
        footnotes) and in every other language's notes: each is made once per localizer and setting,
        kept with the text it was made from (an id alone could be a new text's once the old one is gone)."""
        if text is None:
            return ()
        key = (id(text), self.spell_out, self.in_figure)
        made = self._made.get(key)
        if made is not None and made[0] is text:
            return made[1]
        segments, _ = parse_inline(text[self.lang])
        runs = self.runs(segments)
        self._made[key] = (text, runs)
        return runs

    def runs(self, segments: tuple[Segment, ...]) -> d.Inline:
        runs: list[d.Run] = []
        after_fact = False
        for seg in segments:
            if seg.note is not None:
                runs.append(d.Run("", note=self.runs(seg.note)))
                continue
            if seg.fact is None:
                # 이(가), (으)로 after a fact: the form its formatted text takes when read aloud
                text = particles.resolve(d.plain(tuple(runs)), seg.text) if after_fact else seg.text
                runs.append(d.Run(text, bold=seg.bold, emphasis=seg.emphasis, superscript=seg.superscript,
                                  href=seg.href))
                after_fact = False
                continue
            after_fact = True
            fact = self.outline.facts[seg.fact]
            fact_runs = self.fact_runs(fact)
            if self.spell_out and not self.in_figure:
                fact_runs = i18n.spelled(fact, fact_runs, self.lang)
            runs.extend(replace(run, bold=seg.bold, emphasis=seg.emphasis, href=seg.href,
                                superscript=run.superscript or seg.superscript) for run in fact_runs)
        return tuple(runs)

    def fact_runs(self, fact) -> d.Inline:
        """A fact as every text prints it: with 약 / about when approximate, and a currency's name as the
        outline's ``currency.XXX`` label gives it."""
        name = self.labels.get(f"currency.{fact.currency}") if fact.kind == "money" else None
        return i18n.format_fact(fact, self.lang, self.labels["approx"], name)

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
                organisation=self.plain(meta.organisation or publisher_name(meta)),
                event=self.plain(meta.event),
                keywords=tuple(self.plain(k) for k in meta.keywords),
                series=self.plain(meta.series),
                number=self.labels["issue_number"].format(n=meta.number) if meta.number else "",
                summary=tuple(self.inline(paragraph) for paragraph in meta.summary),
                apparatus=localize_apparatus(meta, self.lang, self.labels, self.inline),
            ),
            sections=tuple(self.section(i + 1, s) for i, s in enumerate(outline.sections)),
            references=self.references(),
            glossary=tuple(self.term(entry) for entry in outline.glossary),
            labels=self.labels,
            clock=self.clock,
            generator=self.generator,
            stem=stem,
            deck=outline.deck,
            script_languages=script_languages(self.lang, outline.languages),
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
            other_notes=tuple((lang, notes) for lang in other if (notes := self.notes(item, lang))),
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
        value = self.fact_runs(self.outline.facts[stat.fact.id])
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
            others[lang] = Localizer(self.outline, lang, self.clock, self.generator, self.room)
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
        self.in_figure = True  # numbers in tables and charts stay numerals
        try:
            return self._figure(figure)
        finally:
            self.in_figure = False

    def _figure(self, figure: Figure) -> d.Figure:
        family = "table" if isinstance(figure, Table) else "figure"
        self.counters[family] += 1
        label = self.labels[family].format(n=self.counters[family])
        common = _Common(label=label, title=self.inline(figure.title), source=self.inline(figure.source) or None)
        if isinstance(figure, Chart):
            return self.chart(figure, common)
        if isinstance(figure, Table):
            header = [self.inline(c) for c in figure.columns]
            rows = [[self.inline(c) for c in row] for row in figure.rows]
            for j in range(len(header)):
                styled = self.column([row[j] for row in figure.rows])
                if styled is not None:
                    title, labels = styled
                    header[j] += (d.Run(f" ({title})"),) if title else ()
                    for row, label in zip(rows, labels):
                        row[j] = (d.Run(label),)
            return d.TableFigure(header=tuple(header), rows=tuple(tuple(row) for row in rows),
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

    def chart(self, chart: Chart, common: _Common) -> d.ChartFigure | d.TableFigure:
        """The chart, or a table of its values where it cannot be legible (chartfit.py; the checks say so)."""
        kind = self.chart_kind(chart)
        figure = self.chart_figure(chart, common, kind)
        if self.room is None or not any(self.illegible(chart, lang, kind) for lang in self.outline.languages):
            return figure  # legible in every language: the decks stay in step (a table in one is a table in all)
        header = (((d.Run(figure.axis_title),) if figure.axis_title else ()),) + tuple(
            (d.Run(s.name),) for s in figure.series)
        rows = tuple(((d.Run(name),),) + tuple((d.Run(s.labels[i]),) for s in figure.series)
                     for i, name in enumerate(figure.categories))
        return d.TableFigure(label=figure.label, title=figure.title, header=header, rows=rows, alt=figure.alt,
                             source=figure.source)

    def illegible(self, chart: Chart, lang: str, kind: str | None = None) -> str | None:
        """Why ``chart`` cannot be legible in ``lang`` (as the kind every language draws), or None."""
        assert self.room is not None
        return chartfit.reason(self.language(lang).chart_figure(chart, _UNTITLED, kind or self.chart_kind(chart)),
                               self.room)

    def language(self, lang: str) -> Localizer:
        return self if lang == self.lang else self.other(lang)

    def chart_kind(self, chart: Chart) -> str:
        """The kind every language draws: a column chart whose names or labels do not fit under or over
        their columns in some language reads across, as bars, in all of them."""
        if chart.kind == "column" and any(self.language(lang).chart_figure(chart, _UNTITLED).kind == "bar"
                                          for lang in self.outline.languages):
            return "bar"
        return chart.kind

    def chart_figure(self, chart: Chart, common: _Common, shared_kind: str | None = None) -> d.ChartFigure:
        """The chart with one number style (chartnumbers.py): every label, tick and the axis title of one
        scale, unit and precision, decided from all its values, so that plain numbers and facts read alike.
        ``shared_kind``: the kind decided for every language (``chart_kind``), else this language's own."""
        fam = chartnumbers.family(self.outline, chart)
        if isinstance(fam, str):  # reported by the checks (chart.units); drawn as plain numbers
            fam = chartnumbers.Family("plain")
        raw, styles = chartnumbers.series_styles(self.outline, chart, fam, self.lang)
        flat = [v for values in raw for v in values]
        style = chartnumbers.axis_style(styles) if styles else chartnumbers.decide(flat, fam, self.lang)
        series = tuple(d.Series(self.plain(s.name), tuple(chartnumbers.drawn(v, own) for v in values),
                                tuple(chartnumbers.label(v, own, self.lang) for v in values))
                       for s, values, own in zip(chart.series, raw, styles))
        categories = tuple(self.plain(c) for c in chart.categories)
        name = self.labels.get(f"currency.{fam.currency}") if fam.currency else None
        axis_title = chartnumbers.title(style, self.lang, self.plain(chart.axis_title), self.unit_word(fam.unit),
                                        name)
        if chart.kind == "pie" and axis_title:  # no axis to name the unit: the title names it
            common = _Common(label=common["label"], title=common["title"] + (d.Run(f" ({axis_title})"),),
                             source=common["source"])
            axis_title = ""
        at, shown = chartnumbers.ticks(flat, style, self.lang)
        symbols = i18n.number_symbols(self.lang)
        kind = shared_kind or chart.kind
        room = self.room
        if kind == "column" and room is not None and not all(
                chartfit.stands_up(room.measure, frame, kind, categories, [s.labels for s in series])
                for frame in room.frames):
            kind = "bar"  # long names or labels read across, one per row, in every renderer alike
        described = d.plain(common["title"]) + (f" ({axis_title})" if axis_title else "")  # labels are bare numbers
        alt = self.plain(chart.alt) or self.chart_alt(kind, described, categories, series)
        return d.ChartFigure(
            kind=kind, categories=categories, series=series,
            number_format=chartnumbers.number_format(shown, style, symbols[0]), axis_title=axis_title or None,
            alt=alt, decimal_sign=symbols[0], group_sign=symbols[1], ticks=at, tick_labels=shown, **common,
        )

    def column(self, cells: list[Text]) -> tuple[str, list[str]] | None:
        """A table column whose every cell is one numeric fact, in one style as a chart's series is (one scale
        and precision; the header names scale and unit): (title, cells), or None where the column is text, its
        facts measure different things, or an exact fact would not read back exactly."""
        ids = [_LONE_FACT.fullmatch(cell[self.lang]) for cell in cells]
        facts = [self.outline.facts.get(m.group(1)) if m else None for m in ids]
        if len(cells) < 2 or any(f is None or f.kind not in _TABULAR for f in facts):
            return None
        known = [f for f in facts if f is not None]
        fam = chartnumbers.family_of(known, False, None)
        if isinstance(fam, str):
            return None
        values = [chartnumbers.fact_value(f, fam) for f in known]
        style = chartnumbers.decide(values, fam, self.lang, known, [not f.approx for f in known])
        if not all(f.approx or chartnumbers.is_exact(v, style) for f, v in zip(known, values)):
            return None
        labels = [chartnumbers.label(v, style, self.lang) for v in values]
        labels = [self.labels["approx"].format(value=label) if f.approx else label for f, label in zip(known, labels)]
        name = self.labels.get(f"currency.{fam.currency}") if fam.currency else None
        return chartnumbers.title(style, self.lang, "", self.unit_word(fam.unit), name), labels

    def chart_alt(self, kind: str, title: str, categories: tuple[str, ...], series: tuple[d.Series, ...]) -> str:
        """A chart described from its data, in the document's words, for a reader who cannot see it:
        "Title (bar chart): A 12%, B 30%" — every value as its data label prints it."""
        parts = []
        for s in series:
            values = ", ".join(f"{c} {label}" for c, label in zip(categories, s.labels))
            parts.append(f"{s.name}: {values}" if len(series) > 1 else values)
        return self.labels["chart_alt"].format(title=title, kind=self.labels[f"chart_{kind}"], data="; ".join(parts))

    def unit_word(self, unit) -> str:
        """The axis title for a time unit: 개월 / months (babel's unit pattern without its number)."""
        if isinstance(unit, Text):
            return unit[self.lang]
        if isinstance(unit, str) and unit in DURATION_UNITS:
            return i18n.format_duration(2, unit, self.lang).replace("2", "").strip()
        return unit if isinstance(unit, str) else ""


def decimal_places(values: list[float], most: int = 3) -> int:
    """The fewest decimals (up to ``most``) that show every value as it is: [0.7, 0.69] → 2, [35, 40] → 0."""
    def needed(value: float) -> int:
        return next((p for p in range(most + 1) if abs(round(value, p) - round(value, most)) < 1e-9), most)

    return max((needed(v) for v in values), default=0)


def script_languages(lang: str, languages) -> dict[str, str]:
    """The language of text in a script that is not ``lang``'s own (what a screen reader should switch to
    there): the outline's first language written in that script, else Korean for Hangul, English for
    Latin letters. ``{"latin": "en"}`` for a Korean document, ``{"hangul": "ko"}`` for the others."""
    def script(code: str) -> str:
        return HANGUL if code == "ko" else LATIN

    out = {}
    for other, fallback in ((HANGUL, "ko"), (LATIN, "en")):
        if other != script(lang):
            out[other] = next((code for code in languages if script(code) == other), fallback)
    return out


def citation_numbers(outline: Outline) -> dict[str, int]:
    """References numbered in order of first citation; uncited ones follow in listed order."""
    order: list[str] = []
    for item in outline.items():
        for key, _ in item.sources:
            if key not in order:
                order.append(key)
    order += [ref.id for ref in outline.references if ref.id not in order]
    return {key: index + 1 for index, key in enumerate(order)}


def localize(outline: Outline, lang: str, clock: _dt.datetime, generator: str, stem: str,
             spell_out: bool = False, room: chartfit.Room | None = None) -> d.Document:
    """``spell_out``: whole numbers under ten in running text as words (the theme's ``numbers.spell_out``);
    ``room``: where charts are drawn and how their labels measure (``style/chartroom.py``)."""
    loc = Localizer(outline, lang, clock, generator, room)
    loc.spell_out = spell_out
    return loc.document(stem)
