"""Stale translations and the lock file (generator/stale.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.checks.stale import fingerprint, lock_path_for, stale_problems
from generator.errors import DuopressError, Level, UsageError
from generator.outline.loader import read_outline
from generator.outline.walk import all_texts
from generator.project.accept import accept

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"
TITLE = "sections[0].items[0].title"


@pytest.fixture
def project(tmp_path) -> Path:
    path = tmp_path / "talk.yaml"
    path.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def load(path: Path):
    outline, problems = read_outline(path, display_name=path.name)
    assert [p for p in problems if p.is_error] == []
    return outline


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_lock_sits_next_to_the_outline():
    assert lock_path_for("/a/b/outline.yaml") == Path("/a/b/outline.lock.json")


def test_no_lock_means_nothing_accepted_yet(project):
    assert stale_problems(load(project), lock_path_for(project)) == []


def test_accept_then_edit_the_source_makes_the_translation_stale(project):
    lock = lock_path_for(project)
    outline = load(project)
    count = accept(outline, lock)
    assert count == len(all_texts(outline))
    assert stale_problems(load(project), lock) == []
    edit(project, "title: {ko: 확산, en: Adoption}", "title: {ko: 빠른 확산, en: Adoption}")
    outline = load(project)
    [problem] = stale_problems(outline, lock)
    assert (problem.level, problem.code, problem.path) == (Level.WARNING, "translation.stale", f"{TITLE}.en")
    assert problem.span == outline.sections[0].items[0].title.spans["en"]
    assert problem.message == ("the ko source changed since this en translation was accepted: update the "
                               "translation, then run `duopress accept`")
    where = f"talk.yaml:{problem.span.line}:32"  # the column of "Adoption"
    assert str(problem) == (f"{where}: warning: sections[0].items[0].title.en: the ko source changed since "
                            "this en translation was accepted: update the translation, then run "
                            "`duopress accept` [translation.stale]")


def test_accept_only_that_path_makes_it_clean(project):
    lock = lock_path_for(project)
    accept(load(project), lock)
    edit(project, "title: {ko: 확산, en: Adoption}", "title: {ko: 빠른 확산, en: Fast adoption}")
    edit(project, "title: {ko: 첫 부분, en: Part one}", "title: {ko: 첫째 부분, en: Part one}")
    assert len(stale_problems(load(project), lock)) == 2
    assert accept(load(project), lock, only=[TITLE]) == 1
    [left] = stale_problems(load(project), lock)
    assert left.path == "sections[0].title.en"
    assert accept(load(project), lock, only=["sections[0]"]) == 1
    assert stale_problems(load(project), lock) == []


def test_editing_only_the_translation_is_not_stale(project):
    lock = lock_path_for(project)
    accept(load(project), lock)
    edit(project, "en: Adoption}", "en: How fast it spread}")
    assert stale_problems(load(project), lock) == []


def test_rewrapping_is_not_a_change(project):
    lock = lock_path_for(project)
    accept(load(project), lock)
    edit(project, "{ko: 확산, en: Adoption}", "{ko: \"  확산 \", en: Adoption}")
    assert stale_problems(load(project), lock) == []


def test_a_text_missing_from_the_lock_is_stale(project):
    lock = lock_path_for(project)
    accept(load(project), lock)
    edit(project, "    title: {ko: 첫 부분, en: Part one}\n",
         "    title: {ko: 첫 부분, en: Part one}\n    summary: {ko: 요약, en: Summary}\n")
    [problem] = stale_problems(load(project), lock)
    assert problem.path == "sections[0].summary.en"
    assert problem.message == ("this en translation of a new ko text was never reviewed: check it against the ko, "
                               "then run `duopress accept`")


def test_a_language_never_accepted_is_stale(project):
    lock = lock_path_for(project)
    outline = load(project)
    accept(outline, lock)
    data = json.loads(lock.read_text(encoding="utf-8"))
    del data["texts"][TITLE]["en"]
    lock.write_text(json.dumps(data), encoding="utf-8")
    [problem] = stale_problems(outline, lock)
    assert problem.message == ("this en translation was never reviewed: check it against the ko, then run "
                               "`duopress accept`")


def test_lock_format_is_stable(project):
    lock = lock_path_for(project)
    outline = load(project)
    accept(outline, lock)
    text = lock.read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert data["format"] == 1
    assert data["texts"][TITLE] == {"ko": fingerprint("확산"), "en": fingerprint("Adoption")}
    # the SHA-256 of the UTF-8 text
    assert fingerprint("확산") == "c7065665065eab1260a548c79ddb7a24d9e77003c744986f24b7bfeebdeb5cac"
    assert accept(outline, lock) == 0  # nothing changed: nothing rewritten
    assert lock.read_text(encoding="utf-8") == text
    assert not [p for p in lock.parent.iterdir() if p.name.endswith(".part")]


def test_full_accept_drops_texts_that_are_gone(project):
    lock = lock_path_for(project)
    accept(load(project), lock)
    notes = '        notes: {ko: "발표자 메모.\\n\\n둘째 문단.", en: "Speaker notes.\\n\\nSecond paragraph."}\n'
    edit(project, notes, "")
    assert accept(load(project), lock) == 1
    assert "sections[0].items[0].notes" not in json.loads(lock.read_text(encoding="utf-8"))["texts"]


def test_accept_never_touches_the_outline(project):
    before = project.read_bytes()
    accept(load(project), lock_path_for(project))
    assert project.read_bytes() == before


def test_only_a_path_that_names_no_text_is_a_usage_error(project):
    with pytest.raises(UsageError, match=r"^no text at 'sections\[9\]' \(a node path such as "
                                          r"sections\[0\]\.items\[1\]\.title\)$"):
        accept(load(project), lock_path_for(project), only=["sections[9]"])


def test_only_matches_whole_path_steps(project):
    outline = load(project)
    with pytest.raises(UsageError):
        accept(outline, lock_path_for(project), only=["sections[0].items[0].tit"])


def test_a_broken_lock_is_a_located_problem_not_a_traceback(project):
    lock = lock_path_for(project)
    lock.write_text("{not json", encoding="utf-8")
    [problem] = stale_problems(load(project), lock)
    assert (problem.level, problem.code) == (Level.ERROR, "lock.invalid")
    assert problem.message.startswith("the lock file cannot be read (")
    assert problem.message.endswith("); run duopress accept to write a new one")
    lock.write_text('{"format": 2}', encoding="utf-8")
    [problem] = stale_problems(load(project), lock)
    assert str(problem) == (f"{lock}: error: the lock file is not a duopress lock file of format 1; "
                            "run duopress accept to write a new one [lock.invalid]")
    with pytest.raises(DuopressError):
        accept(load(project), lock, only=[TITLE])
    assert accept(load(project), lock) > 0  # a full accept replaces it
    assert stale_problems(load(project), lock) == []
