"""The texts of an outline grouped for review (front matter, each section, each item, …), with the
problems that concern each text attached to the language they are about."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...errors import Problem
from ...outline.model import Outline, Text
from ...outline.walk import all_texts

_GROUP = re.compile(r"sections\[\d+\]\.items\[\d+\]|sections\[\d+\]|[A-Za-z_]+")
_TITLES = {"meta": "Title page", "labels": "Labels", "facts": "Fact units", "references": "References",
           "glossary": "Glossary"}
WHOLE = ""  # the language key of a problem about a text as a whole (e.g. a missing language)


@dataclass
class Row:
    text: Text
    label: str  # the path below its group: "points[1].points[0]"
    problems: dict[str, list[Problem]] = field(default_factory=dict)  # language (or WHOLE) → problems

    @property
    def flagged(self) -> bool:
        return any(self.problems.values())


@dataclass
class Group:
    key: str  # "meta", "sections[1]", "sections[1].items[0]"
    heading: str  # "2.1 · multimodal"
    rows: list[Row] = field(default_factory=list)


def review_groups(outline: Outline, problems: list[Problem]) -> tuple[list[Group], list[Problem]]:
    """The groups in document order, and the problems that belong to no text (listed apart)."""
    groups: dict[str, Group] = {}
    rows_by_path: dict[str, Row] = {}
    where: dict[object, tuple[Row, str]] = {}
    headings = _headings(outline)
    for text in all_texts(outline):
        key = _group_key(text.path)
        group = groups.setdefault(key, Group(key, headings.get(key, _TITLES.get(key, key))))
        row = Row(text, _relative(text.path, key))
        group.rows.append(row)
        rows_by_path[text.path] = row
        where.setdefault(text.span, (row, WHOLE))
        for lang, span in text.spans.items():
            where.setdefault(span, (row, lang))
    loose = []
    for problem in problems:
        found = _locate(problem, rows_by_path, where, outline.languages)
        if found is None:
            loose.append(problem)
        else:
            row, lang = found
            row.problems.setdefault(lang, []).append(problem)
    return list(groups.values()), loose


def _locate(problem: Problem, rows_by_path, where, languages) -> tuple[Row, str] | None:
    """By path first (``….title.en`` or ``….title``), else by the span of a text or one of its languages."""
    if problem.path in rows_by_path:
        return rows_by_path[problem.path], WHOLE
    head, _, lang = problem.path.rpartition(".")
    if head in rows_by_path and lang in languages:
        return rows_by_path[head], lang
    return where.get(problem.span)


def _group_key(path: str) -> str:
    match = _GROUP.match(path)
    return match.group() if match else path


def _relative(path: str, key: str) -> str:
    return path[len(key) + 1:] if path.startswith(key + ".") else path


def _headings(outline: Outline) -> dict[str, str]:
    headings = {}
    for s_index, section in enumerate(outline.sections):
        headings[section.path] = f"{s_index + 1} · {section.id}"
        for i_index, item in enumerate(section.items):
            headings[item.path] = f"{s_index + 1}.{i_index + 1} · {item.id}"
    return headings
