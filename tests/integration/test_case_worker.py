"""
A real Celery worker (prefork, Redis broker, PostgreSQL) does the clinical workspace's background work:
it checks and de-identifies an uploaded DICOM (only the de-identified copy is stored, in the private
folder the web process also uses), and it sends the urgent panel invitation through SMTP, naming no patient.

Needs PostgreSQL (DATABASE_URL) and Redis (CELERY_BROKER_URL); skipped without them, a failure instead
when REQUIRE_SERVICES=1 (CI).
"""

import io

import pytest
from django.db import transaction

from newsletters.smtp_sink import SmtpSink
from referrals.models import CaseStatus, DocumentUpload, Role
from referrals.services import cases as case_services
from referrals.services import documents
from referrals.services.panels import invite_expert
from tests.integration.worker import Worker, free_port, wait_for
from tests.referrals.cases.factories import SENTINEL_NAME, SENTINEL_NATIONAL_ID, World
from tests.referrals.factories import make_user
from tests.referrals.files import builders

pytestmark = pytest.mark.integration


def test_a_real_worker_de_identifies_an_upload_and_mails_an_urgent_invitation(
    services, broker_queue_empty, real_celery, transactional_db, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    world = World(status=CaseStatus.DRAFT)
    world.case.urgency = "urgent"
    world.case.save()
    expert = make_user(Role.MEMBER_CLINICIAN, centre=world.centre_b, email="fresh-expert@example.org")
    content = builders.dicom_bytes(builders.sentinel_dataset(rows=32, columns=32))

    port = free_port()
    worker = Worker(port, PRIVATE_MEDIA_ROOT=str(settings.PRIVATE_MEDIA_ROOT))
    with SmtpSink(port) as handler:
        try:
            worker.start()
            upload = documents.start_upload(
                world.case, by=world.owner, size=len(content), description="CT", client_name="Quixwright.dcm"
            )
            upload = documents.receive_chunk(
                upload, by=world.owner, offset=0, stream=io.BytesIO(content), length=len(content)
            )
            with transaction.atomic():
                documents.complete_upload(upload, by=world.owner)  # enqueued when this commits
            assert DocumentUpload.objects.get(pk=upload.pk).status == "processing"
            wait_for(
                lambda: DocumentUpload.objects.get(pk=upload.pk).status in DocumentUpload.FINISHED,
                timeout=90, message="the worker did not process the upload",
            )  # fmt: skip
            upload.refresh_from_db()
            assert upload.status == "done", upload.error_message
            with upload.document.file.open("rb") as handle:
                stored = handle.read().lower()
            assert all(sentinel not in stored for sentinel in builders.SENTINEL_BYTES)

            case_services.submit_case(world.case, by=world.owner)
            invite_expert(world.case, expert, by=world.coordinator)
            wait_for(
                lambda: any(recipient == expert.email for recipient, _mid in handler.snapshot()),
                timeout=60, message="the urgent invitation was not e-mailed",
            )  # fmt: skip
            message = handler.last_content.decode(errors="replace")
            assert world.case.reference in message and world.patient.pseudonym in message
            for sentinel in (SENTINEL_NAME, SENTINEL_NATIONAL_ID, world.case.title):
                assert sentinel not in message
        finally:
            worker.stop()
