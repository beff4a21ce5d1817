"""The deck's structure switches (`deck:` in the outline, `deck.structure` in the theme): one reader for both."""

from __future__ import annotations

from . import fields as f
from .yamlnodes import Map, Node, Scalar

SLIDES = ("title_slide", "agenda", "section_dividers", "references", "glossary", "closing_slide")
FOOTER_PARTS = ("event", "date", "slide_number")
SHOW = ("both", "deck", "brief")  # an item's `show:`


def structure(ctx: f.Context, node: Node | None, path: str) -> dict[str, bool]:
    """The switches written, flat: ``{"agenda": False, "footer_date": False, "footer_template": True}``.

    Keys left out are not in the result: whoever reads it (theme or outline) keeps its default for them.
    """
    fields = f.Fields(ctx, node, path, optional=(*SLIDES, "footer"))
    if not isinstance(node, Map):
        return {}
    values: dict[str, bool] = {}
    for key in SLIDES:
        if fields.get(key) is not None:
            value = f.boolean(ctx, fields.get(key), f"{path}.{key}")
            if value is not None:
                values[key] = value
    footer = fields.get("footer")
    if footer is not None:
        values.update(_footer(ctx, footer, f"{path}.footer"))
    return values


def _footer(ctx: f.Context, node: Node, path: str) -> dict[str, bool]:
    """``footer: template`` (the template's own footer placeholders) or ``{event, date, slide_number}``."""
    if isinstance(node, Scalar):
        if node.value == "template":
            return {"footer_template": True}
        ctx.error(node.span, "value.choice", f"expected 'template' or a mapping of {', '.join(FOOTER_PARTS)} "
                  f"to true or false, got '{f.shown(node.value)}'", path)
        return {}
    parts = f.Fields(ctx, node, path, optional=FOOTER_PARTS)
    values = {"footer_template": False}
    for key in FOOTER_PARTS:
        if parts.get(key) is not None:
            value = f.boolean(ctx, parts.get(key), f"{path}.{key}")
            if value is not None:
                values[f"footer_{key}"] = value
    return values
