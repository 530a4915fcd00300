"""Preview PNGs for uploaded JPEG and PNG images (and the shared PNG writer for DICOM previews).

The original upload is kept as it is; the preview is a new, small PNG (at
most 1024 px on the long side) that carries no metadata at all: no EXIF, no
text chunks, no ICC profile. EXIF orientation is applied first, so the preview
is the right way up even though the tag itself is dropped.

Memory stays bounded: a JPEG is decoded at reduced scale (``draft``, which
libjpeg does while decoding), and a PNG whose full decode would exceed
:data:`MAX_DECODED_BYTES` gets no preview rather than a large allocation.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

MAX_SIDE = 1024
MAX_DECODED_BYTES = 64 * 1024 * 1024

_BANDS = {"1": 1, "L": 1, "P": 1, "LA": 2, "PA": 2, "I;16": 2, "I": 4, "F": 4, "RGB": 3, "RGBA": 4, "CMYK": 4}


def save_preview(image: Image.Image, out_path) -> Path:
    """Shrink to MAX_SIDE, flatten to L or RGB and save as a metadata-free PNG; return the path."""
    image = _flatten(image)
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    # A fresh image holds only pixels, so nothing from the source's info
    # (EXIF, comments, ICC profile, text chunks) can reach the PNG writer.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    out_path = Path(out_path)
    with out_path.open("xb") as fp:
        clean.save(fp, format="PNG", optimize=False)
    return out_path


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode in ("L", "RGB"):
        return image
    if image.mode == "1":
        return image.convert("L")
    if image.mode.startswith(("I", "F")):
        # 16-bit and float greyscale: stretch to 8 bits rather than clip at 255.
        values = np.asarray(image, dtype=np.float32)
        low, high = float(values.min()), float(values.max())
        scaled = (values - low) * (255.0 / (high - low)) if high > low else np.zeros_like(values)
        return Image.fromarray(scaled.astype(np.uint8), "L")
    if image.mode == "P":
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA"):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")


def image_dimensions(path) -> tuple[int, int]:
    """(width, height) as displayed, i.e. after EXIF orientation."""
    with Image.open(path) as image:
        width, height = image.size
        orientation = image.getexif().get(0x0112, 1)
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def make_image_preview(path, out_path) -> Path | None:
    """A preview PNG for a JPEG or PNG that has already passed validation, or None."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=["JPEG", "PNG"]) as image:
                if image.format in ("JPEG", "MPO"):
                    # Decode at the smallest DCT scale that still gives >= MAX_SIDE px.
                    image.draft(image.mode if image.mode in ("L", "RGB") else None, (MAX_SIDE, MAX_SIDE))
                elif image.width * image.height * _BANDS.get(image.mode, 4) > MAX_DECODED_BYTES:
                    return None
                image.load()
                oriented = ImageOps.exif_transpose(image)
                return save_preview(oriented, out_path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning, OSError, ValueError, SyntaxError) as exc:
        logger.info("No image preview: %s", type(exc).__name__)
        return None
