"""DICOM validation, PS3.15 de-identification and previews, in constant memory.

How a file is handled
---------------------
A small structural walker (:class:`_Walker`) reads the file once, forwards
only. It keeps the *header* (preamble, file meta and every top-level element
before the pixel data) in memory, capped at :data:`MAX_HEADER_BYTES`, and
walks the pixel data and anything after it without keeping it. The walker,
not pydicom, decides where the pixel data starts and whether the file is
complete: every declared length must fit in the file and every
undefined-length sequence or encapsulated pixel data must end with its
delimiter. The same walker works on a file on disk (skipping by seeking) and on
a zip member stream (skipping by reading), so a zipped study is validated and
de-identified member by member without unpacking it to disk.

pydicom parses only the header bytes. (pydicom's own
``dcmread(fp, stop_before_pixels=True)`` does rewind to the first byte of the
(7FE0,0010)/(7FE0,0008)/(7FE0,0009) element - ``data_element_generator`` seeks
back over the tag, VR and length it has read - and a test pins that this
agrees with the walker; but the walker is what is relied on, because it also
has to prove the rest of the file is well formed.)

De-identification follows PS3.15 Annex E Table E.1-1 (Basic Application Level
Confidentiality Profile) as shipped in ``dicom-anonymizer``'s
``dicomfields_2026c`` lists, with the actions implemented here: their
``anonymize_dataset`` keeps a process-wide UID dictionary, which would link
uploads of different patients and grow without bound. The de-identified header
is written by pydicom in the *original* transfer syntax, then the original
pixel data element is appended byte for byte, so image data is never decoded
or changed.

Choices and limits
------------------
* Combined actions take the choice that conforms whatever the IOD:
  Z/D, X/D and X/Z/D -> D; X/Z -> Z; X/Z/U* -> keep the sequence and replace
  the UIDs inside it (the recursive pass does that through the U rules).
  D on a sequence -> a sequence with one empty item.
* All private elements are removed, as are group length elements, curves
  (50xx) and the whole of every overlay group (60xx): the table removes
  Overlay Data and Overlay Comments, and an overlay without its data is
  meaningless while its label/description are free text.
* Elements after the pixel data (Data Set Trailing Padding, Digital
  Signatures, private groups) are dropped.
* Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99) is refused:
  the whole dataset, pixel data included, is one zlib stream, so it cannot be
  walked or copied in constant memory.
* Overlays embedded in unused high bits of the pixel data (retired since 2004)
  are not removed: the pixel data is copied unchanged by design. Burned-in
  annotation is not removed either; it is reported (``burned_in_annotation``).
* Previews decode a single frame, only when it is at most
  :data:`PREVIEW_MAX_FRAME_BYTES` and a decoder is available; otherwise there
  is no preview (not an error).
"""

from __future__ import annotations

import io
import logging
import re
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pydicom
from dicomanonymizer.dicomfields_selector import dicom_anonymization_database_selector
from django.utils.translation import gettext
from PIL import Image
from pydicom.dataelem import empty_value_for_VR
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.pixels import apply_color_lut, apply_modality_lut, apply_voi_lut, pixel_array
from pydicom.pixels.utils import get_expected_length
from pydicom.sequence import Sequence
from pydicom.uid import UID, generate_uid

from .detect import (
    ARCHIVE_MAGICS,
    CHUNK_SIZE,
    UploadRejected,
    _display_name,
    _nested_archive,
    drain,
    is_dicomdir_name,
    is_os_junk,
    open_checked_zip,
    open_member,
)
from .previews import save_preview

logger = logging.getLogger(__name__)

#: Everything before the pixel data (minus elements that will be removed anyway,
#: such as private blobs) is held in memory; beyond this the file is refused.
MAX_HEADER_BYTES = 64 * 1024 * 1024
#: One decoded frame larger than this gets no preview.
PREVIEW_MAX_FRAME_BYTES = 64 * 1024 * 1024
PREVIEW_MAX_SIDE = 1024

DEIDENTIFICATION_METHOD = "PS3.15 E.1 Basic Application Confidentiality Profile; ERN Portal"
DEIDENTIFICATION_CODE = ("113100", "DCM", "Basic Application Confidentiality Profile")
TABLE_VERSION = "dicomfields_2026c"

MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10"
DEFLATED = "1.2.840.10008.1.2.1.99"
IMPLICIT_LITTLE = "1.2.840.10008.1.2"
EXPLICIT_BIG = "1.2.840.10008.1.2.2"

_PIXEL_TAGS = frozenset({0x7FE00008, 0x7FE00009, 0x7FE00010})
_ITEM = 0xFFFEE000
_ITEM_DELIMITER = 0xFFFEE00D
_SEQUENCE_DELIMITER = 0xFFFEE0DD
_UNDEFINED = 0xFFFFFFFF

_VRS = frozenset(
    b"AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV".split()
)
_LONG_LENGTH_VRS = frozenset(b"OB OD OF OL OV OW SQ SV UC UN UR UT UV".split())

_PSEUDONYM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


# --------------------------------------------------------------------------- problems and messages


class _Problem(Exception):
    """A structural problem found by the walker; turned into an UploadRejected by the caller."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


_SINGLE_MESSAGES = {
    "truncated": (
        "dicom_truncated",
        "The DICOM file is incomplete: it ends before all of its data. The export or upload was probably cut "
        "short. Export it again and upload the complete file.",
    ),
    "invalid": (
        "dicom_invalid",
        "The file looks like a DICOM file but its contents could not be read. It may be damaged.",
    ),
    "deflated": (
        "dicom_invalid",
        "The DICOM file uses the “Deflated” transfer syntax, which is not supported. Export it uncompressed "
        "(or with standard image compression) and upload it again.",
    ),
    "unsupported_syntax": (
        "dicom_invalid",
        "The DICOM file uses a transfer syntax we cannot process. Export it uncompressed and upload it again.",
    ),
    "header_too_large": (
        "dicom_invalid",
        "The DICOM file carries an unusually large amount of non-image data (over 64 MB) and cannot be processed.",
    ),
    "directory_only": (
        "dicom_invalid",
        "This is a DICOMDIR index, which contains no images. Upload the whole study as a zip file instead.",
    ),
}
_MEMBER_MESSAGES = {
    "truncated": "The DICOM file “%(member)s” in the zip file is incomplete: it ends before all of its data. "
    "Export the study again and upload the complete zip.",
    "invalid": "The file “%(member)s” in the zip file looks like DICOM but could not be read. It may be damaged.",
    "deflated": "The DICOM file “%(member)s” in the zip file uses the “Deflated” transfer syntax, which is not "
    "supported. Export the study uncompressed and upload it again.",
    "unsupported_syntax": "The DICOM file “%(member)s” in the zip file uses a transfer syntax we cannot process.",
    "header_too_large": "The DICOM file “%(member)s” in the zip file carries an unusually large amount of "
    "non-image data and cannot be processed.",
}


def _rejection(kind: str, member: str | None = None) -> UploadRejected:
    code, message = _SINGLE_MESSAGES[kind]
    if member is None:
        return UploadRejected(gettext(message), code=code)
    return UploadRejected(gettext(_MEMBER_MESSAGES[kind]), code=code, params={"member": _display_name(member)})


# --------------------------------------------------------------------------- the structural walker


class _Source:
    """Forward-only reader that tracks its offset and can keep ("capture") what it reads."""

    def __init__(self, fp, size: int | None = None, prefix: bytes = b""):
        self._fp = fp
        self._size = size  # known for files on disk: skipping then seeks
        self._prefix = prefix  # bytes the caller already took from fp, served first as if unread
        self.pos = 0
        self._pending = b""  # bytes given back with unread(), already captured
        self.capture: bytearray | None = None

    def _raw(self, n: int) -> bytes:
        if self._pending:
            data, self._pending = self._pending[:n], self._pending[n:]
            if len(data) < n:
                data += self._read_fp(n - len(data))
            return data
        return self._read_fp(n)

    def _read_fp(self, n: int) -> bytes:
        parts = []
        if self._prefix:
            parts.append(self._prefix[:n])
            self._prefix = self._prefix[n:]
            n -= len(parts[0])
        while n > 0:
            data = self._fp.read(n)
            if not data:
                break
            parts.append(data)
            n -= len(data)
        return b"".join(parts)

    def read_upto(self, n: int) -> bytes:
        """Up to n bytes; fewer only at the end of the file."""
        pending = len(self._pending)
        data = self._raw(n)
        self.pos += len(data)
        if self.capture is not None:
            # Bytes given back with unread() were captured the first time.
            fresh = data[pending:] if pending else data
            self._grow_capture(len(fresh))
            self.capture += fresh
        return data

    def read(self, n: int) -> bytes:
        if self.capture is not None:
            self._grow_capture(n)
        data = self.read_upto(n)
        if len(data) < n:
            raise _Problem("truncated")
        return data

    def unread(self, data: bytes) -> None:
        self._pending = data + self._pending
        self.pos -= len(data)

    def _grow_capture(self, n: int) -> None:
        if len(self.capture) + n > MAX_HEADER_BYTES:
            raise _Problem("header_too_large")

    def consume(self, n: int, sink=None) -> None:
        """Pass over n bytes: keep them when capturing, copy them to sink if given, else skip."""
        if self.capture is not None:
            self.read(n)
            return
        if self._pending or self._prefix:
            take = min(n, len(self._pending) + len(self._prefix))
            data = self.read(take)
            if sink is not None:
                sink.write(data)
            n -= take
        if sink is None and self._size is not None:
            if self.pos + n > self._size:
                raise _Problem("truncated")
            self._fp.seek(self.pos + n)
            self.pos += n
            return
        while n > 0:
            data = self.read(min(n, CHUNK_SIZE))
            if sink is not None:
                sink.write(data)
            n -= len(data)


@dataclass
class _PendingElement:
    tag: int
    vr: bytes | None
    length: int
    header: bytes  # its tag/VR/length bytes, already consumed


@dataclass
class _Header:
    data: bytes  # preamble + file meta + dataset before the pixel data
    transfer_syntax: str
    implicit: bool
    little: bool
    pixel: _PendingElement | None
    last_tag: int


def _always_removed(tag: int) -> bool:
    """Private, group length, command, curve and overlay elements: removed at every level.

    At the top level the walker does not even keep them in memory.
    """
    group, element = tag >> 16, tag & 0xFFFF
    return group == 0 or group & 1 == 1 or element == 0 or group & 0xFF00 in (0x5000, 0x6000)


class _Walker:
    """Checks DICOM structure while reading forwards; see the module docstring."""

    def __init__(self, source: _Source):
        self.src = source

    # -- element headers

    def _element_header(self, implicit: bool, little: bool, raw: bytes) -> tuple[int, bytes | None, int, bytes]:
        endian = "<" if little else ">"
        group, element = struct.unpack(endian + "HH", raw[:4])
        tag = group << 16 | element
        if group == 0xFFFE or implicit:
            return tag, None, struct.unpack(endian + "L", raw[4:8])[0], raw
        vr = raw[4:6]
        if vr not in _VRS:
            raise _Problem("invalid")
        if vr in _LONG_LENGTH_VRS:
            extra = self.src.read(4)
            return tag, vr, struct.unpack(endian + "L", extra)[0], raw + extra
        return tag, vr, struct.unpack(endian + "H", raw[6:8])[0], raw

    # -- file meta and header

    def read_header(self) -> _Header:
        src = self.src
        src.capture = bytearray()
        preamble_and_prefix = src.read(132)
        if preamble_and_prefix[128:132] != b"DICM":
            raise _Problem("invalid")
        transfer_syntax = None
        last = -1
        while True:
            raw = src.read(8)
            if raw[:2] != b"\x02\x00":
                src.unread(raw)
                break
            tag, vr, length, _ = self._element_header(False, True, raw)
            if tag <= last or length == _UNDEFINED:
                raise _Problem("invalid")
            last = tag
            value = src.read(length)
            if tag == 0x00020010:
                transfer_syntax = value.decode("ascii", "replace").strip("\x00 ")
        if not transfer_syntax:
            raise _Problem("invalid")
        if transfer_syntax == DEFLATED:
            raise _Problem("deflated")
        uid = UID(transfer_syntax)
        if transfer_syntax.startswith("1.2.840.10008.") and not uid.is_transfer_syntax:
            raise _Problem("unsupported_syntax")
        implicit = transfer_syntax == IMPLICIT_LITTLE
        little = transfer_syntax != EXPLICIT_BIG

        last = -1
        while True:
            raw = src.read_upto(8)
            if not raw:
                pixel = None
                break
            if len(raw) < 8:
                raise _Problem("truncated")
            tag, vr, length, header_bytes = self._element_header(implicit, little, raw)
            if tag <= last or tag >> 16 == 0xFFFE:
                raise _Problem("invalid")
            last = tag
            if tag in _PIXEL_TAGS:
                del src.capture[-len(header_bytes) :]
                pixel = _PendingElement(tag, vr, length, header_bytes)
                break
            if _always_removed(tag):
                del src.capture[-len(header_bytes) :]
                kept, src.capture = src.capture, None
                self._value(tag, vr, length, implicit, little)
                src.capture = kept
            else:
                self._value(tag, vr, length, implicit, little)
        data = bytes(src.capture)
        src.capture = None
        return _Header(data, transfer_syntax, implicit, little, pixel, last)

    # -- values

    def _value(self, tag: int, vr: bytes | None, length: int, implicit: bool, little: bool, sink=None) -> None:
        if length != _UNDEFINED:
            self.src.consume(length, sink)
            return
        if tag in _PIXEL_TAGS or vr in (b"OB", b"OW"):
            self._fragments(little, sink)
        elif vr == b"UN":
            # PS3.5 6.2.2: an undefined-length UN is a sequence encoded Implicit VR Little Endian.
            self._sequence(True, True)
        elif vr is None or vr == b"SQ":
            self._sequence(implicit, little)
        else:
            raise _Problem("invalid")

    def _item_header(self, little: bool, sink=None) -> tuple[int, int]:
        raw = self.src.read(8)
        if sink is not None:
            sink.write(raw)
        endian = "<" if little else ">"
        group, element, length = struct.unpack(endian + "HHL", raw)
        return group << 16 | element, length

    def _sequence(self, implicit: bool, little: bool) -> None:
        while True:
            tag, length = self._item_header(little)
            if tag == _SEQUENCE_DELIMITER:
                return
            if tag != _ITEM:
                raise _Problem("invalid")
            if length == _UNDEFINED:
                self._item_dataset(implicit, little)
            else:
                self.src.consume(length)

    def _item_dataset(self, implicit: bool, little: bool) -> None:
        while True:
            raw = self.src.read(8)
            tag, vr, length, _ = self._element_header(implicit, little, raw)
            if tag == _ITEM_DELIMITER:
                return
            if tag >> 16 == 0xFFFE:
                raise _Problem("invalid")
            self._value(tag, vr, length, implicit, little)

    def _fragments(self, little: bool, sink=None) -> None:
        while True:
            tag, length = self._item_header(little, sink)
            if tag == _SEQUENCE_DELIMITER:
                if length != 0:
                    raise _Problem("invalid")
                return
            if tag != _ITEM or length == _UNDEFINED:
                raise _Problem("invalid")
            self.src.consume(length, sink)

    # -- pixel data and what follows

    def read_rest(self, header: _Header, sink=None) -> list[int]:
        """Walk from the pixel data to the end; copy pixel elements to sink; return the tags dropped."""
        dropped = []
        pending = header.pixel
        last = header.last_tag
        while pending is not None:
            target = sink if pending.tag in _PIXEL_TAGS else None
            if target is not None:
                target.write(pending.header)
            else:
                dropped.append(pending.tag)
            self._value(pending.tag, pending.vr, pending.length, header.implicit, header.little, target)
            raw = self.src.read_upto(8)
            if not raw:
                break
            if len(raw) < 8:
                raise _Problem("truncated")
            tag, vr, length, header_bytes = self._element_header(header.implicit, header.little, raw)
            if tag <= last or tag >> 16 == 0xFFFE:
                raise _Problem("invalid")
            last = tag
            pending = _PendingElement(tag, vr, length, header_bytes)
        return dropped


# --------------------------------------------------------------------------- parsing the header


@dataclass
class InstanceSummary:
    """Non-identifying facts about one (de-identified) instance."""

    modality: str = ""
    series_uid: str = ""
    instance_number: int | None = None
    burned_in_annotation: bool = False
    frames: int = 0
    has_pixels: bool = False
    transfer_syntax: str = ""
    rows: int | None = None
    columns: int | None = None


def _parse_header(header: _Header) -> pydicom.FileDataset:
    try:
        ds = pydicom.dcmread(io.BytesIO(header.data), force=False)
        # Convert every element now, nested sequences included, so a damaged
        # value is found while validating rather than half-way through writing.
        ds.walk(lambda dataset, element: None)
    except Exception as exc:
        logger.info("pydicom could not parse a DICOM header: %s", type(exc).__name__)
        raise _Problem("invalid") from exc
    if str(ds.file_meta.get("TransferSyntaxUID", "")) != header.transfer_syntax:
        raise _Problem("invalid")
    # pydicom silently switches encoding when the data contradicts the transfer
    # syntax; the raw pixel copy would then not match the header we write.
    if tuple(ds.original_encoding[:2]) != (header.implicit, header.little):
        raise _Problem("invalid")
    return ds


def _is_compressed(transfer_syntax: str) -> bool:
    try:
        return bool(UID(transfer_syntax).is_compressed)
    except (AttributeError, ValueError):
        return False


def _is_directory(ds: Dataset) -> bool:
    return str(ds.file_meta.get("MediaStorageSOPClassUID", "")) == MEDIA_STORAGE_DIRECTORY


def _check_header(ds: Dataset, header: _Header) -> None:
    """Semantic completeness checks the byte structure alone cannot make."""
    if len(ds) == 0:
        raise _Problem("truncated")
    if _is_directory(ds):
        return
    if "SOPClassUID" not in ds or "SOPInstanceUID" not in ds:
        raise _Problem("invalid")
    has_image_module = all(k in ds for k in ("Rows", "Columns", "BitsAllocated"))
    if has_image_module and header.pixel is None:
        # The file was cut exactly at an element boundary, before its image.
        raise _Problem("truncated")
    pixel = header.pixel
    if (
        pixel is not None
        and pixel.tag == 0x7FE00010
        and pixel.length != _UNDEFINED
        and has_image_module
        and not _is_compressed(header.transfer_syntax)
    ):
        try:
            expected = get_expected_length(ds, unit="bytes")
        except (AttributeError, KeyError, TypeError, ValueError):
            return
        if pixel.length < expected:
            raise _Problem("truncated")


def _summary(ds: Dataset, header: _Header) -> InstanceSummary:
    def number(keyword):
        try:
            value = ds.get(keyword)
            return int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None

    return InstanceSummary(
        modality=str(ds.get("Modality", "") or ""),
        series_uid=str(ds.get("SeriesInstanceUID", "") or ""),
        instance_number=number("InstanceNumber"),
        burned_in_annotation=str(ds.get("BurnedInAnnotation", "") or "").upper() == "YES",
        frames=(number("NumberOfFrames") or 1) if header.pixel is not None else 0,
        has_pixels=header.pixel is not None,
        transfer_syntax=header.transfer_syntax,
        rows=number("Rows"),
        columns=number("Columns"),
    )


# --------------------------------------------------------------------------- validation


def _validate_stream(source: _Source) -> tuple[Dataset, _Header]:
    walker = _Walker(source)
    header = walker.read_header()
    ds = _parse_header(header)
    _check_header(ds, header)
    walker.read_rest(header)
    return ds, header


def validate_dicom_file(path) -> InstanceSummary:
    """Check a single DICOM file is complete and readable; raise UploadRejected if not."""
    path = Path(path)
    with path.open("rb") as fp:
        try:
            ds, header = _validate_stream(_Source(fp, path.stat().st_size))
        except _Problem as problem:
            raise _rejection(problem.kind) from None
    if _is_directory(ds):
        raise _rejection("directory_only")
    return _summary(ds, header)


def _study_members(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    members = [info for info in infos if not info.is_dir() and not is_os_junk(info.filename)]
    if not members:
        raise UploadRejected(
            gettext("The zip file is empty or contains no DICOM files."),
            code="type",
        )
    return members


def _not_dicom_member(name: str) -> UploadRejected:
    return UploadRejected(
        gettext(
            "The zip file contains “%(member)s”, which is not a DICOM file. A zipped study may only contain "
            "DICOM files; a zip of other files is not accepted."
        ),
        code="type",
        params={"member": _display_name(name)},
    )


def _member_head_kind(reader) -> tuple[bytes, str]:
    head = reader.read(132)
    if len(head) >= 132 and head[128:132] == b"DICM":
        return head, "dicom"
    if head.startswith(ARCHIVE_MAGICS):
        return head, "archive"
    return head, "other"


def _classify_member(info: zipfile.ZipInfo, reader) -> tuple[bytes, bool]:
    """Read the member's first bytes; return them and whether the member is a DICOMDIR (to drop)."""
    head, kind = _member_head_kind(reader)
    if kind == "archive":
        raise _nested_archive(info.filename)
    if kind != "dicom":
        raise _not_dicom_member(info.filename)
    return head, is_dicomdir_name(info.filename)


def validate_dicom_zip(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> list[InstanceSummary]:
    """Check every member of a zipped study (OS junk and DICOMDIR aside) is a complete DICOM file."""
    summaries = []
    for info in _study_members(archive, infos):
        with open_member(archive, info) as reader:
            head, directory = _classify_member(info, reader)
            if directory:
                continue  # dropped from the kept copy; only its DICM prefix matters
            source = _Source(reader, prefix=head)
            try:
                ds, header = _validate_stream(source)
            except _Problem as problem:
                raise _rejection(problem.kind, info.filename) from None
            drain(reader)
            if _is_directory(ds):
                continue
            summaries.append(_summary(ds, header))
    if not any(summary.has_pixels for summary in summaries):
        raise UploadRejected(gettext("The zip file contains no DICOM images."), code="type")
    return summaries


# --------------------------------------------------------------------------- de-identification rules


def _build_rules() -> tuple[dict[int, str], list[tuple[int, int, int, int, str]]]:
    tables = dicom_anonymization_database_selector(TABLE_VERSION)
    # Combined actions resolved to the choice that conforms whatever the IOD.
    resolved = {
        "D_TAGS": "D",
        "Z_TAGS": "Z",
        "X_TAGS": "X",
        "U_TAGS": "U",
        "Z_D_TAGS": "D",
        "X_Z_TAGS": "Z",
        "X_D_TAGS": "D",
        "X_Z_D_TAGS": "D",
        "X_Z_U_STAR_TAGS": "U*",
    }
    exact: dict[int, str] = {}
    masked: list[tuple[int, int, int, int, str]] = []
    for category, action in resolved.items():
        for entry in tables[category]:
            if len(entry) == 2:
                exact[entry[0] << 16 | entry[1]] = action
            else:
                group, element, group_mask, element_mask = entry
                masked.append((group & group_mask, element & element_mask, group_mask, element_mask, action))
    return exact, masked


_EXACT_RULES, _MASKED_RULES = _build_rules()


def _action_for(tag: int) -> str | None:
    action = _EXACT_RULES.get(tag)
    if action is not None:
        return action
    group, element = tag >> 16, tag & 0xFFFF
    for rule_group, rule_element, group_mask, element_mask, rule_action in _MASKED_RULES:
        if group & group_mask == rule_group and element & element_mask == rule_element:
            return rule_action
    return None


_TEXT_VRS = {"AE", "CS", "LO", "LT", "PN", "SH", "ST", "UC", "UT"}
_NUMBER_VRS = {"FL", "FD", "SL", "SS", "SV", "UL", "US", "UV", "AT", "US or SS", "US or SS or OW"}
_DUMMY_BY_VR = {
    "DA": "19000101",
    "DT": "19000101000000",
    "TM": "000000",
    "AS": "000D",
    "DS": "0",
    "IS": "0",
    "UR": "http://anonymized.invalid",
}


class UidMap:
    """Old UID -> new UID for ONE upload, so a zipped study stays internally consistent.

    A new map is made per upload on purpose: a shared one would let anybody
    holding two de-identified uploads tell they came from the same original.
    """

    def __init__(self):
        self._map: dict[str, str] = {}

    def __call__(self, old: str) -> str:
        old = str(old)
        if not old:
            return old
        new = self._map.get(old)
        if new is None:
            new = self._map[old] = str(generate_uid())
        return new

    def __len__(self):
        return len(self._map)


def _replace_uids(element, uids: UidMap) -> None:
    if element.VM > 1:
        element.value = [uids(v) for v in element.value]
    elif element.value:
        element.value = uids(element.value)


def _dummy(element, uids: UidMap) -> None:
    vr = element.VR
    if vr == "UI":
        _replace_uids(element, uids)
    elif vr == "SQ":
        element.value = Sequence([Dataset()])
    elif vr in _TEXT_VRS:
        element.value = "ANONYMIZED"
    elif vr in _DUMMY_BY_VR:
        element.value = _DUMMY_BY_VR[vr]
    elif vr in _NUMBER_VRS:
        element.value = 0
    else:  # OB, OD, OF, OL, OV, OW, UN and ambiguous binary VRs
        element.value = b"\x00" * 8


def _empty(element) -> None:
    element.value = Sequence() if element.VR == "SQ" else empty_value_for_VR(element.VR)


def clean_dataset(ds: Dataset, uids: UidMap) -> None:
    """Apply the profile to ds and, recursively, to every item of every sequence it keeps."""
    for tag in list(ds.keys()):
        if _always_removed(int(tag)):
            del ds[tag]
            continue
        action = _action_for(int(tag))
        if action == "X":
            del ds[tag]
            continue
        element = ds[tag]
        if action == "Z":
            _empty(element)
        elif action == "D":
            _dummy(element, uids)
        elif action == "U":
            _replace_uids(element, uids)
        elif element.VR == "SQ":  # no rule, or U*: keep the sequence, clean its items
            for item in element.value:
                clean_dataset(item, uids)


def _check_pseudonym(pseudonym: str) -> str:
    if not isinstance(pseudonym, str) or not _PSEUDONYM.match(pseudonym):
        raise ValueError("The pseudonym must be 1-64 letters, digits, '.', '_' or '-'.")
    return pseudonym


def deidentified_header(ds: pydicom.FileDataset, header: _Header, *, pseudonym: str, uids: UidMap) -> bytes:
    """De-identify a parsed header and encode it, in the original transfer syntax, as bytes."""
    clean_dataset(ds, uids)
    ds.PatientName = pseudonym
    ds.PatientID = pseudonym
    ds.PatientIdentityRemoved = "YES"
    ds.DeidentificationMethod = DEIDENTIFICATION_METHOD
    code = Dataset()
    code.CodeValue, code.CodingSchemeDesignator, code.CodeMeaning = DEIDENTIFICATION_CODE
    ds.DeidentificationMethodCodeSequence = Sequence([code])

    # A fresh file meta: the original's source/sending/receiving AE titles,
    # addresses and private information must not survive.
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = ds.SOPClassUID
    meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    meta.TransferSyntaxUID = header.transfer_syntax
    ds.file_meta = meta
    ds.preamble = b"\x00" * 128  # the original preamble can carry anything (TIFF headers, ...)

    buffer = io.BytesIO()
    pydicom.dcmwrite(buffer, ds, enforce_file_format=True, implicit_vr=header.implicit, little_endian=header.little)
    return buffer.getvalue()


def _deidentify_stream(source: _Source, out, *, pseudonym: str, uids: UidMap) -> InstanceSummary:
    walker = _Walker(source)
    header = walker.read_header()
    ds = _parse_header(header)
    _check_header(ds, header)
    out.write(deidentified_header(ds, header, pseudonym=pseudonym, uids=uids))
    walker.read_rest(header, sink=out)
    return _summary(ds, header)


def deidentify_dicom_file(path, out_path, *, pseudonym: str, uids: UidMap | None = None) -> InstanceSummary:
    """Write a de-identified copy of a single DICOM file to out_path (which must not exist)."""
    _check_pseudonym(pseudonym)
    path, out_path = Path(path), Path(out_path)
    uids = uids if uids is not None else UidMap()
    with path.open("rb") as fp, out_path.open("xb") as out:
        try:
            return _deidentify_stream(_Source(fp, path.stat().st_size), out, pseudonym=pseudonym, uids=uids)
        except _Problem as problem:
            raise _rejection(problem.kind) from None


@dataclass
class StudySummary:
    instances: list[tuple[str, InstanceSummary]] = field(default_factory=list)  # (member name, summary)


def deidentify_dicom_zip(path, out_path, *, pseudonym: str, uids: UidMap | None = None) -> StudySummary:
    """Write a NEW zip of de-identified instances with server-made names (IMG00001.dcm, ...).

    Original member names and folders (which often spell the patient's name),
    the DICOMDIR (an index full of names, whose offsets would be wrong anyway)
    and OS junk are not carried over. Members are streamed one at a time.
    """
    _check_pseudonym(pseudonym)
    path, out_path = Path(path), Path(out_path)
    uids = uids if uids is not None else UidMap()
    study = StudySummary()
    archive, infos = open_checked_zip(path)
    with archive, zipfile.ZipFile(out_path, "x", allowZip64=True) as output:
        for info in _study_members(archive, infos):
            with open_member(archive, info) as reader:
                head, directory = _classify_member(info, reader)
                if directory:
                    continue
                name = f"IMG{len(study.instances) + 1:05d}.dcm"
                source = _Source(reader, prefix=head)
                try:
                    summary = _write_member(output, name, source, info, pseudonym=pseudonym, uids=uids)
                except _Problem as problem:
                    raise _rejection(problem.kind, info.filename) from None
                if summary is not None:
                    study.instances.append((name, summary))
                drain(reader)
    if not any(summary.has_pixels for _, summary in study.instances):
        raise UploadRejected(gettext("The zip file contains no DICOM images."), code="type")
    return study


def _write_member(output: zipfile.ZipFile, name, source, info, *, pseudonym, uids) -> InstanceSummary | None:
    walker = _Walker(source)
    header = walker.read_header()
    ds = _parse_header(header)
    _check_header(ds, header)
    if _is_directory(ds):
        walker.read_rest(header)
        return None
    target = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # no original timestamps
    # Already-compressed pixel data gains nothing from deflate.
    target.compress_type = zipfile.ZIP_STORED if _is_compressed(header.transfer_syntax) else zipfile.ZIP_DEFLATED
    target.external_attr = 0o600 << 16
    encoded = deidentified_header(ds, header, pseudonym=pseudonym, uids=uids)
    force_zip64 = info.file_size + len(encoded) >= zipfile.ZIP64_LIMIT
    with output.open(target, "w", force_zip64=force_zip64) as member_out:
        member_out.write(encoded)
        walker.read_rest(header, sink=member_out)
    return _summary(ds, header)


def study_metadata(summaries: list[InstanceSummary]) -> dict:
    """Non-identifying, JSON-serialisable facts about a set of de-identified instances."""
    modalities = sorted({s.modality for s in summaries if s.modality})
    return {
        "modality": ", ".join(modalities),
        "modalities": modalities,
        "instances": len(summaries),
        "series": len({s.series_uid for s in summaries}),
        "frames": sum(s.frames for s in summaries),
        "burned_in_annotation": any(s.burned_in_annotation for s in summaries),
        "transfer_syntaxes": sorted({s.transfer_syntax for s in summaries}),
        "deidentified": True,
        "deidentification_method": DEIDENTIFICATION_METHOD,
    }


# --------------------------------------------------------------------------- previews


def _frame_bytes(ds: Dataset) -> int:
    bits = int(ds.get("BitsAllocated", 8) or 8)
    samples = int(ds.get("SamplesPerPixel", 1) or 1)
    return int(ds.Rows) * int(ds.Columns) * samples * max(1, (bits + 7) // 8)


def make_dicom_preview(path, out_path) -> Path | None:
    """A PNG of one frame (the middle one) of a DICOM file, or None when that is not possible.

    pydicom 3's ``pixel_array(path, index=i)`` reads and decodes only frame i.
    """
    path = Path(path)
    try:
        ds = pydicom.dcmread(path, stop_before_pixels=True)
        if "Rows" not in ds or "Columns" not in ds:
            return None
        if _frame_bytes(ds) > PREVIEW_MAX_FRAME_BYTES:
            return None
        frames = int(ds.get("NumberOfFrames", 1) or 1)
        frame = pixel_array(path, index=frames // 2)
    except Exception as exc:  # no decoder for this compression, odd attributes...: no preview
        logger.info("No DICOM preview: %s", type(exc).__name__)
        return None
    try:
        # Subsample before any float maths so the working copies stay small.
        step = max(1, -(-max(frame.shape[0], frame.shape[1]) // (2 * PREVIEW_MAX_SIDE)))
        frame = np.ascontiguousarray(frame[::step, ::step])
        photometric = str(ds.get("PhotometricInterpretation", "MONOCHROME2"))
        if photometric == "PALETTE COLOR":
            frame = apply_color_lut(frame, ds)
        if frame.ndim == 3:
            rgb = frame.astype(np.float32)
            peak = float(rgb.max()) or 1.0
            scale = 255.0 / (255.0 if peak <= 255 else peak)
            image = Image.fromarray(np.clip(rgb * scale, 0, 255).astype(np.uint8), "RGB")
        else:
            values = apply_voi_lut(apply_modality_lut(frame, ds), ds).astype(np.float32)
            low, high = float(values.min()), float(values.max())
            values = (values - low) * (255.0 / (high - low)) if high > low else np.zeros_like(values)
            if photometric == "MONOCHROME1":
                values = 255.0 - values
            image = Image.fromarray(np.clip(values, 0, 255).astype(np.uint8), "L")
        return save_preview(image, out_path)
    except Exception as exc:
        logger.info("No DICOM preview: %s", type(exc).__name__)
        return None


def make_study_preview(zip_path, study: StudySummary, out_path, workdir) -> Path | None:
    """Preview the middle instance of the first series (in zip order) that has pixel data."""
    with_pixels = [(name, s) for name, s in study.instances if s.has_pixels]
    if not with_pixels:
        return None
    first_series = with_pixels[0][1].series_uid
    series = [(name, s) for name, s in with_pixels if s.series_uid == first_series]
    # sorted() is stable: instances without a number keep their zip order.
    ordered = sorted(series, key=lambda pair: (pair[1].instance_number is None, pair[1].instance_number or 0))
    name = ordered[len(ordered) // 2][0]
    extracted = Path(workdir) / f"preview-source-{name}"
    try:
        with zipfile.ZipFile(zip_path) as archive, archive.open(name) as src, extracted.open("xb") as dst:
            while chunk := src.read(CHUNK_SIZE):
                dst.write(chunk)
        return make_dicom_preview(extracted, out_path)
    finally:
        extracted.unlink(missing_ok=True)
