"""Content detection: what is accepted, how early sniffing behaves, names and size limits."""

import pytest

from referrals.files import FILE_TYPES, PROVISIONAL_ZIP, UploadRejected, detect_and_validate, size_limit, sniff
from referrals.files import validate_client_name as check_name
from tests.referrals.files import builders


def rejected(path, **kwargs) -> UploadRejected:
    with pytest.raises(UploadRejected) as caught:
        detect_and_validate(path, **kwargs)
    return caught.value


# --------------------------------------------------------------------------- acceptance


def test_a_real_pdf_is_accepted_as_a_pdf_document(tmp_path):
    path = builders.write(tmp_path / "upload", builders.pdf_bytes())
    assert detect_and_validate(path, client_name="letter.pdf") == FILE_TYPES["pdf"]


@pytest.mark.parametrize(("fmt", "key", "name"), [("JPEG", "jpeg", "photo.jpg"), ("PNG", "png", "chart.png")])
def test_real_jpeg_and_png_images_are_accepted(tmp_path, fmt, key, name):
    path = builders.write(tmp_path / "upload", builders.image_bytes(fmt))
    detected = detect_and_validate(path, client_name=name)
    assert detected.key == key
    assert detected.family == "document"


def test_utf8_text_with_a_bom_and_accents_is_accepted_as_plain_text(tmp_path):
    text = "\ufeffPatiënt: klinische notitie — Größe 1,62 m, naïve\n" * 50
    path = builders.write(tmp_path / "notes", text.encode("utf-8"))
    detected = detect_and_validate(path, client_name="notes.txt")
    assert detected == FILE_TYPES["text"]
    assert detected.content_type == "text/plain; charset=utf-8"


def test_text_whose_multibyte_characters_straddle_read_chunks_is_accepted(tmp_path):
    # 1 MiB chunks: put a 3-byte character across the boundary.
    data = b"a" * (1024 * 1024 - 1) + "€ end".encode()
    path = builders.write(tmp_path / "notes.txt", data)
    assert detect_and_validate(path).key == "text"


def test_csv_and_log_names_are_treated_as_text(tmp_path):
    path = builders.write(tmp_path / "lab", b"analyte,value\nCK,1200\n")
    assert detect_and_validate(path, client_name="lab.csv").key == "text"
    assert detect_and_validate(path, client_name="lab.log").key == "text"


def test_a_minimal_docx_is_accepted_as_a_word_document(tmp_path):
    path = builders.write(tmp_path / "letter", builders.docx_bytes())
    detected = detect_and_validate(path, client_name="letter.docx")
    assert detected == FILE_TYPES["docx"]
    assert detected.family == "document"


def test_a_single_dicom_is_accepted_as_imaging(tmp_path):
    path = builders.write_dicom(tmp_path / "IM0001", builders.base_dataset())
    detected = detect_and_validate(path)
    assert detected == FILE_TYPES["dicom"]
    assert detected.family == "imaging"


def test_a_dicom_without_extension_or_with_dcm_extension_is_not_a_mismatch(tmp_path):
    path = builders.write_dicom(tmp_path / "IM0001", builders.base_dataset())
    assert detect_and_validate(path, client_name="IM0001").key == "dicom"
    assert detect_and_validate(path, client_name="IM0001.dcm").key == "dicom"
    # DICOM files are often named by UID; the last "extension" means nothing.
    assert detect_and_validate(path, client_name="1.2.840.113619.2.55.3").key == "dicom"


def test_a_zipped_study_with_dicomdir_and_macos_junk_is_accepted(tmp_path):
    data, _ = builders.study_zip_bytes(slices=4)
    path = builders.write(tmp_path / "study", data)
    assert detect_and_validate(path, client_name="study.zip") == FILE_TYPES["dicom_zip"]


def test_an_unknown_extension_is_not_a_mismatch_by_itself(tmp_path):
    path = builders.write(tmp_path / "upload", builders.pdf_bytes())
    assert detect_and_validate(path, client_name="letter.scan").key == "pdf"


def test_an_empty_client_name_is_allowed(tmp_path):
    path = builders.write(tmp_path / "upload", builders.pdf_bytes())
    assert detect_and_validate(path, client_name="").key == "pdf"


# --------------------------------------------------------------------------- mismatch


def test_a_png_named_pdf_is_rejected_as_a_mismatch(tmp_path):
    path = builders.write(tmp_path / "upload", builders.image_bytes("PNG"))
    error = rejected(path, client_name="report.pdf")
    assert error.code == "mismatch"
    assert error.user_message == "The file is called “report.pdf” but its content is not a PDF document."


def test_text_named_pdf_is_rejected_as_a_mismatch(tmp_path):
    path = builders.write(tmp_path / "upload", b"just some words\n")
    assert rejected(path, client_name="report.pdf").code == "mismatch"


def test_a_docx_named_zip_is_rejected_as_a_mismatch(tmp_path):
    path = builders.write(tmp_path / "upload", builders.docx_bytes())
    error = rejected(path, client_name="study.zip")
    assert error.code == "mismatch"
    assert "not a zipped DICOM study" in error.user_message


def test_a_dicom_study_named_docx_is_rejected_as_a_mismatch(tmp_path):
    data, _ = builders.study_zip_bytes(slices=1)
    path = builders.write(tmp_path / "upload", data)
    assert rejected(path, client_name="letter.docx").code == "mismatch"


def test_a_pdf_named_txt_is_rejected_as_a_mismatch(tmp_path):
    path = builders.write(tmp_path / "upload", builders.pdf_bytes())
    error = rejected(path, client_name="notes.txt")
    assert error.code == "mismatch"
    assert "not plain text" in error.user_message


# --------------------------------------------------------------------------- sniffing


@pytest.mark.parametrize(
    ("factory", "key"),
    [
        (builders.pdf_bytes, "pdf"),
        (lambda: builders.image_bytes("JPEG"), "jpeg"),
        (lambda: builders.image_bytes("PNG"), "png"),
        (lambda: builders.dicom_bytes(builders.base_dataset()), "dicom"),
        (lambda: b"Consultation note\nAll well.\n", "text"),
    ],
)
def test_sniff_recognises_allowed_types_from_the_first_bytes(factory, key):
    assert sniff(factory()[:132]) == FILE_TYPES[key]


def test_sniff_holds_any_zip_to_the_largest_limit_until_the_whole_file_is_seen():
    result = sniff(builders.docx_bytes()[:132])
    assert result is PROVISIONAL_ZIP
    assert result.family == "imaging"
    assert result.key not in FILE_TYPES  # never a final answer


@pytest.mark.parametrize(
    "head",
    [
        b"<!DOCTYPE html><html><body>hi</body></html>",
        b"\xef\xbb\xbf  \n<HTML>",
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        b"<?xml version='1.0'?><svg/>",
        b"   <script>alert(1)</script>",
        b"<iframe src=x>",
        b"<body onload=alert(1)>",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00",
        b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8,
        b"\xcf\xfa\xed\xfe\x07\x00\x00\x01",
        b"#!/bin/sh\nrm -rf /\n",
        b"\x00\x01\x02binary",
        b"\xff\xfe\x00\x00latin",
        b"",
    ],
)
def test_sniff_refuses_markup_executables_and_binary(head):
    assert sniff(head) is None


def test_sniff_accepts_a_note_about_mz_twins():
    assert sniff(b"MZ twins, discordant phenotype; see attached pedigree.\n") == FILE_TYPES["text"]


def test_sniff_accepts_text_cut_in_the_middle_of_a_character():
    head = ("Größe " * 30).encode()[:131]
    assert sniff(head) == FILE_TYPES["text"]


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.pdf",
        "..\\x.pdf",
        "a/b.pdf",
        "report\x00.pdf",
        "report..pdf",
        ".htaccess",
        "line\nbreak.pdf",
        "invoice\u202efdp.exe",
        "x" * 252 + ".pdf",
    ],
)
def test_unsafe_client_names_are_rejected(name):
    with pytest.raises(UploadRejected) as caught:
        check_name(name)
    assert caught.value.code == "name"
    assert caught.value.user_message.startswith("The file name “")
    assert "\x00" not in caught.value.user_message


def test_ordinary_client_names_are_allowed():
    for name in ("Brief Dr. Müller 2024-05-01.pdf", "MRI (axial) #2.zip", "", "x" * 251 + ".pdf"):
        check_name(name)


def test_detect_checks_the_name_first(tmp_path):
    path = builders.write(tmp_path / "upload", builders.pdf_bytes())
    assert rejected(path, client_name="../../etc/passwd.pdf").code == "name"


# --------------------------------------------------------------------------- sizes


def test_size_limits_come_from_settings(settings):
    settings.CASE_DOCUMENT_MAX_SIZE = 1234
    settings.CASE_IMAGING_MAX_SIZE = 5678
    assert size_limit("document") == 1234
    assert size_limit("imaging") == 5678
    with pytest.raises(ValueError):
        size_limit("video")


def test_an_empty_file_is_rejected(tmp_path):
    path = builders.write(tmp_path / "upload", b"")
    error = rejected(path, client_name="letter.pdf")
    assert error.code == "empty"
    assert error.user_message == "The file is empty."


def test_a_document_over_the_document_limit_is_rejected_and_the_limit_is_named(tmp_path, settings):
    settings.CASE_DOCUMENT_MAX_SIZE = 1024 * 1024
    path = builders.write(tmp_path / "upload", b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024))
    error = rejected(path, client_name="big.pdf")
    assert error.code == "too_large"
    assert "1 MB" in error.user_message
    assert "PDF document" in error.user_message


def test_a_dicom_may_exceed_the_document_limit_but_not_the_imaging_limit(tmp_path, settings):
    path = builders.write_dicom(tmp_path / "IM1", builders.base_dataset(rows=64, columns=64))
    settings.CASE_DOCUMENT_MAX_SIZE = 1024
    assert detect_and_validate(path).key == "dicom"
    settings.CASE_IMAGING_MAX_SIZE = 2048
    error = rejected(path)
    assert error.code == "too_large"
    assert "2 KB" in error.user_message


def test_a_docx_is_held_to_the_document_limit(tmp_path, settings):
    settings.CASE_DOCUMENT_MAX_SIZE = 100
    path = builders.write(tmp_path / "letter.docx", builders.docx_bytes())
    assert rejected(path).code == "too_large"


@pytest.mark.parametrize(
    ("head", "code", "says"),
    [
        (b"<!doctype html><p>hi</p>", "markup", "web page"),
        (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64, "type", "program"),
        (b"MZ\x90\x00\x03\x00\x00\x00", "type", "program"),
        (b"\x00\x01\x02\x03 binary junk", "type", "not accepted"),
    ],
)
def test_the_reason_given_for_refused_first_bytes_is_specific(head, code, says):
    from referrals.files import refusal_for_head, sniff

    assert sniff(head) is None
    error = refusal_for_head(head)
    assert error.code == code and says in " ".join(error.messages)
