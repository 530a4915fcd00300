"""Photographs are kept without their metadata (referrals/files/image_metadata.py), pixels untouched."""

import io
import struct
import tracemalloc

import pytest
from PIL import Image, PngImagePlugin

from referrals.files import UploadRejected
from referrals.files.image_metadata import strip_image_metadata
from tests.referrals.files import builders

SENTINELS = (b"Quixwright", b"Zebulon", b"52.1601", b"Sentinel-XMP", b"Sentinel-comment", b"SN-7741")


def _gps_exif(orientation=6):
    exif = builders.exif_with_orientation_and_gps(orientation=orientation)
    exif[0xA431] = "SN-7741"  # BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps[2] = (52.0, 9.0, 36.36)  # GPSLatitude
    gps[1] = "N"
    exif[0x0132] = "2026:11:30 09:14:00"  # DateTime
    return exif


def _insert_segments(jpeg, *segments):
    """Add APPn/COM segments right after SOI, as cameras and editors write them."""
    extra = b"".join(b"\xff" + bytes([marker]) + struct.pack(">H", len(body) + 2) + body for marker, body in segments)
    return jpeg[:2] + extra + jpeg[2:]


def _pixels(path):
    with Image.open(path) as image:
        return image.convert("RGB").tobytes()


def _noisy(size):
    return Image.frombytes("RGB", size, bytes((i * 7919) % 251 for i in range(size[0] * size[1] * 3)))


@pytest.mark.parametrize("progressive", [False, True])
def test_a_jpeg_loses_exif_gps_xmp_and_comments_but_keeps_pixels_and_orientation(tmp_path, progressive):
    buffer = io.BytesIO()
    _noisy((120, 80)).save(buffer, "JPEG", exif=_gps_exif(), progressive=progressive, quality=90)
    data = _insert_segments(
        buffer.getvalue(),
        (0xE1, b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>Sentinel-XMP</x:xmpmeta>"),
        (0xED, b"Photoshop 3.0\x00Quixwright IPTC"),
        (0xFE, b"Sentinel-comment"),
    )
    source = builders.write(tmp_path / "in.jpg", data + b"trailing Zebulon data")
    target = tmp_path / "out.jpg"
    removed = strip_image_metadata("jpeg", source, target)
    kept = target.read_bytes()
    assert removed == 4  # Pillow's EXIF, the XMP, the IPTC block and the comment
    for sentinel in SENTINELS:
        assert sentinel not in kept, sentinel
    assert kept.endswith(b"\xff\xd9")
    assert _pixels(target) == _pixels(source)  # the image data was copied, not re-encoded
    with Image.open(target) as image:
        exif = image.getexif()
        assert dict(exif) == {0x0112: 6}  # only the orientation, so the photo stays upright
        assert not exif.get_ifd(0x8825)


def test_an_upright_jpeg_keeps_no_exif_at_all(tmp_path):
    source = builders.write(tmp_path / "in.jpg", builders.image_bytes("JPEG", exif=_gps_exif(orientation=1)))
    target = tmp_path / "out.jpg"
    strip_image_metadata("jpeg", source, target)
    assert b"Exif\x00\x00" not in target.read_bytes()
    assert _pixels(target) == _pixels(source)


def test_a_jpeg_keeps_its_colour_profile(tmp_path):
    buffer = io.BytesIO()
    profile = b"\x00" * 128 + b"acsp" + b"\x00" * 200  # an ICC blob: kept as it is, whatever it says
    _noisy((40, 30)).save(buffer, "JPEG", icc_profile=profile)
    source = builders.write(tmp_path / "in.jpg", buffer.getvalue())
    target = tmp_path / "out.jpg"
    assert strip_image_metadata("jpeg", source, target) == 0
    with Image.open(target) as image:
        assert image.info.get("icc_profile") == profile


def test_a_png_loses_text_exif_and_time_chunks(tmp_path):
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Quixwright")
    info.add_text("Comment", "Zebulon " * 200, zip=True)  # zTXt
    info.add_itxt("Description", "Sentinel-XMP", lang="en")
    buffer = io.BytesIO()
    _noisy((90, 60)).save(buffer, "PNG", pnginfo=info, exif=_gps_exif())
    data = buffer.getvalue()
    iend = data.rindex(b"IEND") - 4
    time_chunk = struct.pack(">I", 7) + b"tIME" + b"\x07\xea\x0b\x1e\x09\x0e\x00" + b"\x00" * 4
    source = builders.write(tmp_path / "in.png", data[:iend] + time_chunk + data[iend:])
    target = tmp_path / "out.png"
    assert strip_image_metadata("png", source, target) == 5  # tEXt, zTXt, iTXt, eXIf, tIME
    kept = target.read_bytes()
    for sentinel in (*SENTINELS, b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"):
        assert sentinel not in kept, sentinel
    assert _pixels(target) == _pixels(source)


@pytest.mark.parametrize(("kind", "cut"), [("jpeg", 0.5), ("jpeg", 0.02), ("png", 0.5)])
def test_a_truncated_image_is_refused_and_nothing_is_left(tmp_path, kind, cut):
    buffer = io.BytesIO()
    _noisy((64, 64)).save(buffer, "JPEG" if kind == "jpeg" else "PNG")
    data = buffer.getvalue()
    source = builders.write(tmp_path / "in", data[: int(len(data) * cut)])
    target = tmp_path / "out"
    with pytest.raises(UploadRejected) as refused:
        strip_image_metadata(kind, source, target)
    assert refused.value.code == "image_unreadable"
    assert not target.exists()


def test_a_large_jpeg_is_stripped_in_constant_memory(tmp_path):
    buffer = io.BytesIO()
    _noisy((3000, 2000)).save(buffer, "JPEG", quality=100, exif=_gps_exif())
    source = builders.write(tmp_path / "in.jpg", buffer.getvalue())
    del buffer
    assert source.stat().st_size > 8 * 1024 * 1024
    tracemalloc.start()
    try:
        strip_image_metadata("jpeg", source, tmp_path / "out.jpg")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024  # a few 1 MiB pieces, never the whole file
    assert (tmp_path / "out.jpg").stat().st_size > 8 * 1024 * 1024
