"""How well the decks and briefs of each fixture use their slides and pages (issue 26).

    python benchmarks/layout_report.py                      # the essay and every fixture outline
    python benchmarks/layout_report.py tests/fixtures/policy.yaml --theme conference

For every outline and language: slides in the deck, slides per item (most, mean), near-empty slides (a
content slide whose text is one short line and that shows no figure, of an item that has other slides: a
line left over), the slides of items whose whole text is one line (the author's statement or quote, counted
apart), and the brief's pages, with those whose body is more than a third empty (measured on the rendered
page: the lowest ink above the footer) — but for the page the front matter ends on (the body starts a page
by design), and the last page, which counts only when it holds a stray line or two. The decks are laid out
in step, so their slide counts must agree; ``tests/test_layout.py`` asserts the limits on every fixture.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ["outline.yaml", "tests/fixtures/policy.yaml", "tests/fixtures/shorttalk.yaml",
            "tests/fixtures/design.yaml", "tests/fixtures/demography.yaml", "tests/fixtures/stress.yaml",
            "tests/fixtures/minimal.yaml", "tests/fixtures/trilingual.yaml", "tests/fixtures/talk.yaml",
            "tests/fixtures/budget.yaml", "tests/fixtures/exchange.yaml", "tests/fixtures/trade.yaml",
            "tests/fixtures/apparatus.yaml", "tests/fixtures/valid/every-figure.yaml"]
STRUCTURE = {"Title Slide", "Section Header"}  # the deck's own slides, by layout name


@dataclass
class Report:
    outline: str
    lang: str
    slides: int = 0
    per_item: Counter = field(default_factory=Counter)  # item number → slides
    near_empty: list[int] = field(default_factory=list)  # slide numbers
    one_line_items: list[int] = field(default_factory=list)  # slides of items whose whole deck text is a line
    titles: list[str] = field(default_factory=list)  # every slide's title, in order
    pages: int = 0
    empty_pages: list[tuple[int, float]] = field(default_factory=list)  # (page, empty share) over a third
    error: str = ""  # why the deck could not be made in this theme

    @property
    def near_empty_share(self) -> float:
        return len(self.near_empty) / self.slides if self.slides else 0.0


def documents(outline: Path, theme=None):
    """Every language's Document, in step (as a build makes them, its charts measured in ``theme``'s boxes)."""
    from generator.clock import build_clock
    from generator.localize.document import in_step
    from generator.localize.localizer import localize
    from generator.outline.loader import read_outline
    from generator.style.chartroom import chart_room
    from generator.style.theme_file import load_theme

    model, problems = read_outline(outline)
    assert model is not None, problems
    clock = build_clock(model.meta.date.first_day())
    room = chart_room(theme if theme is not None else load_theme())
    return in_step({lang: localize(model, lang, clock, "duopress", outline.stem, room=room)
                    for lang in model.languages})


def report(outline: Path, theme_name: str = "default", brief: bool = True, paper: str | None = None) -> list[Report]:
    from generator.errors import DuopressError
    from generator.localize.document import plain
    from generator.render.pptx.renderer import render_deck
    from generator.style.resources import theme_path
    from generator.style.theme_file import load_theme

    theme = load_theme(theme_path(theme_name))
    found = []
    for lang, doc in documents(outline, theme).items():
        row = Report(str(outline.relative_to(ROOT) if outline.is_relative_to(ROOT) else outline), lang)
        try:
            deck(row, render_deck(doc, theme)[0])
        except DuopressError as error:  # a deck this theme cannot hold (strict fit): say so, go on
            row.error = str(error)
        if brief:
            from generator.render.pdf.renderer import render as render_pdf

            brief = doc.shown_in("brief")
            first = " ".join(plain(brief.sections[0].title).split()) if brief.sections else "\0"
            pages(row, render_pdf(doc, theme, paper=paper or theme.brief.paper or "A4"), first)
        found.append(row)
    return found


def deck(row: Report, data: bytes) -> None:
    from pptx import Presentation

    prs = Presentation(io.BytesIO(data))
    sparse = []
    for n, slide in enumerate(prs.slides, start=1):
        row.slides += 1
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        row.titles.append(title)
        kicker = next((s.text_frame.text for s in slide.shapes if s.name == "Kicker"), "")
        if kicker:
            row.per_item[kicker.split()[0]] += 1
        if slide.slide_layout.name not in STRUCTURE and kicker and _near_empty(slide):
            sparse.append((n, kicker.split()[0]))
    # A line left over from an item's other slides is waste; an item whose whole text is one line (a
    # statement, a quote) has the slide the author gave it: counted apart.
    for n, item in sparse:
        (row.near_empty if row.per_item[item] > 1 else row.one_line_items).append(n)


_FURNITURE = {"Kicker", "Footer", "Date", "Slide number", "Citations", "Caption", "Source"}


def _near_empty(slide) -> bool:
    """A content slide with no chart, table or picture whose text (besides title and furniture) is one
    paragraph of one short line."""
    if any(s.has_chart or s.has_table or s.shape_type == 13 for s in slide.shapes):
        return False
    texts = [p.text for s in slide.shapes if s.has_text_frame and s != slide.shapes.title and s.name not in _FURNITURE
             and not s.name.startswith("Stat") for p in s.text_frame.paragraphs if p.text.strip()]
    stats = [s for s in slide.shapes if s.name.startswith("Stat ")]
    return not stats and len(texts) <= 1 and sum(len(t) for t in texts) < 90


FOOTER_SHARE = 0.08  # of the page's height: the running footer, not body
TOP_SHARE = 0.07  # the running header


STRAY = 0.9  # a last page whose body is this empty holds a stray line or two


def _page_texts(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")


def _top(text: str) -> str:
    """A page's first lines (the running header and the first heading), spaces folded."""
    return " ".join(" ".join(line.split()) for line in text.strip().splitlines()[:6])


def pages(row: Report, pdf: bytes, first_section: str = "") -> None:
    """Each page rendered small and grey: the body is what lies between the header and the footer; its empty
    share is how much of it lies below the lowest inked row."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "brief.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "24", "-gray", "-png", str(path), str(Path(tmp) / "p")], check=True)
        images = sorted(Path(tmp).glob("p-*.png"))
        row.pages = len(images)
        texts = _page_texts(path)
        for n, image in enumerate(images, start=1):
            empty = _empty_share(Image.open(image).convert("L"))
            last = n == len(images)
            # exempt: the end of the front matter (the body starts a page by design), and a last page that
            # holds more than a stray line or two (the end of the text is where it is)
            deliberate = n < len(texts) and first_section in _top(texts[n])  # the body starts the next page
            if (empty > 1 / 3 and not last and not deliberate) or (last and empty > STRAY):
                row.empty_pages.append((n, round(empty, 2)))


def _empty_share(image) -> float:
    width, height = image.size
    top, bottom = int(height * TOP_SHARE), int(height * (1 - FOOTER_SHARE))
    data = image.tobytes()
    last = top
    for y in range(top, bottom):
        if min(data[y * width:(y + 1) * width]) < 200:
            last = y
    return (bottom - last) / (bottom - top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outlines", nargs="*", type=Path)
    parser.add_argument("--theme", default="default")
    parser.add_argument("--paper", choices=["A4", "letter"], help="the brief's paper (default: the theme's)")
    parser.add_argument("--no-brief", action="store_true", help="decks only (faster)")
    args = parser.parse_args(argv)
    outlines = args.outlines or [ROOT / f for f in FIXTURES]
    print(f"{'outline':38} {'lang':4} {'slides':>6} {'max/item':>8} {'mean/item':>9} {'near-empty':>10} "
          f"{'1-line':>6} {'pages':>5}  pages > 1/3 empty")
    ok = True
    for outline in outlines:
        rows = report(outline.resolve(), args.theme, not args.no_brief, args.paper)
        for row in rows:
            items = row.per_item.values()
            print(f"{row.outline:38} {row.lang:4} {row.slides:6} {max(items, default=0):8} "
                  f"{(sum(items) / len(items) if items else 0):9.2f} {row.near_empty_share:10.0%} "
                  f"{len(row.one_line_items):6} {row.pages:5}  "
                  f"{', '.join(f'p{p} {e:.0%}' for p, e in row.empty_pages) or '-'}")
            if row.error:
                print(f"  no deck: {row.error}")
        if len({row.slides for row in rows}) > 1:
            ok = False
            print(f"  out of step: {', '.join(f'{r.lang} {r.slides}' for r in rows)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
