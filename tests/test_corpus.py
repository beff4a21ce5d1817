"""The checks measured on a corpus of real-world-like outlines: every warning they raised, with its verdict.

Four outlines: a trade-and-budget brief full of numbers written in words, quarters, ranges and dated table
cells (fixtures/budget.yaml), a demographic talk (fixtures/demography.yaml), the essay (outline.yaml) and a
German third language (fixtures/trilingual.yaml). ``FORMER`` lists every warning duopress raised on them
before the checks read numbers and terms the way each language writes them (measured with main at c5cb638,
whose checks did not yet know an entry's ``variants``), each with its verdict: every one was a false positive,
and none may come back. ``PLANTED`` lists mistakes planted in the outlines — a changed, dropped or added
number, a dropped glossary term, a glyph no font has — each a true positive that must be caught. And
``duopress check --strict`` passes on each outline as it is, with no ``--ignore``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.api import check
from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = {"budget": FIXTURES / "budget.yaml", "demography": FIXTURES / "demography.yaml",
          "essay": ROOT / "outline.yaml", "trilingual": FIXTURES / "trilingual.yaml"}
FALSE, TRUE = "false positive", "true positive"

# (outline, code, path, verdict, why)
FORMER = [
    ("budget", "parity.numbers", "references[0].text.en", FALSE, "2025. 1. 1. is 2025, January 1"),
    ("budget", "parity.numbers", "references[1].text.en", FALSE, "2024. 12. is 2024, December"),
    ("budget", "parity.numbers", "sections[0].items[0].points[0].en", FALSE,
     "4분기 1,820억 달러 is $182 billion in 4Q"),
    ("budget", "parity.numbers", "sections[0].items[0].points[1].en", FALSE, "11–12월 is November–December"),
    ("budget", "parity.numbers", "sections[0].items[0].points[2].en", FALSE, "3대, 3분의 1 are three, a third"),
    ("budget", "parity.numbers", "sections[0].items[0].notes.en", FALSE, "4/4분기 is the fourth quarter"),
    ("budget", "parity.numbers", "sections[0].items[1].figure.rows[0][0].en", FALSE, "2019.7 is Jul 2019"),
    ("budget", "parity.numbers", "sections[0].items[1].figure.rows[0][1].en", FALSE, "461억 달러 is $46.1 billion"),
    ("budget", "parity.numbers", "sections[0].items[1].figure.rows[1][0].en", FALSE, "2022.10 is Oct 2022"),
    ("budget", "parity.numbers", "sections[0].items[1].figure.rows[1][1].en", FALSE, "524억 달러 is $52.4 billion"),
    ("budget", "parity.numbers", "sections[0].items[1].figure.rows[2][0].en", FALSE, "2024년 4분기 is 4Q 2024"),
    ("budget", "parity.numbers", "sections[0].items[1].figure.rows[2][1].en", FALSE, "1,820억 달러 is $182 billion"),
    ("budget", "parity.numbers", "sections[0].items[1].figure.rows[3][0].en", FALSE, "2024. 12. is Dec 2024"),
    ("budget", "parity.numbers", "sections[0].items[1].figure.rows[3][1].en", FALSE, "614억 달러 is $61.4 billion"),
    ("budget", "glossary.partner", "sections[0].items[2].points[0].en", FALSE,
     "export-control measures use 'export controls'"),
    ("budget", "parity.numbers", "sections[0].items[2].points[0].en", FALSE, "3주 is three weeks"),
    ("budget", "parity.numbers", "sections[0].items[2].points[2].en", FALSE, "20년 is two decades"),
    ("budget", "parity.numbers", "sections[0].items[2].body[0].en", FALSE,
     "10개국 is ten countries; 2019~2024년 is 2019–24"),
    ("budget", "parity.numbers", "sections[1].items[0].points[0].en", FALSE, "3년 전 is three years ago"),
    ("budget", "parity.numbers", "sections[1].items[0].points[1].en", FALSE, "5년 is five-year"),
    ("budget", "parity.numbers", "sections[1].items[0].points[2].en", FALSE,
     "1억 2,000만 원 is KRW 120 million; 4인 is a family of four; 30만 원 is KRW 300,000"),
    ("budget", "parity.numbers", "sections[1].items[0].body[0].en", FALSE,
     "2조 4,000억 원 is KRW 2.4 trillion; 70억 달러 is $7 billion; 12개월 is twelve months"),
    ("budget", "parity.numbers", "sections[1].items[1].figure.events[2].text.en", FALSE, "4분기 is fourth-quarter"),
    ("demography", "parity.numbers", "references[0].text.en", FALSE, "2024. 2. 28. is 2024, February 28"),
    ("demography", "parity.numbers", "references[1].text.en", FALSE, "2025. 2. is 2025, February"),
    ("demography", "parity.numbers", "references[2].text.en", FALSE, "2023. 12. 14. is 2023, December 14"),
    ("demography", "parity.numbers", "references[4].text.en", FALSE, "2024. 12. 24. is 2024, December 24"),
    ("demography", "parity.numbers", "references[5].text.en", FALSE, "2021. 10. 18. is 2021, October 18"),
    ("demography", "parity.numbers", "references[6].text.en", FALSE, "2023. 12. 31. is 2023, December 31"),
    ("demography", "parity.numbers", "references[7].text.en", FALSE, "2005. 5. is May 2005"),
]

# (outline, text to change, what to write instead, code, path, verdict)
PLANTED = [
    ("budget", "to $182 billion", "to $128 billion", "parity.numbers", "sections[0].items[0].points[0].en", TRUE),
    ("budget", '"-5.7%"}]', '"-57%"}]', "parity.numbers", "sections[0].items[1].figure.rows[1][2].en", TRUE),
    ("budget", "Export vouchers enter the third year of a five-year plan", "Export vouchers enter a new plan",
     "parity.numbers", "sections[1].items[0].points[1].en", TRUE),
    ("budget", "make up a third of exports", "make up a third of exports, 41% of them chips", "parity.numbers",
     "sections[0].items[0].points[2].en", TRUE),
    ("budget", "US export-control measures", "US trade measures", "glossary.partner",
     "sections[0].items[2].points[0].en", TRUE),
    ("budget", "supply-chain risks\"}", "risks\"}", "glossary.partner", "sections[0].items[2].points[1].en", TRUE),
    ("budget", "4분기 집행 점검", "4분기 집행 점검 ✓", "glyph.missing", "sections[1].items[1].figure.events[2].text.ko",
     TRUE),
    ("demography", "2005. 5. 제정", "2005. 6. 제정", "parity.numbers", "references[7].text.en", TRUE),
    ("trilingual", "allein im vierten Quartal 2,4 %", "allein im vierten Quartal 24 %", "parity.numbers",
     "sections[0].items[0].points[2].de", TRUE),
    ("trilingual", "In drei Jahren verdoppelt", "In drei Jahren verdoppelt, 2023", "parity.numbers",
     "sections[0].items[0].points[2].de", TRUE),
]


@pytest.mark.parametrize("name", CORPUS)
def test_no_false_positive_comes_back(name):
    """Each outline raises no warning at all: each former false positive is gone, and no new one came."""
    problems = check(CORPUS[name], stale=False)
    raised = {(p.code, p.path) for p in problems}
    assert [(code, path, why) for outline, code, path, verdict, why in FORMER
            if outline == name and verdict == FALSE and (code, path) in raised] == []
    assert [str(p) for p in problems] == []


@pytest.mark.parametrize("name", CORPUS)
def test_check_strict_passes_without_ignore(name, capsys):
    assert main(["check", "--strict", str(CORPUS[name])]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("name, old, new, code, path, verdict", PLANTED,
                         ids=[f"{p[0]}:{p[3]}:{p[4]}" for p in PLANTED])
def test_a_planted_mistake_is_caught(tmp_path, name, old, new, code, path, verdict):
    source = CORPUS[name].read_text(encoding="utf-8")
    assert source.count(old) == 1, old
    planted = tmp_path / CORPUS[name].name
    planted.write_text(source.replace(old, new), encoding="utf-8")
    found = [(p.code, p.path) for p in check(planted, stale=False)]
    assert verdict == TRUE and (code, path) in found
    assert len(found) == 1, found  # the mistake, and nothing else
