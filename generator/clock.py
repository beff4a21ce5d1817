"""One build clock for every writer: SOURCE_DATE_EPOCH if set, else the outline's date (midnight UTC).

At the top of the package, not in pipeline/: the outline checks its dates against the years a zip entry can
carry, and the pipeline reads SOURCE_DATE_EPOCH before a no-op rebuild, which must import no parser."""

from __future__ import annotations

import datetime as _dt
import os
import re

from .errors import UsageError

ZIP_YEARS = (1980, 2107)  # a zip entry's time stamp (MS-DOS date) holds these years only

_FIRST = _dt.datetime(ZIP_YEARS[0], 1, 1, tzinfo=_dt.UTC)
_LAST = _dt.datetime(ZIP_YEARS[1], 12, 31, 23, 59, 59, tzinfo=_dt.UTC)


def build_clock(outline_date: _dt.date, environ=os.environ) -> _dt.datetime:
    return source_date_epoch(environ) or _dt.datetime.combine(outline_date, _dt.time(), _dt.UTC)


def source_date_epoch(environ=os.environ) -> _dt.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time, None when unset or empty (the reproducible-builds convention).

    The build calls this before it takes the lock or touches the output folder, so a bad value is a
    usage error up front, not a crash in the middle of writing a deck.
    """
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    seconds = int(raw) if re.fullmatch(r"[0-9]{1,12}", raw) else None  # 12 digits: no int() of 5,000 digits
    first, last = int(_FIRST.timestamp()), int(_LAST.timestamp())
    if seconds is None or not first <= seconds <= last:
        raise UsageError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, from {first} "
                         f"({_FIRST:%Y-%m-%d}) to {last} ({_LAST:%Y-%m-%d}), the years a zip entry can carry; "
                         f"got '{raw[:40]}'")
    return _dt.datetime.fromtimestamp(seconds, _dt.UTC)
