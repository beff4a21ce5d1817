"""JSON Schema shapes of the scalars the field readers accept, shared by schema.py and the fact kinds.

They live apart from schema.py because facts.py declares each fact kind's schema next to its reader,
and schema.py imports facts.py.
"""

from __future__ import annotations

from typing import Any

from .fields import MAX_DIGITS

# A number or an integer as an editor's YAML 1.2 parser may leave it: text (quoted, or with '_').
NUMBER = r"^\s*[-+]?([0-9][0-9_]*(\.[0-9_]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$"
INTEGER = r"^\s*[-+]?[0-9][0-9_]*\s*$"
BOUND = 10**MAX_DIGITS  # numbers stay below 10^18 in size (generator/outline/fields.py says why)


def integer(**bounds: int) -> dict[str, Any]:
    """An integer within ``bounds`` (JSON Schema keywords), or text the loader reads as one."""
    return {"anyOf": [{"type": "integer", **bounds}, {"type": "string", "pattern": INTEGER}]}


def number(**bounds: int) -> dict[str, Any]:
    """A number within ``bounds`` (JSON Schema keywords), or text the loader reads as one."""
    return {"anyOf": [{"type": "number", **bounds}, {"type": "string", "pattern": NUMBER}]}
