"""A slide's exported layout (layout_export.py) as JSON text for the memo, and back, checked field by field.

The slides PDF and the handout draw the deck's slides from their layouts; reading a slide back through
python-pptx costs more than drawing it. A slide whose parts the deck's reuse stored or replayed (reuse.py)
has bytes decided by its key, so its layout is too: the memo keeps each such slide's layout under that key,
and an edit reads back only the slides it changed. The memo is sealed (render/memo.py); its values are
checked all the same, so that nothing but these dataclasses, with fields of their types, reaches a drawing.

JSON, one text per slide, rather than the memo's own nested values: a deck's layouts are some 20,000 small
values, which ``json`` reads in C ten times faster than style/plain.py reads them one by one; and a slide
read from the memo is stored again as the very text it was read from.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import fields
from typing import Any

from .slide_layout import Box, Cell, Paragraph, Shape, SlideLayout, TextFrame, TextRun

Check = Callable[[Any], Any]


def to_json(slide: SlideLayout) -> str:
    """The slide's layout as JSON: each dataclass an array of its fields in order, bytes in base64."""
    return json.dumps(_plain(slide), ensure_ascii=False, separators=(",", ":"))


def from_json(text: str) -> SlideLayout:
    """The SlideLayout ``to_json`` wrote; ValueError for anything else."""
    return _SLIDE(json.loads(text))


def _plain(value: Any) -> Any:
    names = _names(type(value))
    if names:
        return [_plain(getattr(value, name)) for name in names]
    if type(value) is tuple:
        return [_plain(v) for v in value]
    if type(value) is bytes:
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, str):  # lxml's attribute results are str subclasses
        return str(value)
    return value


def _names(cls: type) -> tuple[str, ...]:
    """A layout dataclass's field names (none for any other type)."""
    return _FIELDS.get(cls, ())


_FIELDS: dict[type, tuple[str, ...]] = {
    cls: tuple(f.name for f in fields(cls)) for cls in (Box, Cell, Paragraph, Shape, SlideLayout, TextFrame, TextRun)}


def _exact(*types: type) -> Check:
    def check(value: Any) -> Any:
        if type(value) not in types:
            raise ValueError(f"a {type(value).__name__} where a {types[0].__name__} belongs")
        return value
    return check


def _optional(check: Check) -> Check:
    return lambda value: None if value is None else check(value)


def _tuple_of(check: Check) -> Check:
    def tuple_of(value: Any) -> tuple:
        if type(value) is not list:
            raise ValueError("not an array")
        return tuple(check(v) for v in value)
    return tuple_of


def _fixed(*checks: Check) -> Check:
    def fixed(value: Any) -> tuple:
        if type(value) is not list or len(value) != len(checks):
            raise ValueError("not an array of its length")
        return tuple(check(v) for check, v in zip(checks, value, strict=True))
    return fixed


def _record(cls: type, *checks: Check) -> Check:
    assert len(checks) == len(fields(cls)), cls  # a field added to the dataclass needs its check here
    build = _fixed(*checks)
    return lambda value: cls(*build(value))


def _image(value: Any) -> bytes:
    try:
        return base64.b64decode(_exact(str)(value), validate=True)
    except (ValueError, TypeError) as error:
        raise ValueError("an image that is not base64") from error


_STR, _INT, _BOOL = _exact(str), _exact(int), _exact(bool)
_FLOAT = _exact(float, int)
_BOX = _record(Box, _FLOAT, _FLOAT, _FLOAT, _FLOAT)
_RUN = _record(TextRun, _STR, _FLOAT, _STR, _BOOL, _BOOL, _BOOL, _optional(_STR))
_PARAGRAPH = _record(Paragraph, _tuple_of(_RUN), _STR, _FLOAT, _FLOAT, _FLOAT, _FLOAT, _optional(_STR),
                     _optional(_STR))
_FRAME = _record(TextFrame, _tuple_of(_PARAGRAPH), _STR, _fixed(_FLOAT, _FLOAT, _FLOAT, _FLOAT))
_CELL = _record(Cell, _BOX, _optional(_STR), _FRAME, _INT, _INT)
_SHAPE = _record(Shape, _STR, _STR, _BOX, _optional(_STR), _optional(_fixed(_STR, _FLOAT)), _optional(_FRAME),
                 _tuple_of(_CELL), _optional(_image), _fixed(_BOOL, _BOOL), _optional(_STR), _STR, _STR,
                 _INT)
_SLIDE = _record(SlideLayout, _tuple_of(_SHAPE), _optional(_STR), _STR, _optional(_INT), _tuple_of(_STR))
