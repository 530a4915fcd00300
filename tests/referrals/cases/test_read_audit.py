"""Every read of a case, a patient or a signed form writes exactly one access-log entry; the log is append-only."""

import pytest
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from referrals.models import CaseAccessLog
from referrals.models.cases import CaseAccessAction

pytestmark = pytest.mark.django_db


def test_each_view_of_a_case_writes_exactly_one_entry(world, mfa_client):
    client = mfa_client(world.panel_member)
    url = reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid})
    client.get(url, REMOTE_ADDR="203.0.113.7", HTTP_X_REQUEST_ID="req-abcdef123456")
    entry = CaseAccessLog.objects.get()
    assert entry.actor == world.panel_member and entry.actor_email == "panel@example.org"
    assert entry.case == world.case and entry.patient_id == world.patient.pk
    assert entry.action == CaseAccessAction.VIEW_CASE
    assert (entry.object_type, entry.object_id) == ("referrals.case", str(world.case.uuid))
    assert entry.ip_address == "203.0.113.7" and entry.request_id == "req-abcdef123456"
    assert entry.created_at.utcoffset().total_seconds() == 0
    client.get(url)
    assert CaseAccessLog.objects.count() == 2


@pytest.mark.parametrize(
    ("url_name", "action"),
    [
        ("case_edit", CaseAccessAction.EDIT_FORM),
        ("case_consent", CaseAccessAction.VIEW_CONSENT),
        ("case_access_log", CaseAccessAction.VIEW_ACCESS_LOG),
        ("case_export", CaseAccessAction.EXPORT_CASE),
    ],
)
def test_other_case_pages_write_one_entry_each(world, mfa_client, url_name, action):
    world.case.status = "submitted"
    world.case.save()
    mfa_client(world.owner).get(reverse(f"referrals:{url_name}", kwargs={"uuid": world.case.uuid}))
    assert list(CaseAccessLog.objects.values_list("action", flat=True)) == [action]


def test_patient_page_writes_one_entry(world, mfa_client):
    mfa_client(world.colleague).get(reverse("referrals:patient_detail", kwargs={"uuid": world.patient.uuid}))
    entry = CaseAccessLog.objects.get()
    assert entry.action == CaseAccessAction.VIEW_PATIENT and entry.patient == world.patient and entry.case is None


def test_signed_form_download_writes_one_entry_naming_the_record(world, mfa_client):
    world.care_consent.signed_form.save("signed.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    response = mfa_client(world.owner).get(
        reverse(
            "referrals:consent_form_download", kwargs={"uuid": world.case.uuid, "consent_uuid": world.care_consent.uuid}
        )
    )
    b"".join(response.streaming_content)
    entry = CaseAccessLog.objects.get()
    assert entry.action == CaseAccessAction.DOWNLOAD_CONSENT_FORM
    assert (entry.object_type, entry.object_id) == ("referrals.consentrecord", str(world.care_consent.uuid))


def test_refused_requests_write_no_entry(world, mfa_client):
    mfa_client(world.unrelated).get(reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid}))
    assert CaseAccessLog.objects.count() == 0


def test_owner_centre_and_coordinator_see_who_accessed_the_case(world, mfa_client, client):
    mfa_client(world.panel_member).get(reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid}))
    for user in (world.colleague, world.coordinator):
        client.logout()
        content = (
            mfa_client(user)
            .get(reverse("referrals:case_access_log", kwargs={"uuid": world.case.uuid}))
            .content.decode()
        )
        assert "panel@example.org" in content


def test_the_model_refuses_changes_on_every_database(world, mfa_client):
    mfa_client(world.owner).get(reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid}))
    entry = CaseAccessLog.objects.get()
    entry.action = CaseAccessAction.VIEW_PATIENT
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        CaseAccessLog.objects.all().update(ip_address=None)
    with pytest.raises(TypeError):
        CaseAccessLog.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only (CI runs it)")
def test_the_database_refuses_update_and_delete_on_postgresql(world, mfa_client):
    mfa_client(world.owner).get(reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid}))
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE referrals_caseaccesslog SET actor_email = 'someone@else.example'")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM referrals_caseaccesslog")
    assert CaseAccessLog.objects.get().actor_email == "owner@example.org"
