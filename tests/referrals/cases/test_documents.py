"""Documents and imaging on a case: chunked, resumable uploads into private storage, downloads and previews.

The file checks themselves (types, DICOM de-identification, zip bombs) are tested
in tests/referrals/files/; here they are driven end to end through the views.
"""

import hashlib
import io
import json
import os

import pytest
from django.test import Client
from django.urls import reverse

from referrals.models import AuditAction, AuditEvent, CaseAccessLog, CaseDocument, DocumentUpload
from referrals.models.cases import CaseAccessAction
from referrals.services import documents as services

from .factories import SENTINEL_NAME

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def png_bytes(size=(40, 30)):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def stored_files(settings):
    root = str(settings.PRIVATE_MEDIA_ROOT)
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _dirs, files in os.walk(root) for f in files)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """``with commit():`` runs the on-commit work of the block (the upload's processing task, deleting files)
    when it ends, as a real commit would; the test database never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def draft(world):
    world.case.status = "draft"
    world.case.save()
    return world


def _create(client, case, *, size, name="report.pdf", description="Histology report"):
    return client.post(
        reverse("referrals:upload_create", kwargs={"uuid": case.uuid}),
        json.dumps({"size": size, "name": name, "description": description}),
        content_type="application/json",
    )


def _put(client, url, data, offset):
    return client.put(url, data, content_type="application/octet-stream", HTTP_UPLOAD_OFFSET=str(offset))


def upload_via_chunks(client, case, content, commit, *, name="report.pdf", description="Histology report", chunk=None):
    """The browser's protocol: create, PUT each chunk, complete. Returns the final status JSON."""
    created = _create(client, case, size=len(content), name=name, description=description)
    assert created.status_code == 201, created.content
    state = created.json()
    chunk = chunk or state["chunk_size"]
    offset = 0
    while offset < len(content):
        response = _put(client, state["status_url"], content[offset : offset + chunk], offset)
        if response.status_code == 422:
            return response.json()
        assert response.status_code == 200, response.content
        offset = response.json()["offset"]
    with commit():
        completed = client.post(state["complete_url"])
    assert completed.status_code == 202
    return client.get(state["status_url"]).json()


def test_a_chunked_upload_becomes_a_document_in_private_storage_with_its_checksum(draft, mfa_client, settings, commit):
    settings.CASE_UPLOAD_CHUNK_SIZE = 16
    client = mfa_client(draft.owner)
    content = PDF * 3
    state = upload_via_chunks(client, draft.case, content, commit, name=f"{SENTINEL_NAME} biopsy.pdf")
    assert state["status"] == "done", state
    document = CaseDocument.objects.get()
    assert document.case == draft.case and document.uploaded_by == draft.owner
    assert document.file_type == "pdf" and document.content_type == "application/pdf"
    assert document.size == len(content)
    assert document.sha256 == hashlib.sha256(content).hexdigest() == services.sha256_of(document.file)
    # Server-made names under PRIVATE_MEDIA_ROOT: the client's name (with the patient's) is nowhere.
    files = stored_files(settings)
    assert files == [document.file.name]
    assert SENTINEL_NAME not in document.file.name and "biopsy" not in document.file.name
    assert not os.path.exists(settings.MEDIA_ROOT / document.file.name)
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018 - private files have no URL
    assert state["document_url"] == reverse(
        "referrals:document_detail", kwargs={"uuid": draft.case.uuid, "document_uuid": document.uuid}
    )
    assert AuditEvent.objects.filter(action=AuditAction.DOCUMENT_ADDED, target_id=str(draft.case.uuid)).count() == 1
    upload = DocumentUpload.objects.get()
    assert upload.status == "done" and upload.chunk_count == -(-len(content) // 16)
    assert upload.client_extension == ".pdf"  # only the extension of the client's name is kept


def test_a_chunk_out_of_step_gets_409_with_the_servers_offset(draft, mfa_client, settings):
    settings.CASE_UPLOAD_CHUNK_SIZE = 16
    client = mfa_client(draft.owner)
    state = _create(client, draft.case, size=len(PDF)).json()
    assert _put(client, state["status_url"], PDF[:16], 0).status_code == 200
    # The client thinks it is further than it is (its last chunk was lost on the way back).
    response = _put(client, state["status_url"], PDF[32:48], 32)
    assert response.status_code == 409 and response.json()["offset"] == 16
    # A resent chunk the server already has is refused the same way, not stored twice.
    response = _put(client, state["status_url"], PDF[:16], 0)
    assert response.status_code == 409 and response.json()["offset"] == 16
    assert DocumentUpload.objects.get().received == 16


class BrokenStream:
    """A request body that stops short, as when the network breaks mid-chunk."""

    def __init__(self, data, stop_after):
        self.data, self.position, self.stop_after = data, 0, stop_after

    def read(self, size=-1):
        end = min(self.stop_after, self.position + (size if size >= 0 else len(self.data)))
        piece = self.data[self.position : end]
        self.position = end
        return piece


def test_an_upload_resumes_after_a_network_break_mid_chunk(draft, settings, commit):
    settings.CASE_UPLOAD_CHUNK_SIZE = 32
    upload = services.start_upload(draft.case, by=draft.owner, size=len(PDF), description="Report", client_name="a.pdf")
    upload = services.receive_chunk(upload, by=draft.owner, offset=0, stream=io.BytesIO(PDF[:32]), length=32)
    with pytest.raises(services.ValidationError) as broken:
        services.receive_chunk(upload, by=draft.owner, offset=32, stream=BrokenStream(PDF[32:64], 10), length=32)
    assert broken.value.code == "incomplete_chunk"
    upload.refresh_from_db()
    assert upload.received == 32 and upload.chunk_count == 1
    assert len(stored_files(settings)) == 1  # the broken part was not kept
    # The client asks where to go on, and finishes.
    offset = upload.received
    while offset < len(PDF):
        length = min(32, len(PDF) - offset)
        upload = services.receive_chunk(
            upload, by=draft.owner, offset=offset, stream=io.BytesIO(PDF[offset : offset + length]), length=length
        )
        offset = upload.received
    with commit():
        services.complete_upload(upload, by=draft.owner)
    document = CaseDocument.objects.get()
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()


def test_the_status_answer_tells_the_client_where_to_resume(draft, mfa_client, settings):
    settings.CASE_UPLOAD_CHUNK_SIZE = 16
    client = mfa_client(draft.owner)
    state = _create(client, draft.case, size=len(PDF)).json()
    _put(client, state["status_url"], PDF[:16], 0)
    response = client.get(state["status_url"])
    assert response.json()["offset"] == 16 and response["Upload-Offset"] == "16"
    assert response.json()["status"] == "receiving"


def test_html_is_refused_on_its_first_chunk_and_nothing_is_kept(draft, mfa_client, settings):
    settings.CASE_UPLOAD_CHUNK_SIZE = 64
    client = mfa_client(draft.owner)
    html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>" * 4
    state = _create(client, draft.case, size=len(html), name="scan.pdf").json()
    response = _put(client, state["status_url"], html[:64], 0)
    assert response.status_code == 422
    assert response.json()["status"] == "rejected" and response.json()["error"]
    assert stored_files(settings) == [] and not CaseDocument.objects.exists()
    # The upload is over: more chunks are refused.
    assert _put(client, state["status_url"], html[64:128], 64).status_code == 400
    assert AuditEvent.objects.filter(action=AuditAction.DOCUMENT_REFUSED).count() == 1


def test_a_file_over_every_limit_is_refused_before_any_byte_is_sent(draft, mfa_client, settings):
    settings.CASE_DOCUMENT_MAX_SIZE = 100
    settings.CASE_IMAGING_MAX_SIZE = 200
    response = _create(mfa_client(draft.owner), draft.case, size=201)
    assert response.status_code == 400 and "larger than" in response.json()["error"]
    assert not DocumentUpload.objects.exists()


def test_a_pdf_over_the_document_limit_is_refused_although_imaging_may_be_larger(draft, mfa_client, settings, commit):
    settings.CASE_DOCUMENT_MAX_SIZE = 100
    settings.CASE_IMAGING_MAX_SIZE = 10_000
    client = mfa_client(draft.owner)
    content = PDF * 4  # over 100 bytes
    state = upload_via_chunks(client, draft.case, content, commit)
    assert state["status"] == "rejected" and "larger than" in state["error"]
    assert stored_files(settings) == []


def test_an_announced_size_that_the_chunks_exceed_is_refused(draft, settings):
    settings.CASE_UPLOAD_CHUNK_SIZE = 1024
    upload = services.start_upload(draft.case, by=draft.owner, size=10, description="Report", client_name="a.pdf")
    with pytest.raises(services.ValidationError) as error:
        services.receive_chunk(upload, by=draft.owner, offset=0, stream=io.BytesIO(PDF), length=len(PDF))
    assert error.value.code == "too_long"


def test_completing_before_every_byte_arrived_is_refused(draft, mfa_client, settings):
    settings.CASE_UPLOAD_CHUNK_SIZE = 16
    client = mfa_client(draft.owner)
    state = _create(client, draft.case, size=len(PDF)).json()
    _put(client, state["status_url"], PDF[:16], 0)
    response = client.post(state["complete_url"])
    assert response.status_code == 400 and response.json()["offset"] == 16
    assert not CaseDocument.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_upload_page_works_without_javascript(draft, mfa_client, settings):
    """Transactional, so the processing task runs at the commit inside the request, as it does without a broker."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = mfa_client(draft.owner)
    url = reverse("referrals:document_new", kwargs={"uuid": draft.case.uuid})
    page = client.get(url)
    assert page.status_code == 200
    assert b'id="upload-progress-bar"' in page.content and b"referrals/upload" in page.content
    response = client.post(
        url, {"description": "Renal ultrasound", "file": SimpleUploadedFile("us.png", png_bytes(), "image/png")}
    )
    document = CaseDocument.objects.get()
    assert response.status_code == 302 and str(document.uuid) in response["Location"]
    assert document.file_type == "png" and document.preview


@pytest.mark.django_db(transaction=True)
def test_a_photo_is_stored_without_its_metadata_and_the_page_says_so(draft, mfa_client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.referrals.files import builders

    exif = builders.exif_with_orientation_and_gps(orientation=6)
    exif[0x013B] = SENTINEL_NAME  # Artist: a patient's name in the photo's EXIF
    photo = builders.image_bytes("JPEG", (200, 100), exif=exif)
    client = mfa_client(draft.owner)
    client.post(
        reverse("referrals:document_new", kwargs={"uuid": draft.case.uuid}),
        {"description": "Clinical photograph", "file": SimpleUploadedFile("IMG_0042.jpg", photo, "image/jpeg")},
    )
    document = CaseDocument.objects.get()
    with document.file.open("rb") as handle:
        stored = handle.read()
    assert SENTINEL_NAME.encode() not in stored and b"Zebulon" not in stored
    assert document.sha256 == hashlib.sha256(stored).hexdigest() and document.size == len(stored)
    assert document.metadata == {"width": 100, "height": 200, "metadata_removed": 1}
    page = client.get(
        reverse("referrals:document_detail", kwargs={"uuid": draft.case.uuid, "document_uuid": document.uuid})
    )
    assert "Removed on upload (location, dates, device, names)" in page.content.decode()


def test_the_upload_page_keeps_the_description_when_the_file_is_refused(draft, mfa_client, commit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with commit():
        response = mfa_client(draft.owner).post(
            reverse("referrals:document_new", kwargs={"uuid": draft.case.uuid}),
            {"description": "Renal ultrasound", "file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00" + b"\x00" * 200)},
        )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Renal ultrasound"' in content
    assert "invalid-feedback" in content and not CaseDocument.objects.exists()


def test_chunks_need_the_csrf_token(draft, mfa_client):
    from tests.referrals.factories import sign_in_with_mfa

    client = sign_in_with_mfa(Client(enforce_csrf_checks=True), draft.owner)
    response = _create(client, draft.case, size=len(PDF))
    assert response.status_code == 403


def test_only_the_clinician_who_started_an_upload_can_continue_it(draft, mfa_client, client):
    state = _create(mfa_client(draft.owner), draft.case, size=len(PDF)).json()
    client.logout()
    colleague = mfa_client(draft.colleague)
    assert colleague.get(state["status_url"]).status_code == 404
    assert _put(colleague, state["status_url"], PDF, 0).status_code == 404


def _document_for(world, commit, content=PDF, name="report.pdf"):
    upload = services.start_upload(
        world.case, by=world.owner, size=len(content), description="Report", client_name=name
    )
    upload = services.receive_chunk(upload, by=world.owner, offset=0, stream=io.BytesIO(content), length=len(content))
    with commit():
        services.complete_upload(upload, by=world.owner)
    return CaseDocument.objects.get(upload__pk=upload.pk)


def test_download_is_an_attachment_that_no_browser_renders(world, mfa_client, commit):
    document = _document_for(world, commit)
    response = mfa_client(world.panel_member).get(
        reverse("referrals:document_download", kwargs={"uuid": world.case.uuid, "document_uuid": document.uuid})
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"{world.case.reference}-{document.reference}.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    entry = CaseAccessLog.objects.get()
    assert entry.action == CaseAccessAction.DOWNLOAD_DOCUMENT
    assert (entry.object_type, entry.object_id) == ("referrals.casedocument", str(document.uuid))


def test_an_image_has_a_preview_served_the_same_careful_way(world, mfa_client, commit):
    document = _document_for(world, commit, png_bytes((1600, 400)), "photo.png")
    client = mfa_client(world.panel_member)
    kwargs = {"uuid": world.case.uuid, "document_uuid": document.uuid}
    page = client.get(reverse("referrals:document_detail", kwargs=kwargs))
    assert reverse("referrals:document_preview", kwargs=kwargs).encode() in page.content
    response = client.get(reverse("referrals:document_preview", kwargs=kwargs))
    from PIL import Image

    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.format == "PNG" and max(image.size) <= 1024
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert list(CaseAccessLog.objects.order_by("pk").values_list("action", flat=True)) == [
        CaseAccessAction.VIEW_DOCUMENT,
        CaseAccessAction.PREVIEW_DOCUMENT,
    ]


def test_a_pdf_has_no_preview(world, mfa_client, commit):
    document = _document_for(world, commit)
    response = mfa_client(world.owner).get(
        reverse("referrals:document_preview", kwargs={"uuid": world.case.uuid, "document_uuid": document.uuid})
    )
    assert response.status_code == 404


def test_a_document_of_another_case_is_404_under_this_case(world, mfa_client, commit):
    from .factories import make_case

    other = make_case(patient=world.patient, owner=world.owner, area=world.area, status="in_review")
    document = _document_for(world, commit)
    response = mfa_client(world.owner).get(
        reverse("referrals:document_download", kwargs={"uuid": other.uuid, "document_uuid": document.uuid})
    )
    assert response.status_code == 404


def test_documents_are_removed_before_review_with_their_files(draft, mfa_client, settings, commit):
    document = _document_for(draft, commit)
    assert stored_files(settings)
    client = mfa_client(draft.owner)
    url = reverse("referrals:document_delete", kwargs={"uuid": draft.case.uuid, "document_uuid": document.uuid})
    assert client.get(url).status_code == 200
    with commit():
        response = client.post(url)
    assert response.status_code == 302
    assert not CaseDocument.objects.exists() and stored_files(settings) == []
    assert AuditEvent.objects.filter(action=AuditAction.DOCUMENT_DELETED).count() == 1


def test_documents_stay_once_the_panel_reviews_the_case(world, mfa_client, commit):
    document = _document_for(world, commit)  # the world's case is in review
    url = reverse("referrals:document_delete", kwargs={"uuid": world.case.uuid, "document_uuid": document.uuid})
    mfa_client(world.owner).post(url)
    assert CaseDocument.objects.filter(pk=document.pk).exists()


def test_a_document_satisfies_the_submission_checklist(draft, commit):
    from referrals.services.cases import submission_checklist

    draft.case.no_documents = False
    draft.case.save()
    assert not next(item for item in submission_checklist(draft.case) if item.key == "documents").done
    _document_for(draft, commit)
    assert next(item for item in submission_checklist(draft.case) if item.key == "documents").done


def test_an_upload_is_processed_once_even_when_the_task_runs_twice(draft, settings):
    settings.CASE_UPLOAD_CHUNK_SIZE = 1024
    upload = services.start_upload(draft.case, by=draft.owner, size=len(PDF), description="Report", client_name="")
    upload = services.receive_chunk(upload, by=draft.owner, offset=0, stream=io.BytesIO(PDF), length=len(PDF))
    # Complete without running the task, then run it twice as a redelivery would.
    upload.status = DocumentUpload.Status.PROCESSING
    upload.save()
    first = services.process_upload(upload.pk)
    second = services.process_upload(upload.pk)
    assert first is not None and second is None
    assert CaseDocument.objects.count() == 1


def test_panel_members_hear_of_new_documents_in_the_app(world, commit):
    from referrals.models import Notification

    _document_for(world, commit)
    recipients = set(Notification.objects.filter(event="document_added").values_list("recipient__email", flat=True))
    assert {"panel@example.org", "lead@example.org"} <= recipients
    assert "owner@example.org" not in recipients


def test_an_upload_abandoned_half_way_is_discarded_with_its_chunks(draft, settings):
    import time_machine
    from django.utils import timezone

    settings.CASE_UPLOAD_CHUNK_SIZE = 16
    upload = services.start_upload(draft.case, by=draft.owner, size=len(PDF), description="Report", client_name="")
    services.receive_chunk(upload, by=draft.owner, offset=0, stream=io.BytesIO(PDF[:16]), length=16)
    assert len(stored_files(settings)) == 1
    assert services.tidy_uploads() == (0, 0)  # still fresh: the clinician may resume
    with time_machine.travel(timezone.now() + timezone.timedelta(hours=25)):
        assert services.tidy_uploads() == (1, 0)
    upload.refresh_from_db()
    assert upload.status == "failed" and upload.error_code == "abandoned"
    assert stored_files(settings) == []


def test_a_check_left_by_a_dead_worker_is_handed_to_a_worker_again(draft, settings):
    import time_machine
    from django.utils import timezone

    upload = services.start_upload(draft.case, by=draft.owner, size=len(PDF), description="Report", client_name="")
    upload = services.receive_chunk(upload, by=draft.owner, offset=0, stream=io.BytesIO(PDF), length=len(PDF))
    # A worker claimed it and died.
    DocumentUpload.objects.filter(pk=upload.pk).update(status="processing", processing_started_at=timezone.now())
    assert services.tidy_uploads() == (0, 0)
    with time_machine.travel(timezone.now() + timezone.timedelta(hours=2)):
        assert services.tidy_uploads() == (0, 1)  # Celery runs it in-process here
    upload.refresh_from_db()
    assert upload.status == "done" and CaseDocument.objects.filter(upload=upload).exists()
