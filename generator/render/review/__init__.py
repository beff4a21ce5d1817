"""The review artifact: every text of an outline side by side, one column per language, problems marked.

``rows`` groups the texts item by item and attaches each problem to the text (and language) it is
about; ``pdf`` lays the groups out as an A4 landscape PDF with reportlab. What a translator or an
approver reads and signs off.
"""

from __future__ import annotations

from .pdf import render_review
from .rows import Group, Row, review_groups

__all__ = ["Group", "Row", "render_review", "review_groups"]
