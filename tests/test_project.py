"""The project around an outline: duopress.toml (read, checked, overridden), duopress init, duopress config."""

from __future__ import annotations

import os
from pathlib import Path

import pikepdf
import pytest

from generator.cli import EXIT_OK, EXIT_OUTPUT, EXIT_PROBLEMS, EXIT_USAGE, main
from generator.errors import Level, Problem, Span
from generator.project.config import key_positions, read_config
from generator.project.settings import ProblemPolicy

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_config_with_problems_reports_each_located(tmp_path):
    path = write(tmp_path / "duopress.toml", """\
outline = "outline.yaml"
paper = "A4"

[build]
papr = "A4"
notes = "Both"
lang = 3
[problems.severity]
"translation.stale" = "error"
parity.numbers = "fatal"
[colour]
x = 1
""")
    config, problems = read_config(path)
    assert [str(p).replace(str(path), "duopress.toml") for p in problems] == [
        "duopress.toml:2:1: error: paper: 'paper' belongs in the [build] table: move it under a [build] line "
        "[config.unknown-key]",
        "duopress.toml:5:1: error: build.papr: unknown key 'build.papr' (did you mean 'paper'?); keys of [build]: "
        "lang, format, out, notes, paper, handout, theme, template, quiet [config.unknown-key]",
        "duopress.toml:7:1: error: build.lang: expected a list of names, e.g. [\"ko\", \"en\"], got 3 [config.value]",
        "duopress.toml:10:1: error: problems.severity.parity.numbers: expected one of: error, warning, ignore, "
        "got 'fatal' [config.value]",
        "duopress.toml:11:2: error: colour: unknown key 'colour'; tables: build, check, problems "
        "[config.unknown-key]",
    ]
    assert config.values["notes"] == "both"  # case never changes a choice's meaning
    assert config.values["severity"] == {"translation.stale": "error"}


def test_a_toml_syntax_error_is_located_with_a_hint(tmp_path):
    path = write(tmp_path / "duopress.toml", "[build]\npaper = A4\n")
    _, [problem] = read_config(path)
    assert str(problem).replace(str(path), "duopress.toml") == (
        'duopress.toml:2:9: error: Invalid value; quote a text value ("A4"), and write a list as ["a", "b"] '
        "[config.syntax]")
    assert problem.excerpt.splitlines()[0] == "    2 | paper = A4"


def test_key_positions_follow_tables_dotted_keys_and_skip_multiline_arrays():
    text = ('[build]\nlang = [\n  "ko",\n  "en",\n]\n  paper = "A4"\n'
            '[problems.severity]\n"a.b" = "error"\nc.d = "ignore"\n')
    where = key_positions(text)
    assert where[("build", "lang")] == (2, 1)
    assert where[("build", "paper")] == (6, 3)
    assert where[("problems", "severity", "a.b")] == (8, 1)
    assert where[("problems", "severity", "c", "d")] == (9, 1)
    assert ("build", '"ko",') not in where


def test_policy_silences_and_promotes_warnings_but_never_hides_an_error():
    def problem(level, code):
        return Problem(Span("o.yaml", 1, 1), level, code, "m")

    found = [problem(Level.WARNING, "parity.numbers"), problem(Level.WARNING, "glossary.partner"),
             problem(Level.ERROR, "fact.unknown"), problem(Level.WARNING, "fact.unused")]
    policy = ProblemPolicy(ignore=("glossary", "fact.unknown"), severity={"parity": "ignore",
                                                                         "parity.numbers": "error"})
    assert [(p.level, p.code) for p in policy.apply(found)] == [
        (Level.ERROR, "parity.numbers"), (Level.ERROR, "fact.unknown"), (Level.WARNING, "fact.unused")]
    assert policy.promoted(found) == 1


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "talk"]) == EXIT_OK
    return tmp_path / "talk"


def test_init_writes_an_outline_that_checks_clean_and_a_config(project, capsys):
    assert sorted(p.name for p in project.iterdir()) == ["duopress.toml", "outline.yaml"]
    capsys.readouterr()
    assert main(["check", str(project / "outline.yaml"), "--strict", "--no-fit"]) == EXIT_OK
    assert ": warning:" not in capsys.readouterr().err


def test_init_refuses_to_overwrite_anything(project, capsys):
    before = (project / "outline.yaml").read_bytes()
    (project / "duopress.toml").unlink()
    assert main(["init", str(project)]) == EXIT_USAGE
    assert "outline.yaml already exists; duopress init never overwrites a file" in capsys.readouterr().err
    assert (project / "outline.yaml").read_bytes() == before
    assert not (project / "duopress.toml").exists()  # nothing half-written


def test_init_on_a_full_disk_leaves_nothing_that_blocks_the_next(tmp_path, monkeypatch, capsys):
    import errno

    from generator.project import starter

    real, calls = os.link, []

    def full(src, dst, *args, **kwargs):  # the second file finds the disk full
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(starter.os, "link", full)
    assert main(["init", str(tmp_path / "talk")]) == EXIT_OUTPUT
    assert list((tmp_path / "talk").iterdir()) == []  # neither file, nor a temp file
    monkeypatch.setattr(starter.os, "link", real)
    assert main(["init", str(tmp_path / "talk")]) == EXIT_OK


def test_init_from_essay_with_an_editable_theme(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "--from-essay", "--theme", "portable"]) == EXIT_OK
    assert (tmp_path / "outline.yaml").read_bytes() == (ROOT / "outline.yaml").read_bytes()
    assert (tmp_path / "theme.yaml").read_bytes() == (ROOT / "assets" / "themes" / "portable.yaml").read_bytes()
    assert 'theme = "theme.yaml"' in (tmp_path / "duopress.toml").read_text(encoding="utf-8")


def test_config_shows_each_setting_and_where_it_came_from(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    write(project / "duopress.toml", '[build]\nformat = ["pdf"]\npaper = "letter"\n[problems]\nignore = ["parity"]\n'
                                     '[problems.severity]\nglossary.partner = "error"\n')
    capsys.readouterr()
    assert main(["config", "--paper", "a4", "--ignore", "glossary"]) == EXIT_OK
    lines = {line.split()[0] + (" " + line.split()[1] if line.startswith("severity") else ""): line
             for line in capsys.readouterr().out.splitlines()}
    assert lines["format"].split()[1:] == ["pdf", "duopress.toml:2"]
    assert lines["paper"].split()[1:] == ["A4", "command", "line"]
    assert lines["notes"].split()[1:] == ["own", "default"]
    assert lines["ignore"].split()[1:] == ["parity,", "glossary", "duopress.toml:5", "+", "command", "line"]
    assert lines["severity glossary.partner"].split()[2:] == ["=", "error", "duopress.toml:7"]


def test_build_and_check_honour_the_config_and_the_command_line_wins(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    write(project / "duopress.toml", '[build]\nformat = ["pdf"]\nlang = "en"\nout = "built"\n')
    assert main(["build", "-q"]) == EXIT_OK
    assert sorted(p.name for p in (project / "built").glob("outline.*")) == ["outline.en.pdf"]
    assert main(["build", "-q", "--lang", "ko"]) == EXIT_OK
    assert sorted(p.name for p in (project / "built").glob("outline.*")) == ["outline.en.pdf", "outline.ko.pdf"]


def test_a_config_beside_a_named_outline_is_read_from_anywhere(project, tmp_path, monkeypatch):
    write(project / "duopress.toml", '[build]\nformat = ["pdf"]\nlang = "en"\nout = "built"\n')
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-q", str(project / "outline.yaml")]) == EXIT_OK
    assert (project / "built" / "outline.en.pdf").is_file()  # out is relative to duopress.toml


def test_severity_makes_a_warning_fail_check_and_build(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    outline = project / "outline.yaml"
    term = '  - {ko: "폭염", en: "heat wave"}'
    outline.write_text(outline.read_text(encoding="utf-8").replace(
        term, term + '\n  - {ko: "쉼터", en: "refuge"}'), encoding="utf-8")
    assert main(["check", "--no-fit"]) == EXIT_OK  # a glossary.partner warning
    write(project / "duopress.toml", '[build]\nformat = ["pdf"]\nlang = "en"\n'
                                     '[problems.severity]\n"glossary.partner" = "error"\n')
    capsys.readouterr()
    assert main(["check", "--no-fit"]) == EXIT_PROBLEMS
    assert ": error: " in capsys.readouterr().err
    assert main(["build", "-q"]) == EXIT_PROBLEMS
    assert "2 warning(s) count as errors by duopress.toml" in capsys.readouterr().err
    assert main(["build", "-q"]) == EXIT_PROBLEMS  # and again when nothing changed (the fast path)
    assert "2 warning(s) count as errors" in capsys.readouterr().err
    assert main(["build", "-q", "--ignore", "glossary"]) == EXIT_OK  # --ignore works on build too


def test_a_bad_config_is_a_usage_error_before_any_work(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    write(project / "duopress.toml", "[build]\npaper = \"A5\"\n")
    assert main(["build"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "duopress.toml:2:1: error: build.paper: expected one of: A4, letter, got 'A5' [config.value]" in err
    assert not (project / "output").exists()


def test_choices_are_case_insensitive_where_harmless(tmp_path):
    out = tmp_path / "out"
    outline = FIXTURES / "minimal.yaml"
    assert main(["build", str(outline), "--paper", "a4", "--notes", "Both", "--format", "PDF", "--lang", "en",
                 "--out", str(out), "-q"]) == EXIT_OK
    assert (out / "minimal.en.pdf").is_file()


def _page_width(pdf: Path) -> float:
    with pikepdf.open(pdf) as opened:  # the page objects are in an object stream (tagged PDFs)
        return float(opened.pages[0].mediabox[2])


@pytest.mark.parametrize(("theme", "config", "cli", "width"), [
    ("A4", None, None, 595.28), ("letter", None, None, 612.0),  # the theme's brief.paper, when nothing else says
    ("letter", "A4", None, 595.28),  # duopress.toml over the theme
    ("A4", "letter", "a4", 595.28),  # the command line over both
])
def test_paper_comes_from_the_command_line_then_duopress_toml_then_the_theme(project, monkeypatch, theme, config,
                                                                             cli, width):
    monkeypatch.chdir(project)
    text = (ROOT / "assets" / "themes" / "default.yaml").read_text(encoding="utf-8")
    write(project / "theme.yaml", text.replace("  paper: A4", f"  paper: {theme}"))
    write(project / "duopress.toml", '[build]\nformat = ["pdf", "handout"]\nlang = "en"\ntheme = "theme.yaml"\n'
          + (f'paper = "{config}"\n' if config else ""))
    assert main(["build", "--quiet"] + (["--paper", cli] if cli else [])) == EXIT_OK
    assert _page_width(project / "output" / "outline.en.pdf") == pytest.approx(width, abs=0.01)
    assert _page_width(project / "output" / "outline.en.handout.pdf") == pytest.approx(width, abs=0.01)
