"""Hostile uploads through the real views (issue 7 quality bar): each refused with a clear message, nothing stored.

The browser's chunked protocol is driven end to end: create, PUT the chunks, complete. Whether the refusal
comes when the upload is announced, on its first chunk or after the whole file was checked, the clinician
gets a message saying what is wrong, and neither a document nor a byte of the file stays in private storage.
The checks themselves are unit-tested in tests/referrals/files/.
"""

import io
import json
import os
import zipfile

import pytest
from django.urls import reverse

from referrals.models import AuditAction, AuditEvent, CaseDocument
from tests.referrals.files import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world, settings):
    settings.CASE_UPLOAD_CHUNK_SIZE = 64 * 1024
    world.case.status = "draft"
    world.case.save()
    return world


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def stored_files(settings):
    root = str(settings.PRIVATE_MEDIA_ROOT)
    return [os.path.join(d, f) for d, _dirs, files in os.walk(root) for f in files]


def upload(client, case, content, name, commit):
    """Upload like upload.js does; return (HTTP status of the step that ended it, its JSON)."""
    created = client.post(
        reverse("referrals:upload_create", kwargs={"uuid": case.uuid}),
        json.dumps({"size": len(content), "name": name, "description": "Scan"}),
        content_type="application/json",
    )
    if created.status_code != 201:
        return created.status_code, created.json()
    state = created.json()
    offset = 0
    while offset < len(content):
        response = client.put(
            state["status_url"],
            content[offset : offset + state["chunk_size"]],
            content_type="application/octet-stream",
            HTTP_UPLOAD_OFFSET=str(offset),
        )
        if response.status_code != 200:
            return response.status_code, response.json()
        offset = response.json()["offset"]
    with commit():
        client.post(state["complete_url"])
    final = client.get(state["status_url"])
    return final.status_code, final.json()


def assert_refused(settings, status, answer, *, says):
    assert answer.get("status", "rejected") == "rejected", answer
    assert says.lower() in answer["error"].lower(), answer["error"]
    assert not CaseDocument.objects.exists()
    assert stored_files(settings) == []


def zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("IM0001.dcm", "w") as member:
        for _ in range(20):  # 20 MB of zeros: a few KB compressed
            member.write(b"\x00" * (1024 * 1024))
    return buffer.getvalue()


def truncated_dicom():
    data = builders.dicom_bytes(builders.base_dataset(rows=64, columns=64))
    return data[: len(data) - 500]  # the pixel data is cut short


HOSTILE = {
    "html_renamed_pdf": (b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>",
                         "biopsy.pdf", "web page"),
    "svg_with_script": (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                        "diagram.svg", "web page"),
    "windows_executable": (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200,
                           "report.pdf", "program"),
    "elf_executable": (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200, "scan", "program"),
    "path_traversal_name": (builders.pdf_bytes(), "../../etc/passwd.pdf", "not allowed"),
    "backslash_traversal_name": (builders.pdf_bytes(), "..\\..\\boot.ini.pdf", "not allowed"),
    "zip_bomb": (zip_bomb(), "study.zip", "times"),
    "truncated_dicom": (truncated_dicom(), "IM0001.dcm", "incomplete"),
}  # fmt: skip


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_hostile_upload_is_refused_with_a_clear_message_and_nothing_is_stored(
    draft, mfa_client, settings, commit, kind
):
    content, name, says = HOSTILE[kind]
    status, answer = upload(mfa_client(draft.owner), draft.case, content, name, commit)
    assert status in (200, 400, 422)
    assert_refused(settings, status, answer, says=says)


def test_an_empty_file_is_refused_before_anything_is_sent(draft, mfa_client, settings, commit):
    status, answer = upload(mfa_client(draft.owner), draft.case, b"", "empty.pdf", commit)
    assert status == 400
    assert_refused(settings, status, answer, says="empty")


def test_an_oversize_file_is_refused_before_anything_is_sent(draft, mfa_client, settings, commit):
    settings.CASE_DOCUMENT_MAX_SIZE = settings.CASE_IMAGING_MAX_SIZE = 1000
    status, answer = upload(mfa_client(draft.owner), draft.case, builders.pdf_bytes() * 100, "big.pdf", commit)
    assert status == 400
    assert_refused(settings, status, answer, says="larger than")


def test_refusals_after_the_whole_file_arrived_are_audited(draft, mfa_client, settings, commit):
    upload(mfa_client(draft.owner), draft.case, truncated_dicom(), "IM0001.dcm", commit)
    event = AuditEvent.objects.get(action=AuditAction.DOCUMENT_REFUSED)
    assert event.actor == draft.owner and event.extra["reason"] == "dicom_truncated"


def test_a_dicom_carrying_the_patients_name_is_stored_without_it(draft, mfa_client, settings, commit):
    content = builders.dicom_bytes(builders.sentinel_dataset(rows=32, columns=32))
    assert b"Quixwright" in content  # the original does carry it
    status, answer = upload(mfa_client(draft.owner), draft.case, content, "Quixwright_Zebulon.dcm", commit)
    assert answer["status"] == "done", answer
    document = CaseDocument.objects.get()
    assert document.file_type == "dicom" and document.metadata["deidentified"] is True
    with document.file.open("rb") as handle:
        stored = handle.read().lower()
    for sentinel in builders.SENTINEL_BYTES:
        assert sentinel not in stored
    assert draft.patient.pseudonym.lower().encode() in stored  # the panel's viewer groups it by pseudonym
    # Only the de-identified copy exists: the stored file and its preview, nothing else.
    assert sorted(os.path.basename(path) for path in stored_files(settings)) == sorted(
        os.path.basename(name) for name in (document.file.name, document.preview.name)
    )


def test_a_zipped_study_is_stored_de_identified_under_new_member_names(draft, mfa_client, settings, commit):
    content, _info = builders.study_zip_bytes(slices=3)
    status, answer = upload(mfa_client(draft.owner), draft.case, content, "study.zip", commit)
    assert answer["status"] == "done", answer
    document = CaseDocument.objects.get()
    with document.file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        names = archive.namelist()
        assert all(name.startswith("IMG") for name in names) and len(names) == 3
        for name in names:
            member = archive.read(name).lower()
            assert all(sentinel not in member for sentinel in builders.SENTINEL_BYTES)
