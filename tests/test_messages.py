"""Messages a person can act on: a frame that cannot fit is quoted, named in plain words, and the fix given;
``check --fit`` prints sentences (generator/render/fit.py)."""

from __future__ import annotations

from generator.cli import main
from generator.render.fit import FitEntry, describe, overflow_message

OUTLINE = """\
duopress: 1
languages: [ko, en]
meta:
  title: {ko: 제목, en: Title}
  date: 2024-12-01
  organisation: {ko: 기관, en: Institute}
sections:
  - id: s
    title: {ko: 부분, en: Part}
    items:
      - id: i
        title: {ko: 항목, en: Item}
        points:
          - {ko: "수출이 늘었다", en: "Exports rose"}
        figure:
          kind: bar
          title: {ko: 수출, en: "%s"}
          categories: [{ko: 가, en: A}, {ko: 나, en: B}]
          series:
            - name: {ko: 값, en: Value}
              values: [1, 2]
"""
LONG = "Exports of semiconductors, displays and batteries to the three largest markets, by quarter and year"


def test_a_figure_title_too_long_beside_the_points_names_the_frame_and_the_fixes(tmp_path, capsys):
    path = tmp_path / "o.yaml"
    path.write_text(OUTLINE % LONG, encoding="utf-8")
    assert main(["check", str(path)]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if "[deck.overflow]" in line]
    assert errors == [
        f"{path}:11:9: error: slide 4 (en): the figure's title “Figure 1 Exports of semiconductors, displays "
        "and batteries…” does not fit its box even at 14pt: about 70 characters fit (it has 108); shorten it, or "
        "give the "
        "figure a slide of its own (`layout: chart`, `table`, `timeline` or `image`) [deck.overflow]"]


def test_check_fit_prints_a_sentence_per_frame(tmp_path, capsys):
    path = tmp_path / "o.yaml"
    path.write_text(OUTLINE % "Exports", encoding="utf-8")
    assert main(["check", "--fit", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"{path}:11:9: slide 4 (en): The figure's title fits at 18pt." in out
    assert all(line.endswith(".") for line in out if ": slide " in line)


def test_each_status_reads_as_a_sentence():
    entry = FitEntry(None, 3, "caption", "en", 14, 14, "overflow", "Figure 2   A title", 12, "")
    assert overflow_message(entry) == ("the figure's title “Figure 2 A title” does not fit its box even at 14pt: "
                                       "about 12 characters fit (it has 16); shorten it")
    assert describe(FitEntry(None, 3, "points", "en", 16, 14, "shrunk")) == (
        "The points are set at 16pt, smaller than their usual size, to fit.")
    assert describe(FitEntry(None, 3, "points", "en", 22, 14, "continued")) == (
        "The points are set at 22pt and continue on the next slide.")
    assert describe(FitEntry(None, 3, "title", "en", 32, 14, "fits")) == "The slide's title fits at 32pt."
