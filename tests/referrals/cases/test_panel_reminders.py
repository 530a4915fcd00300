"""Reminders to experts who have not answered or contributed after PANEL_REMINDER_DAYS, and the lead's notice."""

import datetime

import pytest
import time_machine
from django.core import mail

from referrals.case_tasks import remind_panel_members
from referrals.models import AuditAction, AuditEvent, CaseEvent, CaseStatus, Contribution, Notification, PanelMembership
from referrals.services.consent import withdraw_consent
from referrals.services.panels import send_panel_reminders

from .factories import World

pytestmark = pytest.mark.django_db
START = datetime.datetime(2030, 3, 4, 9, 0, tzinfo=datetime.UTC)


def _at(days, minutes=0):
    return START + datetime.timedelta(days=days, minutes=minutes)


@pytest.fixture
def world_at_start(db, settings):
    settings.PANEL_REMINDER_DAYS = 5
    with time_machine.travel(START, tick=False):
        return World()


def _run(days, minutes=0, **kwargs):
    with time_machine.travel(_at(days, minutes), tick=False):
        return send_panel_reminders(**kwargs)


def _reminded(event=CaseEvent.PANEL_REMINDER):
    return sorted(Notification.objects.filter(event=event).values_list("recipient__email", flat=True))


def test_nobody_is_reminded_before_the_reminder_period(world_at_start):
    assert _run(4, 23 * 60) == {"reminded": 0, "leads_told": 0}
    assert _reminded() == [] and mail.outbox == []
    assert not AuditEvent.objects.filter(action=AuditAction.PANEL_REMINDERS_SENT).exists()


def test_silent_and_unanswering_experts_are_reminded_after_the_period_and_the_lead_is_told(
    world_at_start, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        counts = _run(5, 1)
    # The expired guest on the panel is skipped: they can no longer use the workspace.
    assert counts == {"reminded": 3, "leads_told": 1}
    assert _reminded() == ["invited@example.org", "lead@example.org", "panel@example.org"]
    assert _reminded(CaseEvent.PANEL_REMINDER_LEAD) == ["lead@example.org"]
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["invited@example.org", "lead@example.org", "lead@example.org", "panel@example.org"]
    event = AuditEvent.objects.get(action=AuditAction.PANEL_REMINDERS_SENT)
    assert event.actor is None and event.extra == {"reminded": 3, "leads_told": 1}
    assert all(m.reminded_at == _at(5, 1) for m in PanelMembership.objects.exclude(user=world_at_start.expired_guest))


def test_nobody_is_reminded_twice_within_the_period_and_again_after_it(world_at_start):
    assert _run(5, 1)["reminded"] == 3
    assert _run(6)["reminded"] == 0
    assert _run(10)["reminded"] == 0  # 4 days 23 hours 59 minutes after the last reminder
    assert _run(10, 2)["reminded"] == 3
    assert AuditEvent.objects.filter(action=AuditAction.PANEL_REMINDERS_SENT).count() == 2


def test_experts_who_contributed_are_not_reminded(world_at_start):
    world = world_at_start
    for author in (world.panel_member, world.panel_lead):
        Contribution.objects.create(case=world.case, author=author, body="<p>My view.</p>")
    assert _run(5, 1) == {"reminded": 1, "leads_told": 1}
    assert _reminded() == ["invited@example.org"]


def test_the_lead_is_not_told_when_only_the_lead_was_reminded(world_at_start):
    world = world_at_start
    Contribution.objects.create(case=world.case, author=world.panel_member, body="<p>My view.</p>")
    PanelMembership.objects.filter(user=world.invited).update(status=PanelMembership.Status.DECLINED)
    assert _run(5, 1) == {"reminded": 1, "leads_told": 0}
    assert _reminded() == ["lead@example.org"]
    assert _reminded(CaseEvent.PANEL_REMINDER_LEAD) == []


def test_the_period_of_an_accepted_expert_counts_from_their_acceptance(world_at_start):
    world = world_at_start
    PanelMembership.objects.filter(user=world.panel_member).update(answered_at=_at(3))
    assert _run(5, 1)["reminded"] == 2
    assert "panel@example.org" not in _reminded()
    assert _run(8, 1)["reminded"] == 1  # five days after accepting
    assert _reminded().count("panel@example.org") == 1


def test_no_reminders_without_active_care_consent(world_at_start):
    world = world_at_start
    with time_machine.travel(_at(1), tick=False):
        withdraw_consent(world.care_consent, by=world.owner)
    assert _run(6) == {"reminded": 0, "leads_told": 0}


def test_inactive_experts_are_skipped(world_at_start):
    world = world_at_start
    world.panel_member.is_active = False
    world.panel_member.save()
    assert _run(6)["reminded"] == 2
    assert "panel@example.org" not in _reminded()


def test_accepted_experts_are_reminded_only_while_the_case_is_in_review(world_at_start):
    world = world_at_start
    world.case.status = CaseStatus.OUTCOME_DRAFTED
    world.case.save()
    # Nobody left to remind: the panel is at its outcome, and the open invitation is moot.
    assert _run(6) == {"reminded": 0, "leads_told": 0}


def test_unanswered_invitation_on_a_submitted_case_is_reminded(world_at_start):
    world = world_at_start
    world.case.status = CaseStatus.SUBMITTED
    world.case.save()
    assert _run(6)["reminded"] == 1
    assert _reminded() == ["invited@example.org"]


def test_the_beat_task_runs_the_service(world_at_start):
    with time_machine.travel(_at(6), tick=False):
        assert remind_panel_members.apply().get() == {"reminded": 3, "leads_told": 1}
    assert remind_panel_members.autoretry_for == (OSError,)
