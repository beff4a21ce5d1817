"""The theme file is read like an outline: every problem located and reported at once, exit 1, never a traceback."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from generator.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main
from generator.errors import DuopressError, sorted_problems
from generator.style import resources
from generator.style.theme import font_files
from generator.style.theme_file import load_theme

THEMES = Path(__file__).parent / "fixtures" / "themes"
CASES = sorted(p.stem for p in THEMES.glob("*.yaml"))
MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"
BUNDLED_FONTS = resources.assets_dir() / "fonts"


def messages(path: Path) -> list[str]:
    with pytest.raises(DuopressError) as info:
        load_theme(path)
    return [str(p).replace(str(path), path.name) for p in sorted_problems(info.value.problems)]


@pytest.mark.parametrize("case", CASES)
def test_theme_fixture_reports_exactly_the_expected_problems(case):
    expected = (THEMES / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert messages(THEMES / f"{case}.yaml") == expected


def test_every_theme_fixture_has_an_expectation_and_fails():
    for case in CASES:
        assert ": error: " in (THEMES / f"{case}.expected").read_text(encoding="utf-8"), case


def test_the_default_theme_loads_with_the_values_and_types_the_renderers_expect():
    theme = load_theme()
    assert theme.name == "default" and theme.path == resources.theme_path()
    assert theme.colors["primary"] == "1B3A5C" and theme.colors["chart"][:2] == ["1B3A5C", "D9822B"]
    assert theme.deck.width_in == 13.333 and type(theme.deck.title_size) is int
    assert theme.deck.line_spacing == {"ko": 1.25, "en": 1.1}  # per-language values stay allowed
    assert theme.brief.body_size == {"ko": 10, "en": 10.5} and theme.brief.heading_sizes == (20, 14, 11.5)
    assert list(theme.deck.layouts) == ["title", "section", "content", "two_column", "title_only"]
    assert theme.scripts["latin"].regular == BUNDLED_FONTS / "NotoSans-Regular.ttf"
    assert theme.scripts["hangul"].italic is None and theme.language_scripts == {"ko": "hangul", "en": "latin"}


def test_the_portable_theme_names_other_fonts_in_the_deck_and_measures_with_the_bundled_files():
    default, portable = load_theme(), load_theme(resources.theme_path("portable"))
    assert portable.name == "portable"
    assert [(f.family, f.deck_family, f.deck_name) for f in portable.scripts.values()] == [
        ("Noto Sans", "Arial", "Arial"), ("NanumGothic", "Malgun Gothic", "Malgun Gothic")]
    assert [(f.deck_family, f.deck_name) for f in default.scripts.values()] == [
        (None, "Noto Sans"), (None, "NanumGothic")]
    for script, face in portable.scripts.items():
        own = default.scripts[script]
        assert (face.regular, face.bold, face.italic) == (own.regular, own.bold, own.italic)
    assert (portable.colors, portable.deck, portable.brief) == (default.colors, default.deck, default.brief)


def test_etc_passwd_as_a_theme_is_a_located_error():
    passwd = Path("/etc/passwd")
    if not passwd.is_file():
        pytest.skip("no /etc/passwd here")
    with pytest.raises(DuopressError) as info:
        load_theme(passwd)
    assert [str(p).split(": error: ")[0] for p in info.value.problems] == ["/etc/passwd:1:1"]


def _theme_beside_fonts(tmp_path: Path, **names: str) -> Path:
    """The default theme copied into tmp_path, with a fonts/ folder beside it and some font names replaced."""
    text = resources.theme_path().read_text(encoding="utf-8")
    for old, new in names.items():
        text = text.replace(f"regular: {old.replace('_', '-')}.ttf", f"regular: {new}")
    (tmp_path / "fonts").mkdir()
    theme = tmp_path / "theme.yaml"
    theme.write_text(text, encoding="utf-8")
    return theme


def test_a_theme_finds_fonts_beside_it_first_then_the_bundled_ones(tmp_path):
    theme = _theme_beside_fonts(tmp_path, NotoSans_Regular="Mine.ttf")
    shutil.copy(BUNDLED_FONTS / "NotoSans-Regular.ttf", tmp_path / "fonts" / "Mine.ttf")
    latin = load_theme(theme).scripts["latin"]
    assert latin.regular == tmp_path / "fonts" / "Mine.ttf"
    assert latin.bold == BUNDLED_FONTS / "NotoSans-Bold.ttf"
    assert tmp_path / "fonts" / "Mine.ttf" in font_files(theme)  # so a changed font rebuilds


def test_a_font_link_leading_out_of_the_fonts_folder_is_refused(tmp_path):
    theme = _theme_beside_fonts(tmp_path, NotoSans_Regular="Linked.ttf")
    (tmp_path / "fonts" / "Linked.ttf").symlink_to(BUNDLED_FONTS / "NotoSans-Regular.ttf")  # a real font, elsewhere
    with pytest.raises(DuopressError) as info:
        load_theme(theme)
    assert [(p.code, p.message) for p in info.value.problems] == [
        ("theme.font-path", "'Linked.ttf' is a link to a file outside its fonts folder")]


def test_colours_may_be_lower_case_or_start_with_a_hash(tmp_path):
    theme = tmp_path / "theme.yaml"
    text = resources.theme_path().read_text(encoding="utf-8")
    theme.write_text(text.replace('primary: "1B3A5C"', 'primary: "#1b3a5c"'), encoding="utf-8")
    assert load_theme(theme).colors["primary"] == "1B3A5C"


# -- every command: a located error and exit 1, output/ untouched ----------------------------------------


@pytest.mark.parametrize("command", ["build", "preview", "check", "review"])
def test_every_command_reports_a_bad_theme_located_and_exits_1(command, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "minimal.en.pdf").write_bytes(b"previous artifact")
    argv = [command, str(MINIMAL), "--theme", str(THEMES / "min-size-zero.yaml")]
    assert main(argv + ([] if command == "check" else ["--out", str(out)])) == EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert "min-size-zero.yaml:24:13: error: deck.min_size: must be from 4 to 200 pt, got 0 [theme.range]" in err
    assert "Traceback" not in err and "internal error" not in err
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["minimal.en.pdf"]
    assert (out / "minimal.en.pdf").read_bytes() == b"previous artifact"


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_theme_file_that_does_not_exist_is_a_usage_error(command, tmp_path, capsys):
    assert main([command, str(MINIMAL), "--theme", str(tmp_path / "nope.yaml")]) == EXIT_USAGE
    assert "duopress: error: no theme file" in capsys.readouterr().err


def test_theme_takes_a_bundled_themes_name_unless_a_file_has_that_name(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(MINIMAL), "--theme", "portable", "--no-fit"]) == EXIT_OK
    Path("portable").write_text("- not a theme\n", encoding="utf-8")  # a file of that name wins
    assert main(["check", str(MINIMAL), "--theme", "portable", "--no-fit"]) == EXIT_PROBLEMS
    assert "portable:1:1: error: a theme is a mapping" in capsys.readouterr().err
    assert main(["check", str(MINIMAL), "--theme", "nonesuch", "--no-fit"]) == EXIT_USAGE
    assert "duopress: error: no theme file 'nonesuch'" in capsys.readouterr().err


def test_watch_reports_a_bad_theme_and_builds_once_it_is_fixed(tmp_path):
    from generator.api import build
    from generator.live.watch import watch

    theme, out, log, stop = tmp_path / "theme.yaml", tmp_path / "out", [], threading.Event()
    shutil.copy(THEMES / "missing-layout.yaml", theme)

    class Log:
        def write(self, text):
            log.append(text)

        def flush(self):
            pass

    def run_build():
        build(MINIMAL, out=out, formats="pptx", langs="en", theme=theme)

    thread = threading.Thread(target=watch, args=(MINIMAL, run_build), daemon=True,
                              kwargs={"theme": theme, "stop_event": stop, "stream": Log()})
    thread.start()
    _wait(lambda: any("watching" in line for line in log))
    assert any("theme.yaml:29:5: error: deck.layouts: missing 'section'" in line for line in log)
    assert any("last good artifacts are kept" in line for line in log)
    theme.write_text((THEMES / "min-size-zero.yaml").read_text(encoding="utf-8").replace("min_size: 0", "min_size: 14"),
                     encoding="utf-8")
    _wait(lambda: (out / "minimal.en.pptx").exists())
    stop.set()
    thread.join(timeout=10)


def _wait(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


# -- duopress theme ------------------------------------------------------------------------------------


def test_theme_command_writes_the_bundled_theme_and_says_how_to_use_it(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["theme"]) == EXIT_OK
    assert (tmp_path / "theme.yaml").read_bytes() == resources.theme_path().read_bytes()
    assert "--theme theme.yaml" in capsys.readouterr().out
    assert load_theme(tmp_path / "theme.yaml").deck == load_theme().deck


def test_theme_command_refuses_to_overwrite_without_force(tmp_path, capsys):
    target = tmp_path / "mine.yaml"
    target.write_text("my edits\n", encoding="utf-8")
    assert main(["theme", "--out", str(target)]) == EXIT_USAGE
    assert "pass --force" in capsys.readouterr().err and target.read_text(encoding="utf-8") == "my edits\n"
    assert main(["theme", "--out", str(target), "--force"]) == EXIT_OK
    assert target.read_bytes() == resources.theme_path().read_bytes()


def test_theme_command_writes_a_bundled_theme_by_name(tmp_path, capsys):
    target = tmp_path / "portable.yaml"
    assert main(["theme", "portable", "--out", str(target)]) == EXIT_OK
    assert target.read_bytes() == resources.theme_path("portable").read_bytes()
    assert "duopress's portable theme, to edit" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        main(["theme", "nonesuch"])
    err = capsys.readouterr().err  # argparse quotes the choices since Python 3.12.8
    assert exit_.value.code == EXIT_USAGE and "invalid choice: 'nonesuch'" in err and "portable" in err
