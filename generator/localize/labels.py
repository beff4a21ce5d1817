"""Every word duopress writes itself, one table per language; an outline's ``labels:`` overrides any."""

from __future__ import annotations

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
