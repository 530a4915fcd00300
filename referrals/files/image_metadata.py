"""Remove what a photograph carries besides its pixels before it is kept (the JPEG and PNG counterpart of DICOM
de-identification).

Phones and cameras embed the place a picture was taken (GPS), the time, the device's serial
number, the owner's or photographer's name, and editing history (EXIF, XMP, IPTC, comments;
PNG text chunks). Any of it may identify the patient or where they live, so none of it is kept.
The image data itself is copied byte for byte: nothing is decoded or re-compressed, so the
photograph loses no quality, and the copy is written in constant memory whatever its size.

Kept: what draws the picture correctly — JFIF, the colour profile (ICC), Adobe's colour
transform segment, every coding segment — and the EXIF orientation, rewritten as an EXIF
block that holds nothing else, so a phone's portrait photograph stays upright.
"""

from __future__ import annotations

import struct
from pathlib import Path

from django.utils.translation import gettext
from PIL import Image

from .detect import CHUNK_SIZE, UploadRejected

ORIENTATION_TAG = 0x0112

# --- JPEG -----------------------------------------------------------------------------------

SOI, EOI, SOS = 0xD8, 0xD9, 0xDA
APP0, APP1, APP2, APP14, COM = 0xE0, 0xE1, 0xE2, 0xEE, 0xFE
# Markers that stand alone, without a length: RST0–RST7 and TEM.
_STANDALONE = {*range(0xD0, 0xD8), 0x01}


class _Truncated(Exception):
    pass


class _Reader:
    """Buffered reads from a file: exact lengths for segments, and the rest in pieces."""

    def __init__(self, handle):
        self.handle = handle
        self.buffer = b""

    def fill(self, size):
        while len(self.buffer) < size:
            chunk = self.handle.read(CHUNK_SIZE)
            if not chunk:
                return False
            self.buffer += chunk
        return True

    def take(self, size):
        if not self.fill(size):
            raise _Truncated
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data


def _keep_jpeg_segment(marker, payload):
    if marker == APP0:
        return payload.startswith(b"JFIF\x00")  # JFXX carries a thumbnail: not needed
    if marker == APP2:
        return payload.startswith(b"ICC_PROFILE\x00")
    if marker == APP14:
        return payload.startswith(b"Adobe")
    # Every other application segment (EXIF, XMP, IPTC/Photoshop, maker notes, MPF) and comments go.
    return not (0xE0 <= marker <= 0xEF or marker == COM)


def _orientation_segment(orientation):
    exif = Image.Exif()
    exif[ORIENTATION_TAG] = orientation
    payload = exif.tobytes()  # b"Exif\0\0" and a TIFF block with the one tag
    return b"\xff" + bytes([APP1]) + struct.pack(">H", len(payload) + 2) + payload


def _copy_entropy_coded(reader, out):
    """Copy scan data up to the next marker; leave that marker in the reader's buffer."""
    while True:
        if not reader.fill(2):
            raise _Truncated
        buffer = reader.buffer
        position = buffer.find(b"\xff")
        while position != -1 and position + 1 < len(buffer):
            following = buffer[position + 1]
            if following != 0x00 and following not in range(0xD0, 0xD8):
                out.write(buffer[:position])
                reader.buffer = buffer[position:]
                return
            position = buffer.find(b"\xff", position + 2)
        # No marker in what is buffered: write all of it but a trailing 0xFF, whose next byte is unread.
        keep = 1 if buffer.endswith(b"\xff") else 0
        out.write(buffer[: len(buffer) - keep])
        reader.buffer = buffer[len(buffer) - keep :]
        chunk = reader.handle.read(CHUNK_SIZE)
        if not chunk:
            raise _Truncated
        reader.buffer += chunk


def strip_jpeg(source: Path, target: Path, *, orientation: int = 1) -> int:
    """Write ``source`` to ``target`` without its metadata; return how many segments were removed."""
    removed = 0
    with source.open("rb") as handle, target.open("xb") as out:
        reader = _Reader(handle)
        if reader.take(2) != b"\xff\xd8":
            raise _Truncated
        out.write(b"\xff\xd8")
        wrote_orientation = orientation == 1
        while True:
            if reader.take(1) != b"\xff":
                raise _Truncated
            marker = reader.take(1)[0]
            while marker == 0xFF:  # fill bytes before a marker
                marker = reader.take(1)[0]
            if marker == EOI:
                out.write(b"\xff\xd9")
                break  # anything after the end of the image (trailers, appended files) is dropped
            if marker in _STANDALONE:
                out.write(bytes([0xFF, marker]))
                continue
            (length,) = struct.unpack(">H", reader.take(2))
            if length < 2:
                raise _Truncated
            payload = reader.take(length - 2)
            if not wrote_orientation and not (marker == APP0 and payload.startswith(b"JFIF\x00")):
                # Right after JFIF (which must come first), before anything else.
                out.write(_orientation_segment(orientation))
                wrote_orientation = True
            if _keep_jpeg_segment(marker, payload):
                out.write(bytes([0xFF, marker]) + struct.pack(">H", length) + payload)
            else:
                removed += 1
            if marker == SOS:
                _copy_entropy_coded(reader, out)
    return removed


# --- PNG ------------------------------------------------------------------------------------

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Text (tEXt, zTXt, iTXt: authors, descriptions, software, XMP), EXIF and the last-modified time.
PNG_DROPPED_CHUNKS = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}


def strip_png(source: Path, target: Path) -> int:
    removed = 0
    with source.open("rb") as handle, target.open("xb") as out:
        reader = _Reader(handle)
        if reader.take(8) != PNG_SIGNATURE:
            raise _Truncated
        out.write(PNG_SIGNATURE)
        while True:
            header = reader.take(8)
            (length,) = struct.unpack(">I", header[:4])
            kind = header[4:]
            keep = kind not in PNG_DROPPED_CHUNKS
            if keep:
                out.write(header)
            remaining = length + 4  # data and CRC, copied in pieces (IDAT chunks can be large)
            while remaining:
                piece = reader.take(min(remaining, CHUNK_SIZE))
                if keep:
                    out.write(piece)
                remaining -= len(piece)
            removed += not keep
            if kind == b"IEND":
                break  # nothing after the end is kept
    return removed


def strip_image_metadata(kind: str, source: Path, target: Path) -> int:
    """The de-identified copy of a JPEG or PNG that passed validation; the number of parts removed."""
    try:
        if kind == "jpeg":
            with Image.open(source) as image:
                orientation = image.getexif().get(ORIENTATION_TAG, 1)
            return strip_jpeg(source, target, orientation=orientation if orientation in range(1, 9) else 1)
        return strip_png(source, target)
    except (_Truncated, struct.error, OSError, SyntaxError) as exc:
        target.unlink(missing_ok=True)
        raise UploadRejected(
            gettext("This image could not be read to the end, so it was not accepted. Export it again and retry."),
            code="image_unreadable",
        ) from exc
