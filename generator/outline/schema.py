"""A JSON Schema (draft 2020-12) of the outline format, for editors (yaml-language-server) and CI.

The loader is the truth; this schema describes what it accepts, as an editor's YAML 1.2 parser types it:
``2024`` is an integer, ``2024-12-01`` a string. The loader reads every scalar as text and coerces it
per field, so quoted numbers and booleans (``"64"``, ``"true"``) are accepted too.

What a schema cannot know, the loader and ``duopress check`` still report: which languages are declared
(a text may have any language code here), duplicate keys and aliases (gone once parsed), inline syntax,
references between nodes (facts, sources), chart and table shapes, fonts and image files.
"""

from __future__ import annotations

import json
from typing import Any

from . import schema_types as js
from .facts import DURATION_UNITS, MAX_DECIMALS, STYLES
from .facts import KINDS as FACT_KINDS
from .fields import ZIP_YEARS
from .figures import CHART_KINDS
from .labels import DEFAULT_LABELS
from .loader import LAYOUTS, MAX_STATS
from .structure import FOOTER_PARTS, SHOW, SLIDES

LANG = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
IDENT = r"^[a-z0-9][a-z0-9_-]*$"
DATE = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
META_DATE = DATE.replace("[0-9]{4}", "(198[0-9]|199[0-9]|20[0-9]{2}|210[0-7])")  # ZIP_YEARS: 1980–2107
FACT_REF = r"^\s*fact:\s*[a-z0-9][a-z0-9_-]*\s*$"
URL = r"^([hH][tT][tT][pP][sS]?://|[mM][aA][iI][lL][tT][oO]:)\S+$"
# No absolute path and no '..' segment (the check also follows symlinks, which a schema cannot).
IMAGE_PATH = r"^(?![/\\])(?![A-Za-z]:)(?!(.*[/\\])?\.\.([/\\]|$)).+$"


def schema_json() -> str:
    """The schema as the text of docs/outline.schema.json (and of ``duopress schema``)."""
    return json.dumps(outline_schema(), ensure_ascii=False, indent=2) + "\n"


def outline_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "duopress outline",
        "description": "One bilingual (or multilingual) outline: a talk's deck and its brief in every language.",
        "type": "object",
        "required": ["languages", "meta", "sections"],
        "additionalProperties": False,
        "properties": {
            "duopress": {"description": "Format version.", "anyOf": [{"const": 1}, {"const": "1"}]},
            "languages": {
                "description": "The language codes every text carries, e.g. [ko, en].",
                "type": "array", "minItems": 2, "uniqueItems": True,
                "items": {"type": "string", "pattern": LANG},
            },
            "meta": _meta(),
            "labels": _labels(),
            "facts": {
                "description": "Numbers, dates and amounts, stored once and formatted per language.",
                "type": "object", "propertyNames": {"pattern": IDENT},
                "additionalProperties": {"$ref": "#/$defs/fact"},
            },
            "references": {"type": "array", "items": {"$ref": "#/$defs/reference"}},
            "glossary": {"type": "array", "items": {"$ref": "#/$defs/glossaryEntry"}},
            "deck": _deck(),
            "sections": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/section"}},
        },
        "$defs": _defs(),
    }


def _defs() -> dict[str, Any]:
    return {
        "text": _text(),
        "texts": {"type": "array", "items": {"$ref": "#/$defs/text"}},
        "string": {"type": "string", "pattern": r"\S"},
        "id": {"anyOf": [{"type": "string", "pattern": IDENT}, {"type": "integer", "minimum": 0}]},
        "date": {"anyOf": [{"type": "string", "pattern": DATE},
                           {"type": "integer", "minimum": 1000, "maximum": 9999}]},
        "number": js.number(exclusiveMinimum=-js.BOUND, exclusiveMaximum=js.BOUND),
        "boolean": {"anyOf": [{"type": "boolean"}, {"enum": ["true", "false"]}]},
        "factRef": {"type": "string", "pattern": FACT_REF},
        "unit": {"description": "A text, or one string used in every language.",
                 "anyOf": [{"$ref": "#/$defs/string"}, {"type": "number"}, {"$ref": "#/$defs/text"}]},
        "fact": _fact(),
        "reference": _closed({"id": {"$ref": "#/$defs/id"}, "text": {"$ref": "#/$defs/text"},
                              "url": {"type": "string", "pattern": URL}}, ["id", "text"]),
        "glossaryEntry": {
            "description": "A term in every language, e.g. {ko: 소버린 AI, en: sovereign AI}, an optional note, "
                           "and optional variants: other forms that count as the term, per language.",
            "type": "object", "minProperties": 1,
            "properties": {"note": {"$ref": "#/$defs/text"}, "variants": {
                "type": "object", "additionalProperties": False,
                "patternProperties": {LANG: {"anyOf": [{"$ref": "#/$defs/string"},
                                                       {"type": "array", "items": {"$ref": "#/$defs/string"}}]}}}},
            "patternProperties": {LANG: {"$ref": "#/$defs/textValue"}},
            "additionalProperties": False,
        },
        "textValue": {"anyOf": [{"$ref": "#/$defs/string"}, {"type": ["number", "boolean"]}]},
        "section": _closed({"id": {"$ref": "#/$defs/id"}, "title": {"$ref": "#/$defs/text"},
                            "summary": {"$ref": "#/$defs/text"},
                            "items": {"type": "array", "items": {"$ref": "#/$defs/item"}}},
                           ["id", "title", "items"]),
        "item": _item(),
        "point": {"anyOf": [{"$ref": "#/$defs/text"}, _closed({
            "text": {"$ref": "#/$defs/text"}, "key": {"$ref": "#/$defs/boolean"},
            "points": {"type": "array", "items": {"$ref": "#/$defs/subPoint"}}}, ["text"])]},
        "subPoint": {"anyOf": [{"$ref": "#/$defs/text"}, _closed({
            "text": {"$ref": "#/$defs/text"}, "key": {"$ref": "#/$defs/boolean"}}, ["text"])]},
        "figure": _figure(),
    }


def _text() -> dict[str, Any]:
    return {
        "description": "A human-language text: one non-empty string per declared language, e.g. {ko: …, en: …}.",
        "type": "object", "minProperties": 1,
        "patternProperties": {LANG: {"$ref": "#/$defs/textValue"}},
        "additionalProperties": False,
    }


def _closed(properties: dict[str, Any], required: list[str], **extra: Any) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": properties, "additionalProperties": False,
            **extra}


def _meta() -> dict[str, Any]:
    text = {"$ref": "#/$defs/text"}
    meta = _closed({
        "source": {"description": "The language the others are translated from.", "type": "string",
                   "pattern": LANG},
        "title": text, "subtitle": text, "short_title": text, "organisation": text, "event": text,
        "date": {"description": f"The talk's date; it stamps the deck's zip entries, so {ZIP_YEARS[0]}–"
                                f"{ZIP_YEARS[1]}.",
                 "anyOf": [{"type": "string", "pattern": META_DATE},
                           {"type": "integer", "minimum": ZIP_YEARS[0], "maximum": ZIP_YEARS[1]}]},
        "keywords": {"$ref": "#/$defs/texts"},
        "series": {"description": "The publication series the brief belongs to (over the theme's brief.series).",
                   "$ref": "#/$defs/text"},
        "number": {"description": "The brief's number in its series, as written: 7, \"2025-03\".",
                   "type": ["string", "integer"]},
        "summary": {"description": "The executive summary on the brief's cover: paragraphs.",
                    "$ref": "#/$defs/texts"},
    }, ["title", "date"])
    meta["anyOf"] = [{"required": ["organisation"]}, {"required": ["event"]}]
    return meta


def _deck() -> dict[str, Any]:
    switch = {"$ref": "#/$defs/boolean"}
    footer = {
        "description": "The content slides' footer: each part on or off, or 'template' for a --template's own "
                       "footer placeholders.",
        "anyOf": [{"const": "template"}, _closed({part: switch for part in FOOTER_PARTS}, [])],
    }
    return _closed({**{name: {"description": f"Whether the deck has its {name.replace('_', ' ')} slide(s).",
                              **switch} for name in SLIDES}, "footer": footer}, [],
                   description="The deck's own slides and footer, each overriding the theme's deck.structure.")


def _labels() -> dict[str, Any]:
    names = sorted(DEFAULT_LABELS["en"])
    return {"description": "Overrides of the words duopress writes itself.", "type": "object",
            "properties": {name: {"$ref": "#/$defs/text"} for name in names}, "additionalProperties": False}


def _item() -> dict[str, Any]:
    return _closed({
        "id": {"$ref": "#/$defs/id"},
        "title": {"$ref": "#/$defs/text"},
        "layout": {"description": "A hint for the slide layout: " + ", ".join(LAYOUTS) + ".", "enum": list(LAYOUTS)},
        "points": {"description": "Slide bullets: texts, or {text, points, key} (two levels at most).",
                   "type": "array", "items": {"$ref": "#/$defs/point"}},
        "body": {"description": "The brief's paragraphs.", "$ref": "#/$defs/texts"},
        "notes": {"description": "Speaker notes.", "$ref": "#/$defs/text"},
        "editor_note": {"description": "An editor's note: printed under the item in the brief, and in the "
                        "deck's speaker notes.", "$ref": "#/$defs/text"},
        "attribution": {"description": "Who said the quote of a `layout: quote` item (its first point).",
                        "$ref": "#/$defs/text"},
        "pull_quote": {"description": "A sentence the brief sets large inside the item's text.",
                       "$ref": "#/$defs/text"},
        "sidebar": _closed({"title": {"$ref": "#/$defs/text"}, "body": {"$ref": "#/$defs/texts"}},
                           ["title", "body"]),
        "sources": {"description": "Reference ids cited by this item.", "type": "array",
                    "items": {"anyOf": [{"$ref": "#/$defs/string"}, {"type": "number"}]}},
        "figure": {"$ref": "#/$defs/figure"},
        "show": {"description": "Which artifacts show the item: the deck, the brief, or both (default).",
                 "enum": list(SHOW)},
        "stats": {"description": "One to three key facts for a stat slide: the fact's id, a short label, a source.",
                  "type": "array", "minItems": 1, "maxItems": MAX_STATS, "items": _closed({
                      "fact": {"anyOf": [{"type": "string", "pattern": IDENT}, {"$ref": "#/$defs/factRef"}]},
                      "label": {"$ref": "#/$defs/text"}, "source": {"$ref": "#/$defs/text"}}, ["fact", "label"])},
    }, ["id", "title"])


_FACT_FIELDS: dict[str, dict[str, Any]] = {
    "value": {"$ref": "#/$defs/number"},
    "decimals": js.integer(minimum=0, maximum=MAX_DECIMALS),
    "unit": {"$ref": "#/$defs/unit"},
    "style": {"enum": list(STYLES)},
    "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
    "start": {"$ref": "#/$defs/date"},
    "end": {"$ref": "#/$defs/date"},
    "mantissa": {"$ref": "#/$defs/number"},
    "exponent": js.integer(minimum=-300, maximum=300),
    "items": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/text"}},
}


def _fact() -> dict[str, Any]:
    branches = []
    for kind in FACT_KINDS.values():
        fields = {key: kind.schema.get(key, _FACT_FIELDS[key]) for key in kind.required + kind.optional}
        properties = {"kind": {"const": kind.name}, "approx": {"$ref": "#/$defs/boolean"}, **fields}
        branches.append({"if": {"properties": {"kind": {"const": kind.name}}, "required": ["kind"]},
                         "then": _closed(properties, ["kind", *kind.required])})
    return {"description": "A typed value: kind is " + ", ".join(FACT_KINDS) + ".",
            "type": "object", "required": ["kind"],
            "properties": {"kind": {"enum": list(FACT_KINDS)}}, "allOf": branches}


def _figure() -> dict[str, Any]:
    text, texts = {"$ref": "#/$defs/text"}, {"$ref": "#/$defs/texts"}
    common = {"title": text, "source": text, "alt": text}
    value = {"anyOf": [{"$ref": "#/$defs/number"}, {"$ref": "#/$defs/factRef"}]}
    series = _closed({"name": text, "values": {"type": "array", "items": value}}, ["name", "values"])
    chart = {**common, "categories": {"type": "array", "minItems": 1, "items": text},
             "series": {"type": "array", "minItems": 1, "items": series},
             "unit": {"anyOf": [{"enum": list(DURATION_UNITS)}, text]}, "axis_title": text}
    event = _closed({"date": {"anyOf": [{"$ref": "#/$defs/date"}, {"$ref": "#/$defs/factRef"}]}, "text": text},
                    ["date", "text"])
    families: dict[str, tuple[list[str], dict[str, Any], list[str]]] = {
        "chart": (list(CHART_KINDS), chart, ["categories", "series"]),
        "table": (["table"], {**common, "columns": {"type": "array", "minItems": 1, "items": text},
                              "rows": {"type": "array", "minItems": 1, "items": texts}}, ["columns", "rows"]),
        "timeline": (["timeline"], {**common, "events": {"type": "array", "minItems": 1, "items": event}},
                     ["events"]),
        "image": (["image"], {**common, "path": {"type": "string", "pattern": IMAGE_PATH}}, ["path", "alt"]),
    }
    branches = []
    for kinds, properties, required in families.values():
        branches.append({"if": {"properties": {"kind": {"enum": kinds}}, "required": ["kind"]},
                         "then": _closed({"kind": {"enum": kinds}, **properties}, ["kind", "title", *required])})
    branches.append({"if": {"properties": {"kind": {"const": "pie"}}, "required": ["kind"]},
                     "then": {"properties": {"series": {"maxItems": 1}}}})
    kinds = list(CHART_KINDS) + ["table", "timeline", "image"]
    return {"description": "A chart (bar, column, line, pie), a table, a timeline or an image.",
            "type": "object", "required": ["kind"], "properties": {"kind": {"enum": kinds}}, "allOf": branches}


if __name__ == "__main__":  # python3 -m generator.outline.schema > docs/outline.schema.json
    print(schema_json(), end="")
