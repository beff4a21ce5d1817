"""Visit every human-language text of an outline, in document order."""

from __future__ import annotations

from collections.abc import Iterator

from .model import Chart, Item, Outline, Point, Table, Text, Timeline


def all_texts(outline: Outline) -> list[Text]:
    return list(_outline_texts(outline))


def _outline_texts(outline: Outline) -> Iterator[Text]:
    meta = outline.meta
    yield from _present(meta.title, meta.subtitle, meta.short_title, meta.organisation, meta.event)
    yield from meta.keywords
    yield from _present(meta.series)
    yield from meta.summary
    yield from _apparatus_texts(outline)
    yield from outline.labels.values()
    for fact in outline.facts.values():
        if isinstance(fact.unit, Text):
            yield fact.unit
        if fact.kind == "list":
            assert isinstance(fact.value, tuple), "a list fact holds its items' texts"
            yield from fact.value
    for section in outline.sections:
        yield from _present(section.title, section.summary)
        for item in section.items:
            yield from item_texts(item)
    for reference in outline.references:
        yield reference.text
    for entry in outline.glossary:
        yield from _present(entry.terms, entry.note)


def _apparatus_texts(outline: Outline) -> Iterator[Text]:
    """The apparatus's texts. A name written once for every language (``name: Jane Doe``) is one string,
    not a translation: it is left out, so nothing offers it for translating or compares it with itself."""
    app = outline.meta.apparatus
    for author in app.authors:
        yield from _translated(author.name, author.family)
        yield from _present(author.affiliation, author.bio)
    if app.publisher is not None:
        yield from _translated(app.publisher.name)
        yield from _present(app.publisher.place, app.publisher.address)
    yield from app.preface
    yield from _present(app.disclaimer, app.acknowledgements, app.licence, app.contact)


def _translated(*texts: Text | None) -> Iterator[Text]:
    return (text for text in _present(*texts) if len(set(text.spans.values())) > 1)


def item_texts(item: Item) -> Iterator[Text]:
    yield item.title
    yield from _point_texts(item.points)
    yield from item.body
    yield from _present(item.notes, item.editor_note, item.attribution, item.pull_quote)
    if item.sidebar is not None:
        yield item.sidebar.title
        yield from item.sidebar.body
    for stat in item.stats:
        yield from _present(stat.label, stat.source)
    figure = item.figure
    if figure is None:
        return
    yield from _present(figure.title, figure.source, figure.alt)
    if isinstance(figure, Chart):
        yield from figure.categories
        yield from (series.name for series in figure.series)
        yield from _present(figure.axis_title, figure.unit if isinstance(figure.unit, Text) else None)
    elif isinstance(figure, Table):
        yield from figure.columns
        for row in figure.rows:
            yield from row
    elif isinstance(figure, Timeline):
        yield from (event.text for event in figure.events)


def _point_texts(points: tuple[Point, ...]) -> Iterator[Text]:
    for point in points:
        yield point.text
        yield from _point_texts(point.children)


def _present(*texts: Text | None) -> Iterator[Text]:
    return (text for text in texts if text is not None)
