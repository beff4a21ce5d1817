"""The outline's JSON Schema stays in step with the loader (generator/schema.py, docs/outline.schema.json)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from generator.outline.loader import read_outline
from generator.outline.schema import outline_schema, schema_json

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
VALID = sorted((FIXTURES / "valid").glob("*.yaml"))
ACCEPTED = [ROOT / "outline.yaml", FIXTURES / "minimal.yaml", FIXTURES / "trilingual.yaml", *VALID]
# Error fixtures a schema can detect: structure, types, patterns and ranges.
SCHEMA_ERRORS = {
    "bad-date": ["meta", "date"],                               # 2024-13-45: no month 13
    "bad-numbers": ["facts", "m", "value"],                     # a negative duration
    "date-beyond-zip": ["meta", "date"],                        # 2108: past the last year a zip can carry
    "chart-empty": ["sections", 0, "items", 0, "figure", "series"],  # series: []
    "chart-error-uses-facts": ["sections", 0, "items", 0, "figure", "series", 0],  # colour: red
    "comma-in-flow": ["sections", 0, "title"],                  # en: Why heat, why now
    "one-language": ["languages"],                             # [ko]: fewer than two
    "empty-text": ["sections", 0, "items", 0, "points", 0],     # ko: ""
    "image-outside": ["sections", 0, "items", 0, "figure", "path"],  # ../../etc/passwd
    "image-without-alt": ["sections", 0, "items", 0, "figure"],  # alt is required for an image
    "misspelled-key-and-more": ["sections", 0, "items", 0],     # titel
    "notes-under-section": ["sections", 0],                     # an item's notes: under its section
    "unknown-key-and-layout": ["sections", 0, "items", 0],      # pointz, and layout: fancy
    "yaml11-no": ["sections", 0, "items", 0, "points"],         # points: no
    "yaml11-surprises": ["sections", 0, "items", 0],            # on: true, approx: yes, 12:30
    "zero-month-day": ["meta", "date"],                         # 2024-00-10: no month 00
}
# The others need the declared languages, the YAML events, cross-references, inline syntax or fonts.


class Yaml12Loader(yaml.SafeLoader):
    """What an editor's YAML 1.2 parser sees: no timestamps, and only true/false are booleans."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                   list("tTfF"))


def parse(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)


@pytest.fixture(scope="module")
def validator():
    schema = outline_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_docs_copy_is_in_step():
    assert (ROOT / "docs" / "outline.schema.json").read_text(encoding="utf-8") == schema_json()
    assert json.loads(schema_json()) == outline_schema()


def test_the_essay_references_the_schema():
    first = (ROOT / "outline.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./docs/outline.schema.json"


@pytest.mark.parametrize("path", ACCEPTED, ids=lambda p: p.name)
def test_valid_outlines_are_accepted(validator, path):
    outline, problems = read_outline(path)
    assert outline is not None and [str(p) for p in problems if p.is_error] == []
    assert [e.message for e in validator.iter_errors(parse(path))] == []


def test_there_are_valid_fixtures():
    assert {p.name for p in VALID} >= {"every-fact.yaml", "every-figure.yaml"}


@pytest.mark.parametrize("case", sorted(SCHEMA_ERRORS))
def test_structural_error_fixtures_are_rejected(validator, case):
    errors = list(validator.iter_errors(parse(FIXTURES / "errors" / f"{case}.yaml")))
    assert errors, f"{case}: the schema accepted it"
    assert SCHEMA_ERRORS[case] in [list(error.absolute_path) for error in errors]


def test_exactly_the_structural_error_fixtures_are_rejected(validator):
    """A new error fixture the schema can catch must be listed above; one it cannot is the loader's."""
    rejected = set()
    for path in sorted((FIXTURES / "errors").glob("*.yaml")):
        try:
            data = parse(path)
        except (yaml.YAMLError, UnicodeDecodeError, ValueError):
            continue  # not YAML at all, or an integer of over 4,300 digits: only the loader can say where and why
        if not validator.is_valid(data):
            rejected.add(path.stem)
    assert rejected == set(SCHEMA_ERRORS)


def test_dates_as_an_editor_parses_them(validator):
    base = parse(FIXTURES / "minimal.yaml")
    for date in ("2024-12-01", "2024-12", 2024):
        base["meta"]["date"] = date
        assert validator.is_valid(base), date
    for date in ("2024-1", "24-12-01", 12, "2024/12/01", "2108-01-01", 2108, "1979-12", 1979):
        base["meta"]["date"] = date
        assert not validator.is_valid(base), date


@pytest.mark.parametrize("fact, ok", [
    ({"kind": "count", "value": 64}, True),
    ({"kind": "count", "value": "64"}, True),
    ({"kind": "count", "value": -1}, False),
    ({"kind": "count", "value": 6.5}, False),
    ({"kind": "count", "value": 1, "currency": "KRW"}, False),
    ({"kind": "percent", "value": 0.64, "decimals": 1}, True),
    ({"kind": "percent", "value": 64000}, False),
    ({"kind": "percent", "value": 0.64, "decimals": 6}, True),
    ({"kind": "percent", "value": 0.64, "decimals": 7}, False),
    ({"kind": "count", "value": 10**18 - 1}, True),
    ({"kind": "count", "value": 10**18}, False),
    ({"kind": "money", "value": 1e18, "currency": "KRW"}, False),
    ({"kind": "duration", "value": 1e300, "unit": "day"}, False),
    ({"kind": "number", "value": -1e18}, False),
    ({"kind": "money", "value": 1, "currency": "krw"}, False),
    ({"kind": "money", "value": 1}, False),
    ({"kind": "duration", "value": 2, "unit": "fortnight"}, False),
    ({"kind": "date_range", "start": 2023, "end": "2024-06"}, True),
    ({"kind": "scientific", "mantissa": 3.8, "exponent": 25, "unit": "FLOP"}, True),
    ({"kind": "scientific", "mantissa": 3.8, "exponent": 400}, False),
    ({"kind": "number", "value": 6, "approx": True}, True),
    ({"kind": "number", "value": 6, "approx": "yes"}, False),
    ({"kind": "list", "items": [{"ko": "가", "en": "A"}]}, True),
    ({"kind": "list", "items": []}, False),
    ({"kind": "list", "items": ["A"]}, False),
    ({"kind": "weight", "value": 6}, False),
])
def test_facts_per_kind(validator, fact, ok):
    outline = parse(FIXTURES / "minimal.yaml")
    outline["facts"] = {"x": fact}
    assert validator.is_valid(outline) is ok


def test_points_have_two_levels_at_most(validator):
    outline = parse(FIXTURES / "minimal.yaml")
    leaf = {"ko": "가", "en": "A"}
    item = outline["sections"][0]["items"][0]
    item["points"] = [{"text": leaf, "points": [{"text": leaf, "key": True}]}]
    assert validator.is_valid(outline)
    item["points"] = [{"text": leaf, "points": [{"text": leaf, "points": [leaf]}]}]
    assert not validator.is_valid(outline)
