"""Guest accounts: expiry by the hourly task and at once on the next request, extension, reminder (issue 5 §5)."""

import datetime

import pytest
import time_machine
from allauth.usersessions.models import UserSession
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from referrals import tasks
from referrals.models import AuditAction, AuditEvent, Role
from tests.referrals.factories import make_user, sign_in_with_mfa

pytestmark = pytest.mark.django_db
EXPIRY = datetime.date(2027, 3, 10)


def guest(**kwargs):
    user = make_user(Role.GUEST_CLINICIAN, **kwargs)
    user.clinician_profile.guest_expires_on = EXPIRY
    user.clinician_profile.save()
    return user


def test_beat_task_deactivates_expired_guests_and_ends_their_sessions():
    expired, current = guest(), guest()
    current.clinician_profile.guest_expires_on = EXPIRY + datetime.timedelta(days=10)
    current.clinician_profile.save()
    with time_machine.travel(datetime.datetime(2027, 3, 10, 23, 0, tzinfo=datetime.UTC), tick=False):
        browser = sign_in_with_mfa(Client(), expired)
        assert tasks.deactivate_expired_guests.delay().get() == 0  # the expiry day itself still works
    with time_machine.travel(datetime.datetime(2027, 3, 11, 0, 30, tzinfo=datetime.UTC), tick=False):
        assert tasks.deactivate_expired_guests.delay().get() == 1
        expired.refresh_from_db()
        current.refresh_from_db()
        assert not expired.is_active and current.is_active
        assert not UserSession.objects.filter(user=expired).exists()
        assert browser.get("/en/cases/").status_code == 302
        event = AuditEvent.objects.get(action=AuditAction.GUEST_EXPIRED)
        assert event.actor is None and event.extra["expired_on"] == "2027-03-10"
        assert tasks.deactivate_expired_guests.delay().get() == 0  # nothing left to do


def test_expired_guest_is_blocked_on_the_next_request_before_the_task_runs():
    user = guest()
    with time_machine.travel(datetime.datetime(2027, 3, 10, 23, 50, tzinfo=datetime.UTC), tick=False) as clock:
        browser = sign_in_with_mfa(Client(), user)
        assert browser.get("/en/cases/").status_code == 200
        clock.shift(datetime.timedelta(minutes=11))  # now 11 March
        response = browser.get("/en/cases/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    user.refresh_from_db()
    assert not user.is_active
    assert AuditEvent.objects.filter(action=AuditAction.GUEST_EXPIRED).count() == 1


def test_coordinator_extends_a_guest_account(mfa_client):
    user = guest()
    coordinator = make_user(Role.COORDINATOR)
    with time_machine.travel(datetime.datetime(2027, 3, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        client = mfa_client(coordinator)
        url = reverse("referrals:account_extend_guest", kwargs={"uuid": user.clinician_profile.uuid})
        response = client.post(url, {"until": "2027-06-30"})
    assert response.status_code == 302
    user.clinician_profile.refresh_from_db()
    assert user.clinician_profile.guest_expires_on == datetime.date(2027, 6, 30)
    event = AuditEvent.objects.get(action=AuditAction.GUEST_EXTENDED)
    assert event.actor == coordinator and event.extra == {"previous": "2027-03-10", "until": "2027-06-30"}


def test_extending_reactivates_an_expired_guest(mfa_client):
    user = guest()
    user.is_active = False
    user.save()
    with time_machine.travel(datetime.datetime(2027, 3, 20, 9, 0, tzinfo=datetime.UTC), tick=False):
        client = mfa_client(make_user(Role.COORDINATOR))
        client.post(
            reverse("referrals:account_extend_guest", kwargs={"uuid": user.clinician_profile.uuid}),
            {"until": "2027-05-01"},
        )
    user.refresh_from_db()
    assert user.is_active


def test_helpdesk_cannot_extend_a_guest(mfa_client):
    user = guest()
    client = mfa_client(make_user(Role.HELPDESK))
    response = client.post(
        reverse("referrals:account_extend_guest", kwargs={"uuid": user.clinician_profile.uuid}), {"until": "2099-01-01"}
    )
    assert response.status_code == 403


def test_reminder_goes_out_seven_days_before_expiry_once(mailoutbox):
    user = guest(email="guest-doctor@example.org")
    with time_machine.travel(datetime.datetime(2027, 3, 2, 8, 0, tzinfo=datetime.UTC), tick=False):
        assert tasks.remind_expiring_guests.delay().get() == 0  # eight days ahead: not yet
    with time_machine.travel(datetime.datetime(2027, 3, 3, 8, 0, tzinfo=datetime.UTC), tick=False):
        assert tasks.remind_expiring_guests.delay().get() == 1
        assert tasks.remind_expiring_guests.delay().get() == 0  # the hourly run does not repeat it
    with time_machine.travel(datetime.datetime(2027, 3, 4, 8, 0, tzinfo=datetime.UTC), tick=False):
        assert tasks.remind_expiring_guests.delay().get() == 0
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["guest-doctor@example.org"]
    assert "in 7 days" in mailoutbox[0].body
    user.clinician_profile.refresh_from_db()
    assert user.clinician_profile.guest_reminder_sent_for == EXPIRY


def test_an_extended_guest_is_reminded_again_before_the_new_date(mailoutbox):
    user = guest()
    with time_machine.travel(datetime.datetime(2027, 3, 3, 8, 0, tzinfo=datetime.UTC), tick=False):
        tasks.remind_expiring_guests.delay()
    user.clinician_profile.guest_expires_on = datetime.date(2027, 4, 10)
    user.clinician_profile.save()
    with time_machine.travel(datetime.datetime(2027, 4, 3, 8, 0, tzinfo=datetime.UTC), tick=False):
        tasks.remind_expiring_guests.delay()
    assert len(mailoutbox) == 2


def test_beat_schedule_runs_both_guest_tasks_hourly(settings):
    schedule = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert schedule["referrals.tasks.deactivate_expired_guests"] == 3600
    assert schedule["referrals.tasks.remind_expiring_guests"] == 3600


def test_localdate_is_utc_so_expiry_does_not_depend_on_the_server(settings):
    assert settings.TIME_ZONE == "UTC"
    assert timezone.localdate(datetime.datetime(2027, 3, 10, 23, 59, tzinfo=datetime.UTC)) == EXPIRY
