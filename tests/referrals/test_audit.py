"""The audit trail: one writer, always an actor (unless anonymous/system), append-only down to the database."""

import pytest
from django.db import IntegrityError, InternalError, ProgrammingError, connection, transaction
from django.test import RequestFactory
from django.urls import reverse

from referrals.audit import MissingActorError, record_event
from referrals.models import AuditAction, AuditEvent, Role
from tests.referrals.factories import PASSWORD, make_user, totp_code

pytestmark = pytest.mark.django_db


def test_an_entry_without_an_actor_is_refused():
    with pytest.raises(MissingActorError):
        record_event(AuditAction.ROLE_GRANTED, actor=None)
    assert not AuditEvent.objects.exists()


def test_anonymous_and_system_actions_need_no_actor():
    record_event(AuditAction.LOGIN_FAILED, actor=None)
    record_event(AuditAction.GUEST_EXPIRED, actor=None)
    assert AuditEvent.objects.count() == 2


def test_entry_records_actor_target_time_address_and_request_id():
    actor = make_user(Role.COORDINATOR)
    target = make_user().clinician_profile
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
    request.request_id = "req-1234567890"
    event = record_event(AuditAction.MFA_RESET, actor=actor, target=target, request=request, removed=["totp"])
    assert event.actor == actor and event.actor_email == actor.email
    assert event.target_type == "referrals.clinicianprofile" and event.target_id == str(target.uuid)
    assert event.ip_address == "203.0.113.9" and event.request_id == "req-1234567890"
    assert event.created_at.utcoffset().total_seconds() == 0
    assert event.extra == {"removed": ["totp"]}


def test_sign_in_success_is_recorded_with_the_request_id(client):
    user = make_user(Role.MEMBER_CLINICIAN)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.4")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()}, REMOTE_ADDR="198.51.100.4")
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_SUCCEEDED)
    assert event.actor == user and event.ip_address == "198.51.100.4"
    assert event.request_id == response["X-Request-ID"]


def test_model_refuses_update_and_delete_on_every_database():
    event = record_event(AuditAction.LOGIN_FAILED, actor=None)
    event.action = AuditAction.LOGIN_SUCCEEDED
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.all().update(action="x")
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only (CI runs it)")
def test_postgresql_trigger_refuses_update_and_delete():
    record_event(AuditAction.LOGIN_FAILED, actor=None)
    for sql in ["UPDATE referrals_auditevent SET action = 'x'", "DELETE FROM referrals_auditevent"]:
        with pytest.raises((InternalError, IntegrityError, ProgrammingError)) as refused:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql)
        assert "append-only" in str(refused.value)
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).count() == 1


def test_role_change_in_the_wagtail_admin_is_audited(admin_client_with_mfa, superuser):
    from django.contrib.auth.models import Group

    clinician = make_user(email="dr.jansen@example.org")
    group = Group.objects.get_or_create(name=Role.MEMBER_CLINICIAN.value)[0]
    url = reverse("wagtailusers_users:edit", args=[clinician.pk])
    data = {
        "username": clinician.username,
        "email": clinician.email,
        "first_name": "Anna",
        "last_name": "Jansen",
        "is_active": "on",
        "groups": [str(group.pk)],
    }
    response = admin_client_with_mfa.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    del data["groups"]
    admin_client_with_mfa.post(url, data)
    actions = list(
        AuditEvent.objects.filter(action__startswith="role.")
        .order_by("pk")
        .values_list("action", "actor_email", "target_repr", "extra__role")
    )
    assert actions == [
        (AuditAction.ROLE_GRANTED, superuser.email, str(clinician), Role.MEMBER_CLINICIAN.value),
        (AuditAction.ROLE_REVOKED, superuser.email, str(clinician), Role.MEMBER_CLINICIAN.value),
    ]


def test_role_changes_outside_any_request_are_not_attributed_to_anyone():
    clinician = make_user(Role.MEMBER_CLINICIAN)  # e.g. the demo loader
    assert clinician.groups.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.ROLE_GRANTED).exists()


def test_coordinator_filters_the_log_and_exports_csv(mfa_client):
    coordinator = make_user(Role.COORDINATOR, email="coord@example.org")
    client = mfa_client(coordinator)  # itself a sign-in event
    record_event(AuditAction.LOGIN_FAILED, actor=None)
    record_event(AuditAction.MFA_RESET, actor=coordinator, target=make_user().clinician_profile, note="=HYPERLINK()")
    response = client.get(reverse("referrals:audit_log"), {"action": AuditAction.MFA_RESET})
    assert response.status_code == 200
    assert [e.action for e in response.context["page_obj"]] == [AuditAction.MFA_RESET]
    export = client.get(reverse("referrals:audit_log_csv"), {"action": AuditAction.MFA_RESET})
    assert export["Content-Type"].startswith("text/csv")
    rows = b"".join(export.streaming_content).decode().splitlines()
    assert rows[0].startswith("time_utc,action,actor")
    assert len(rows) == 2 and "mfa.reset" in rows[1] and "coord@example.org" in rows[1]
    everything = b"".join(client.get(reverse("referrals:audit_log_csv")).streaming_content).decode()
    assert "login.failed" in everything and "login.succeeded" in everything


def test_csv_cells_cannot_become_spreadsheet_formulas():
    from referrals.views.coordination import _csv_cell

    assert _csv_cell("=SUM(A1)") == "'=SUM(A1)"
    assert _csv_cell("@evil") == "'@evil"
    assert _csv_cell("dr@example.org") == "dr@example.org"


def test_audit_log_pages_with_a_fixed_number_of_queries(mfa_client, settings, django_assert_max_num_queries):
    settings.AUDIT_EVENTS_PER_PAGE = 10
    coordinator = make_user(Role.COORDINATOR)
    client = mfa_client(coordinator)
    for _ in range(3):
        record_event(AuditAction.LOGIN_FAILED, actor=None)
    with django_assert_max_num_queries(40) as baseline:
        client.get(reverse("referrals:audit_log"))
    for _ in range(40):
        record_event(AuditAction.ROLE_GRANTED, actor=coordinator, target=coordinator)
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        response = client.get(reverse("referrals:audit_log"), {"page": 3})
    assert response.context["page_obj"].number == 3


def test_only_coordinators_see_the_audit_log(mfa_client):
    assert mfa_client(make_user(Role.HELPDESK)).get(reverse("referrals:audit_log")).status_code == 403
