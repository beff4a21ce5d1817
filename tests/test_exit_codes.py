"""Exit codes as README's table says them, in the cases issue 33 found wrong: an unreadable input is a usage
error with its reason (2), `watch` stopped by a signal exits 130 or 143, Ctrl-C while starting prints no
traceback; and a theme's logo obeys the image limits (a located error, never exit 3 or 4)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import EXIT_PROBLEMS, EXIT_USAGE, main

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"


def test_an_unreadable_outline_is_a_usage_error_with_its_reason(tmp_path, monkeypatch, capsys):
    import generator.pipeline.run  # noqa: F401  (imported before the patch: it binds sha256_file by name)
    from generator.pipeline import fingerprint

    shutil.copy(MINIMAL, tmp_path / "outline.yaml")
    real = fingerprint.sha256_file

    def refused(path):  # as a file the user may not read (root reads every file: chmod cannot show it)
        if Path(path).name == "outline.yaml":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(fingerprint, "sha256_file", refused)
    assert main(["build", str(tmp_path / "outline.yaml"), "--out", str(tmp_path / "out")]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert f"duopress: error: cannot read '{tmp_path / 'outline.yaml'}': Permission denied" in err
    assert "cannot write output" not in err


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_watch_stopped_by_a_signal_exits_with_its_code(tmp_path, signum, code):
    shutil.copy(MINIMAL, tmp_path / "outline.yaml")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    watching = subprocess.Popen([sys.executable, "-m", "generator", "watch", "outline.yaml", "--format", "pdf",
                                 "--lang", "en"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=env)
    try:
        deadline = time.monotonic() + 120
        seen = ""
        while "watching" not in seen and time.monotonic() < deadline:
            line = watching.stderr.readline()
            assert line, seen
            seen += line
        watching.send_signal(signum)
        _, err = watching.communicate(timeout=20)
    finally:
        if watching.poll() is None:
            watching.kill()
    assert watching.returncode == code, err
    assert "Traceback" not in err


def test_ctrl_c_while_starting_prints_no_traceback():
    """SIGINT raised while duopress is still importing (simulated by raising it from the first import)."""
    code = ("import builtins, sys\n"
            "real = builtins.__import__\n"
            "def hook(name, *a, **k):\n"
            "    if name.endswith('cli') or name == 'generator.cli':\n"
            "        raise KeyboardInterrupt\n"
            "    return real(name, *a, **k)\n"
            "builtins.__import__ = hook\n"
            "from generator.__main__ import run\n"
            "sys.exit(run())\n")
    done = subprocess.run([sys.executable, "-c", code, "check"], capture_output=True, text=True, cwd=ROOT,
                          timeout=60)
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr and "interrupted" in done.stderr


@pytest.mark.parametrize("make, message", [
    (lambda p: __import__("PIL.Image").Image.new("1", (20000, 20000)).save(p), "megapixels"),
    (lambda p: __import__("PIL.Image").Image.new("1", (2500, 2500)).save(p), "a logo may have 4 megapixels"),
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"damaged" * 10), "is not a readable image"),
])
def test_a_logo_obeys_the_image_limits(tmp_path, capsys, make, message):
    theme = (ROOT / "assets" / "themes" / "default.yaml").read_text(encoding="utf-8")
    (tmp_path / "theme.yaml").write_text(theme.replace("\nbrief:\n", "\nbrief:\n  logo: logo.png\n", 1),
                                         encoding="utf-8")
    make(tmp_path / "logo.png")
    shutil.copy(MINIMAL, tmp_path / "outline.yaml")
    code = main(["build", str(tmp_path / "outline.yaml"), "--theme", str(tmp_path / "theme.yaml"), "--out",
                 str(tmp_path / "out"), "--format", "pdf"])
    err = capsys.readouterr().err
    assert code == EXIT_PROBLEMS, err
    assert "[theme.logo]" in err and message in err


# -- what used to be internal errors (exit 3) --------------------------------------------------------


def test_the_bundled_layouts_are_python_pptx_s_titled_ones():
    from pptx import Presentation

    from generator.render.pptx import BUNDLED_LAYOUTS

    titled = {layout.name for layout in Presentation().slide_layouts
              if any(ph.placeholder_format.idx == 0 for ph in layout.placeholders)}
    assert titled == BUNDLED_LAYOUTS


def test_a_theme_mapping_a_layout_the_bundled_template_lacks_is_a_usage_error(tmp_path, capsys):
    theme = (ROOT / "assets" / "themes" / "default.yaml").read_text(encoding="utf-8")
    assert "    content: Title and Content\n" in theme
    (tmp_path / "theme.yaml").write_text(theme.replace("    content: Title and Content\n",
                                                       "    content: No Such Layout\n"), encoding="utf-8")
    shutil.copy(MINIMAL, tmp_path / "outline.yaml")
    for command in (["build", "--out", str(tmp_path / "out")], ["check"]):
        code = main([command[0], str(tmp_path / "outline.yaml"), "--theme", str(tmp_path / "theme.yaml"),
                     *command[1:]])
        err = capsys.readouterr().err
        assert code == EXIT_USAGE, err
        assert "the bundled template lacks 1 of the slide layouts the theme maps:\n" \
               "  deck.layouts.content: 'No Such Layout'" in err


def test_a_template_whose_layouts_have_no_title_is_a_usage_error(tmp_path, capsys):
    from pptx import Presentation

    prs = Presentation()
    for layout in prs.slide_layouts:
        for placeholder in list(layout.placeholders):
            if placeholder.placeholder_format.idx == 0:
                placeholder._element.getparent().remove(placeholder._element)
    prs.save(tmp_path / "untitled.pptx")
    shutil.copy(MINIMAL, tmp_path / "outline.yaml")
    code = main(["build", str(tmp_path / "outline.yaml"), "--template", str(tmp_path / "untitled.pptx"), "--out",
                 str(tmp_path / "out"), "--format", "pptx"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE, err
    assert "has slide layouts without a title placeholder" in err and "deck.layouts.title: 'Title Slide'" in err


def test_a_sidebar_paragraph_taller_than_a_page_runs_on(tmp_path, capsys):
    text = MINIMAL.read_text(encoding="utf-8")
    ko, en = " ".join(["곁글 문단이 아주 길게 이어집니다."] * 300), " ".join(["An aside that goes on and on."] * 300)
    sidebar = (f'        sidebar:\n          title: {{ko: 곁글, en: Aside}}\n'
               f'          body: [{{ko: "{ko}", en: "{en}"}}]\n')
    (tmp_path / "outline.yaml").write_text(text.replace("        sources: [ref-a]\n", sidebar + "        sources: "
                                                        "[ref-a]\n", 1), encoding="utf-8")
    code = main(["build", str(tmp_path / "outline.yaml"), "--out", str(tmp_path / "out"), "--format", "pdf"])
    captured = capsys.readouterr()
    assert code == 0, captured.out + captured.err


def test_a_deck_with_every_slide_switched_off_is_a_located_error(tmp_path, capsys):
    text = MINIMAL.read_text(encoding="utf-8")
    switches = "".join(f"  {name}: false\n" for name in ("title_slide", "agenda", "section_dividers", "references",
                                                          "glossary", "closing_slide"))
    edited = text.replace("sections:\n", "deck:\n" + switches + "sections:\n", 1).replace(
        "        title: {ko: 확산, en: Adoption}\n", "        title: {ko: 확산, en: Adoption}\n        show: brief\n")
    (tmp_path / "outline.yaml").write_text(edited, encoding="utf-8")
    code = main(["build", str(tmp_path / "outline.yaml"), "--out", str(tmp_path / "out"), "--format", "pptx"])
    err = capsys.readouterr().err
    assert code == EXIT_PROBLEMS and "outline.yaml:1:1: error: deck: the deck would have no slides" in err
    assert not (tmp_path / "out" / "outline.en.pptx").exists()
    (tmp_path / "outline.yaml").write_text(edited.replace("  closing_slide: false\n", ""), encoding="utf-8")
    assert main(["check", str(tmp_path / "outline.yaml"), "--no-fit"]) == 0  # one slide of its own: a deck


def test_escape_sequences_from_duopress_toml_are_shown_escaped(tmp_path, monkeypatch, capsys):
    """A value or key of duopress.toml holding an escape sequence (ESC [2J clears a terminal) reaches the
    terminal as text to read: in ``duopress config``, in problems and in their excerpts."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(MINIMAL, tmp_path / "outline.yaml")
    (tmp_path / "duopress.toml").write_text('[build]\nout = "out\\u001b[2J"\n', encoding="utf-8")
    assert main(["config"]) == 0
    shown = capsys.readouterr().out
    assert "out\\x1b[2J" in shown and "\x1b" not in shown
    (tmp_path / "duopress.toml").write_text('"bad\\u001b[2J" = 1\n', encoding="utf-8")
    assert main(["config"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "unknown key 'bad\\x1b[2J'" in err and "\x1b" not in err
    (tmp_path / "duopress.toml").write_text('[build]\nout = "o\x1b[2Jut"\n', encoding="utf-8")
    assert main(["config"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert '    2 | out = "o\\x1b[2Jut"' in err and "\x1b" not in err
