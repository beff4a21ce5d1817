"""One build clock for every writer: SOURCE_DATE_EPOCH if set, else the outline's date (midnight UTC)."""

from __future__ import annotations

import datetime as _dt
import os

from .errors import UsageError

# A deck is a zip, and a zip entry's time is an MS-DOS date: years 1980 to 2107, nothing else.
ZIP_YEARS = (1980, 2107)


def build_clock(outline_date: _dt.date, environ=os.environ) -> _dt.datetime:
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        try:
            return _dt.datetime.fromtimestamp(int(raw), _dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, got '{raw}'") from None
    return _dt.datetime.combine(outline_date, _dt.time(), _dt.timezone.utc)
