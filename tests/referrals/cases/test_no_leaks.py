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
)
SENTINELS = (SENTINEL_NAME, SENTINEL_NATIONAL_ID, SENTINEL_RECORD_NUMBER)


def _all_urls(world):
    case = {"uuid": world.case.uuid}
    consent = {**case, "consent_uuid": world.care_consent.uuid}
    return [
        reverse("referrals:case_list"),
        reverse("referrals:workspace"),
        reverse("referrals:patient_detail", kwargs={"uuid": world.patient.uuid}),
        reverse("referrals:case_new") + f"?patient={world.patient.uuid}",
        *(reverse(f"referrals:{name}", kwargs=case) for name in CASE_PAGES),
        reverse("referrals:consent_form_download", kwargs=consent),
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
        services.draft_outcome(world.case, by=world.panel_lead)
        services.issue_outcome(world.case, by=world.panel_lead)
        services.close_case(world.case, by=world.owner)
        services.reopen_case(world.case, by=world.owner)
        withdraw_consent(world.care_consent, by=world.owner)
        for url in _all_urls(world):
            owner_client.get(url)
    assert len(mail.outbox) >= 6
    for message in mail.outbox:
        text = message.subject + message.body
        for sentinel in SENTINELS:
            assert sentinel not in text
        assert world.case.reference in text and world.patient.pseudonym in text
        assert world.case.title not in text and "Three failed repairs" not in text
    for sentinel in SENTINELS:
        assert sentinel not in caplog.text
    from referrals.models import AuditEvent

    audit_text = " ".join(f"{e.target_repr} {e.extra}" for e in AuditEvent.objects.all())
    for sentinel in SENTINELS:
        assert sentinel not in audit_text


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
