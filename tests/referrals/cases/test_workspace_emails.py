"""E-mails to workspace users: written in the language of the pages they last signed in on, sent once each."""

import datetime
import smtplib

import pytest
from django.core.mail.backends import locmem
from django.urls import reverse
from django.utils import timezone, translation

from referrals.case_tasks import send_case_email
from referrals.models import CaseEvent, PanelMembership, Role
from referrals.services.panels import send_invitation_digests
from tests.referrals.factories import PASSWORD, make_user, totp_code

from .factories import add_panel_member

pytestmark = pytest.mark.django_db


def _speaks(user, language):
    profile = user.clinician_profile
    profile.language = language
    profile.save()
    return user


def test_signing_in_on_german_pages_makes_german_the_users_email_language(client):
    user = make_user(Role.MEMBER_CLINICIAN, email="arzt@example.org")
    with translation.override("de"):
        login, second_factor = reverse("account_login"), reverse("mfa_authenticate")
    assert login.startswith("/de/")
    client.post(login, {"login": user.email, "password": PASSWORD})
    client.post(second_factor, {"code": totp_code()})
    user.clinician_profile.refresh_from_db()
    assert user.clinician_profile.language == "de"


def test_a_case_email_goes_to_each_reader_in_their_language(world, mailoutbox):
    _speaks(world.panel_member, "de")
    _speaks(world.panel_lead, "xx")  # a code the portal does not have: English
    readers = [world.panel_member.pk, world.panel_lead.pk, world.owner.pk]
    send_case_email(world.case.pk, CaseEvent.REVIEW_STARTED, readers)
    by_recipient = {message.to[0]: message for message in mailoutbox}
    german = by_recipient[world.panel_member.email]
    assert "Öffnen Sie den Fall im klinischen Arbeitsbereich" in german.body
    assert f"/de/cases/{world.case.uuid}/" in german.body
    for email in (world.panel_lead.email, world.owner.email):
        assert "Open the case in the clinical workspace" in by_recipient[email].body
        assert f"/en/cases/{world.case.uuid}/" in by_recipient[email].body


def test_the_invitation_digest_is_in_the_experts_language(world, mailoutbox):
    expert = _speaks(make_user(Role.MEMBER_CLINICIAN, centre=world.centre_c, email="experte@example.org"), "de")
    add_panel_member(world.case, expert, status=PanelMembership.Status.INVITED)
    world.case.status = "submitted"
    world.case.save()
    send_invitation_digests()
    message = next(message for message in mailoutbox if message.to == [expert.email])
    assert "Einladung in ein Expertengremium" in message.subject
    assert f"/de/cases/{world.case.uuid}/invitation/" in message.body


def test_the_guest_expiry_reminder_is_in_the_guests_language(mailoutbox):
    from referrals import tasks

    guest = _speaks(make_user(Role.GUEST_CLINICIAN, guest_days=5, email="gast@example.org"), "de")
    assert guest.clinician_profile.guest_expires_on == timezone.localdate() + datetime.timedelta(days=5)
    assert tasks.remind_expiring_guests() == 1
    assert "Ihr Gastzugang endet bald" in mailoutbox[0].subject


class FailOnceForPanelMemberBackend(locmem.EmailBackend):
    """The test outbox, except that the first message to panel@ meets a dropped connection."""

    failed = []

    def send_messages(self, messages):
        if any(message.to == ["panel@example.org"] for message in messages) and not self.failed:
            self.failed.append(messages[0].to)
            raise smtplib.SMTPServerDisconnected("connection lost")
        return super().send_messages(messages)


def test_after_a_mail_error_only_those_not_yet_mailed_are_mailed_again(world, mailoutbox, settings, monkeypatch):
    settings.EMAIL_BACKEND = f"{__name__}.FailOnceForPanelMemberBackend"
    FailOnceForPanelMemberBackend.failed = []
    # Without propagation, eager Celery runs the retry in-process instead of raising Retry.
    monkeypatch.setitem(send_case_email.app.conf, "task_eager_propagates", False)
    readers = [world.owner.pk, world.panel_lead.pk, world.panel_member.pk]
    result = send_case_email.apply(args=[world.case.pk, CaseEvent.REVIEW_STARTED.value, readers], throw=False)
    assert result.successful()
    assert FailOnceForPanelMemberBackend.failed == [["panel@example.org"]]
    # Sorted by address, panel@ comes last: lead@ and owner@ had their message and did not get a second one.
    assert sorted(message.to[0] for message in mailoutbox) == [
        "lead@example.org", "owner@example.org", "panel@example.org"]  # fmt: skip
