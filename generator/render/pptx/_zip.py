"""Deterministic package bytes: python-pptx stamps zip entries (and embedded workbooks) with the current time."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from pptx.opc.serialized import PackageWriter, _PhysPkgWriter

ZipTime = tuple[int, int, int, int, int, int]  # what zipfile.ZipInfo(date_time=...) takes

_MIN_ZIP_TIME: ZipTime = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
_XLSX_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def zip_time(clock: dt.datetime) -> ZipTime:
    stamp = (clock.year, clock.month, clock.day, clock.hour, clock.minute, clock.second)
    return max(stamp, _MIN_ZIP_TIME)


def save(package, clock: dt.datetime) -> bytes:
    """The package's bytes, every entry deflated once, with the build clock's time and fixed attributes.

    python-pptx's own save deflates every part with the current time; re-zipping that inflated and
    deflated each part a second time (4 % of a cold build). Its ``PackageWriter`` is given our zip writer
    instead (python-pptx 1.0.x internals: ``_write_content_types_stream``, ``_write_pkg_rels``,
    ``_write_parts``, ``package._rels``; tests/test_dependencies.py). The entries, their order and their
    bytes are what the re-zip wrote.

    Embedded chart workbooks (xlsxwriter) carry their creation time in docProps/core.xml; they are
    rewritten with the build clock too.
    """
    out = io.BytesIO()
    writer = PackageWriter(out, package._rels, tuple(package.iter_parts()))
    with _StampedZip(out, clock) as target:
        writer._write_content_types_stream(target)
        writer._write_pkg_rels(target)
        writer._write_parts(target)
    return out.getvalue()


class _StampedZip(_PhysPkgWriter):
    """python-pptx's physical package writer (``write(pack_uri, blob)``), stamping every entry."""

    def __init__(self, out: io.BytesIO, clock: dt.datetime):
        self._zip = zipfile.ZipFile(out, "w")
        self._clock = clock
        self._stamp = zip_time(clock)

    def __enter__(self) -> _StampedZip:
        return self

    def __exit__(self, *exc) -> None:
        self._zip.close()

    def write(self, pack_uri, blob: bytes) -> None:
        name = pack_uri.membername
        if name.endswith(".xlsx"):
            blob = _fix_workbook_dates(blob, self._clock)
        self._zip.writestr(_entry(name, self._stamp), blob)


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
