"""Builders for test uploads, made in code: synthetic DICOMs (pydicom), images (Pillow), zips, DOCX.

Nothing binary is committed; every test makes the files it needs in tmp_path.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import numpy as np
import pydicom
from PIL import Image
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.sequence import Sequence
from pydicom.uid import (
    CTImageStorage,
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
    JPEGBaseline8Bit,
    JPEGLSLossless,
    generate_uid,
)

SENTINEL_NAME = "Zebulon^Quixwright-Sentinel"
SENTINEL_ID = "NID-SENTINEL-7741"
SENTINEL_BIRTH_DATE = "19230417"
# What must not survive anywhere in a de-identified file, searched case-insensitively in raw bytes.
SENTINEL_BYTES = (b"zebulon", b"quixwright", b"sentinel", SENTINEL_BIRTH_DATE.encode())

EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"  # split so AV ignores this file

DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
DOCX_DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Referral letter</w:t></w:r></w:p></w:body></w:document>"
)


# --------------------------------------------------------------------------- documents and images


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def pdf_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 30, 30)).save(buffer, format="PDF")
    return buffer.getvalue()


def image_bytes(fmt: str, size=(64, 48), *, exif: Image.Exif | None = None, mode="RGB") -> bytes:
    image = Image.new(mode, size, (10, 120, 200) if mode == "RGB" else 128)
    for x in range(0, size[0], 3):
        image.putpixel((x, x % size[1]), (255, 255, 0) if mode == "RGB" else 255)
    buffer = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


def exif_with_orientation_and_gps(orientation: int = 6) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x013B] = "Quixwright Photographer"  # Artist
    exif[0x010E] = "Zebulon Sentinel at home"  # ImageDescription
    return exif


def docx_bytes(extra: dict[str, bytes] | None = None, content_types: str = DOCX_CONTENT_TYPES) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", DOCX_RELS)
        archive.writestr("word/document.xml", DOCX_DOCUMENT)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --------------------------------------------------------------------------- DICOM


def base_dataset(
    *,
    rows=16,
    columns=16,
    frames=1,
    study_uid=None,
    series_uid=None,
    sop_uid=None,
    instance_number=1,
    patient_name="Doe^Jane",
    patient_id="PID-1",
    transfer_syntax=ExplicitVRLittleEndian,
    bits=16,
) -> Dataset:
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = CTImageStorage
    meta.MediaStorageSOPInstanceUID = sop_uid or generate_uid()
    meta.TransferSyntaxUID = transfer_syntax
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = CTImageStorage
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = study_uid or generate_uid()
    ds.SeriesInstanceUID = series_uid or generate_uid()
    ds.FrameOfReferenceUID = generate_uid()
    ds.Modality = "CT"
    ds.PatientName = patient_name
    ds.PatientID = patient_id
    ds.InstanceNumber = instance_number
    ds.Rows = rows
    ds.Columns = columns
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = bits
    ds.BitsStored = bits
    ds.HighBit = bits - 1
    ds.PixelRepresentation = 0
    ds.RescaleIntercept = 0
    ds.RescaleSlope = 1
    ds.WindowCenter = 100
    ds.WindowWidth = 400
    if frames > 1:
        ds.NumberOfFrames = frames
    return ds


def native_pixels(ds: Dataset) -> bytes:
    count = int(ds.Rows) * int(ds.Columns) * int(getattr(ds, "NumberOfFrames", 1) or 1)
    dtype = np.uint16 if ds.BitsAllocated == 16 else np.uint8
    return (np.arange(count, dtype=np.uint32) % 4000).astype(dtype).tobytes()


def write_dicom(path: Path, ds: Dataset, *, pixels: bytes | None = None, preamble: bytes | None = None) -> Path:
    """Write ds with native pixel data (generated when not given)."""
    ds.PixelData = native_pixels(ds) if pixels is None else pixels
    ds["PixelData"].VR = "OW" if ds.BitsAllocated > 8 else "OB"
    if preamble is not None:
        ds.preamble = preamble.ljust(128, b"\x00")
    pydicom.dcmwrite(path, ds, enforce_file_format=True)
    return path


def dicom_bytes(ds: Dataset, **kwargs) -> bytes:
    buffer = io.BytesIO()
    ds.PixelData = native_pixels(ds)
    ds["PixelData"].VR = "OW" if ds.BitsAllocated > 8 else "OB"
    pydicom.dcmwrite(buffer, ds, enforce_file_format=True)
    return buffer.getvalue()


def write_large_dicom(path: Path, *, rows=512, columns=512, frames=600) -> tuple[Path, int]:
    """A multi-frame DICOM whose pixel data is streamed to disk, never built in memory.

    Returns the path and the byte offset at which the pixel data value starts.
    """
    ds = base_dataset(rows=rows, columns=columns, frames=frames)
    pydicom.dcmwrite(path, ds, enforce_file_format=True)
    frame = (np.arange(rows * columns, dtype=np.uint32) % 4000).astype(np.uint16).tobytes()
    length = len(frame) * frames
    with path.open("ab") as fp:
        fp.write(struct.pack("<HH2s2xL", 0x7FE0, 0x0010, b"OW", length))
        offset = fp.tell()
        for _ in range(frames):
            fp.write(frame)
    return path, offset


def sentinel_dataset(**kwargs) -> Dataset:
    """A DICOM full of identifying data in every hiding place the profile must clean."""
    ds = base_dataset(patient_name=SENTINEL_NAME, patient_id=SENTINEL_ID, **kwargs)
    ds.file_meta.SourceApplicationEntityTitle = "SENTINEL_AE"
    ds.file_meta.ImplementationVersionName = "QUIXWRIGHT_1"
    ds.PatientBirthDate = SENTINEL_BIRTH_DATE
    ds.PatientSex = "O"
    ds.InstitutionName = "Quixwright Memorial Hospital"
    ds.InstitutionAddress = "1 Sentinel Road"
    ds.ReferringPhysicianName = "Sentinel^Referrer"
    ds.AccessionNumber = "ACC-SENTINEL"
    ds.StudyDescription = "Quixwright follow-up"
    ds.StudyDate = SENTINEL_BIRTH_DATE
    ds.BurnedInAnnotation = "YES"
    other = Dataset()
    other.PatientID = SENTINEL_ID + "-OTHER"
    other.IssuerOfPatientID = "Sentinel Registry"
    ds.OtherPatientIDsSequence = Sequence([other])
    referenced_patient = Dataset()
    referenced_patient.PatientName = SENTINEL_NAME
    referenced_patient.ReferencedSOPClassUID = "1.2.840.10008.3.1.2.1.1"
    referenced_patient.ReferencedSOPInstanceUID = generate_uid()
    ds.ReferencedPatientSequence = Sequence([referenced_patient])
    # A sequence the profile keeps (X/Z/U*), hiding a name two levels down.
    inner = Dataset()
    inner.PatientName = SENTINEL_NAME
    inner.PersonName = "Quixwright^Zebulon"
    referenced_image = Dataset()
    referenced_image.ReferencedSOPClassUID = CTImageStorage
    referenced_image.ReferencedSOPInstanceUID = generate_uid()
    referenced_image.PurposeOfReferenceCodeSequence = Sequence([inner])
    # Private data nested inside a kept sequence, where only the recursive pass can find it.
    nested_block = referenced_image.private_block(0x0011, "SENTINEL NESTED", create=True)
    nested_block.add_new(0x01, "LO", "Zebulon nested")
    ds.ReferencedImageSequence = Sequence([referenced_image])
    block = ds.private_block(0x0009, "SENTINEL CORP", create=True)
    block.add_new(0x01, "LO", "Zebulon Quixwright")
    block.add_new(0x02, "OB", b"QUIXWRIGHT-BLOB!")
    ds.add_new(0x60000010, "US", 4)  # OverlayRows
    ds.add_new(0x60000011, "US", 8)  # OverlayColumns
    ds.add_new(0x60000040, "CS", "G")  # OverlayType
    ds.add_new(0x60000050, "SS", [1, 1])  # OverlayOrigin
    ds.add_new(0x60000100, "US", 1)  # OverlayBitsAllocated
    ds.add_new(0x60000102, "US", 0)  # OverlayBitPosition
    ds.add_new(0x60000022, "LO", "Quixwright overlay")  # OverlayDescription
    ds.add_new(0x60003000, "OW", b"ZEBULON-OVERLAY!")  # OverlayData
    ds.add_new(0x60004000, "LT", "Sentinel comment")  # OverlayComments
    return ds


def dicomdir_bytes() -> bytes:
    """A minimal DICOMDIR: an index naming the patient, as media exports include."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.1.3.10"
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.FileSetID = "STUDY"
    record = Dataset()
    record.DirectoryRecordType = "PATIENT"
    record.PatientName = SENTINEL_NAME
    record.PatientID = SENTINEL_ID
    ds.DirectoryRecordSequence = Sequence([record])
    buffer = io.BytesIO()
    pydicom.dcmwrite(buffer, ds, enforce_file_format=True)
    return buffer.getvalue()


def study_zip_bytes(slices: int = 3, *, extra: dict[str, bytes] | None = None) -> tuple[bytes, dict]:
    """A zipped study as a PACS export makes it: patient-named folders, a DICOMDIR and macOS junk.

    Returns the zip and the original UIDs for comparison.
    """
    study_uid, series_uid = generate_uid(), generate_uid()
    members: dict[str, bytes] = {}
    sop_uids = []
    for number in range(1, slices + 1):
        ds = sentinel_dataset(study_uid=study_uid, series_uid=series_uid, instance_number=number)
        if sop_uids:
            ds.ReferencedImageSequence[0].ReferencedSOPInstanceUID = sop_uids[0]
        sop_uids.append(str(ds.SOPInstanceUID))
        members[f"DOE^JOHN/SERIES1/IM{number:05d}"] = dicom_bytes(ds)
    members["DICOMDIR"] = dicomdir_bytes()
    members["__MACOSX/DOE^JOHN/._IM00001"] = b"\x00\x05\x16\x07junk"
    members["DOE^JOHN/.DS_Store"] = b"\x00\x00\x00\x01Bud1junk"
    members.update(extra or {})
    return zip_bytes(members), {"study": study_uid, "series": series_uid, "sops": sop_uids}


def encapsulated_dicom_bytes(transfer_syntax=JPEGBaseline8Bit, fragment: bytes | None = None) -> bytes:
    ds = base_dataset(rows=64, columns=48, transfer_syntax=transfer_syntax, bits=8)
    ds.PhotometricInterpretation = "RGB" if transfer_syntax == JPEGBaseline8Bit else "MONOCHROME2"
    ds.SamplesPerPixel = 3 if transfer_syntax == JPEGBaseline8Bit else 1
    if transfer_syntax == JPEGBaseline8Bit:
        ds.PlanarConfiguration = 0
        ds.PhotometricInterpretation = "YBR_FULL_422"
    frame = fragment if fragment is not None else image_bytes("JPEG", (48, 64))
    ds.PixelData = encapsulate([frame])
    ds["PixelData"].VR = "OB"
    ds["PixelData"].is_undefined_length = True
    buffer = io.BytesIO()
    pydicom.dcmwrite(buffer, ds, enforce_file_format=True)
    return buffer.getvalue()


def jpeg_ls_dicom_bytes() -> bytes:
    """Compressed pixel data no installed decoder can read (JPEG-LS): kept, but no preview."""
    return encapsulated_dicom_bytes(JPEGLSLossless, fragment=b"\xff\xd8\xff\xf7not-really-jpeg-ls\xff\xd9")


def implicit_dicom_bytes() -> bytes:
    return dicom_bytes(sentinel_dataset(transfer_syntax=ImplicitVRLittleEndian))


def pixel_element_value(data: bytes) -> bytes:
    """The raw Pixel Data value of a small DICOM, read with pydicom."""
    return pydicom.dcmread(io.BytesIO(data)).PixelData


def patch_central_directory_sizes(data: bytes, member: str, *, file_size: int) -> bytes:
    """Make the zip's central directory lie about a member's uncompressed size."""
    raw = bytearray(data)
    name = member.encode()
    position = raw.find(b"PK\x01\x02")
    while position >= 0:
        name_length = struct.unpack_from("<H", raw, position + 28)[0]
        if bytes(raw[position + 46 : position + 46 + name_length]) == name:
            struct.pack_into("<L", raw, position + 24, file_size)
            return bytes(raw)
        position = raw.find(b"PK\x01\x02", position + 4)
    raise ValueError(member)


def mark_encrypted(data: bytes) -> bytes:
    """Set the 'encrypted' flag on every member, in the local headers and the central directory."""
    raw = bytearray(data)
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        position = raw.find(signature)
        while position >= 0:
            flags = struct.unpack_from("<H", raw, position + flag_offset)[0]
            struct.pack_into("<H", raw, position + flag_offset, flags | 1)
            position = raw.find(signature, position + 4)
    return bytes(raw)
