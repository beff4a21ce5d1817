"""Balanced lines for a display heading: a title that wraps keeps the same number of lines but is set in
the narrowest width that holds it, so its last line is never one stranded word ("…국제정치적 / 함의")."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph


def balanced(markup: str, style: ParagraphStyle, width: float) -> Paragraph:
    """A paragraph of ``markup`` whose right indent narrows it as far as its line count allows."""
    lines = _line_count(markup, style, width)
    if lines < 2:
        return Paragraph(markup, style)
    low, high = width / lines, width  # the narrowest width that still holds the text in ``lines`` lines
    for _ in range(12):  # to within width / 4096: well under a point on any page
        middle = (low + high) / 2
        if _line_count(markup, style, middle) <= lines:
            high = middle
        else:
            low = middle
    return Paragraph(markup, style.clone(style.name + "-balanced", rightIndent=style.rightIndent + width - high))


def _line_count(markup: str, style: ParagraphStyle, width: float) -> int:
    para = Paragraph(markup, style)
    para.wrap(width, 10_000)
    return len(para.blPara.lines)
