"""What tagging costs: the essay's brief, slides PDF and handout rendered on a plain canvas and on the tagging
canvas, and the structure tree written after (pikepdf), each the median of repeated renders in this process,
untagged and tagged alternated, in CPU seconds of this process (the machine may be shared: wall time is not).

    python3 benchmarks/tagging.py            # 5 repeats
    python3 benchmarks/tagging.py --repeat 9

The untagged renders are what duopress drew before PDFs were tagged (the same layout on reportlab's canvas);
the difference is the marked content drawn, and ``finish`` is the pass that writes the tree. Prints Markdown.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.localize.localizer import localize  # noqa: E402
from generator.outline.loader import read_outline  # noqa: E402
from generator.render.pdf.context import make_context  # noqa: E402
from generator.render.pdf.page import BriefTemplate, canvas_maker, describer, pdf_meta  # noqa: E402
from generator.render.pdf.story import build_story  # noqa: E402
from generator.render.pdf.structure import finish  # noqa: E402
from generator.render.pdf.tagging import Tagger, tagged_canvas_class  # noqa: E402
from generator.render.pptx.layout_export import deck_layout  # noqa: E402
from generator.render.slides.pages import draw_scaled, slide_node, slide_painter, slide_tagger  # noqa: E402
from generator.style.theme_file import load_theme  # noqa: E402

CLOCK = dt.datetime(2024, 12, 1, tzinfo=dt.UTC)


def brief(doc, theme, tagged: bool) -> tuple[float, float]:
    """(drawing seconds, finish seconds) of one brief."""
    start = time.process_time()
    ctx = make_context(doc.shown_in("brief"), theme, "A4")
    out = io.BytesIO()
    template = BriefTemplate(out, ctx)
    maker = canvas_maker(doc.clock, before_save=template.define_forms)
    tagger = Tagger(doc.script_languages, describer(ctx), root=ctx.root)
    template.build(build_story(ctx), canvasmaker=tagged_canvas_class(maker, tagger) if tagged else maker)
    drawn = time.process_time()
    if tagged:
        finish(out.getvalue(), tagger, pdf_meta(doc))
    return drawn - start, time.process_time() - drawn


def slides(doc, theme, deck, tagged: bool) -> tuple[float, float]:
    """(drawing seconds, finish seconds) of one slides PDF, the deck laid out beforehand."""
    from generator.render.pdf.fonts import register as register_pdf
    from generator.render.slides.pages import open_canvas

    start = time.process_time()
    out = io.BytesIO()
    tagger = slide_tagger(doc)
    fonts = register_pdf(theme, doc.lang)
    if tagged:
        canv = open_canvas(out, doc, fonts, (deck.width, deck.height), tagger)
    else:  # reportlab's canvas as before tagging (open_canvas less the tagging class)
        canv = canvas_maker(doc.clock)(out, pagesize=(deck.width, deck.height), invariant=1, pageCompression=1,
                                       lang=doc.language_tag, initialFontName=fonts.main.name)
    painter = slide_painter(doc, theme, deck, canv)
    for n, slide in enumerate(deck.slides, start=1):
        draw_scaled(painter, slide, 0, 0, 1.0, *(slide_node(tagger, n) if tagged else (None, "H2")))
        canv.showPage()
    canv.save()
    drawn = time.process_time()
    if tagged:
        finish(out.getvalue(), tagger, pdf_meta(doc))
    return drawn - start, time.process_time() - drawn


def median(runs) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    theme = load_theme()
    outline, problems = read_outline(ROOT / "outline.yaml")
    assert outline is not None, problems
    print("| artifact | untagged (ms) | tagged drawing (ms) | tree written (ms) | tagging cost |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for lang in ("ko", "en"):
        doc = localize(outline, lang, CLOCK, "duopress", "outline")
        brief(doc, theme, True)  # fonts read, caches warm
        pairs = [(brief(doc, theme, False), brief(doc, theme, True)) for _ in range(args.repeat)]  # alternated
        plain, tagged = median([p for p, _ in pairs]), median([t for _, t in pairs])
        _row(f"outline.{lang}.pdf", plain, tagged)
        deck = deck_layout(doc, theme)
        slides(doc, theme, deck, True)
        pairs = [(slides(doc, theme, deck, False), slides(doc, theme, deck, True)) for _ in range(args.repeat)]
        plain, tagged = median([p for p, _ in pairs]), median([t for _, t in pairs])
        _row(f"outline.{lang}.slides.pdf (deck laid out before)", plain, tagged)


def _row(name: str, plain: tuple[float, float], tagged: tuple[float, float]) -> None:
    base, drawn, tree = plain[0], tagged[0], tagged[1]
    cost = (drawn + tree - base) / base
    print(f"| {name} | {base * 1000:.0f} | {drawn * 1000:.0f} | {tree * 1000:.0f} | {cost:+.0%} |")


if __name__ == "__main__":
    main()
