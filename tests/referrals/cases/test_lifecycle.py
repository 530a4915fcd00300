"""The case life cycle (DESIGN §6): each transition is allowed only from the right state and to the right
people, writes an audit entry, and sends its e-mails only after the transaction commits."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from referrals.models import AuditAction, AuditEvent, CaseStatus, ConsentPurpose
from referrals.services import cases as services
from referrals.services.cases import CaseTransitionError
from referrals.services.consent import withdraw_consent

from .factories import World, add_panel_member

pytestmark = pytest.mark.django_db
S = CaseStatus
COORD, OWNER, PANEL = "coordinator@example.org", "owner@example.org", "panel@example.org"


def _world(status):
    world = World(status=status)
    world.case.no_documents = True
    world.case.save()
    return world


# (service, status before, who acts, status after, audit action, is an e-mail sent, to whom)
ALLOWED = [
    (services.submit_case, S.DRAFT, "owner", S.SUBMITTED, AuditAction.CASE_SUBMITTED, COORD),
    (services.submit_case, S.DRAFT, "colleague", S.SUBMITTED, AuditAction.CASE_SUBMITTED, COORD),
    (services.start_review, S.SUBMITTED, "coordinator", S.IN_REVIEW, AuditAction.CASE_REVIEW_STARTED, OWNER),
    (services.withdraw_case, S.SUBMITTED, "owner", S.WITHDRAWN, AuditAction.CASE_WITHDRAWN, COORD),
    (services.withdraw_case, S.IN_REVIEW, "owner", S.WITHDRAWN, AuditAction.CASE_WITHDRAWN, PANEL),
    (services.withdraw_case, S.OUTCOME_DRAFTED, "owner", S.WITHDRAWN, AuditAction.CASE_WITHDRAWN, PANEL),
    (services.withdraw_case, S.DRAFT, "owner", S.WITHDRAWN, AuditAction.CASE_WITHDRAWN, None),
    (services.draft_outcome, S.IN_REVIEW, "panel_lead", S.OUTCOME_DRAFTED, AuditAction.CASE_OUTCOME_DRAFTED, None),
    (services.issue_outcome, S.OUTCOME_DRAFTED, "panel_lead", S.OUTCOME_ISSUED, AuditAction.CASE_OUTCOME_ISSUED, OWNER),
    (services.close_case, S.OUTCOME_ISSUED, "owner", S.CLOSED, AuditAction.CASE_CLOSED, PANEL),
    (services.close_case, S.OUTCOME_ISSUED, "coordinator", S.CLOSED, AuditAction.CASE_CLOSED, PANEL),
    (services.reopen_case, S.CLOSED, "owner", S.IN_REVIEW, AuditAction.CASE_REOPENED, PANEL),
    (services.archive_case, S.CLOSED, "coordinator", S.ARCHIVED, AuditAction.CASE_ARCHIVED, None),
    (services.archive_case, S.WITHDRAWN, "coordinator", S.ARCHIVED, AuditAction.CASE_ARCHIVED, None),
]  # fmt: skip


@pytest.mark.parametrize(("service", "before", "actor", "after", "action", "mail_to"), ALLOWED,
                         ids=[f"{a[0].__name__}-{a[1]}-{a[2]}" for a in ALLOWED])  # fmt: skip
def test_allowed_transition_changes_status_audits_and_mails_after_commit(
    django_capture_on_commit_callbacks, service, before, actor, after, action, mail_to
):
    world = _world(before)
    user = getattr(world, actor)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        service(world.case, by=user)
        assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    world.case.refresh_from_db()
    assert world.case.status == after
    event = AuditEvent.objects.get(action=action)
    assert event.actor == user and event.target_id == str(world.case.uuid)
    assert event.extra == {"from_status": before, "to_status": after}
    recipients = {address for message in mail.outbox for address in message.to}
    if mail_to is None:
        assert mail.outbox == []
    else:
        assert mail_to in recipients
        assert all(len(message.to) == 1 for message in mail.outbox)
        assert world.case.reference in mail.outbox[0].subject


def test_reject_needs_a_reason_and_records_it_on_the_case(django_capture_on_commit_callbacks):
    world = _world(S.SUBMITTED)
    with pytest.raises(CaseTransitionError):
        services.reject_case(world.case, by=world.coordinator, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_case(world.case, by=world.coordinator, reason="Outside the network's expertise areas.")
    world.case.refresh_from_db()
    assert world.case.status == S.REJECTED
    assert world.case.rejection_reason == "Outside the network's expertise areas."
    event = AuditEvent.objects.get(action=AuditAction.CASE_REJECTED)
    assert "reason" not in str(event.extra)  # the reason may be clinical: it stays on the case
    assert [m.to for m in mail.outbox] == [["owner@example.org"]]


FORBIDDEN_ACTOR = [
    (services.submit_case, S.DRAFT, "panel_member"),
    (services.submit_case, S.DRAFT, "coordinator"),
    (services.submit_case, S.DRAFT, "unrelated"),
    (services.start_review, S.SUBMITTED, "owner"),
    (services.withdraw_case, S.SUBMITTED, "coordinator"),
    (services.withdraw_case, S.IN_REVIEW, "panel_member"),
    (services.withdraw_case, S.SUBMITTED, "expired_guest"),
    (services.draft_outcome, S.IN_REVIEW, "panel_member"),
    (services.draft_outcome, S.IN_REVIEW, "owner"),
    (services.issue_outcome, S.OUTCOME_DRAFTED, "coordinator"),
    (services.close_case, S.OUTCOME_ISSUED, "panel_member"),
    (services.archive_case, S.CLOSED, "owner"),
    (services.reopen_case, S.CLOSED, "unrelated"),
]


@pytest.mark.parametrize(("service", "before", "actor"), FORBIDDEN_ACTOR,
                         ids=[f"{a[0].__name__}-{a[2]}" for a in FORBIDDEN_ACTOR])  # fmt: skip
def test_transition_by_the_wrong_person_is_refused_and_changes_nothing(service, before, actor):
    world = _world(before)
    with pytest.raises(PermissionDenied):
        service(world.case, by=getattr(world, actor))
    world.case.refresh_from_db()
    assert world.case.status == before
    assert not AuditEvent.objects.filter(action__startswith="case.").exists()
    assert mail.outbox == []


WRONG_STATE = [
    (services.submit_case, S.SUBMITTED, "owner"),
    (services.start_review, S.DRAFT, "coordinator"),
    (services.withdraw_case, S.OUTCOME_ISSUED, "owner"),
    (services.withdraw_case, S.CLOSED, "owner"),
    (services.draft_outcome, S.SUBMITTED, "coordinator"),
    (services.issue_outcome, S.IN_REVIEW, "panel_lead"),
    (services.close_case, S.IN_REVIEW, "owner"),
    (services.reopen_case, S.ARCHIVED, "coordinator"),
    (services.archive_case, S.IN_REVIEW, "coordinator"),
]


@pytest.mark.parametrize(("service", "before", "actor"), WRONG_STATE,
                         ids=[f"{a[0].__name__}-{a[1]}" for a in WRONG_STATE])  # fmt: skip
def test_transition_from_the_wrong_state_is_refused(service, before, actor):
    world = _world(before)
    with pytest.raises((CaseTransitionError, PermissionDenied)) as error:
        service(world.case, by=getattr(world, actor))
    if service is not services.draft_outcome:
        assert error.type is CaseTransitionError
    world.case.refresh_from_db()
    assert world.case.status == before
    assert not AuditEvent.objects.filter(action__startswith="case.").exists()


def test_a_stale_page_cannot_submit_twice():
    world = _world(S.DRAFT)
    stale = type(world.case).objects.get(pk=world.case.pk)
    services.submit_case(world.case, by=world.owner)
    with pytest.raises(CaseTransitionError):
        services.submit_case(stale, by=world.owner)
    assert AuditEvent.objects.filter(action=AuditAction.CASE_SUBMITTED).count() == 1


def test_submit_checklist_lists_what_is_missing_and_blocks_submission():
    world = World(status=S.DRAFT)
    withdraw_consent(world.care_consent, by=world.owner)
    world.case.question = ""
    world.case.no_documents = False
    world.case.save()
    checklist = {item.key: item.done for item in services.submission_checklist(world.case)}
    assert checklist == {"care_consent": False, "question": False, "documents": False}
    with pytest.raises(CaseTransitionError) as error:
        services.submit_case(world.case, by=world.owner)
    assert len(error.value.messages) == 4  # the heading and three missing items
    world.case.refresh_from_db()
    assert world.case.status == S.DRAFT


def test_submit_checklist_complete_allows_submission():
    world = World(status=S.DRAFT)
    world.case.no_documents = True
    world.case.save()
    assert all(item.done for item in services.submission_checklist(world.case))
    services.submit_case(world.case, by=world.owner)
    world.case.refresh_from_db()
    assert world.case.status == S.SUBMITTED and world.case.submitted_at is not None


def test_case_page_shows_the_checklist_to_the_owner(mfa_client):
    world = World(status=S.DRAFT)
    world.case.question = ""
    world.case.save()
    content = (
        mfa_client(world.owner).get(reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid})).content.decode()
    )
    assert "Before you submit" in content
    assert "Missing:" in content and "The question for the panel is written" in content


def test_submitting_through_the_page_with_missing_items_shows_them(mfa_client):
    world = World(status=S.DRAFT)
    client = mfa_client(world.owner)
    response = client.post(reverse("referrals:case_submit", kwargs={"uuid": world.case.uuid}), follow=True)
    assert "Documents are attached" in response.content.decode()
    world.case.refresh_from_db()
    assert world.case.status == S.DRAFT


def test_owner_withdraws_through_the_page(mfa_client, django_capture_on_commit_callbacks):
    world = _world(S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        response = mfa_client(world.owner).post(reverse("referrals:case_withdraw", kwargs={"uuid": world.case.uuid}))
    assert response.status_code == 302
    world.case.refresh_from_db()
    assert world.case.status == S.WITHDRAWN
    assert mail.outbox and mail.outbox[0].to == [COORD]


def test_start_review_needs_an_accepted_panel_member():
    world = _world(S.SUBMITTED)
    world.case.panel_memberships.update(status="declined")
    with pytest.raises(CaseTransitionError):
        services.start_review(world.case, by=world.coordinator)
    add_panel_member(world.case, world.unrelated)
    services.start_review(world.case, by=world.coordinator)


def test_care_consent_withdrawal_tells_the_panel_without_patient_data(django_capture_on_commit_callbacks):
    world = _world(S.IN_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_consent(world.care_consent, by=world.owner)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["lead@example.org", "panel@example.org"]  # accepted members, not the invitee
    assert AuditEvent.objects.filter(action=AuditAction.CONSENT_WITHDRAWN, extra__purpose=ConsentPurpose.CARE).exists()
