"""Images in an outline: inside the project, real, and of a sane size — else a located error."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import pytest

from generator.api import check

FIXTURE = (Path(__file__).parent / "fixtures" / "errors" / "image-outside.yaml").read_text(encoding="utf-8")


def outline_with_image(folder: Path, image_path: str) -> Path:
    path = folder / "talk.yaml"
    path.write_text(FIXTURE.replace("../../etc/passwd", image_path), encoding="utf-8")
    return path


def png(width: int, height: int) -> bytes:
    """A minimal valid PNG header claiming ``width``×``height`` (a bomb needs no more than this)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = b"\x00" + b"\x00\x00\x00" * width if width * height < 100_000 else b""
    data = zlib.compress(row * height) if row else zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def codes(path: Path) -> list[tuple[str, str]]:
    return [(p.code, p.message) for p in check(path) if p.is_error]


def test_a_small_real_png_is_fine(tmp_path):
    (tmp_path / "pic.png").write_bytes(png(4, 3))
    assert codes(outline_with_image(tmp_path, "pic.png")) == []


@pytest.mark.parametrize("where", ["../outside.png", "/etc/passwd"])
def test_paths_leaving_the_project_are_refused(tmp_path, where):
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "outside.png").write_bytes(png(4, 3))
    assert codes(outline_with_image(project, where)) == [
        ("image.outside", f"'{where}' is outside the outline's folder")]


def test_a_symlink_out_of_the_project_is_refused(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "secret.png").write_bytes(png(4, 3))
    os.symlink(tmp_path / "secret.png", project / "pic.png")
    assert codes(outline_with_image(project, "pic.png"))[0][0] == "image.outside"


def test_missing_corrupt_and_enormous_images_are_located_errors(tmp_path):
    (tmp_path / "corrupt.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    (tmp_path / "bomb.png").write_bytes(png(50_000, 50_000))
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    assert codes(outline_with_image(tmp_path, "nowhere.png")) == [("image.missing", "no image file 'nowhere.png'")]
    assert codes(outline_with_image(tmp_path, "corrupt.png"))[0][0] == "image.invalid"
    assert codes(outline_with_image(tmp_path, "bomb.png")) == [
        ("image.invalid", "'bomb.png' claims more than 40 megapixels (a decompression bomb?)")]
    (tmp_path / "big.png").write_bytes(png(8_000, 6_000))
    assert codes(outline_with_image(tmp_path, "big.png")) == [
        ("image.invalid", "'big.png' is 8000×6000 pixels; the limit is 40 megapixels")]
    assert codes(outline_with_image(tmp_path, "notes.txt"))[0][0] == "image.invalid"
