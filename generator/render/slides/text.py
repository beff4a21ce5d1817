"""A deck's text frame on a reportlab canvas: the lines the deck's fitter measured, in the fonts of each script.

Lines are wrapped with ``render/pptx/measure.wrap`` at the frame's own sizes, so every line breaks where
the deck's fitter assumed it breaks; each line is then cut back into the deck's runs (size, weight,
colour) and each run into script chunks (NanumGothic for Hangul, Noto Sans otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ...localize.scripts import HANGUL, script_of
from ..pdf.fonts import Fonts
from ..pdf.tagging import ARTIFACT, Node, drawing
from ..pptx.slide_layout import Box, Paragraph, TextFrame, TextRun
from ..pptx.typeset.measure import Faces, wrap

DESCENT = 0.22  # of a single line: where the baseline sits above the line's bottom
SUPERSCRIPT = (0.65, 0.33)  # size and rise, as fractions of the run's size
# em where Hangul meets another script. The deck's fitter leaves room for the quarter em Office and
# LibreOffice add there; the PDF sets Korean as Korean print does, without it ("2024년", "LLM과", not
# LibreOffice's "2024 년"), so its lines are a little shorter than the room they were fitted in.
AUTOSPACE = 0.0


@dataclass(frozen=True)
class Pen:
    """What drawing text needs: the canvas, the page height (slide points, top-down) and the fonts."""

    canv: Canvas
    page_h: float
    fonts: Fonts
    faces: Faces


@dataclass(frozen=True)
class Line:
    paragraph: Paragraph
    pieces: tuple[tuple[TextRun, str], ...]  # the line's text, run by run
    size: float
    height: float
    before: float  # space above the line (the paragraph's space before, on its first line)
    first: bool


def draw_frame(pen: Pen, frame: TextFrame, box: Box, parent: Node | None = None, role: str = "P") -> None:
    """The frame's paragraphs inside ``box`` minus its insets, anchored top, middle or bottom; tagged as
    ``parent``'s children (see ``_nodes``) when it is given."""
    left, top, right, bottom = frame.insets
    width = box.w - left - right
    lines = [line for p in frame.paragraphs for line in _lines(pen, p, width)]
    total = sum(line.height + line.before for line in lines)
    inner = box.h - top - bottom
    y = box.y + top + {"t": 0.0, "ctr": (inner - total) / 2, "b": inner - total}.get(frame.anchor, 0.0)
    nodes = _nodes(frame, parent, role)
    # Consecutive lines of one node are one marked sequence (a list item's lines mark their bullet apart)
    for node, group in groupby(lines, key=lambda line: nodes[id(line.paragraph)]):
        shown = list(group)
        if node is not None and node.labelled:
            for line in shown:
                y = _place(pen, line, box.x + left, width, y, node)
            continue
        start = y

        def draw(shown=shown, start=start) -> None:
            at = start
            for line in shown:
                at = _place(pen, line, box.x + left, width, at, None)

        drawing(pen.canv, node, draw)
        y += sum(line.before + line.height for line in shown)


def _place(pen: Pen, line: Line, x: float, width: float, y: float, node: Node | None) -> float:
    """Draw ``line`` below ``y`` (the bottom of the line above); returns its own bottom."""
    y += line.before + line.height
    _draw_line(pen, line, x, width, y - DESCENT * pen.faces.line_height(line.size), node)
    return y


def _nodes(frame: TextFrame, parent: Node | None, role: str) -> dict[int, Node | None]:
    """Each paragraph's node: a heading ``role`` takes the whole frame; ``P`` makes a P per paragraph and a
    list item per bulleted one (consecutive ones in one L); no role puts the text in ``parent`` itself
    (a table cell), as does an artifact parent."""
    if parent is None or parent is ARTIFACT or not role:
        return {id(p): parent for p in frame.paragraphs}
    if role != "P":
        heading = parent.child(role)
        return {id(p): heading for p in frame.paragraphs}
    out: dict[int, Node | None] = {}
    items: Node | None = None
    for p in frame.paragraphs:
        if p.bullet:
            items = items or parent.child("L")
            out[id(p)] = Node("LI", items, labelled=True)
        else:
            items = None
            out[id(p)] = parent.child("P")
    return out


def _lines(pen: Pen, p: Paragraph, width: float) -> list[Line]:
    """The paragraph wrapped as the deck's fitter wrapped it (``frames.fit``: the inner width less 1 pt
    and the paragraph's margin). Space before is set in points, as PowerPoint and LibreOffice set
    ``a:spcPts`` (the fitter counts it more generously, in lines)."""
    runs = [r for r in p.runs if r.text]
    size = runs[0].size if runs else 12.0
    height = pen.faces.line_height(size) * p.spacing
    before = p.space_before
    bold = bool(runs) and all(r.bold for r in runs if r.text.strip())
    text = p.text
    room = width - 1 - p.margin
    wrapped = wrap(text, room, pen.faces, size, bold) if text.strip() else [""]
    spans = _at_hyphens(text, _spans(text, wrapped), lambda t: pen.faces.width(t, size, bold) <= room)
    return [Line(p, _pieces(runs, text, a, b), size, height, before if i == 0 else 0.0, i == 0)
            for i, (a, b) in enumerate(spans)]


def _at_hyphens(text: str, spans: list[tuple[int, int]], fits) -> list[tuple[int, int]]:
    """A word too wide for its line is cut between letters by the fitter ("Online-Dienst|e"); where the
    cut piece has a hyphen, cut after the hyphen instead, as PowerPoint does, if the next line still fits."""
    spans = list(spans)
    for i in range(len(spans) - 1):
        (a, b), (c, d) = spans[i], spans[i + 1]
        if b != c or b == 0 or text[b - 1].isspace() or text[b:b + 1].isspace():
            continue  # not a cut inside a word
        start = max(text.rfind(" ", a, b) + 1, a)
        hyphen = text.rfind("-", start, b - 1)
        if hyphen > start and fits(text[hyphen + 1:d]):
            spans[i], spans[i + 1] = (a, hyphen + 1), (hyphen + 1, d)
    return spans


def _spans(text: str, lines: list[str]) -> list[tuple[int, int]]:
    """Where each wrapped line lies in ``text`` (wrapping drops the spaces at line ends)."""
    spans, pos = [], 0
    for line in lines:
        while pos < len(text) and text[pos].isspace() and not text.startswith(line, pos):
            pos += 1
        start = pos
        if text.startswith(line, pos):
            pos += len(line)
        else:  # same characters, other spaces: count the visible ones
            visible = sum(1 for c in line if not c.isspace())
            while pos < len(text) and visible:
                visible -= not text[pos].isspace()
                pos += 1
        spans.append((start, pos))
    return spans


def _pieces(runs: list[TextRun], text: str, a: int, b: int) -> tuple[tuple[TextRun, str], ...]:
    out: list[tuple[TextRun, str]] = []
    offset = 0
    for run in runs:
        lo, hi = max(a, offset), min(b, offset + len(run.text))
        if lo < hi:
            out.append((run, text[lo:hi]))
        offset += len(run.text)
    return tuple(out)


def _chunks(pen: Pen, line: Line) -> list[tuple[TextRun, str, str, float]]:
    """(run, font name, text, size) for every script chunk of the line, spaces at its ends dropped."""
    out = []
    pieces = list(line.pieces)
    if pieces:  # the line's outer spaces are not drawn (PowerPoint hangs them past the margin)
        pieces[0] = (pieces[0][0], pieces[0][1].lstrip())
        pieces[-1] = (pieces[-1][0], pieces[-1][1].rstrip())
    for run, text in pieces:
        size = run.size * (SUPERSCRIPT[0] if run.superscript else 1.0)
        for family, chunk in pen.fonts.runs(text):
            name = family.bold if run.bold else (family.italic or family.name) if run.italic else family.name
            out.append((run, name, chunk, size))
    return out


def _gaps(chunks: list[tuple[TextRun, str, str, float]]) -> list[float]:
    """Autospace before each chunk: a quarter em where Hangul meets another script's letter or digit."""
    gaps, last = [], ""
    for _run, _font, text, size in chunks:
        touching = last and text and not last.isspace() and not text[0].isspace()
        gaps.append(AUTOSPACE * size if touching and (script_of(last) == HANGUL) != (script_of(text[0]) == HANGUL)
                    else 0.0)
        last = text[-1:] or last
    return gaps


def _draw_line(pen: Pen, line: Line, x0: float, width: float, baseline: float, node: Node | None = None) -> None:
    p = line.paragraph
    chunks = _chunks(pen, line)
    if not chunks:
        return
    gaps = _gaps(chunks)
    widths = [stringWidth(text, font, size) for _r, font, text, size in chunks]
    start = x0 + p.margin + (p.indent if line.first and not p.bullet else 0.0)
    used = sum(widths) + sum(gaps)
    room = x0 + width - start
    x = start + {"ctr": (room - used) / 2, "r": room - used}.get(p.align, 0.0)
    canv, y = pen.canv, pen.page_h - baseline
    item = node is not None and node.labelled
    if line.first and p.bullet:
        drawing(canv, node.part("Lbl") if item and node else node,
                lambda: _bullet(pen, p, chunks[0], x0 + p.margin + p.indent, y))

    def text() -> None:
        nonlocal x
        for (run, font, chunk, size), w, gap in zip(chunks, widths, gaps):
            x += gap
            canv.setFillColor(HexColor("#" + run.color))
            canv.setFont(font, size)
            canv.drawString(x, y + (run.size * SUPERSCRIPT[1] if run.superscript else 0.0), chunk)
            if run.href and chunk.strip():  # underlined and clickable, as a deck's link shows
                _link(canv, run, x, y, w, size)
            x += w

    drawing(canv, node.part("LBody") if item and node else node, text)


def _bullet(pen: Pen, p: Paragraph, first: tuple[TextRun, str, str, float], x: float, y: float) -> None:
    run, _font, _text, size = first
    family = pen.fonts.covering(p.bullet or "•")
    pen.canv.setFillColor(HexColor("#" + (p.bullet_color or run.color)))
    pen.canv.setFont(family.name, run.size)
    pen.canv.drawString(x, y, p.bullet or "•")


def _link(canv: Canvas, run: TextRun, x: float, y: float, w: float, size: float) -> None:
    canv.saveState()
    canv.setStrokeColor(HexColor("#" + run.color))
    canv.setLineWidth(max(0.5, size / 16))
    canv.line(x, y - size * 0.12, x + w, y - size * 0.12)
    canv.restoreState()
    canv.linkURL(run.href, (x, y - size * 0.25, x + w, y + size * 0.85), relative=1, thickness=0)
