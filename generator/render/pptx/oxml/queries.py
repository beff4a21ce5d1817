"""python-pptx's XML layer, made cheaper where it repeats work: its XPath queries compiled once each, and
its namespace-prefixed names ("p:sp") resolved once each.

Every element lookup python-pptx makes by XPath (a shape's placeholder, a slide's title, the next shape
id, …) goes through ``BaseOxmlElement.xpath``, which calls lxml's ``_Element.xpath``: that compiles the
expression on every call, the single largest cost in a deck's profile (3,229 calls, 15 % of a render).
Every child lookup and insertion turns a name like "a:rPr" into Clark notation through ``ns.qn``, which
builds a ``NamespacePrefixedTag`` each time (23,000 calls per deck, 14 % of its profile).
``compiled_queries`` puts a compiled ``etree.XPath`` with the same namespace map behind the first and a
table behind the second: the same results (tests/test_dependencies.py), the same bytes, and a quarter less
time for the essay's two decks laid out whole (0.65 s against 0.89 s).

Scoped to duopress's own calls twice over. In time: installed around duopress's render (``compiled_queries``)
and undone after the last one ends, so a host application that imports duopress, or calls python-pptx
between duopress's builds, gets python-pptx as it shipped. In context: while installed, the replacements
take the faster path only for code running inside a duopress render (a ``ContextVar`` set by
``compiled_queries``); another thread of the host, or any code outside the block, goes through python-pptx's
own functions, unchanged. tests/test_library_untouched.py checks both.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import sys
import threading
from collections.abc import Iterator
from typing import Any

from lxml import etree
from pptx.oxml import ns, xmlchemy

_LIMIT = 1024  # distinct expressions kept (python-pptx formats a few with ids; they must not pile up)
_compiled: dict[str, etree.XPath] = {}
_pptx_qn = ns.qn  # python-pptx's own


_inside = contextvars.ContextVar("duopress_compiled_queries", default=False)  # in a duopress render
_lock = threading.Lock()
_installed: list[Any] = []  # while installed: [python-pptx's xpath, the modules whose qn was replaced]
_users = 0  # duopress renders running now, in any thread


def _xpath(self, xpath_str: str) -> Any:
    if not _inside.get():  # not duopress's call: python-pptx's own
        return _installed[0](self, xpath_str) if _installed else _pptx_xpath(self, xpath_str)
    query = _compiled.get(xpath_str)
    if query is None:
        if len(_compiled) >= _LIMIT:
            _compiled.clear()
        query = _compiled[xpath_str] = etree.XPath(xpath_str, namespaces=xmlchemy._nsmap)
    return query(self)


def _qn(namespace_prefixed_tag: str) -> str:
    return _table_qn(namespace_prefixed_tag) if _inside.get() else _pptx_qn(namespace_prefixed_tag)


@functools.lru_cache(maxsize=4096)  # the names are the schema's tags: a few hundred
def _table_qn(namespace_prefixed_tag: str) -> str:
    return _pptx_qn(namespace_prefixed_tag)


_pptx_xpath = xmlchemy.BaseOxmlElement.xpath  # python-pptx's own


@contextlib.contextmanager
def compiled_queries() -> Iterator[None]:
    """For the duration of the block, in this context only: python-pptx's elements evaluate compiled
    queries and its modules resolve names through the table; afterwards (an exception included) python-pptx
    as it was once no duopress render is running. Nested blocks and renders in several threads share one
    installation, counted."""
    if _inside.get():
        yield
        return
    _enter()
    token = _inside.set(True)
    try:
        yield
    finally:
        _inside.reset(token)
        _leave()


def _enter() -> None:
    global _users
    with _lock:
        _users += 1
        if _users == 1:
            modules = [module for module in list(sys.modules.values())
                       if getattr(module, "__name__", "").startswith("pptx")
                       and getattr(module, "qn", None) is _pptx_qn]
            _installed[:] = [xmlchemy.BaseOxmlElement.xpath, modules]
            xmlchemy.BaseOxmlElement.xpath = _xpath  # type: ignore[method-assign]
            for module in modules:
                module.qn = _qn  # type: ignore[attr-defined]


def _leave() -> None:
    global _users
    with _lock:
        _users -= 1
        if _users == 0:
            original, modules = _installed
            xmlchemy.BaseOxmlElement.xpath = original  # type: ignore[method-assign]
            for module in modules:
                module.qn = _pptx_qn
            _installed.clear()
