"""Synthetic bilingual outlines of a given size, for the benchmark (not for tests of content)."""

from __future__ import annotations

import sys

KO_WORDS = ["인공지능", "기술", "발전", "동향", "국제정치", "함의", "거버넌스", "협력", "경쟁", "규범",
            "데이터", "주권", "모델", "서비스", "생태계"]
EN_WORDS = ["artificial", "intelligence", "trends", "governance", "cooperation", "competition", "norms", "data",
            "sovereignty", "models"]


def sentence(words: list[str], seed: int, length: int) -> str:
    return " ".join(words[(seed * 7 + i * 3) % len(words)] for i in range(length))


def outline(items: int, edited: str = "") -> str:
    """An outline whose deck has about ``items`` + sections + 5 slides, each item with points, body, notes.

    ``edited``: words added to the English speaker notes of the middle item (an edit only the English deck
    shows: what a rebuild after it costs)."""
    lines = [
        "duopress: 1", "languages: [ko, en]", "meta:", "  source: ko",
        f'  title: {{ko: "합성 개요 {items}", en: "Synthetic outline {items}"}}',
        "  date: 2024-12-01", '  event: {ko: "벤치마크", en: "Benchmark"}',
        "facts:", "  share: {kind: percent, value: 0.42}",
        "  amount: {kind: money, value: 2400000000000, currency: KRW}",
        "references:", "  - id: ref", '    text: {ko: "참고 (2024).", en: "Reference (2024)."}', "sections:",
    ]
    per_section = 20
    for s in range((items + per_section - 1) // per_section):
        lines += [f"  - id: s{s}", f'    title: {{ko: "부분 {s + 1}", en: "Part {s + 1}"}}', "    items:"]
        for i in range(s * per_section, min(items, (s + 1) * per_section)):
            lines += _item(i, edited if i == items // 2 else "")
    return "\n".join(lines) + "\n"


def _item(i: int, edited: str = "") -> list[str]:
    def ko(n: int, length: int) -> str:
        return sentence(KO_WORDS, i + n, length)

    def en(n: int, length: int) -> str:
        return sentence(EN_WORDS, i + n, length)

    item = [f"      - id: i{i}", f'        title: {{ko: "{ko(0, 3)} {i}", en: "{en(0, 3)} {i}"}}', "        points:"]
    item += [f'          - {{ko: "{ko(p, 6)}", en: "{en(p, 7)}"}}' for p in range(1, 5)]
    item += ["        body:",
             f'          - {{ko: "{ko(5, 40)} {{fact:share}} {{fact:amount}}.", en: "{en(5, 45)} {{fact:share}} '
             f'{{fact:amount}}."}}',
             f'        notes: {{ko: "{ko(6, 12)}", en: "{en(6, 14)}{edited}"}}', "        sources: [ref]"]
    if i % 10 == 3:
        item += ["        figure:", "          kind: column", '          title: {ko: "차트", en: "Chart"}',
                 '          categories: [{ko: 가, en: A}, {ko: 나, en: B}, {ko: 다, en: C}]',
                 '          series:', '            - name: {ko: 값, en: Value}', f"              values: [{i}, 5, 9]"]
    return item


if __name__ == "__main__":
    sys.stdout.write(outline(int(sys.argv[1])))
