"""Sentinel identity never reaches anyone outside the patient's centre, a log line or an e-mail."""

import logging

import pytest
from django.core import mail
from django.urls import reverse

from referrals.models import CaseStatus
from referrals.services import cases as services
from referrals.services.consent import record_consent, withdraw_consent
from referrals.services.patients import enrol_patient

from .factories import SENTINEL_BIRTH_DATE, SENTINEL_NAME, SENTINEL_NATIONAL_ID, SENTINEL_RECORD_NUMBER, World

pytestmark = pytest.mark.django_db
CASE_PAGES = (
    "case_detail",
    "case_edit",
    "case_consent",
    "case_submit",
    "case_withdraw",
    "case_reject",
    "case_access_log",
    "document_new",
    "panel_manage",
    "panel_invitation",
    "contribution_new",
    "information_request_new",
)
DOCUMENT_PAGES = ("document_detail", "document_download", "document_preview", "document_delete")
SENTINELS = (SENTINEL_NAME, SENTINEL_NATIONAL_ID, SENTINEL_RECORD_NUMBER)


def _with_discussion(world):
    """A document, a contribution and a request on the world's case, so their pages have something to show."""
    from django.core.files.base import ContentFile

    from referrals.models import CaseDocument, Contribution, InformationRequest

    if not hasattr(world, "document"):
        world.document = CaseDocument(
            case=world.case, description="Renal ultrasound", file_type="pdf", content_type="application/pdf",
            size=9, sha256="0" * 64, uploaded_by=world.owner,
        )  # fmt: skip
        world.document.file.save("document.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        world.document.save()
        world.contribution = Contribution.objects.create(case=world.case, author=world.panel_member, body="<p>Ok</p>")
        world.information_request = InformationRequest.objects.create(
            case=world.case, requested_by=world.panel_member, question="Grade?"
        )
    return world


def _all_urls(world):
    world = _with_discussion(world)
    case = {"uuid": world.case.uuid}
    consent = {**case, "consent_uuid": world.care_consent.uuid}
    document = {**case, "document_uuid": world.document.uuid}
    contribution = {**case, "contribution_uuid": world.contribution.uuid}
    workspace = reverse("referrals:workspace")
    return [
        reverse("referrals:case_list"),
        workspace,
        *(f"{workspace}?section={section}" for section in ("mine", "panel", "invitations", "contribution",
                                                          "information", "all")),
        reverse("referrals:notification_list"),
        reverse("referrals:patient_detail", kwargs={"uuid": world.patient.uuid}),
        reverse("referrals:case_new") + f"?patient={world.patient.uuid}",
        *(reverse(f"referrals:{name}", kwargs=case) for name in CASE_PAGES),
        reverse("referrals:consent_form_download", kwargs=consent),
        *(reverse(f"referrals:{name}", kwargs=document) for name in DOCUMENT_PAGES),
        *(reverse(f"referrals:{name}", kwargs=contribution) for name in ("contribution_edit", "contribution_history")),
        reverse(
            "referrals:information_request_answer",
            kwargs={**case, "request_uuid": world.information_request.uuid},
        ),
    ]  # fmt: skip


@pytest.mark.parametrize("role", ["panel_member", "panel_lead", "invited", "unrelated", "coordinator", "expired_guest"])
def test_no_response_shows_identity_to_roles_outside_the_owners_centre(world, mfa_client, role):
    client = mfa_client(getattr(world, role))
    for url in _all_urls(world):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode(errors="replace")
        for sentinel in SENTINELS:
            assert sentinel not in text, (role, url)
        assert SENTINEL_BIRTH_DATE.isoformat() not in text


def test_the_owner_does_see_identity(world, mfa_client):
    # Guard against the test above passing because identity is never shown at all.
    text = (
        mfa_client(world.owner)
        .get(reverse("referrals:patient_detail", kwargs={"uuid": world.patient.uuid}))
        .content.decode()
    )
    assert SENTINEL_NAME in text and SENTINEL_NATIONAL_ID in text


def test_logs_and_emails_never_hold_identity(world, mfa_client, caplog, django_capture_on_commit_callbacks):
    caplog.set_level(logging.DEBUG)
    owner_client = mfa_client(world.owner)
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(
            reverse("referrals:patient_new"),
            {"full_name": SENTINEL_NAME, "date_of_birth": "2011-04-23", "sex": "female",
             "national_id": SENTINEL_NATIONAL_ID, "local_record_number": SENTINEL_RECORD_NUMBER},
        )  # fmt: skip
        enrolled = enrol_patient(
            by=world.owner, full_name=SENTINEL_NAME, date_of_birth=SENTINEL_BIRTH_DATE, sex="male",
            national_id=SENTINEL_NATIONAL_ID,
        )  # fmt: skip
        record_consent(
            enrolled,
            by=world.owner,
            purpose="care",
            given_on=SENTINEL_BIRTH_DATE,
            form_language="en",
            form_version="3.0",
        )
        # Walk a case through every e-mailing step.
        world.case.status = CaseStatus.DRAFT
        world.case.no_documents = True
        world.case.save()
        services.submit_case(world.case, by=world.owner)
        services.start_review(world.case, by=world.coordinator)
        _walk_the_panel_and_discussion(world)
        services.draft_outcome(world.case, by=world.panel_lead)
        services.issue_outcome(world.case, by=world.panel_lead)
        services.close_case(world.case, by=world.owner)
        services.reopen_case(world.case, by=world.owner)
        withdraw_consent(world.care_consent, by=world.owner)
        for url in _all_urls(world):
            owner_client.get(url)
    assert len(mail.outbox) >= 10
    for message in mail.outbox:
        text = message.subject + message.body
        for sentinel in SENTINELS:
            assert sentinel not in text
        # The case reference and a link; the pseudonym at most (the invitation digest names only references).
        assert world.case.reference in text
        assert world.case.title not in text and "Three failed repairs" not in text
        assert "Resurfacing" not in text and "Which grade" not in text and "Grade 2" not in text
    for sentinel in SENTINELS:
        assert sentinel not in caplog.text
    from referrals.models import AuditEvent

    audit_text = " ".join(f"{e.target_repr} {e.extra}" for e in AuditEvent.objects.all())
    for sentinel in SENTINELS:
        assert sentinel not in audit_text


def _walk_the_panel_and_discussion(world):
    """Every step of issue 7 §4–§6 that e-mails or logs, with the patient's name in the uploaded file's name."""
    import io

    from referrals.models import Role
    from referrals.services import discussion, documents, panels
    from tests.referrals.factories import make_user

    content = b"%PDF-1.4\n%%EOF\n"
    documents.add_document(
        world.case, by=world.owner, file=io.BytesIO(content), size=len(content),
        description="Histology report", client_name=f"{SENTINEL_NAME} {SENTINEL_NATIONAL_ID}.pdf",
    )  # fmt: skip
    world.case.urgency = "urgent"
    world.case.save()
    expert = make_user(Role.MEMBER_CLINICIAN, centre=world.centre_b, email="new-expert@example.org")
    membership = panels.invite_expert(world.case, expert, by=world.coordinator)
    panels.accept_invitation(membership, by=expert)
    discussion.post_contribution(world.case, by=world.panel_member, body="<p>Resurfacing.</p>")
    request = discussion.request_information(world.case, by=world.panel_lead, question="Which grade?")
    discussion.answer_information_request(request, by=world.owner, answer="Grade 2.")
    panels.send_invitation_digests()
    panels.send_panel_reminders()


def test_the_case_list_does_not_even_decrypt_identity(world, mfa_client, settings):
    from cryptography.fernet import Fernet

    # With a key that cannot read the rows, any decryption would fail the request.
    settings.PATIENT_DATA_KEYS = [Fernet.generate_key().decode()]
    response = mfa_client(world.owner).get(reverse("referrals:case_list"))
    assert response.status_code == 200 and world.case.reference in response.content.decode()


def test_no_url_carries_identity(world):
    for url in _all_urls(world):
        for sentinel in SENTINELS:
            assert sentinel not in url
        assert world.patient.pseudonym not in url


def test_a_patient_shows_only_the_pseudonym_as_text(world):
    assert str(world.patient) == world.patient.pseudonym
    assert SENTINEL_NAME not in repr(world.patient)


@pytest.fixture
def world(db):
    return World()
