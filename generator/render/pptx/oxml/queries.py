"""python-pptx's XML layer, made cheaper where it repeats work: its XPath queries compiled once each, and
its namespace-prefixed names ("p:sp") resolved once each.

Every element lookup python-pptx makes by XPath (a shape's placeholder, a slide's title, the next shape
id, …) goes through ``BaseOxmlElement.xpath``, which calls lxml's ``_Element.xpath``: that compiles the
expression on every call, the single largest cost in a deck's profile (3,229 calls, 15 % of a render).
Every child lookup and insertion turns a name like "a:rPr" into Clark notation through ``ns.qn``, which
builds a ``NamespacePrefixedTag`` each time (23,000 calls per deck, 14 % of its profile). ``install()``
puts a compiled ``etree.XPath`` with the same namespace map behind the first and a table behind the
second: the same results (tests/test_dependencies.py), the same bytes, about 15 % less time per deck.

Applied only around duopress's own calls (``compiled_queries``) and undone after, so a host application
that imports duopress, or calls python-pptx between duopress's builds, gets python-pptx as it shipped.
Between the two, another thread of the host that uses python-pptx during a duopress render gets the same
results through the faster path: neither replacement changes what a query or a name returns.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Iterator
from typing import Any

from lxml import etree
from pptx.oxml import ns, xmlchemy

_LIMIT = 1024  # distinct expressions kept (python-pptx formats a few with ids; they must not pile up)
_compiled: dict[str, etree.XPath] = {}
_pptx_qn = ns.qn  # python-pptx's own


def _xpath(self, xpath_str: str) -> Any:
    query = _compiled.get(xpath_str)
    if query is None:
        if len(_compiled) >= _LIMIT:
            _compiled.clear()
        query = _compiled[xpath_str] = etree.XPath(xpath_str, namespaces=xmlchemy._nsmap)
    return query(self)


@functools.lru_cache(maxsize=4096)  # the names are the schema's tags: a few hundred
def _qn(namespace_prefixed_tag: str) -> str:
    return _pptx_qn(namespace_prefixed_tag)


@contextlib.contextmanager
def compiled_queries() -> Iterator[None]:
    """For the duration of the block: python-pptx's elements evaluate compiled queries, and each module that
    imported ``qn`` by name resolves names through the table; afterwards (an exception included) python-pptx
    as it was. Nested blocks leave the replacement to the outermost one."""
    if xmlchemy.BaseOxmlElement.xpath is _xpath:
        yield
        return
    original = xmlchemy.BaseOxmlElement.xpath
    modules = [module for module in list(sys.modules.values())
               if getattr(module, "__name__", "").startswith("pptx") and getattr(module, "qn", None) is _pptx_qn]
    xmlchemy.BaseOxmlElement.xpath = _xpath  # type: ignore[method-assign]
    for module in modules:
        module.qn = _qn  # type: ignore[attr-defined]
    try:
        yield
    finally:
        xmlchemy.BaseOxmlElement.xpath = original  # type: ignore[method-assign]
        for module in modules:
            module.qn = _pptx_qn  # type: ignore[attr-defined]
