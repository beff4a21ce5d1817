"""A display heading without a runt: when a wrapped title's last line would hold a word or two alone
("…국제정치적 / 함의"), the title is set a little narrower, keeping its number of lines, until the last line
carries a fair share of it. A title that already ends on a full enough line is left as it is."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle

from .paragraph import Paragraph

MIN_LAST_LINE = 0.3  # of the width: a shorter last line reads as a stranded word
STEP = 0.02  # narrow by 2 % of the width at a time
NARROWEST = 0.6  # never below this share of the width: a title squeezed further reads as a column


def without_runt(markup: str, style: ParagraphStyle, width: float) -> Paragraph:
    """A paragraph of ``markup`` whose right indent keeps its last line from standing nearly empty."""
    lines, last = _lines(markup, style, width)
    if lines < 2 or last >= MIN_LAST_LINE * width:
        return Paragraph(markup, style)
    trial = width
    while trial > width * NARROWEST:
        trial -= width * STEP
        count, last = _lines(markup, style, trial)
        if count != lines:
            break  # narrower would add a line: keep the full width
        if last >= MIN_LAST_LINE * trial:
            indent = style.rightIndent + width - trial
            return Paragraph(markup, style.clone(style.name + "-no-runt", rightIndent=indent))
    return Paragraph(markup, style)


def _lines(markup: str, style: ParagraphStyle, width: float) -> tuple[int, float]:
    """How many lines ``markup`` takes at ``width``, and how wide its last line is."""
    para = Paragraph(markup, style)
    para.wrap(width, 10_000)
    lines = para.blPara.lines
    last = lines[-1]
    extra = last.extraSpace if hasattr(last, "extraSpace") else last[0]
    return len(lines), width - extra
