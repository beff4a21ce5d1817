"""Every word duopress writes itself, one table per language; an outline's ``labels:`` overrides any."""

from __future__ import annotations

import re
from collections.abc import Mapping

# Placeholders in braces are filled by ``Document.label(key, **values)``.
DEFAULT_LABELS: Mapping[str, Mapping[str, str]] = {
    "ko": {
        "agenda": "목차",
        "contents": "차례",
        "key_takeaways": "핵심 요약",
        "figure": "그림 {n}",
        "table": "표 {n}",
        "source": "출처: {text}",
        "references": "참고문헌",
        "glossary": "용어",
        "page": "{n} / {total}",
        "slide": "{n} / {total}",
        "continued": "(계속)",
        "questions": "질의응답",
        "thank_you": "감사합니다",
        "timeline": "주요 사건",
        "section": "{n}",
        "made_with": "{generator}로 생성",
        "approx": "약 {value}",
        "notes": "주",
        "footnote_note": "각주: {text}",
        "editor_note": "편집자 주: {text}",
        "issue_number": "제{n}호",
        "executive_summary": "요약",
    },
    "en": {
        "agenda": "Agenda",
        "contents": "Contents",
        "key_takeaways": "Key takeaways",
        "figure": "Figure {n}",
        "table": "Table {n}",
        "source": "Source: {text}",
        "references": "References",
        "glossary": "Glossary",
        "page": "{n} / {total}",
        "slide": "{n} / {total}",
        "continued": "(cont.)",
        "questions": "Questions",
        "thank_you": "Thank you",
        "timeline": "Timeline",
        "section": "{n}",
        "made_with": "Made with {generator}",
        "approx": "about {value}",
        "notes": "Notes",
        "footnote_note": "Footnote: {text}",
        "editor_note": "Editor's note: {text}",
        "issue_number": "No. {n}",
        "executive_summary": "Executive summary",
    },
}

FALLBACK_LANGUAGE = "en"


def labels_for(lang: str, overrides: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, str]:
    """The label table for ``lang``: built-in words, then the outline's overrides on top."""
    table = dict(DEFAULT_LABELS[FALLBACK_LANGUAGE])
    table.update(DEFAULT_LABELS.get(lang, {}))
    for key, by_lang in (overrides or {}).items():
        if lang in by_lang:
            table[key] = by_lang[lang]
    return table


_BRACES = re.compile(r"\{[^{}]*\}|[{}]")


def placeholders(key: str) -> tuple[str, ...]:
    """The ``{names}`` label ``key`` is filled with: those of its built-in English text."""
    return tuple(m.group()[1:-1] for m in _BRACES.finditer(DEFAULT_LABELS[FALLBACK_LANGUAGE][key]))


def label_problem(key: str, template: str) -> str | None:
    """Why an outline's override of label ``key`` cannot be used, or None.

    A label holds its own placeholders, each once, and no other brace: labels are filled by str.format
    (where '{fact:x}' raises and '{n.__class__}' reads attributes) or split at their placeholder, and
    facts are not expanded in them.
    """
    allowed = placeholders(key)
    takes = f"takes {' and '.join('{' + name + '}' for name in allowed)}" if allowed else "takes no placeholder"
    seen: set[str] = set()
    for match in _BRACES.finditer(template):
        token, name = match.group(), match.group()[1:-1]
        if len(token) == 1:
            return f"a lone '{token}': a label has no braces but its placeholders (this label {takes})"
        if token.startswith("{fact:"):
            return f"'{token}': a label cannot hold a fact; write the words (this label {takes})"
        if name in seen:
            return f"'{token}' is written twice; each placeholder is filled once"
        if name not in allowed:
            return f"'{token}' is not a placeholder of this label, which {takes}"
        seen.add(name)
    return None
