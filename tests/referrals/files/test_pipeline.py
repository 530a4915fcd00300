"""process_upload end to end: what is kept, its digest, previews and metadata per type."""

import hashlib
import json

import pytest
from PIL import Image

from referrals.files import FILE_TYPES, ProcessedFile, UploadRejected, process_upload
from tests.referrals.files import builders

PSEUDONYM = "EUG-7F3K-92"


@pytest.fixture(autouse=True)
def _scanning_off(settings):
    settings.CLAMD_SOCKET = None
    settings.CLAMD_HOST = None


@pytest.fixture
def work(tmp_path):
    path = tmp_path / "work"
    path.mkdir()
    return path


def process(path, work, name="") -> ProcessedFile:
    return process_upload(path, client_name=name, workdir=work, pseudonym=PSEUDONYM)


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_pdf_is_kept_as_is_with_its_digest_and_no_preview(tmp_path, work):
    source = builders.write(tmp_path / "upload", builders.pdf_bytes())
    result = process(source, work, "letter.pdf")
    assert result.path == source
    assert result.detected == FILE_TYPES["pdf"]
    assert result.sha256 == sha256(source)
    assert result.size == source.stat().st_size
    assert result.preview_path is None
    assert result.metadata == {}
    assert result.scan.scanned is False
    assert list(work.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "data"),
    [("notes.txt", b"Follow-up in 6 months.\n"), ("letter.docx", builders.docx_bytes())],
)
def test_text_and_docx_get_no_preview(tmp_path, work, name, data):
    source = builders.write(tmp_path / "upload", data)
    result = process(source, work, name)
    assert result.preview_path is None
    assert result.path == source
    assert list(work.iterdir()) == []


def test_a_jpeg_gets_an_upright_metadata_free_png_preview(tmp_path, work):
    exif = builders.exif_with_orientation_and_gps(orientation=6)  # rotated 90°: displayed portrait
    source = builders.write(tmp_path / "upload", builders.image_bytes("JPEG", (200, 100), exif=exif))
    result = process(source, work, "photo.jpg")
    # Kept: a copy without the metadata, that still says which way up it is.
    assert result.path != source and result.path.parent == work
    assert b"Quixwright" not in result.path.read_bytes() and b"Zebulon" not in result.path.read_bytes()
    assert result.sha256 == sha256(result.path) and result.size == result.path.stat().st_size
    assert result.metadata == {"width": 100, "height": 200, "metadata_removed": 1}
    with Image.open(result.preview_path) as preview:
        assert preview.format == "PNG"
        assert preview.size == (100, 200)
        assert not preview.getexif()
        assert "exif" not in preview.info
    preview_bytes = result.preview_path.read_bytes()
    assert b"Quixwright" not in preview_bytes
    assert b"eXIf" not in preview_bytes


def test_a_large_png_preview_is_at_most_1024_pixels_on_the_long_side(tmp_path, work):
    source = builders.write(tmp_path / "upload", builders.image_bytes("PNG", (3000, 1200), mode="RGB"))
    result = process(source, work, "chart.png")
    assert result.metadata == {"width": 3000, "height": 1200, "metadata_removed": 0}
    with Image.open(result.preview_path) as preview:
        assert preview.size == (1024, 410)
        assert preview.mode == "RGB"


def test_a_png_with_transparency_is_flattened_for_the_preview(tmp_path, work):
    source = builders.write(tmp_path / "upload", builders.image_bytes("PNG", (50, 50), mode="RGBA"))
    result = process(source, work)
    with Image.open(result.preview_path) as preview:
        assert preview.mode == "RGB"


def test_a_dicom_is_replaced_by_its_deidentified_copy(tmp_path, work):
    source = builders.write_dicom(tmp_path / "IM1", builders.sentinel_dataset())
    result = process(source, work, "IM1.dcm")
    assert result.path != source
    assert result.path.parent == work
    assert result.sha256 == sha256(result.path)
    assert result.size == result.path.stat().st_size
    assert result.preview_path.parent == work
    assert result.metadata["modality"] == "CT"
    assert result.metadata["instances"] == 1
    assert result.metadata["deidentified"] is True
    assert source.exists()  # the caller owns and deletes its temporary upload


def test_metadata_is_json_serialisable_and_names_nobody(tmp_path, work):
    data, _ = builders.study_zip_bytes(slices=2)
    source = builders.write(tmp_path / "study", data)
    result = process(source, work, "study.zip")
    encoded = json.dumps(result.metadata)
    assert "Quixwright" not in encoded
    assert "DOE" not in encoded
    assert result.metadata["instances"] == 2


def test_a_rejected_upload_leaves_nothing_in_the_workdir(tmp_path, work):
    good = builders.dicom_bytes(builders.base_dataset())
    cut = builders.dicom_bytes(builders.base_dataset())[:-50]
    source = builders.write(tmp_path / "study.zip", builders.zip_bytes({"a": good, "b": cut}))
    with pytest.raises(UploadRejected):
        process(source, work)
    assert list(work.iterdir()) == []


def test_a_failure_while_deidentifying_removes_the_partial_copy(tmp_path, work, monkeypatch):
    from referrals.files import dicom

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(dicom, "deidentified_header", explode)
    source = builders.write_dicom(tmp_path / "IM1", builders.base_dataset())
    with pytest.raises(RuntimeError):
        process(source, work)
    assert list(work.iterdir()) == []
