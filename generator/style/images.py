"""The limits every image duopress draws obeys (a figure's, a theme's logo): size, pixels, format, and
data that decodes — checked before any renderer opens it."""

from __future__ import annotations

import warnings
from pathlib import Path

MAX_IMAGE_BYTES = 30 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # a 40-megapixel photo is plenty for a slide; more is a decompression bomb
IMAGE_FORMATS = ("PNG", "JPEG", "GIF")
# A logo is drawn at most 16 mm × 40 mm: 4 megapixels is several times what print needs, and keeps a brief
# from decoding a 12,000² image (1.6 GB) on every page
MAX_LOGO_PIXELS = 4_000_000


def logo_trouble(path: Path) -> str | None:
    """Why a theme's logo cannot be drawn, or None: the image limits, PNG or JPEG, at most MAX_LOGO_PIXELS."""
    trouble = image_trouble(path)
    if trouble is not None:
        return trouble
    from PIL import Image

    with Image.open(path) as image:
        width, height = image.size
        if image.format not in ("PNG", "JPEG"):
            return f"is {image.format}; a logo is a PNG or JPEG image"
    if width * height > MAX_LOGO_PIXELS:
        return (f"is {width}×{height} pixels; a logo may have {MAX_LOGO_PIXELS // 1_000_000} megapixels "
                "(it is drawn at most 40 mm wide)")
    return None


def image_trouble(path: Path) -> str | None:
    """Why an image cannot go into a deck or a brief, or None. Reads the header, then verifies the data."""
    from PIL import Image, UnidentifiedImageError

    try:
        if path.stat().st_size > MAX_IMAGE_BYTES:
            return f"is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB"
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _open_and_verify(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"claims more than {MAX_IMAGE_PIXELS // 1_000_000} megapixels (a decompression bomb?)"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        return f"is not a readable image ({exc.__class__.__name__})"


def _open_and_verify(path: Path) -> str | None:
    from PIL import Image

    with Image.open(path) as image:  # lazy: decodes the header only
        if image.format not in IMAGE_FORMATS:
            return f"is {image.format}; use PNG, JPEG or GIF"
        width, height = image.size
        if width * height > MAX_IMAGE_PIXELS:
            return f"is {width}×{height} pixels; the limit is {MAX_IMAGE_PIXELS // 1_000_000} megapixels"
        image.verify()
    return None
