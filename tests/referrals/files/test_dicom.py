"""DICOM: validation and truncation, PS3.15 de-identification, previews, constant memory."""

import hashlib
import io
import struct
import tracemalloc
import zipfile

import numpy as np
import pydicom
import pytest
from PIL import Image
from pydicom.uid import DeflatedExplicitVRLittleEndian, ExplicitVRBigEndian, ImplicitVRLittleEndian, JPEGBaseline8Bit

from referrals.files import UploadRejected, detect_and_validate, process_upload
from referrals.files import dicom as dicom_module
from tests.referrals.files import builders

PSEUDONYM = "EUG-7F3K-92"


@pytest.fixture(autouse=True)
def _scanning_off(settings):
    settings.CLAMD_SOCKET = None
    settings.CLAMD_HOST = None


def rejected(path, **kwargs) -> UploadRejected:
    with pytest.raises(UploadRejected) as caught:
        detect_and_validate(path, **kwargs)
    return caught.value


def workdir(tmp_path):
    path = tmp_path / "work"
    path.mkdir(exist_ok=True)
    return path


def assert_no_sentinels(data: bytes, where: str = "file"):
    lowered = data.lower()
    leaks = [s.decode() for s in builders.SENTINEL_BYTES if s in lowered]
    assert not leaks, f"identifying data left in the {where}: {leaks}"


def all_tags(ds):
    tags = []
    ds.walk(lambda dataset, element: tags.append(element.tag))
    return tags


def pixel_value_of(path) -> bytes:
    return pydicom.dcmread(path).PixelData


# --------------------------------------------------------------------------- validation and truncation


def test_a_dicom_cut_inside_its_header_is_rejected_as_truncated(tmp_path):
    data = builders.dicom_bytes(builders.sentinel_dataset())
    pixel_start = data.index(b"\xe0\x7f\x10\x00")
    for cut in (140, 250, pixel_start // 2, pixel_start - 3, pixel_start + 6):
        path = builders.write(tmp_path / f"cut{cut}", data[:cut])
        error = rejected(path)
        assert error.code == "dicom_truncated", cut
        assert "incomplete" in error.user_message


def test_a_dicom_cut_exactly_before_its_pixel_data_is_rejected_as_truncated(tmp_path):
    data = builders.dicom_bytes(builders.base_dataset())
    path = builders.write(tmp_path / "cut", data[: data.index(b"\xe0\x7f\x10\x00")])
    assert rejected(path).code == "dicom_truncated"


def test_a_dicom_whose_pixel_data_is_cut_short_is_rejected_as_truncated(tmp_path):
    data = builders.dicom_bytes(builders.base_dataset(rows=64, columns=64))
    path = builders.write(tmp_path / "cut", data[:-100])
    error = rejected(path)
    assert error.code == "dicom_truncated"
    assert error.user_message.startswith("The DICOM file is incomplete")


def test_a_dicom_whose_pixel_length_was_shrunk_to_hide_a_cut_is_rejected(tmp_path):
    ds = builders.base_dataset(rows=64, columns=64)
    path = builders.write_dicom(tmp_path / "short", ds, pixels=builders.native_pixels(ds)[:1000])
    assert rejected(path).code == "dicom_truncated"


def test_encapsulated_pixel_data_without_its_sequence_delimiter_is_rejected_as_truncated(tmp_path):
    data = builders.encapsulated_dicom_bytes()
    assert data.endswith(b"\xfe\xff\xdd\xe0\x00\x00\x00\x00")
    path = builders.write(tmp_path / "cut", data[:-8])
    assert rejected(path).code == "dicom_truncated"


def test_a_complete_encapsulated_dicom_is_accepted(tmp_path):
    path = builders.write(tmp_path / "jpeg.dcm", builders.encapsulated_dicom_bytes())
    assert detect_and_validate(path).key == "dicom"


def test_dicm_followed_by_garbage_is_rejected_as_invalid(tmp_path):
    path = builders.write(tmp_path / "garbage", b"\x00" * 128 + b"DICM" + bytes(range(256)) * 4)
    error = rejected(path)
    assert error.code == "dicom_invalid"
    assert "could not be read" in error.user_message


def test_a_dicom_with_garbage_after_its_file_meta_is_rejected_as_invalid(tmp_path):
    data = builders.dicom_bytes(builders.base_dataset())
    meta_end = 132 + 12 + struct.unpack_from("<L", data, 140)[0]
    path = builders.write(tmp_path / "garbage", data[:meta_end] + b"\x08\x00\x16\x00ZZ\x04\x00abcd" + b"\x01" * 64)
    assert rejected(path).code == "dicom_invalid"


def test_the_deflated_transfer_syntax_is_refused_with_a_clear_message(tmp_path):
    ds = builders.base_dataset(transfer_syntax=DeflatedExplicitVRLittleEndian)
    path = builders.write_dicom(tmp_path / "deflated.dcm", ds)
    error = rejected(path)
    assert error.code == "dicom_invalid"
    assert "Deflated" in error.user_message


def test_a_lone_dicomdir_is_refused_because_it_has_no_images(tmp_path):
    path = builders.write(tmp_path / "DICOMDIR", builders.dicomdir_bytes())
    error = rejected(path)
    assert error.code == "dicom_invalid"
    assert "DICOMDIR" in error.user_message


def test_a_dicom_with_an_oversized_header_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(dicom_module, "MAX_HEADER_BYTES", 4096)
    ds = builders.base_dataset()
    ds.ImageComments = "x" * 8000
    path = builders.write_dicom(tmp_path / "IM1", ds)
    error = rejected(path)
    assert error.code == "dicom_invalid"
    assert "unusually large amount of non-image data" in error.user_message


def test_a_large_private_element_is_skipped_rather_than_held_in_memory(tmp_path, monkeypatch):
    monkeypatch.setattr(dicom_module, "MAX_HEADER_BYTES", 4096)
    ds = builders.base_dataset()
    ds.private_block(0x0029, "VENDOR RAW", create=True).add_new(0x10, "OB", b"\x01" * 100_000)
    path = builders.write_dicom(tmp_path / "IM1", ds)
    assert detect_and_validate(path).key == "dicom"
    result = process_upload(path, workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
    assert result.size < 10_000


@pytest.mark.parametrize(
    "factory",
    [
        lambda: builders.dicom_bytes(builders.sentinel_dataset()),
        builders.implicit_dicom_bytes,
        builders.encapsulated_dicom_bytes,
    ],
)
def test_the_walker_finds_the_pixel_data_where_pydicom_stops_before_it(tmp_path, factory):
    # Pins the pydicom behaviour the design was checked against: dcmread(...,
    # stop_before_pixels=True) rewinds to the first byte of (7FE0,0010).
    path = builders.write(tmp_path / "x.dcm", factory())
    with path.open("rb") as fp:
        pydicom.dcmread(fp, stop_before_pixels=True)
        pydicom_position = fp.tell()
    with path.open("rb") as fp:
        source = dicom_module._Source(fp, path.stat().st_size)
        header = dicom_module._Walker(source).read_header()
        walker_position = source.pos - len(header.pixel.header)
    assert walker_position == pydicom_position
    assert path.read_bytes()[walker_position : walker_position + 4] == b"\xe0\x7f\x10\x00"


# --------------------------------------------------------------------------- de-identification


def test_deidentification_leaves_no_identifying_bytes_anywhere_in_the_kept_file(tmp_path):
    source = builders.write_dicom(tmp_path / "IM1", builders.sentinel_dataset(), preamble=b"QUIXWRIGHT PREAMBLE")
    assert b"Quixwright" in source.read_bytes()  # the test data really carries the sentinels
    result = process_upload(source, client_name="IM1.dcm", workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
    assert result.path != source
    assert result.path.parent == workdir(tmp_path)
    assert_no_sentinels(result.path.read_bytes())


def test_deidentified_dicom_carries_the_pseudonym_and_the_deidentification_markers(tmp_path):
    original = builders.sentinel_dataset()
    source = builders.write_dicom(tmp_path / "IM1", original)
    result = process_upload(source, workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
    ds = pydicom.dcmread(result.path)
    assert ds.PatientName == PSEUDONYM
    assert ds.PatientID == PSEUDONYM
    assert ds.PatientIdentityRemoved == "YES"
    assert ds.DeidentificationMethod.startswith("PS3.15")
    code = ds.DeidentificationMethodCodeSequence[0]
    assert (code.CodeValue, code.CodingSchemeDesignator) == ("113100", "DCM")
    assert ds.get("PatientBirthDate", "") == ""
    assert "OtherPatientIDsSequence" not in ds
    assert "ReferencedPatientSequence" not in ds
    assert "StudyDescription" not in ds
    assert ds.InstitutionName != "Quixwright Memorial Hospital"
    assert ds.ReferringPhysicianName == ""
    # Kept sequences are cleaned inside: the name two levels down is gone.
    nested = ds.ReferencedImageSequence[0].PurposeOfReferenceCodeSequence[0]
    assert str(nested.PatientName) == ""
    # Clinically needed, non-identifying attributes stay.
    assert ds.Modality == "CT"
    assert ds.Rows == original.Rows
    assert ds.BurnedInAnnotation == "YES"
    assert result.metadata["burned_in_annotation"] is True
    assert result.metadata["deidentified"] is True


def test_private_tags_overlays_and_identifying_file_meta_are_removed(tmp_path):
    source = builders.write_dicom(tmp_path / "IM1", builders.sentinel_dataset(), preamble=b"QUIXWRIGHT")
    result = process_upload(source, workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
    ds = pydicom.dcmread(result.path)
    tags = all_tags(ds)
    assert not [t for t in tags if t.is_private]
    assert not [t for t in tags if t.group & 0xFF00 == 0x6000]
    assert "SourceApplicationEntityTitle" not in ds.file_meta
    assert ds.file_meta.ImplementationVersionName != "QUIXWRIGHT_1"
    assert ds.preamble == b"\x00" * 128
    assert ds.file_meta.MediaStorageSOPInstanceUID == ds.SOPInstanceUID


def test_uids_are_replaced_and_pixel_data_is_copied_byte_for_byte(tmp_path):
    original = builders.sentinel_dataset()
    source = builders.write_dicom(tmp_path / "IM1", original)
    result = process_upload(source, workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
    ds = pydicom.dcmread(result.path)
    for keyword in ("StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "FrameOfReferenceUID"):
        assert ds[keyword].value != original[keyword].value, keyword
        assert original[keyword].value.encode() not in result.path.read_bytes(), keyword
    assert ds.SOPClassUID == original.SOPClassUID
    assert ds.file_meta.TransferSyntaxUID == original.file_meta.TransferSyntaxUID
    assert ds.PixelData == pixel_value_of(source)


@pytest.mark.parametrize("transfer_syntax", [ImplicitVRLittleEndian, ExplicitVRBigEndian])
def test_implicit_vr_and_big_endian_dicoms_keep_their_transfer_syntax_and_pixels(tmp_path, transfer_syntax):
    source = builders.write_dicom(tmp_path / "IM1", builders.sentinel_dataset(transfer_syntax=transfer_syntax))
    result = process_upload(source, workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
    ds = pydicom.dcmread(result.path)
    assert ds.file_meta.TransferSyntaxUID == transfer_syntax
    assert ds.PatientName == PSEUDONYM
    assert ds.PixelData == pixel_value_of(source)
    assert_no_sentinels(result.path.read_bytes())


def test_compressed_pixel_data_is_copied_unchanged_with_its_transfer_syntax(tmp_path):
    source = builders.write(tmp_path / "IM1", builders.encapsulated_dicom_bytes())
    result = process_upload(source, workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
    ds = pydicom.dcmread(result.path)
    assert ds.file_meta.TransferSyntaxUID == JPEGBaseline8Bit
    assert ds.PixelData == pixel_value_of(source)
    assert ds["PixelData"].is_undefined_length


def test_trailing_padding_after_the_pixel_data_is_dropped(tmp_path):
    data = builders.dicom_bytes(builders.base_dataset())
    padding = struct.pack("<HH2s2xL", 0xFFFC, 0xFFFC, b"OB", 16) + b"QUIXWRIGHT-PAD!!"
    source = builders.write(tmp_path / "IM1", data + padding)
    result = process_upload(source, workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
    kept = result.path.read_bytes()
    assert b"QUIXWRIGHT" not in kept
    assert "DataSetTrailingPadding" not in pydicom.dcmread(result.path)


def test_each_upload_gets_its_own_uid_mapping(tmp_path):
    source = builders.write_dicom(tmp_path / "IM1", builders.sentinel_dataset())
    first = process_upload(source, workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
    second = process_upload(source, workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
    assert first.path != second.path
    assert pydicom.dcmread(first.path).StudyInstanceUID != pydicom.dcmread(second.path).StudyInstanceUID


def test_an_unusable_pseudonym_is_a_programming_error(tmp_path):
    source = builders.write_dicom(tmp_path / "IM1", builders.base_dataset())
    for pseudonym in ("", "a\\b", "x" * 65, "name^with^carets"):
        with pytest.raises(ValueError):
            process_upload(source, workdir=workdir(tmp_path), pseudonym=pseudonym)
    assert list(workdir(tmp_path).iterdir()) == []


# --------------------------------------------------------------------------- zipped studies


def members_of(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_zipped_study_is_rewritten_with_server_made_names_and_no_dicomdir_or_junk(tmp_path):
    data, _ = builders.study_zip_bytes(slices=3)
    source = builders.write(tmp_path / "study.zip", data)
    result = process_upload(source, client_name="study.zip", workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
    with zipfile.ZipFile(result.path) as archive:
        names = archive.namelist()
    assert names == ["IMG00001.dcm", "IMG00002.dcm", "IMG00003.dcm"]
    assert not any("DOE^JOHN" in n or "DICOMDIR" in n or "MACOSX" in n for n in names)
    assert b"DOE^JOHN" not in result.path.read_bytes()  # not even in the zip's own headers
    assert result.metadata["instances"] == 3
    assert result.metadata["series"] == 1
    assert result.metadata["modality"] == "CT"


def test_a_zipped_study_keeps_no_identifying_bytes_in_any_member(tmp_path):
    data, _ = builders.study_zip_bytes(slices=3)
    source = builders.write(tmp_path / "study.zip", data)
    result = process_upload(source, workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
    assert_no_sentinels(result.path.read_bytes(), "zip")
    # Deflate would hide strings from a search of the zip itself: check each member unpacked.
    for name, member in members_of(result.path).items():
        assert_no_sentinels(member, name)


def test_uids_in_a_zipped_study_are_new_but_consistent_across_its_instances(tmp_path):
    data, original = builders.study_zip_bytes(slices=3)
    source = builders.write(tmp_path / "study.zip", data)
    result = process_upload(source, workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
    instances = [pydicom.dcmread(io.BytesIO(m)) for m in members_of(result.path).values()]
    assert {ds.StudyInstanceUID for ds in instances} == {instances[0].StudyInstanceUID}
    assert instances[0].StudyInstanceUID != original["study"]
    assert {ds.SeriesInstanceUID for ds in instances} == {instances[0].SeriesInstanceUID}
    assert instances[0].SeriesInstanceUID != original["series"]
    sops = [ds.SOPInstanceUID for ds in instances]
    assert len(set(sops)) == 3
    assert not set(sops) & set(original["sops"])
    # Slice 2 and 3 referenced slice 1: the references follow the new UID.
    for ds in instances[1:]:
        assert ds.ReferencedImageSequence[0].ReferencedSOPInstanceUID == sops[0]
    for ds in instances:
        assert ds.PatientName == PSEUDONYM
        assert ds.PatientIdentityRemoved == "YES"
        assert not [t for t in all_tags(ds) if t.is_private]


def test_pixel_data_in_a_zipped_study_is_identical_to_the_original(tmp_path):
    data, _ = builders.study_zip_bytes(slices=2)
    source = builders.write(tmp_path / "study.zip", data)
    originals = {}
    with zipfile.ZipFile(source) as archive:
        for name in archive.namelist():
            if name.startswith("DOE^JOHN/SERIES1/"):
                ds = pydicom.dcmread(io.BytesIO(archive.read(name)))
                originals[int(ds.InstanceNumber)] = ds.PixelData
    result = process_upload(source, workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
    for member in members_of(result.path).values():
        ds = pydicom.dcmread(io.BytesIO(member))
        assert ds.PixelData == originals[int(ds.InstanceNumber)]


# --------------------------------------------------------------------------- previews


def test_a_dicom_preview_is_a_small_png_of_the_middle_frame(tmp_path):
    rows, columns = 40, 60
    ds = builders.base_dataset(rows=rows, columns=columns, frames=3)
    del ds.WindowCenter, ds.WindowWidth
    blank = np.zeros((rows, columns), np.uint16)
    left_to_right = np.tile(np.linspace(0, 4000, columns, dtype=np.uint16), (rows, 1))
    top_to_bottom = np.tile(np.linspace(0, 4000, rows, dtype=np.uint16)[:, None], (1, columns))
    pixels = np.stack([blank, left_to_right, top_to_bottom]).tobytes()
    source = builders.write_dicom(tmp_path / "multi.dcm", ds, pixels=pixels)
    result = process_upload(source, workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
    assert result.preview_path is not None
    with Image.open(result.preview_path) as preview:
        assert preview.format == "PNG"
        assert preview.size == (columns, rows)
        assert preview.getpixel((0, rows // 2)) < preview.getpixel((columns - 1, rows // 2))


def test_a_large_dicom_frame_preview_is_at_most_1024_pixels(tmp_path):
    source = builders.write_dicom(tmp_path / "big.dcm", builders.base_dataset(rows=1500, columns=2100))
    result = process_upload(source, workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
    with Image.open(result.preview_path) as preview:
        assert max(preview.size) <= 1024
        assert preview.mode == "L"


def test_a_zipped_study_gets_a_preview(tmp_path):
    data, _ = builders.study_zip_bytes(slices=3)
    source = builders.write(tmp_path / "study.zip", data)
    result = process_upload(source, workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
    with Image.open(result.preview_path) as preview:
        assert max(preview.size) <= 1024
    assert not [p for p in workdir(tmp_path).iterdir() if p.name.startswith("preview-source")]


def test_compressed_pixels_without_a_decoder_are_kept_without_a_preview(tmp_path):
    source = builders.write(tmp_path / "jpegls.dcm", builders.jpeg_ls_dicom_bytes())
    result = process_upload(source, workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
    assert result.preview_path is None
    assert pydicom.dcmread(result.path).PixelData == pixel_value_of(source)
    assert sorted(p.name.split("-")[0] for p in workdir(tmp_path).iterdir()) == ["deidentified"]


def test_a_frame_too_large_to_decode_safely_gets_no_preview(tmp_path, monkeypatch):
    monkeypatch.setattr(dicom_module, "PREVIEW_MAX_FRAME_BYTES", 100)
    source = builders.write_dicom(tmp_path / "IM1", builders.base_dataset(rows=16, columns=16))
    result = process_upload(source, workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
    assert result.preview_path is None


def test_a_baseline_jpeg_dicom_is_previewed_through_pillow(tmp_path):
    source = builders.write(tmp_path / "jpeg.dcm", builders.encapsulated_dicom_bytes())
    result = process_upload(source, workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
    with Image.open(result.preview_path) as preview:
        assert preview.mode == "RGB"
        assert preview.size == (48, 64)


# --------------------------------------------------------------------------- constant memory


def _sha256_from(path, offset: int) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fp:
        fp.seek(offset)
        while chunk := fp.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def test_a_300_mb_dicom_is_processed_in_constant_memory(tmp_path):
    source, pixel_offset = builders.write_large_dicom(tmp_path / "big.dcm", rows=512, columns=512, frames=600)
    assert source.stat().st_size > 300 * 1000 * 1000
    tracemalloc.start()
    try:
        result = process_upload(source, client_name="big.dcm", workdir=workdir(tmp_path), pseudonym=PSEUDONYM)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    print(f"peak traced allocation for a {source.stat().st_size / 2**20:.0f} MiB DICOM: {peak / 2**20:.1f} MiB")
    assert peak < 50 * 1024 * 1024
    assert result.metadata["frames"] == 600
    assert result.preview_path is not None
    with result.path.open("rb") as fp:
        pydicom.dcmread(fp, stop_before_pixels=True)
        kept_pixel_offset = fp.tell() + 12  # tag, VR, reserved, 4-byte length
    assert _sha256_from(result.path, kept_pixel_offset) == _sha256_from(source, pixel_offset)
    assert result.size == result.path.stat().st_size
