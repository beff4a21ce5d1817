"""The ``facts:`` table: typed values stored once, checked per kind.

Each kind of fact is declared once, in ``KINDS`` below: the keys it takes, its reader and the JSON Schema
of the keys it narrows (schema.py builds the outline's schema from it). Formatting a kind is babel's work,
and only localize/i18n.py imports babel, so the formatters are a registry there (``i18n.FORMATTERS``)
keyed by the same names; a test holds the two tables to the same kinds. A formatter named here by string
would be found with ``getattr``, which neither a reader nor a type checker can follow.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import fields as f
from . import schema_types as js
from .model import Chart, Fact, FactRef, Outline, Text, Timeline
from .yamlnodes import Map, Node, Scalar

DURATION_UNITS = ("year", "month", "week", "day", "hour", "minute")
STYLES = ("plain", "compact")
MAX_DECIMALS = 6  # a millionth: more is noise on a slide (and 10^8 zeros would never finish)

# A kind's keys → (the value, the Fact's other fields), or None once a problem is recorded.
Reader = Callable[[f.Context, f.Fields, str], "tuple[object, dict[str, Any]] | None"]


@dataclass(frozen=True)
class FactKind:
    """One kind of fact: its keys, how the loader reads them, and how the schema describes them."""

    name: str
    required: tuple[str, ...]  # besides 'kind'
    optional: tuple[str, ...]  # besides 'approx'
    read: Reader
    schema: Mapping[str, Any] = field(default_factory=dict)  # the keys it narrows; schema.py has the rest


def facts(ctx: f.Context, node: Node | None) -> dict[str, Fact]:
    table: dict[str, Fact] = {}
    if node is None:
        return table
    if not isinstance(node, Map):
        ctx.error(node.span, "type.mapping", "expected a mapping of fact ids to facts", "facts")
        return table
    for ident, child in node.pairs.items():
        path = f"facts.{ident}"
        if not f.IDENT.fullmatch(ident):
            ctx.error(node.key_spans[ident], "id.invalid",
                      f"'{ident}' is not an id: use lower-case letters, digits, '-' and '_'", path)
            continue
        fact = _fact(ctx, ident, child, path)
        if fact is not None:
            table[ident] = fact
    return table


def _fact(ctx: f.Context, ident: str, node: Node, path: str) -> Fact | None:
    kind_node = node.pairs.get("kind") if isinstance(node, Map) else None
    if not isinstance(node, Map) or kind_node is None:
        ctx.error(node.span, "fact.kind", f"a fact is a mapping with 'kind' ({', '.join(KINDS)})", path)
        return None
    kind = f.choice(ctx, kind_node, f"{path}.kind", KINDS)
    if kind is None:
        return None
    spec = KINDS[kind]
    fields = f.Fields(ctx, node, path, required=("kind",) + spec.required, optional=("approx",) + spec.optional)
    if not fields.ok:
        return None
    approx = f.boolean(ctx, fields.get("approx"), f"{path}.approx") if fields.get("approx") else False
    parts = spec.read(ctx, fields, path)
    if parts is None:
        return None
    value, extra = parts
    return Fact(ident, kind, value, node.span, approx=bool(approx), **extra)


def _unit(ctx: f.Context, fields: f.Fields, path: str) -> Text | str | None:
    return f.unit(ctx, fields.get("unit"), f"{path}.unit")


def _style(ctx, fields, path, default):
    node = fields.get("style")
    return f.choice(ctx, node, f"{path}.style", STYLES) if node else default


def _decimals(ctx, fields, path):
    node = fields.get("decimals")
    return f.integer(ctx, node, f"{path}.decimals", minimum=0, maximum=MAX_DECIMALS) if node else None


def _count(ctx, fields, path):
    value = f.integer(ctx, fields.get("value"), f"{path}.value", minimum=0)
    style = _style(ctx, fields, path, "plain")
    return None if value is None or style is None else (value, {"style": style, "unit": _unit(ctx, fields, path)})


def _number(ctx, fields, path):
    value = f.number(ctx, fields.get("value"), f"{path}.value")
    extra = {"decimals": _decimals(ctx, fields, path), "unit": _unit(ctx, fields, path)}
    return None if value is None else (value, extra)


def _percent(ctx, fields, path):
    """A fraction (0.31), or a number with its percent sign ('31%'). A bare 31 would print as 3,100%: it is
    read as written, with a warning that says how to write what was probably meant (a growth of 150% is
    1.5, or '150%', which says so and is not warned about)."""
    node = fields.get("value")
    written = node.value.strip() if isinstance(node, Scalar) else ""
    if written.endswith("%"):
        value = f.number(ctx, Scalar(written[:-1].rstrip(), node.span), f"{path}.value")
        value = None if value is None else value / 100
    else:
        value = f.number(ctx, node, f"{path}.value")
        if value is not None and 1 < abs(value) <= 1000:
            ctx.warn(node.span, "fact.percent-scale", f"{written} prints as {value * 100:,g}%: a percent is a "
                     f"fraction (0.31 is 31%); for {written}% write {value / 100:g} or '{written}%', for "
                     f"{value * 100:,g}% write '{value * 100:g}%'", f"{path}.value")
    if value is not None and abs(value) > 1000:
        ctx.error(node.span, "fact.percent", "a percent is a fraction (0.64 is 64%)", path)
        return None
    return None if value is None else (value, {"decimals": _decimals(ctx, fields, path)})


def _money(ctx, fields, path):
    value = f.number(ctx, fields.get("value"), f"{path}.value", minimum=0)
    currency = f.string(ctx, fields.get("currency"), f"{path}.currency")
    if currency is not None and not (len(currency) == 3 and currency.isascii() and currency.isupper()):
        ctx.error(fields.get("currency").span, "fact.currency", f"'{currency}' is not an ISO 4217 code like KRW",
                  f"{path}.currency")
        currency = None
    style = _style(ctx, fields, path, "compact")
    if value is None or currency is None or style is None:
        return None
    return value, {"currency": currency, "style": style}


def _date(ctx, fields, path):
    value = f.partial_date(ctx, fields.get("value"), f"{path}.value")
    return None if value is None else (value, {})


def _date_range(ctx, fields, path):
    start = f.partial_date(ctx, fields.get("start"), f"{path}.start")
    end = f.partial_date(ctx, fields.get("end"), f"{path}.end")
    if start and end and end.first_day() < start.first_day():
        ctx.error(fields.get("end").span, "fact.range", "the range ends before it starts", path)
        return None
    return None if start is None or end is None else ((start, end), {})


def _duration(ctx, fields, path):
    value = f.number(ctx, fields.get("value"), f"{path}.value", minimum=0)
    unit = f.choice(ctx, fields.get("unit"), f"{path}.unit", DURATION_UNITS)
    return None if value is None or unit is None else (value, {"unit": unit})


def _scientific(ctx, fields, path):
    mantissa = f.number(ctx, fields.get("mantissa"), f"{path}.mantissa")
    exponent = f.integer(ctx, fields.get("exponent"), f"{path}.exponent")
    if exponent is not None and abs(exponent) > 300:
        ctx.error(fields.get("exponent").span, "value.range", "the exponent must be within ±300", path)
        return None
    if mantissa is None or exponent is None:
        return None
    return (mantissa, exponent), {"unit": _unit(ctx, fields, path)}


def _list(ctx, fields, path):
    items = f.text_list(ctx, fields.get("items"), f"{path}.items")
    if not items:
        ctx.error(fields.node.span, "fact.list", "a list fact needs at least one item", path)
        return None
    return items, {}


_AMOUNT = js.number(minimum=0, exclusiveMaximum=js.BOUND)
KINDS: dict[str, FactKind] = {kind.name: kind for kind in (
    FactKind("count", ("value",), ("style", "unit"), _count,
             {"value": js.integer(minimum=0, exclusiveMaximum=js.BOUND)}),
    FactKind("number", ("value",), ("decimals", "unit"), _number),
    FactKind("percent", ("value",), ("decimals",), _percent,
             {"value": {"anyOf": [js.number(minimum=-1000, maximum=1000),
                                  {"type": "string", "pattern": r"^\s*[-+]?[0-9.]+\s*%\s*$"}],
                        "description": "A fraction (0.64 is 64%), or the percent with its sign: '64%'."}}),
    FactKind("money", ("value", "currency"), ("style",), _money, {"value": _AMOUNT}),
    FactKind("date", ("value",), (), _date, {"value": {"$ref": "#/$defs/date"}}),
    FactKind("date_range", ("start", "end"), (), _date_range),
    FactKind("duration", ("value", "unit"), (), _duration, {"value": _AMOUNT, "unit": {"enum": list(DURATION_UNITS)}}),
    FactKind("scientific", ("mantissa", "exponent"), ("unit",), _scientific),
    FactKind("list", ("items",), (), _list),
)}


def fact_ref(ctx: f.Context, node: Scalar, path: str) -> FactRef | None:
    """``fact:ID`` where a value is expected; the id is checked once the facts are known."""
    ident = node.value.strip()[len("fact:"):].strip()
    if not f.IDENT.fullmatch(ident):
        ctx.error(node.span, "fact.ref", f"'{node.value}' is not a fact reference like fact:users", path)
        return None
    return FactRef(ident, node.span)


def check_fact_values(ctx: f.Context, outline: Outline) -> None:
    """Facts used as chart values and timeline dates must exist and be of a usable kind."""
    for item in outline.items():
        for stat in item.stats:
            _expect(ctx, outline, stat.fact, "a fact", lambda fact: True)
        figure = item.figure
        if isinstance(figure, Chart):
            for series in figure.series:
                for value in series.values:
                    if isinstance(value, FactRef):
                        _expect(ctx, outline, value, "a number", lambda fact: fact.number() is not None)
                        _drawable(ctx, outline, value)
        elif isinstance(figure, Timeline):
            for event in figure.events:
                if isinstance(event.date, FactRef):
                    _expect(ctx, outline, event.date, "a date", lambda fact: fact.kind == "date")


def _drawable(ctx, outline, ref: FactRef) -> None:
    """10^9 × 10^300 is a fine scientific fact but no float (an infinite bar): a chart takes finite numbers."""
    fact = outline.facts.get(ref.id)
    number = fact.number() if fact is not None else None
    if number is not None and not math.isfinite(number):
        ctx.error(ref.span, "value.range", f"fact '{ref.id}' is too large to draw in a chart "
                  "(over 10^308)")


def _expect(ctx, outline, ref: FactRef, what: str, ok) -> None:
    fact = outline.facts.get(ref.id)
    if fact is None and ref.id in outline.declared_facts:
        return  # the fact itself is broken, and was reported where it is written
    if fact is None:
        ctx.error(ref.span, "fact.unknown", f"no fact '{ref.id}'" + f.suggest(ref.id, outline.facts))
    elif not ok(fact):
        ctx.error(ref.span, "fact.kind", f"fact '{ref.id}' is a {fact.kind}, but {what} is needed here")
