"""Deterministic package bytes: python-pptx stamps zip entries (and embedded workbooks) with the current time."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

ZipTime = tuple[int, int, int, int, int, int]  # what zipfile.ZipInfo(date_time=...) takes

_MIN_ZIP_TIME: ZipTime = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
_XLSX_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def zip_time(clock: dt.datetime) -> ZipTime:
    stamp = (clock.year, clock.month, clock.day, clock.hour, clock.minute, clock.second)
    return max(stamp, _MIN_ZIP_TIME)


def rezip(data: bytes, clock: dt.datetime) -> bytes:
    """The same entries in the same order, every one with the build clock's time and fixed attributes.

    Embedded chart workbooks (xlsxwriter) carry their creation time in docProps/core.xml; they are
    rewritten with the build clock too.
    """
    out = io.BytesIO()
    stamp = zip_time(clock)
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename.endswith(".xlsx"):
                payload = _fix_workbook_dates(payload, clock)
            target.writestr(_entry(info.filename, stamp), payload)
    return out.getvalue()


def _entry(name: str, stamp: ZipTime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0  # the same bytes whichever OS builds the deck
    info.external_attr = 0o600 << 16
    return info


def _fix_workbook_dates(xlsx: bytes, clock: dt.datetime) -> bytes:
    iso = clock.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                payload = _XLSX_DATES.sub(rb"\g<1>" + iso + rb"\g<2>", payload)
            target.writestr(_entry(info.filename, _MIN_ZIP_TIME), payload)
    return out.getvalue()
