"""Sessions: idle and absolute expiry, key rotation, and ending a user's other sessions."""

import pytest
import time_machine
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from referrals.models import AuditAction, AuditEvent, Role
from tests.referrals.factories import PASSWORD, make_user, sign_in_with_mfa, totp_code

pytestmark = pytest.mark.django_db
T0 = 1_800_000_015


def test_session_ends_after_the_idle_timeout(client, settings):
    settings.SESSION_IDLE_TIMEOUT = 15 * 60
    user = make_user(Role.MEMBER_CLINICIAN)
    with time_machine.travel(T0, tick=False) as clock:
        sign_in_with_mfa(client, user)
        assert client.get("/en/cases/").status_code == 200
        clock.shift(14 * 60)
        assert client.get("/en/cases/").status_code == 200  # activity resets the idle clock
        clock.shift(14 * 60)
        assert client.get("/en/cases/").status_code == 200
        clock.shift(15 * 60 + 1)
        response = client.get("/en/cases/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_session_ends_twelve_hours_after_sign_in_even_when_active(client, settings):
    user = make_user(Role.MEMBER_CLINICIAN)
    with time_machine.travel(T0, tick=False) as clock:
        sign_in_with_mfa(client, user)
        for _ in range(12 * 6 - 1):  # a request every 10 minutes for almost 12 hours
            clock.shift(10 * 60)
            assert client.get("/en/cases/").status_code == 200
        clock.shift(10 * 60 + 1)
        response = client.get("/en/cases/")
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_session_key_rotates_at_sign_in(client):
    user = make_user(Role.MEMBER_CLINICIAN)
    client.get(reverse("account_login"))
    client.session.save()
    before = client.cookies["sessionid"].value
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    after_password = client.cookies["sessionid"].value
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    after_mfa = client.cookies["sessionid"].value
    assert "_auth_user_id" in client.session
    assert len({before, after_password, after_mfa} - {before}) >= 1
    assert after_mfa != before
    assert not Session.objects.filter(session_key=before).exists()


def _other_client(user):
    other = Client()
    sign_in_with_mfa(other, user)
    return other


def test_signing_out_ends_every_other_session(client):
    user = make_user(Role.MEMBER_CLINICIAN)
    laptop = _other_client(user)
    sign_in_with_mfa(client, user)
    assert laptop.get("/en/cases/").status_code == 200
    client.post(reverse("account_logout"))
    assert laptop.get("/en/cases/").status_code == 302
    assert (
        not UserSession.objects.filter(user=user)
        .exclude(session_key="")
        .filter(session_key__in=Session.objects.values("session_key"))
        .exists()
    )


def test_changing_the_password_ends_the_other_sessions_but_keeps_this_one(client):
    user = make_user(Role.MEMBER_CLINICIAN)
    laptop = _other_client(user)
    sign_in_with_mfa(client, user)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "a-new-long-passphrase-2026", "password2": "a-new-long-passphrase-2026"},
    )
    assert response.status_code == 302
    assert client.get("/en/cases/").status_code == 200
    assert laptop.get("/en/cases/").status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.PASSWORD_CHANGED, actor=user).exists()


def test_deactivating_the_account_ends_its_sessions(client):
    user = make_user(Role.MEMBER_CLINICIAN)
    sign_in_with_mfa(client, user)
    assert UserSession.objects.filter(user=user).count() == 1
    user.is_active = False
    user.save()
    assert not Session.objects.filter(session_key=client.session.session_key).exists()
    assert client.get("/en/cases/").status_code == 302


def test_users_see_their_sessions_and_end_the_others(client):
    user = make_user(Role.MEMBER_CLINICIAN)
    laptop = _other_client(user)
    sign_in_with_mfa(client, user)
    page = client.get(reverse("usersessions_list"))
    assert page.status_code == 200
    assert page.content.count(b"<tr>") == 3  # header + two sessions
    assert b"This session" in page.content
    client.post(reverse("usersessions_list"))
    assert laptop.get("/en/cases/").status_code == 302
    assert client.get("/en/cases/").status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.SESSIONS_ENDED)
    assert event.actor == user and event.extra == {"sessions_ended": 1}


def test_an_idle_session_ends_alone_not_the_users_other_sessions(settings):
    settings.SESSION_IDLE_TIMEOUT = 15 * 60
    user = make_user(Role.MEMBER_CLINICIAN)
    with time_machine.travel(T0, tick=False) as clock:
        idle = sign_in_with_mfa(Client(), user)
        assert idle.get("/en/cases/").status_code == 200
        clock.shift(10 * 60)
        active = sign_in_with_mfa(Client(), user)
        clock.shift(10 * 60)
        assert idle.get("/en/cases/").status_code == 302
        assert active.get("/en/cases/").status_code == 200
