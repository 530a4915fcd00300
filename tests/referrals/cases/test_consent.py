"""Consent records: per purpose, linked to the CMS consent form, withdrawals, and the signed-form upload."""

import datetime
import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from referrals.models import AuditAction, AuditEvent, ConsentPurpose, ConsentRecord
from referrals.services.consent import record_consent, withdraw_consent

from .factories import World

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


@pytest.fixture
def world(db):
    world = World()
    world.care_consent.delete()
    return world


def _post(client, world, **data):
    payload = {"purpose": "care", "given_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
               "form_language": "de", "form_version": "3.0", **data}  # fmt: skip
    return client.post(reverse("referrals:case_consent", kwargs={"uuid": world.case.uuid}), payload)


@pytest.mark.parametrize(
    ("content", "content_type"), [(PDF, "application/pdf"), (PNG, "image/png"), (JPEG, "image/jpeg")]
)
def test_signed_form_is_checked_by_content_and_stored_privately(world, mfa_client, settings, content, content_type):
    upload = SimpleUploadedFile("Zebulon Quixwright scan.bin", content, content_type="application/octet-stream")
    response = _post(mfa_client(world.owner), world, signed_form=upload)
    assert response.status_code == 302
    record = ConsentRecord.objects.get(patient=world.patient, purpose=ConsentPurpose.CARE)
    assert record.signed_form_content_type == content_type
    assert record.signed_form_sha256 == hashlib.sha256(content).hexdigest()
    stored = Path(record.signed_form.path)
    assert stored.read_bytes() == content
    assert Path(settings.PRIVATE_MEDIA_ROOT) in stored.parents
    assert not str(stored).startswith(str(settings.MEDIA_ROOT))
    assert "Zebulon" not in record.signed_form.name and ".bin" not in record.signed_form.name
    with pytest.raises(ValueError):
        record.signed_form.url  # noqa: B018 - no public URL exists


HOSTILE = [
    ("html-renamed.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "PDF, JPEG or PNG"),
    ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "PDF, JPEG or PNG"),
    ("program.exe", b"MZ\x90\x00\x03" + b"\x00" * 100, "PDF, JPEG or PNG"),
    ("empty.pdf", b"", "empty"),
    ("../../etc/passwd.pdf", b"root:x:0:0", "PDF, JPEG or PNG"),
]


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_signed_forms_are_rejected_and_nothing_is_stored(world, mfa_client, settings, name, content, message):
    response = _post(mfa_client(world.owner), world, signed_form=SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ConsentRecord.objects.filter(patient=world.patient).exists()
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    assert not private.exists() or not any(p.is_file() for p in private.rglob("*"))


def test_oversize_signed_form_is_rejected(world, mfa_client, settings):
    settings.CONSENT_FORM_MAX_UPLOAD_SIZE = 1024
    response = _post(mfa_client(world.owner), world, signed_form=SimpleUploadedFile("big.pdf", PDF + b"0" * 2048))
    assert response.status_code == 200
    assert "larger than" in response.content.decode()
    assert not ConsentRecord.objects.exists()


def test_path_traversal_name_of_a_valid_file_is_replaced(world, mfa_client, settings):
    _post(mfa_client(world.owner), world, signed_form=SimpleUploadedFile("../../../outside.pdf", PDF))
    record = ConsentRecord.objects.get()
    assert ".." not in record.signed_form.name and "outside" not in record.signed_form.name
    assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in Path(record.signed_form.path).resolve().parents


def test_form_keeps_input_on_errors(world, mfa_client):
    response = _post(mfa_client(world.owner), world, given_on="2999-01-01", form_version="7.1")
    content = response.content.decode()
    assert response.status_code == 200
    assert "The date cannot be in the future." in content
    assert 'value="7.1"' in content and 'value="2999-01-01"' in content


def test_a_second_active_consent_for_the_same_purpose_is_refused(world):
    record_consent(
        world.patient,
        by=world.owner,
        purpose="care",
        given_on=timezone.localdate(),
        form_language="en",
        form_version="3.0",
    )
    with pytest.raises(ValidationError):
        record_consent(
            world.patient,
            by=world.owner,
            purpose="care",
            given_on=timezone.localdate(),
            form_language="en",
            form_version="3.0",
        )
    # Other purposes are separate records.
    record_consent(
        world.patient,
        by=world.owner,
        purpose="registries",
        given_on=timezone.localdate(),
        form_language="en",
        form_version="3.0",
    )
    assert ConsentRecord.objects.filter(patient=world.patient).count() == 2


def test_consent_links_the_current_cms_consent_form(world, home_page):
    from tests.guides.factories import ConsentFormDocumentFactory, ConsentFormsPageFactory

    page = ConsentFormsPageFactory(parent=home_page)
    german = ConsentFormDocumentFactory(page=page, language="de", version="3.0")
    today = timezone.localdate()
    record = record_consent(world.patient, by=world.owner, purpose="care", given_on=today, form_language="de")
    assert (record.consent_form, record.form_version) == (german, "3.0")
    # An older version the patient signed is recorded by its number, without a link.
    older = record_consent(
        world.patient, by=world.owner, purpose="registries", given_on=today, form_language="de", form_version="2.1"
    )
    assert (older.consent_form, older.form_version) == (None, "2.1")
    # No form in that language and no version given: the clinician must say which version was signed.
    with pytest.raises(ValidationError) as error:
        record_consent(world.patient, by=world.owner, purpose="research_contact", given_on=today, form_language="fi")
    assert "form_version" in error.value.error_dict


def test_withdrawal_is_recorded_with_a_date_and_audited(world):
    record = record_consent(
        world.patient,
        by=world.owner,
        purpose="care",
        given_on=timezone.localdate() - datetime.timedelta(days=5),
        form_language="en",
        form_version="3.0",
    )
    withdraw_consent(record, by=world.colleague, withdrawn_on=timezone.localdate())
    record.refresh_from_db()
    assert record.withdrawn_on == timezone.localdate() and record.withdrawn_by == world.colleague
    assert AuditEvent.objects.filter(action=AuditAction.CONSENT_WITHDRAWN, actor=world.colleague).count() == 1
    with pytest.raises(ValidationError):
        withdraw_consent(record, by=world.owner)


def test_signed_form_download_is_an_attachment_with_strict_headers(world, mfa_client):
    client = mfa_client(world.owner)
    _post(client, world, signed_form=SimpleUploadedFile("scan.pdf", PDF))
    record = ConsentRecord.objects.get()
    response = client.get(
        reverse("referrals:consent_form_download", kwargs={"uuid": world.case.uuid, "consent_uuid": record.uuid})
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert world.patient.pseudonym in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
