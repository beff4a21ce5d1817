"""Hostile input that reaches the renderers: located errors and exit codes, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import EXIT_PROBLEMS, EXIT_USAGE, main

ERRORS = Path(__file__).parent / "fixtures" / "errors"
BASE = (ERRORS / "unknown-source.yaml").read_text(encoding="utf-8").split("        sources")[0]


def test_a_5000_character_unspaced_hangul_word(tmp_path, capsys):
    outline = tmp_path / "long.yaml"
    outline.write_text(BASE + '        points:\n          - {ko: "' + "가" * 5000 + '", en: "A"}\n'
                       '        body:\n          - {ko: "' + "나" * 5000 + '", en: "B"}\n', encoding="utf-8")
    code = main(["build", str(outline), "--out", str(tmp_path / "out"), "--lang", "ko"])
    out, err = capsys.readouterr()
    assert code == EXIT_PROBLEMS
    assert "Traceback" not in err + out
    assert f"{outline}:11:9: error: slide 4 (ko): the points “가가가" in err and "[deck.overflow]" in err
    assert "FAILED" in out and "long.ko.pptx" in out
    assert (tmp_path / "out" / "long.ko.pdf").is_file()  # the brief breaks the word only because it must
    assert not (tmp_path / "out" / "long.ko.pptx").exists()


def test_a_template_that_is_not_a_pptx_is_a_usage_error(tmp_path, capsys):
    fake = tmp_path / "corporate.pptx"
    fake.write_text("not a presentation", encoding="utf-8")
    code = main(["build", str(ERRORS.parent / "minimal.yaml"), "--out", str(tmp_path / "o"), "--template", str(fake)])
    assert code == EXIT_USAGE
    assert f"'{fake}' is not a PowerPoint .pptx file" in capsys.readouterr().err


def test_a_template_without_a_slide_size_is_a_usage_error(tmp_path, capsys):
    from pptx import Presentation

    prs = Presentation()
    prs.part._element.remove(prs.part._element.sldSz)  # p:sldSz is optional in a .pptx
    template = tmp_path / "sizeless.pptx"
    prs.save(str(template))
    code = main(["build", str(ERRORS.parent / "minimal.yaml"), "--out", str(tmp_path / "o"), "--template",
                 str(template)])
    out, err = capsys.readouterr()
    assert code == EXIT_USAGE
    assert "Traceback" not in err + out
    assert f"'{template}' sets no slide size" in err


@pytest.mark.parametrize("command", [["build", "--out", "o"], ["check"], ["check", "--fit"]])
def test_a_template_without_the_mapped_layouts_is_a_usage_error_listing_them_all(tmp_path, capsys, monkeypatch,
                                                                                   command):
    monkeypatch.chdir(tmp_path)
    template = Path(__file__).parent / "fixtures" / "templates" / "custom.pptx"
    code = main([command[0], str(ERRORS.parent / "minimal.yaml"), *command[1:], "--template", str(template)])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert f"the template '{template}' lacks 5 of the slide layouts the theme maps:" in err
    for kind, name in [("title", "Title Slide"), ("section", "Section Header"), ("content", "Title and Content"),
                       ("two_column", "Two Content"), ("title_only", "Title Only")]:
        assert f"  deck.layouts.{kind}: '{name}'\n" in err
    assert "its layouts are: 'Cover'" in err
    assert "duopress theme --out theme.yaml" in err and "--theme theme.yaml" in err
    assert not list(tmp_path.glob("o/minimal.*"))


def test_a_missing_template_is_a_usage_error(tmp_path, capsys):
    code = main(["check", str(ERRORS.parent / "minimal.yaml"), "--template", str(tmp_path / "none.pptx")])
    assert code == EXIT_USAGE
    assert f"no template file '{tmp_path / 'none.pptx'}'" in capsys.readouterr().err
