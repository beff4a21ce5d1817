"""One build clock for every writer: SOURCE_DATE_EPOCH if set, else the outline's date (midnight UTC)."""

from __future__ import annotations

import datetime as _dt
import os

from ..errors import UsageError


def build_clock(outline_date: _dt.date, environ=os.environ) -> _dt.datetime:
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        try:
            return _dt.datetime.fromtimestamp(int(raw), _dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, got '{raw}'") from None
    return _dt.datetime.combine(outline_date, _dt.time(), _dt.UTC)
