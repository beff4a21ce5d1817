"""A plain binary layout for the caches' data: None, booleans, numbers, text, bytes, lists, tuples, dicts.

Why not ``marshal``: CPython documents it as unsafe for data it did not write, and it is: a 10-byte file
made of a self-referencing tuple crashes the interpreter, a length header claiming 200 M items allocates
gigabytes. This reader knows eleven tags, checks every length against the bytes that remain before it
allocates, stops at a fixed depth, and takes time linear in its input; anything else is ``PlainError``.

Runs of numbers (a font's 20,000 advance widths, its character → glyph table) are stored as packed
8-byte arrays and read back by ``array`` in C, so loading a parsed Hangul font stays several times
cheaper than parsing it. ``tests/test_plain.py`` round-trips generated values and feeds it random bytes.
"""

from __future__ import annotations

import struct
import sys
from array import array
from typing import Any

MAX_DEPTH = 48  # containers inside containers: the deepest value duopress stores is 6 deep
_INT64 = (-(1 << 63), (1 << 63) - 1)
_SWAP = sys.byteorder != "little"  # arrays are stored little-endian


class PlainError(ValueError):
    """Bytes that are not a value this layout can hold (damaged, truncated, forged or too deep)."""


# -- writing ----------------------------------------------------------------------------------------


def encode(value: Any) -> bytes:
    """``value`` as bytes; TypeError for anything but the types above (a bug in the caller)."""
    out: list[bytes] = []
    _put(value, out, 0)
    return b"".join(out)


def _put(value: Any, out: list[bytes], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise TypeError("value nested too deeply for the cache")
    kind = type(value)
    if value is None:
        out.append(b"N")
    elif kind is bool:
        out.append(b"T" if value else b"F")
    elif kind is int:
        out.append(b"i" + struct.pack("<q", value) if _INT64[0] <= value <= _INT64[1] else _big(value))
    elif kind is float:
        out.append(b"f" + struct.pack("<d", value))
    elif kind is str:
        _sized(b"s", value.encode("utf-8", "surrogatepass"), out)
    elif kind is bytes:
        _sized(b"b", value, out)
    elif kind is list or kind is tuple:
        _sequence(value, out, depth)
    elif kind is dict:
        _mapping(value, out, depth)
    else:
        raise TypeError(f"the cache cannot hold a {kind.__name__}")


def _big(value: int) -> bytes:
    text = str(value).encode()
    if len(text) > 40:
        raise TypeError("an integer too large for the cache")
    return b"I" + bytes([len(text)]) + text


def _sized(tag: bytes, data: bytes, out: list[bytes]) -> None:
    out.append(tag + struct.pack("<I", len(data)))
    out.append(data)


def _ints(values) -> bool:
    return all(type(v) is int and _INT64[0] <= v <= _INT64[1] for v in values)


def _packed(values, code: str) -> bytes:
    packed = array(code, values)
    if _SWAP:
        packed.byteswap()
    return packed.tobytes()


def _sequence(value: list | tuple, out: list[bytes], depth: int) -> None:
    count = struct.pack("<I", len(value))
    if type(value) is list and len(value) >= 4 and _ints(value):
        out.append(b"q" + count + _packed(value, "q"))
        return
    width = len(value[0]) if type(value) is list and value and type(value[0]) is tuple else 0
    if len(value) >= 4 and 0 < width < 256 and all(type(v) is tuple and len(v) == width and _ints(v)
                                                   for v in value):
        out.append(b"Z" + count + bytes([width]) + _packed([n for v in value for n in v], "q"))
        return
    out.append((b"l" if type(value) is list else b"t") + count)
    for item in value:
        _put(item, out, depth + 1)


def _mapping(value: dict, out: list[bytes], depth: int) -> None:
    count = struct.pack("<I", len(value))
    keys, values = list(value), list(value.values())
    if len(value) >= 4 and _ints(keys):
        if _ints(values):
            out.append(b"D" + count + _packed(keys, "q") + _packed(values, "q"))
            return
        if all(type(v) is float for v in values):
            out.append(b"E" + count + _packed(keys, "q") + _packed(values, "d"))
            return
        if all(type(v) is list and _ints(v) for v in values):
            flat = [n for v in values for n in v]
            out.append(b"G" + count + _packed(keys, "q") + _packed([len(v) for v in values], "q")
                       + struct.pack("<I", len(flat)) + _packed(flat, "q"))
            return
    if len(value) >= 4 and all(type(k) is str and len(k) == 1 for k in keys) and _ints(values):
        text = "".join(keys).encode("utf-8", "surrogatepass")
        out.append(b"C" + count + struct.pack("<I", len(text)) + text + _packed(values, "q"))
        return
    out.append(b"d" + count)
    for key, item in value.items():
        _put(key, out, depth + 1)
        _put(item, out, depth + 1)


# -- reading ----------------------------------------------------------------------------------------


def decode(data: bytes) -> Any:
    """The value ``data`` holds; ``PlainError`` if it is anything but one whole value."""
    reader = _Reader(memoryview(data))
    value = reader.value(0)
    if reader.at != len(data):
        raise PlainError(f"{len(data) - reader.at} bytes after the value")
    return value


class _Reader:
    def __init__(self, data: memoryview):
        self.data, self.at = data, 0

    def take(self, size: int) -> memoryview:
        if size < 0 or size > len(self.data) - self.at:
            raise PlainError(f"a length of {size} at byte {self.at} runs past the end")
        piece = self.data[self.at:self.at + size]
        self.at += size
        return piece

    def count(self, item_size: int = 1) -> int:
        """A length header, refused when its items could not fit in what remains (no allocation first)."""
        (count,) = struct.unpack("<I", self.take(4))
        if count * item_size > len(self.data) - self.at:
            raise PlainError(f"a count of {count} at byte {self.at} is more than the bytes left")
        return count

    def array(self, code: str, count: int) -> list:
        packed = array(code)
        packed.frombytes(self.take(8 * count))
        if _SWAP:
            packed.byteswap()
        return packed.tolist()

    def text(self, size: int) -> str:
        try:
            return str(self.take(size), "utf-8", "surrogatepass")
        except UnicodeDecodeError as error:
            raise PlainError(f"text that is not UTF-8 at byte {self.at}") from error

    def value(self, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise PlainError(f"values nested more than {MAX_DEPTH} deep")
        tag = bytes(self.take(1))
        simple = _SIMPLE.get(tag)
        if simple is not None:
            return simple(self)
        if tag in b"ltd":
            return self.container(tag, depth)
        return self.packed(tag)

    def container(self, tag: bytes, depth: int) -> Any:
        count = self.count(2 if tag == b"d" else 1)
        if tag == b"d":
            found = {}
            for _ in range(count):
                key = self.value(depth + 1)
                try:
                    found[key] = self.value(depth + 1)
                except TypeError as error:  # a list or dict as a key: not hashable
                    raise PlainError(f"a key that cannot be a key at byte {self.at}") from error
            return found
        items = [self.value(depth + 1) for _ in range(count)]
        return items if tag == b"l" else tuple(items)

    def packed(self, tag: bytes) -> Any:
        if tag == b"q":
            return self.array("q", self.count(8))
        if tag == b"Z":
            count = self.count(8)
            width = self.take(1)[0]
            if width == 0 or count * width * 8 > len(self.data) - self.at:
                raise PlainError(f"a table of {count}×{width} at byte {self.at} is more than the bytes left")
            flat = iter(self.array("q", count * width))
            return list(zip(*[flat] * width, strict=False))
        if tag in (b"D", b"E"):
            count = self.count(16)
            keys = self.array("q", count)
            return dict(zip(keys, self.array("q" if tag == b"D" else "d", count), strict=True))
        if tag == b"G":
            return self.grouped()
        if tag == b"C":
            count = self.count(8)
            characters = self.text(self.count())
            if len(characters) != count:
                raise PlainError(f"{len(characters)} characters for {count} keys at byte {self.at}")
            return dict(zip(characters, self.array("q", count), strict=True))
        raise PlainError(f"unknown tag {tag!r} at byte {self.at - 1}")

    def grouped(self) -> dict:
        count = self.count(16)
        keys, lengths = self.array("q", count), self.array("q", count)
        flat = self.array("q", self.count(8))
        if any(n < 0 for n in lengths) or sum(lengths) != len(flat):
            raise PlainError(f"group lengths that do not add up at byte {self.at}")
        found, start = {}, 0
        for key, length in zip(keys, lengths, strict=True):
            found[key] = flat[start:start + length]
            start += length
        return found


def _int(reader: _Reader) -> int:
    return struct.unpack("<q", reader.take(8))[0]


def _big_int(reader: _Reader) -> int:
    text = bytes(reader.take(reader.take(1)[0]))
    if not 0 < len(text) <= 40 or not text.lstrip(b"-").isdigit():
        raise PlainError(f"a malformed integer at byte {reader.at}")
    return int(text)


_SIMPLE = {
    b"N": lambda r: None,
    b"T": lambda r: True,
    b"F": lambda r: False,
    b"i": _int,
    b"I": _big_int,
    b"f": lambda r: struct.unpack("<d", r.take(8))[0],
    b"s": lambda r: r.text(r.count()),
    b"b": lambda r: bytes(r.take(r.count())),
}
