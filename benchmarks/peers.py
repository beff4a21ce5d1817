"""The same four artifacts made by peers: pandoc makes the decks (Markdown → .pptx), Typst the briefs (.typ → PDF).

    python3 benchmarks/peers.py outline.yaml OUT    # writes OUT/<stem>.<lang>.md and .typ, prints the commands

The inputs are generated from the outline's localized documents (the same titles, bullets, prose, notes,
tables, references), so the peers set the same text; they do less (charts become tables of numbers, no
fitting, no checks). ``bench.py`` times the commands ``commands()`` returns, each in a fresh process.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "assets" / "fonts"


def pandoc() -> str | None:
    """pandoc's path, or None (Debian: ``apt-get install pandoc``)."""
    return shutil.which("pandoc")


def typst_available() -> bool:
    try:
        import typst  # noqa: F401  (PyPI: pip install typst)
    except ImportError:
        return False
    return True


def write_inputs(outline: Path, out: Path) -> list[tuple[str, Path, Path]]:
    """Per language, (lang, Markdown, Typst) files made from the outline's documents."""
    sys.path.insert(0, str(ROOT))
    from generator.outline.loader import read_outline
    from generator.pipeline.request import BuildRequest
    from generator.pipeline.run import Session
    from generator.style.theme_file import load_theme

    model, _ = read_outline(outline)
    assert model is not None
    session = Session(model, load_theme(None), BuildRequest(outline), "peers")
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for lang in model.languages:
        doc = session.localize(lang)
        markdown, typ = out / f"{outline.stem}.{lang}.md", out / f"{outline.stem}.{lang}.typ"
        markdown.write_text(_markdown(doc), encoding="utf-8")
        typ.write_text(_typst(doc), encoding="utf-8")
        made.append((lang, markdown, typ))
    return made


def commands(inputs: list[tuple[str, Path, Path]]) -> list[list[str]]:
    """One command per artifact kind: pandoc once per deck, one Python process compiling both briefs."""
    compile_all = "; ".join(f"typst.compile({str(typ)!r}, output={str(typ.with_suffix('.pdf'))!r}, "
                            f"font_paths=[{str(FONTS)!r}])" for _, _, typ in inputs)
    return ([[pandoc() or "pandoc", str(md), "-o", str(md.with_suffix(".pptx"))] for _, md, _ in inputs]
            + [[sys.executable, "-c", f"import typst; {compile_all}"]])


def _text(inline) -> str:
    return "".join(run.text for run in inline)


def _markdown(doc) -> str:
    lines = ["---", f"title: {_yaml(doc.meta.title)}", f"subtitle: {_yaml(doc.meta.subtitle)}",
             f"date: {_yaml(doc.meta.date_text)}", f"lang: {doc.language_tag}", "---", ""]
    for section in doc.sections:
        lines += [f"# {_md(_text(section.title))}", ""]
        for item in section.items:
            lines += [f"## {_md(_text(item.title))}", ""]
            for point in item.points:
                lines.append(f"- {_md(_text(point.text))}")
                lines += [f"    - {_md(_text(child.text))}" for child in point.children]
            if not item.points:
                lines += [_md(_text(paragraph)) + "\n" for paragraph in item.body]
            lines.append("")
            figure = item.figure
            if figure is not None and hasattr(figure, "series"):
                lines += _md_table([""] + list(figure.categories),
                                   [[s.name, *s.labels] for s in figure.series])
            elif figure is not None and hasattr(figure, "rows"):
                lines += _md_table([_text(h) for h in figure.header], [[_text(c) for c in r] for r in figure.rows])
            if item.notes:
                lines += ["::: notes", *(_md(n) for n in item.notes), ":::", ""]
    lines += [f"# {_md(doc.labels.get('references', 'References'))}", ""]
    lines += [f"{r.number}. {_md(_text(r.text))}" for r in doc.references]
    return "\n".join(lines) + "\n"


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    return (["| " + " | ".join(_md(h) for h in header) + " |", "|" + "---|" * len(header)]
            + ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows] + [""])


def _typst(doc) -> str:
    hangul = "NanumGothic"
    lines = [f'#set document(title: {_ts(doc.meta.title)})', '#set page(paper: "a4", margin: 2cm, numbering: "1")',
             f'#set text(font: ("Noto Sans", "{hangul}"), size: 10pt, lang: "{doc.lang}")',
             "#set heading(numbering: \"1.1\")", "#set par(justify: true)",
             f"#align(center, text(20pt, strong({_ts(doc.meta.title)})))",
             f"#align(center, {_ts(doc.meta.subtitle)})", "", "#outline()", ""]
    for paragraph in doc.meta.summary:
        lines += [_inline(paragraph), ""]
    for section in doc.sections:
        lines += [f"= {_inline(section.title)}", ""]
        for item in section.items:
            lines += [f"== {_inline(item.title)}", ""]
            for point in item.points:
                lines.append(f"- {_inline(point.text)}")
                lines += [f"  - {_inline(child.text)}" for child in point.children]
            lines.append("")
            lines += [_inline(paragraph) + "\n" for paragraph in item.body]
            figure = item.figure
            if figure is not None and hasattr(figure, "series"):
                cells = [_ts(""), *(_ts(c) for c in figure.categories)]
                for series in figure.series:
                    cells += [_ts(series.name), *(_ts(v) for v in series.labels)]
                lines += [f"#figure(table(columns: {len(figure.categories) + 1}, {', '.join(cells)}), "
                          f"caption: {_ts(_text(figure.title))})", ""]
            elif figure is not None and hasattr(figure, "rows"):
                cells = [_ts(_text(h)) for h in figure.header] + [_ts(_text(c)) for r in figure.rows for c in r]
                lines += [f"#figure(table(columns: {len(figure.header)}, {', '.join(cells)}), "
                          f"caption: {_ts(_text(figure.title))})", ""]
    lines += [f"= {_ts(doc.labels.get('references', 'References'))}", ""]
    lines += [f"+ {_inline(r.text)}" for r in doc.references]
    return "\n".join(lines) + "\n"


def _inline(inline) -> str:
    """Runs as Typst code (strings, never markup, so no character of the text is syntax); notes as footnotes."""
    out = []
    for run in inline:
        if run.note is not None:
            out.append(f"#footnote[{_inline(run.note)}]")
            continue
        text = _ts(run.text)
        if run.bold or run.emphasis:
            text = f"strong({text})"
        if run.superscript:
            text = f"super({text})"
        out.append(f"#{text}" if text.startswith('"') else f"#{text}")
    return "".join(out)


def _ts(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _md(text: str) -> str:
    for char in "\\`*_{}[]<>#|$@~^":
        text = text.replace(char, "\\" + char)
    return text


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


if __name__ == "__main__":
    made = write_inputs(Path(sys.argv[1]), Path(sys.argv[2]))
    for command in commands(made):
        print(" ".join(command))
