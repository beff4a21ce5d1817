"""reportlab's ``Paragraph``, remembering its lines per width: the brief's paragraphs are all of this class.

platypus asks a paragraph for its size more than once at the same width: a frame wraps it to place it
after ``KeepTogether``, a table, the heading keeper or the note frame wrapped it to measure (the essay's
briefs: 45 % of 4,000 wraps repeated one; the stress fixture's, two thirds). reportlab breaks the lines
again every time. A paragraph's lines depend only on its fragments, its style and the width (the
available height is not read), none of which changes after it is made, so the result of the last wrap
at a width is reused: the same bytes, less time per brief.

A subclass, not a replacement of ``Paragraph.wrap``: every other paragraph in the process (a host
application's, reportlab's own) wraps as reportlab wrote it. ``split`` makes its halves with
``self.__class__``, so they remember too.
"""

from __future__ import annotations

from reportlab.platypus.paragraph import _FUZZ
from reportlab.platypus.paragraph import Paragraph as _Paragraph


class Paragraph(_Paragraph):
    """A platypus paragraph whose last wrap (width → size and lines) is kept for the next at that width."""

    _duopress_wrapped: tuple | None = None

    def wrap(self, availWidth, availHeight):
        kept = self._duopress_wrapped
        if kept is not None and kept[0] == availWidth:
            self.width, self.height, self.blPara, self._wrapWidths = kept[1:]
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if availWidth >= _FUZZ:  # below it reportlab answers "cannot fit" and sets nothing
            self._duopress_wrapped = (availWidth, self.width, self.height, self.blPara, self._wrapWidths)
        return size
