"""Deterministic package bytes: python-pptx stamps zip entries (and embedded workbooks) with the current time."""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

from pptx.opc.serialized import PackageWriter, _PhysPkgWriter

ZipTime = tuple[int, int, int, int, int, int]  # what zipfile.ZipInfo(date_time=...) takes

_MIN_ZIP_TIME: ZipTime = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
_XLSX_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def zip_time(clock: dt.datetime) -> ZipTime:
    stamp = (clock.year, clock.month, clock.day, clock.hour, clock.minute, clock.second)
    return max(stamp, _MIN_ZIP_TIME)


@dataclass(frozen=True)
class Packed:
    """A zip member as an earlier build wrote it: what a reused slide's part gives as its blob."""

    crc: int
    deflated: bytes
    size: int


def save(package, clock: dt.datetime, written: dict[str, tuple[int, bytes, int]] | None = None) -> bytes:
    """The package's bytes, every entry deflated once, with the build clock's time and fixed attributes.

    python-pptx's own save deflates every part with the current time; re-zipping that inflated and
    deflated each part a second time (4 % of a cold build). Its ``PackageWriter`` is given our zip writer
    instead (python-pptx 1.0.x internals: ``_write_content_types_stream``, ``_write_pkg_rels``,
    ``_write_parts``, ``package._rels``; tests/test_dependencies.py). The entries, their order and their
    bytes are what the re-zip wrote.

    A part whose blob is ``Packed`` (a reused slide's) is copied as it was deflated; ``written`` receives
    every member as (CRC, deflated bytes, size), for the next build to reuse.

    Embedded chart workbooks (xlsxwriter) carry their creation time in docProps/core.xml; they are
    rewritten with the build clock too.
    """
    out = io.BytesIO()
    writer = PackageWriter(out, package._rels, tuple(package.iter_parts()))
    target = _StampedZip(out, clock, written)
    writer._write_content_types_stream(target)
    writer._write_pkg_rels(target)
    writer._write_parts(target)
    target.close()
    return out.getvalue()


class _StampedZip(_PhysPkgWriter):
    """python-pptx's physical package writer (``write(pack_uri, blob)``), stamping every entry.

    The zip is written here, not by ``zipfile``: a member deflated by an earlier build can then be
    written as it is. The bytes are those ``zipfile.ZipFile.writestr`` writes for the same entries
    (deflated at zlib's default level, no extra fields, MS-DOS attributes, no zip64: a deck is far below
    4 GB), checked by tests/test_slide_reuse.py against ``zipfile``.
    """

    def __init__(self, out: io.BytesIO, clock: dt.datetime, written: dict[str, tuple[int, bytes, int]] | None):
        self._out = out
        self._clock = clock
        self._dos_time, self._dos_date = _dos(zip_time(clock))
        self._written = written
        self._directory: list[bytes] = []

    def write(self, pack_uri, blob: bytes | Packed) -> None:
        name = pack_uri.membername
        if isinstance(blob, Packed):
            packed = blob
        else:
            if name.endswith(".xlsx"):
                blob = _fix_workbook_dates(blob, self._clock)
            packed = Packed(zlib.crc32(blob), _deflate(blob), len(blob))
        if self._written is not None:
            self._written[name] = (packed.crc, packed.deflated, packed.size)
        self.add(name, packed)

    def add(self, name: str, packed: Packed) -> None:
        encoded = name.encode("ascii")  # OPC part names are ASCII (percent-encoded otherwise)
        offset, deflated = self._out.tell(), packed.deflated
        if packed.size * 1.05 > _ZIP64_LIMIT or max(len(deflated), offset) > _ZIP64_LIMIT:
            raise ValueError(f"{name}: a deck of 2 GB or more cannot be written")
        # version needed, reserved, flags, method, time, date, CRC, sizes: the same in both headers
        common = (_VERSION, 0, 0, _DEFLATED, self._dos_time, self._dos_date, packed.crc, len(deflated), packed.size)
        self._out.write(struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", *common, len(encoded), 0))
        self._out.write(encoded)
        self._out.write(deflated)
        self._directory.append(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", _VERSION, _CREATED_ON_DOS, *common,
                                           len(encoded), 0, 0, 0, 0, _ATTRIBUTES, offset) + encoded)

    def close(self) -> None:
        start = self._out.tell()
        for entry in self._directory:
            self._out.write(entry)
        size = self._out.tell() - start
        count = len(self._directory)
        self._out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, size, start, 0))


_VERSION = 20  # "version needed to extract" and "made by": deflate (zipfile's DEFAULT_VERSION)
_CREATED_ON_DOS = 0  # the same bytes whichever OS builds the deck
_DEFLATED = 8
_ATTRIBUTES = 0o600 << 16  # what zipfile writes for a file entry: ?rw-------
_ZIP64_LIMIT = (1 << 31) - 1  # zipfile's: beyond it, zip64 records


def _deflate(data: bytes) -> bytes:
    """Raw deflate at zlib's default level, one call and a flush: zipfile.writestr's bytes."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def _dos(stamp: ZipTime) -> tuple[int, int]:
    year, month, day, hour, minute, second = stamp
    return hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day


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
