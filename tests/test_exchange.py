"""Translators' round trip (issue 29): export, edit in an independent client, import, export again."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from generator.checks.stale import lock_path_for
from generator.cli import main
from generator.errors import DuopressError
from generator.exchange.export import export
from generator.exchange.importer import import_file

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SCHEMA = ROOT / "tests" / "schemas" / "xliff" / "xliff_core_2.0.xsd"
SCHEMA_1_2 = ROOT / "tests" / "schemas" / "xliff" / "xliff-core-1.2-strict.xsd"
XML_XSD = ROOT / "tests" / "schemas" / "xliff" / "informativeCopiesOf3rdPartySchemas" / "w3c" / "xml.xsd"
OUTLINES = [ROOT / "outline.yaml", FIXTURES / "exchange.yaml", FIXTURES / "minimal.yaml", FIXTURES / "stress.yaml",
            FIXTURES / "demography.yaml", FIXTURES / "design.yaml", FIXTURES / "valid" / "every-fact.yaml",
            FIXTURES / "valid" / "every-figure.yaml", FIXTURES / "trilingual.yaml"]
FORMATS = ("xliff", "xliff2", "po")

translate = pytest.importorskip("translate")
from translate.storage import po as tt_po  # noqa: E402
from translate.storage import tbx as tt_tbx  # noqa: E402
from translate.storage import tmx as tt_tmx  # noqa: E402
from translate.storage import xliff as tt_xliff  # noqa: E402


def _copy(outline: Path, tmp_path: Path) -> Path:
    """The outline in its own folder (with the files it names), so that imports may rewrite it."""
    target = tmp_path / outline.name
    shutil.copy(outline, target)
    for image in outline.parent.glob("*.png"):
        shutil.copy(image, tmp_path / image.name)
    if (outline.parent / "dot.png").exists():
        shutil.copy(outline.parent / "dot.png", tmp_path / "dot.png")
    return target


def _targets(outline: Path) -> list[str]:
    text = outline.read_text(encoding="utf-8")
    langs = re.search(r"^languages: \[(.*)\]", text, re.M).group(1).split(", ")
    source = re.search(r"^  source: (\w+)", text, re.M)
    first = source.group(1) if source else langs[0]
    return [lang for lang in langs if lang != first]


def _export(outline: Path, to: str, lang: str, tmp_path: Path, only_stale: bool = False) -> Path:
    out = tmp_path / f"out.{lang}.{to}"
    export(outline, to, lang, only_stale, out)
    return out


# ---------------------------------------------------------------------------------------------------- lossless

@pytest.mark.parametrize("outline", OUTLINES, ids=lambda p: p.name)
def test_every_outline_goes_out_and_back_unchanged_in_every_format(outline, tmp_path):
    copy = _copy(outline, tmp_path)
    before = copy.read_bytes()
    for lang in _targets(outline):
        for to in FORMATS:
            report = import_file(copy, _export(copy, to, lang, tmp_path))
            assert report.changed == [], (to, lang, report.changed)
            assert copy.read_bytes() == before


@pytest.mark.parametrize("outline", OUTLINES, ids=lambda p: p.name)
def test_xliff2_is_valid_against_the_oasis_schema(outline, tmp_path):
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    for lang in _targets(outline):
        document = etree.parse(str(_export(outline, "xliff2", lang, tmp_path)))
        assert schema.validate(document), schema.error_log.filter_from_errors()[:3]


class _LocalXmlSchema(etree.Resolver):
    """The 1.2 schema imports W3C's xml.xsd by its web address: read the copy beside it instead."""

    def resolve(self, url, pubid, context):
        return self.resolve_filename(str(XML_XSD), context) if url == "http://www.w3.org/2001/xml.xsd" else None


@pytest.mark.parametrize("outline", OUTLINES, ids=lambda p: p.name)
def test_xliff_1_2_is_valid_against_the_strict_oasis_schema(outline, tmp_path):
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalXmlSchema())
    schema = etree.XMLSchema(etree.parse(str(SCHEMA_1_2), parser))
    for lang in _targets(outline):
        document = etree.parse(str(_export(outline, "xliff", lang, tmp_path)))
        assert schema.validate(document), schema.error_log.filter_from_errors()[:3]


def test_a_third_language_gets_its_own_file_and_round_trip(tmp_path):
    copy = _copy(FIXTURES / "trilingual.yaml", tmp_path)
    written = export(copy, "xliff", None, False, None)
    assert [Path(where).name for where, _ in written] == ["trilingual.en.xlf", "trilingual.de.xlf"]
    german = tt_xliff.xlifffile.parsefile(str(tmp_path / "trilingual.de.xlf"))
    unit = next(u for u in german.units if u.getid().endswith("sections.one.title"))
    assert (unit.source, unit.target) == ("첫 부분", "Teil eins")
    unit.target = "Erster Teil"
    german.savefile(str(tmp_path / "edited.xlf"))
    import_file(copy, tmp_path / "edited.xlf")
    assert "title: {ko: 첫 부분, en: Part one, de: \"Erster Teil\"}" in copy.read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------------ independent clients

def _essay_export(tmp_path: Path, to: str) -> Path:
    return _export(ROOT / "outline.yaml", to, "en", tmp_path)


def test_translate_toolkit_reads_our_xliff_ids_locations_codes_and_states(tmp_path):
    store = tt_xliff.xlifffile.parsefile(str(_essay_export(tmp_path, "xliff")))
    units = {u.getid().split("\x04")[-1]: u for u in store.units}
    assert len(units) == 318
    title = units["meta.title"]
    assert title.getlocations() == [f"{ROOT / 'outline.yaml'}:26"]
    assert title.istranslated() and not title.isfuzzy()
    summary = units["meta.summary.0"]
    placeables = [e for e in summary.rich_source[0].sub if not isinstance(e, str)]
    assert placeables, "the fact is a code, not text"
    assert "{fact:" not in summary.source  # the markup is inside the code, out of the translator's words
    assert "2023~2024년 / 2023–2024" in summary.getnotes()  # the fact's value in both languages


def test_translate_toolkit_reads_our_po_and_pofilter_finds_no_broken_codes(tmp_path):
    path = _essay_export(tmp_path, "po")
    store = tt_po.pofile.parsefile(str(path))
    units = [u for u in store.units if not u.isheader()]
    assert len(units) == 318
    summary = next(u for u in units if u.getcontext() == "meta.summary.0")
    assert summary.source.startswith("생성형 AI는 <f1/> 불과") and "<f1/>" in summary.target
    assert "xml-text" in summary.typecomments[0]
    report = tmp_path / "pofilter"
    run = subprocess.run([sys.executable, "-m", "translate.filters.pofilter", "-t", "xmltags", "-t", "escapes",
                          "-t", "newlines", "-t", "printf", "-t", "pythonbraceformat", str(path), str(report)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    flagged = [u for u in tt_po.pofile.parsefile(str(report)).units if not u.isheader()]
    checks = {note.split(":")[0] for u in flagged for note in u.getnotes("translator").split("\n") if note}
    assert checks <= {"(pofilter) xmltags"}, checks  # escapes, new lines, printf and brace formats all agree
    protected = re.compile(r"</?(?:f|v|a|fn|m)\d+/?>")  # emphasis may differ: English stresses other words
    for unit in flagged:  # xmltags also flags tags a translation reorders, as English reorders Korean
        assert sorted(protected.findall(unit.source)) == sorted(protected.findall(unit.target))
    assert len(flagged) < 20


def test_tmx_and_tbx_are_read_by_translate_toolkit(tmp_path):
    copy = _copy(ROOT / "outline.yaml", tmp_path)
    export(copy, "tmx", None, False, None)
    memory = tt_tmx.tmxfile.parsefile(str(tmp_path / "outline.tmx"))
    assert len(memory.units) == 318
    pair = next(u for u in memory.units if u.source == "인공지능 기술의 발전 동향과 국제정치적 함의")
    assert pair.target == "AI Technology Trends and Their Implications for International Politics"
    terms = tt_tbx.tbxfile.parsefile(str(tmp_path / "outline.tbx"))
    assert ("생성형 AI", "generative AI") in [(u.source, u.target) for u in terms.units]


def test_a_stale_translation_is_left_out_of_the_memory(tmp_path):
    copy = _copy(FIXTURES / "exchange.yaml", tmp_path)
    assert main(["accept", str(copy)]) == 0
    _replace(copy, 'ko: "번역 왕복 예시"', 'ko: "번역 왕복의 예시"')
    export(copy, "tmx", None, False, None)
    memory = tt_tmx.tmxfile.parsefile(str(tmp_path / "exchange.tmx"))
    assert "번역 왕복의 예시" not in [u.source for u in memory.units]
    assert "Part one" in [u.target for u in memory.units]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---------------------------------------------------------------------------------------------------- edit and back

def _edit_units(units, changes: dict[str, str]) -> None:
    """Change the words of units in translate-toolkit, keeping their codes: only the string leaves move."""
    for unit in units:
        ident = unit.getcontext() or unit.getid().split("\x04")[-1]
        if ident in changes:
            old, new = changes[ident].split(" => ")
            if unit.target and "<" in unit.target and hasattr(unit, "getcontext") and unit.getcontext():
                assert old in unit.target
                unit.target = unit.target.replace(old, new)
                unit.markfuzzy(False)
                continue
            rich = unit.rich_target
            leaves = [leaf for leaf in rich[0].flatten() if isinstance(leaf, str) or leaf.isleaf()]
            for leaf in rich[0].depth_first():
                if leaf.isleaf() and leaf.sub and isinstance(leaf.sub[0], str) and old in leaf.sub[0]:
                    leaf.sub[0] = leaf.sub[0].replace(old, new)
                    break
            else:
                raise AssertionError(f"{ident}: {old!r} not in {leaves!r}")
            unit.rich_target = rich
            unit.markfuzzy(False)


CHANGES = {
    "meta.title": "round-trip => round trip",
    "sections.one.items.adoption.points.0": "users in => users within",
    "sections.one.items.adoption.points.1.text": "a link => one link",
    "sections.one.items.adoption.points.2": "holds => carries",
    "sections.one.items.adoption.body.0": "So is the second. => The second one is too.",
    "meta.organisation": "Example Institute => Institute: an example",
    "meta.keywords.0": "single => one",
}


@pytest.mark.parametrize("to", ["xliff", "po"])
def test_an_edit_in_translate_toolkit_comes_back_and_nothing_else_moves(to, tmp_path):
    copy = _copy(FIXTURES / "exchange.yaml", tmp_path)
    before = copy.read_text(encoding="utf-8")
    exported = _export(copy, to, "en", tmp_path)
    store = (tt_xliff.xlifffile if to == "xliff" else tt_po.pofile).parsefile(str(exported))
    _edit_units(store.units, CHANGES)
    edited = tmp_path / f"edited.{to}"
    store.savefile(str(edited))
    report = import_file(copy, edited)
    assert sorted(report.changed) == sorted(CHANGES)
    after = copy.read_text(encoding="utf-8")
    changed_lines = [(a, b) for a, b in zip(before.split("\n"), after.split("\n")) if a != b]
    assert len(changed_lines) == len(CHANGES), changed_lines
    assert len(before.split("\n")) == len(after.split("\n"))
    assert "          en: Institute: an example" not in after  # ': ' cannot stay plain: quoted
    assert '    en: "Institute: an example"     # must stay where they are' in after
    assert "en: 'one ''quoted'' text'" in after
    assert "  The first line is a block.\n              The second one is too.\n\n" in after
    assert "[one link](https://example.org/a)" in after and "^[The note carries {fact:krw}.]" in after
    # and out again: the edited translations are what the file says, nothing lost
    again = tt_xliff.xlifffile.parsefile(str(_export(copy, "xliff", "en", tmp_path)))
    first = tt_xliff.xlifffile.parsefile(str(edited)) if to == "xliff" else None
    if first is not None:
        assert [(u.getid(), str(u.rich_target)) for u in again.units] == \
               [(u.getid(), str(u.rich_target)) for u in first.units]
    assert import_file(copy, tmp_path / "out.en.xliff").changed == []


def test_xliff2_edit_comes_back(tmp_path):
    copy = _copy(FIXTURES / "exchange.yaml", tmp_path)
    path = _export(copy, "xliff2", "en", tmp_path)
    text = path.read_text(encoding="utf-8")
    text = text.replace("users in <ph", "users within <ph").replace(">Part one<", ">The first part<")
    path.write_text(text, encoding="utf-8")
    report = import_file(copy, path)
    assert sorted(report.changed) == ["sections.one.items.adoption.points.0", "sections.one.title"]
    assert 'en: "{fact:users} users within {fact:months}"' in copy.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------------- new texts

def test_a_text_with_no_translation_is_new_and_its_translation_is_added(tmp_path):
    copy = _copy(FIXTURES / "exchange.yaml", tmp_path)
    _replace(copy, ', en: Part one}', '}')
    _replace(copy, '    en: Example Institute     # must stay where they are\n', '')
    assert main(["check", str(copy), "--no-fit"]) == 1  # missing translations are errors for a build
    path = _export(copy, "xliff", "en", tmp_path, only_stale=True)
    store = tt_xliff.xlifffile.parsefile(str(path))
    assert sorted(u.getid().split("\x04")[-1] for u in store.units) == ["meta.organisation", "sections.one.title"]
    text = path.read_text(encoding="utf-8")
    assert text.count('state="new"') == 2
    for unit in store.units:
        unit.target = {"meta.organisation": "Example Institute", "sections.one.title": "Part one"}[
            unit.getid().split("\x04")[-1]]
    store.savefile(str(path))
    import_file(copy, path)
    after = copy.read_text(encoding="utf-8")
    assert '    title: {ko: 첫 부분, en: "Part one"}\n' in after
    assert '    ko: 예시 연구소            # plain, aligned comments\n    en: "Example Institute"\n' in after
    assert main(["check", str(copy), "--no-fit"]) == 0


# ---------------------------------------------------------------------------------------------------- refusals

def _refused(copy: Path, path: Path) -> list[str]:
    before = copy.read_bytes()
    with pytest.raises(DuopressError) as caught:
        import_file(copy, path)
    assert copy.read_bytes() == before  # nothing written
    return [str(p) for p in caught.value.problems]


def _po_with(copy: Path, tmp_path: Path, ident: str, old: str, new: str) -> Path:
    path = _export(copy, "po", "en", tmp_path)
    text = path.read_text(encoding="utf-8")
    start = text.index(f'msgctxt "{ident}"')
    end = text.index("\n\n", start)
    entry = text[start:end]
    assert old in entry, entry
    path.write_text(text[:start] + entry.replace(old, new) + text[end:], encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, code, words", [
    ('users in <f1/>"', 'users in 2 months"', "placeholder.lost", "code 1 (fact {fact:months}) of the source is "
                                                                  "missing from the translation"),
    ('"<f2/> users in <f1/>"', '"<f2/> users in <f2/>"', "placeholder.doubled", "code 2 appears twice"),
    ('users in <f1/>"', 'users in <f7/>"', "placeholder.altered", "code 7 is not a code of the source (fact)"),
    ('users in <f1/>"', 'users in <b1>x</b1>"', "placeholder.altered", "code 1 is fact in the source, bold here"),
    ('users in <f1/>"', 'users in <f1/> and 3 more"', "numbers", "en adds 3"),
    ('users in <f1/>"', 'users in <f1/> & more"', "syntax", "the tags do not read"),
])
def test_a_broken_unit_is_refused_at_its_line_and_nothing_is_written(old, new, code, words, tmp_path):
    copy = _copy(FIXTURES / "exchange.yaml", tmp_path)
    path = _po_with(copy, tmp_path, "sections.one.items.adoption.points.0", old, new)
    problems = _refused(copy, path)
    assert len(problems) == 1
    line = path.read_text(encoding="utf-8").split("\n").index('msgctxt "sections.one.items.adoption.points.0"') + 1
    assert problems[0].startswith(f"{path}:{line}:1: error: ")
    assert words in problems[0] and f"[import.{code}]" in problems[0]
    if code != "syntax":
        assert f"(the text at {copy}:43:18)" in problems[0]


def test_a_unit_whose_source_changed_since_the_export_is_refused(tmp_path):
    copy = _copy(FIXTURES / "exchange.yaml", tmp_path)
    path = _po_with(copy, tmp_path, "meta.title", '"A round-trip example"', '"A round trip"')
    _replace(copy, '"번역 왕복 예시"', '"번역 왕복의 예"')
    (problem,) = _refused(copy, path)
    assert "the source text changed since this file was exported" in problem
    assert problem.endswith("[import.source-changed]")


def test_a_source_changed_is_found_without_the_fingerprint_too(tmp_path):
    copy = _copy(FIXTURES / "exchange.yaml", tmp_path)
    path = _export(copy, "xliff", "en", tmp_path)
    path.write_text(re.sub(r' extradata="[^"]*"', "", path.read_text(encoding="utf-8")), encoding="utf-8")
    _replace(copy, '"번역 왕복 예시"', '"번역 왕복의 예"')
    (problem,) = _refused(copy, path)
    assert "meta.title" in problem and "[import.source-changed]" in problem


def test_a_result_that_fails_the_checks_is_not_written(tmp_path):
    copy = _copy(FIXTURES / "exchange.yaml", tmp_path)
    path = _po_with(copy, tmp_path, "meta.title", '"A round-trip example"', '"A round-trip \\u200b"')
    path.write_text(path.read_text(encoding="utf-8").replace("\\u200b", "\ue000"), encoding="utf-8")
    problems = _refused(copy, path)
    assert any("[text.forbidden-character]" in p for p in problems)
    assert any("[import.checks]" in p for p in problems)
    assert not list(tmp_path.glob(".*.import.yaml"))  # the checked candidate is gone too


# ---------------------------------------------------------------------------------------------------- lock

def test_accept_records_only_the_imported_units(tmp_path):
    copy = _copy(FIXTURES / "exchange.yaml", tmp_path)
    assert main(["accept", str(copy)]) == 0
    _replace(copy, '"번역 왕복 예시"', '"번역 왕복의 예시"')
    _replace(copy, "{ko: 첫 부분, en: Part one}", "{ko: 첫째 부분, en: Part one}")
    path = _export(copy, "po", "en", tmp_path, only_stale=True)
    store = tt_po.pofile.parsefile(str(path))
    assert sorted(u.getcontext() for u in store.units if not u.isheader()) == ["meta.title", "sections.one.title"]
    assert all(u.isfuzzy() for u in store.units if not u.isheader())
    title = next(u for u in store.units if u.getcontext() == "meta.title")
    title.target = "A round-trip example, revised"
    title.markfuzzy(False)
    store.savefile(str(path))
    lock_before = json.loads(lock_path_for(copy).read_text(encoding="utf-8"))
    assert main(["import", str(copy), str(path), "--accept"]) == 0
    lock_after = json.loads(lock_path_for(copy).read_text(encoding="utf-8"))
    changed = [k for k in lock_after["texts"] if lock_after["texts"][k] != lock_before["texts"][k]]
    assert changed == ["meta.title"]
    problems = [line for line in _check_output(copy) if "translation.stale" in line]
    assert len(problems) == 1 and "sections[0].title.en" in problems[0]


def _check_output(path: Path) -> list[str]:
    run = subprocess.run([sys.executable, "-m", "generator", "check", str(path), "--no-fit"],
                         capture_output=True, text=True, cwd=path.parent)
    return run.stderr.splitlines()


def test_the_command_line_names_what_it_wrote(tmp_path, capsys):
    copy = _copy(FIXTURES / "exchange.yaml", tmp_path)
    assert main(["export", str(copy), "--to", "po"]) == 0
    assert capsys.readouterr().out == f"wrote {tmp_path / 'exchange.en.po'}: 22 units\n"
    assert main(["import", str(copy), str(tmp_path / "exchange.en.po"), "--out", str(tmp_path / "new.yaml")]) == 0
    assert (tmp_path / "new.yaml").read_bytes() == copy.read_bytes()
    assert main(["export", str(copy), "--lang", "ko"]) == 2
    assert "'ko' is the source language" in capsys.readouterr().err


def test_the_same_outline_exports_the_same_bytes(tmp_path):
    copy = _copy(FIXTURES / "exchange.yaml", tmp_path)
    for to in (*FORMATS, "tmx"):
        first = [Path(where).read_bytes() for where, _ in export(copy, to, None, False, None)]
        second = [Path(where).read_bytes() for where, _ in export(copy, to, None, False, None)]
        assert first == second, to


def test_notes_show_the_slide_with_its_facts_filled_in(tmp_path):
    store = tt_po.pofile.parsefile(str(_export(FIXTURES / "exchange.yaml", "po", "en", tmp_path)))
    unit = next(u for u in store.units if u.getcontext() == "sections.one.items.adoption.points.0")
    notes = unit.getnotes().split("\n")
    assert "section: 첫 부분 / Part one" in notes
    assert "item: 확산: 1억 사용자 / Adoption: 100 million users" in notes
    assert "speaker notes: 발표자 메모." in notes
    assert "codes: 1 = {fact:months} (2개월 / 2 months); 2 = {fact:users} (1억 / 100 million)" in notes
    glossary = next(u for u in store.units if u.getcontext() == "sections.one.items.adoption.points.2")
    assert "glossary: 번역 메모리 = translation memory" in glossary.getnotes()


def test_accept_takes_what_the_translator_saw_to_not_what_came_back_untouched(tmp_path):
    copy = _copy(FIXTURES / "exchange.yaml", tmp_path)
    assert main(["accept", str(copy)]) == 0
    _replace(copy, "{ko: 첫 부분, en: Part one}", "{ko: 첫째 부분, en: Part one}")
    lock = lock_path_for(copy)
    before = lock.read_bytes()
    untouched = _export(copy, "xliff", "en", tmp_path)
    assert import_file(copy, untouched, accept=True).accepted == 0
    assert lock.read_bytes() == before  # a whole file sent back as it went out reviews nothing
    store = tt_xliff.xlifffile.parsefile(str(untouched))
    title = next(u for u in store.units if u.getid().endswith("sections.one.title"))
    assert title.isfuzzy()  # stale: needs review
    title.markfuzzy(False)  # the translator confirms "Part one" for the new Korean
    store.savefile(str(tmp_path / "confirmed.xlf"))
    report = import_file(copy, tmp_path / "confirmed.xlf", accept=True)
    assert (report.changed, report.accepted) == ([], 1)
    assert not [line for line in _check_output(copy) if "translation.stale" in line]


def test_a_tool_that_writes_en_us_still_names_the_outlines_en(tmp_path):
    copy = _copy(FIXTURES / "exchange.yaml", tmp_path)
    path = _export(copy, "xliff", "en", tmp_path)
    text = path.read_text(encoding="utf-8").replace('target-language="en"', 'target-language="en-US"')
    path.write_text(text.replace(">Part one<", ">The first part<"), encoding="utf-8")
    assert import_file(copy, path).changed == ["sections.one.title"]
