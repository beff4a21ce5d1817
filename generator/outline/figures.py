"""Figures of an item: charts, tables, timelines and images."""

from __future__ import annotations

from . import fields as f
from .facts import DURATION_UNITS, fact_ref
from .model import Chart, ChartSeries, FactRef, Figure, Image, PartialDate, Table, Timeline, TimelineEvent
from .yamlnodes import Map, Node, Scalar, Seq

CHART_KINDS = ("bar", "column", "line", "pie")
KINDS = CHART_KINDS + ("table", "timeline", "image")
_COMMON = ("title",), ("source", "alt")
_SPECIFIC = {
    "chart": (("categories", "series"), ("unit", "axis_title")),
    "table": (("columns", "rows"), ()),
    "timeline": (("events",), ()),
    "image": (("path", "alt"), ()),
}


def figure(ctx: f.Context, node: Node, path: str) -> Figure | None:
    kind_node = node.pairs.get("kind") if isinstance(node, Map) else None
    if kind_node is None:
        ctx.error(node.span, "figure.kind", f"a figure is a mapping with 'kind' ({', '.join(KINDS)})", path)
        return None
    kind = f.choice(ctx, kind_node, f"{path}.kind", KINDS)
    if kind is None:
        return None
    family = "chart" if kind in CHART_KINDS else kind
    required, optional = _SPECIFIC[family]
    fields = f.Fields(ctx, node, path, required=("kind",) + _COMMON[0] + required,
                      optional=_COMMON[1] + tuple(k for k in optional if k != "alt"))
    if not fields.ok:
        return None
    title, source = fields.text("title"), fields.text("source")
    alt = fields.text("alt")
    built = {"chart": _chart, "table": _table, "timeline": _timeline, "image": _image}[family](
        ctx, fields, path, kind)
    if built is None or title is None:
        return None
    return built(title=title, source=source, alt=alt, span=node.span)


def _chart(ctx, fields, path, kind):
    categories = f.text_list(ctx, fields.get("categories"), f"{path}.categories")
    series = []
    for index, node in f.sequence(ctx, fields.get("series"), f"{path}.series"):
        here = f"{path}.series[{index}]"
        s = f.Fields(ctx, node, here, required=("name", "values"))
        name = s.text("name")
        values = tuple(_value(ctx, v, f"{here}.values[{i}]") for i, v in f.sequence(ctx, s.get("values"), here))
        if name is None or None in values:
            continue
        if len(values) != len(categories):
            ctx.error(node.span, "chart.shape",
                      f"{len(values)} values for {len(categories)} categories", f"{here}.values")
            continue
        series.append(ChartSeries(name, values, node.span))
    if not categories or not series:
        written = fields.get("series")
        if categories and isinstance(written, Seq) and written.items:
            return None  # every series was broken, and each said why
        ctx.error(fields.node.span, "chart.empty", "a chart needs categories and at least one series", path)
        return None
    if kind == "pie" and len(series) != 1:
        ctx.error(fields.node.span, "chart.shape", "a pie chart has exactly one series", path)
        return None
    unit = _chart_unit(ctx, fields, path)
    return lambda **common: Chart(kind, common["title"], categories, tuple(series), unit,
                                  fields.text("axis_title"), common["source"], common["alt"], common["span"])


def _chart_unit(ctx, fields, path):
    node = fields.get("unit")
    if node is None:
        return None
    if isinstance(node, Scalar):  # percent (plain values are fractions), a currency's ISO code, a time unit
        written = node.value.strip()
        if len(written) == 3 and written.isascii() and written.isupper():
            return written
        return f.choice(ctx, node, f"{path}.unit", ("percent",) + DURATION_UNITS)
    return f.unit(ctx, node, f"{path}.unit")


def _value(ctx, node: Node, path: str):
    if isinstance(node, Scalar) and node.value.strip().startswith("fact:"):
        return fact_ref(ctx, node, path)
    return f.number(ctx, node, path)


def _table(ctx, fields, path, kind):
    columns = f.text_list(ctx, fields.get("columns"), f"{path}.columns")
    rows = []
    for index, node in f.sequence(ctx, fields.get("rows"), f"{path}.rows"):
        cells = f.text_list(ctx, node, f"{path}.rows[{index}]")
        if len(cells) != len(columns):
            ctx.error(node.span, "table.shape", f"{len(cells)} cells for {len(columns)} columns",
                      f"{path}.rows[{index}]")
            continue
        rows.append(cells)
    if not columns or not rows:
        ctx.error(fields.node.span, "table.empty", "a table needs columns and at least one row", path)
        return None
    return lambda **common: Table(common["title"], columns, tuple(rows), common["source"], common["alt"],
                                  common["span"])


def _timeline(ctx, fields, path, kind):
    events = []
    for index, node in f.sequence(ctx, fields.get("events"), f"{path}.events"):
        here = f"{path}.events[{index}]"
        e = f.Fields(ctx, node, here, required=("date", "text"))
        date_node = e.get("date")
        date: PartialDate | FactRef | None
        if isinstance(date_node, Scalar) and date_node.value.strip().startswith("fact:"):
            date = fact_ref(ctx, date_node, f"{here}.date")
        else:
            date = f.partial_date(ctx, date_node, f"{here}.date")
        text = e.text("text")
        if date is not None and text is not None:
            events.append(TimelineEvent(date, text, node.span))
    if not events:
        ctx.error(fields.node.span, "timeline.empty", "a timeline needs at least one event", path)
        return None
    return lambda **common: Timeline(common["title"], tuple(events), common["source"], common["alt"],
                                     common["span"])


def _image(ctx, fields, path, kind):
    image_path = f.string(ctx, fields.get("path"), f"{path}.path")
    if image_path is None:
        return None
    return lambda **common: Image(common["title"], image_path.strip(), common["alt"], common["source"],
                                  common["span"])
