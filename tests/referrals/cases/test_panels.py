"""Expert panels (issue 7 §5): suggestions, invitations and their answers, the lead, removal and the daily digest."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

from home.network import ExpertiseArea
from referrals.models import AuditAction, AuditEvent, CaseEvent, CaseStatus, Notification, PanelMembership, Role
from referrals.services import panels
from referrals.services.cases import CaseTransitionError
from referrals.services.consent import withdraw_consent
from tests.referrals.factories import make_area, make_centre, make_user

from .factories import World, add_panel_member, give_consent, make_case, make_patient

pytestmark = pytest.mark.django_db
M = PanelMembership


def _membership(world, user):
    return M.objects.select_related("case", "user").get(case=world.case, user=user)


def _notified(user, event):
    return Notification.objects.filter(recipient=user, event=event).count()


# --- Suggestions -----------------------------------------------------------------------------------------


def saved_centre_areas(*centres):
    # make_centre sets a ParentalManyToManyField, which modelcluster keeps in memory until the centre is saved.
    for centre in centres:
        centre.save()


@pytest.fixture
def experts(world):
    """Experts around the world's case (area "Hypospadias", patient at centre A)."""
    other_area = make_area("Bladder exstrophy")
    centre_d = make_centre("Centre D", "Vienna", "AT", areas=[other_area])
    saved_centre_areas(world.centre_a, world.centre_b, world.centre_c, centre_d)
    french = Locale.objects.get_or_create(language_code="fr")[0]
    # The same area in French: a translatable snippet, matched by translation_key.
    area_fr = ExpertiseArea.objects.create(
        workstream=world.area.workstream,
        name="Hypospadias (fr)",
        locale=french,
        translation_key=world.area.translation_key,
    )

    def expert(email, centre, areas=(), **kwargs):
        user = make_user(Role.MEMBER_CLINICIAN, centre=centre, email=email, **kwargs)
        user.clinician_profile.expertise_areas.set(areas)
        return user

    return {
        "own": expert("own@example.org", world.centre_c, [world.area]),
        "own_translated": expert("translated@example.org", centre_d, [area_fr]),
        "via_centre": expert("via-centre@example.org", world.centre_b),
        "other_area": expert("other-area@example.org", world.centre_c, [other_area]),
        "owner_centre": expert("same-centre@example.org", world.centre_a, [world.area]),
        "no_match": expert("no-match@example.org", centre_d),
        "inactive": expert("inactive@example.org", world.centre_c, [world.area], is_active=False),
        "guest": make_user(Role.GUEST_CLINICIAN, email="guest@example.org"),
    }


def _busy(user, world, count, status=CaseStatus.IN_REVIEW, membership_status=M.Status.ACCEPTED):
    for index in range(count):
        patient = make_patient(centre=world.centre_a, by=world.owner, full_name=f"Busy {user.pk} {index}")
        case = make_case(patient=patient, owner=world.owner, area=world.area, status=status)
        add_panel_member(case, user, status=membership_status)


def test_suggestions_match_the_case_area_at_other_centres_only(world, experts):
    suggested = {user.email for user in panels.suggest_experts(world.case)}
    assert suggested == {
        "own@example.org",
        "translated@example.org",
        "via-centre@example.org",  # lists no areas: matched through centre B's
        "unrelated@example.org",  # the same, through centre C's
    }
    # Never the owner's centre, the owner, an inactive user, a guest, someone with other areas,
    # nor the experts already invited or on the panel.
    for excluded in ("same-centre@example.org", "owner@example.org", "inactive@example.org", "guest@example.org",
                     "other-area@example.org", "no-match@example.org", "panel@example.org", "lead@example.org",
                     "invited@example.org"):  # fmt: skip
        assert excluded not in suggested


def test_suggestions_count_open_cases_and_put_own_area_matches_first_then_the_least_busy(world, experts):
    _busy(experts["own"], world, 2)
    _busy(experts["own"], world, 1, status=CaseStatus.CLOSED)  # not open
    _busy(experts["own"], world, 1, membership_status=M.Status.INVITED)  # not accepted
    _busy(experts["own_translated"], world, 1, status=CaseStatus.OUTCOME_DRAFTED)
    _busy(experts["via_centre"], world, 3)
    suggestions = list(panels.suggest_experts(world.case))
    assert [(user.email, user.open_case_count, user.own_area_match) for user in suggestions] == [
        ("translated@example.org", 1, True),
        ("own@example.org", 2, True),
        ("unrelated@example.org", 0, False),
        ("via-centre@example.org", 3, False),
    ]


def test_suggestions_take_one_query_however_many_experts(world, experts):
    with CaptureQueriesContext(connection) as few:
        list(panels.suggest_experts(world.case))
    for index in range(12):
        user = make_user(Role.MEMBER_CLINICIAN, centre=world.centre_c, email=f"more{index}@example.org")
        user.clinician_profile.expertise_areas.set([world.area])
        _busy(user, world, 1)
    with CaptureQueriesContext(connection) as many:
        suggestions = list(panels.suggest_experts(world.case))
    assert len(suggestions) == 16
    assert len(few) == len(many) == 1


def test_suggestions_are_capped_by_the_setting(world, experts, settings):
    settings.PANEL_SUGGESTIONS = 2
    assert len(panels.suggest_experts(world.case)) == 2


def test_a_declined_expert_can_be_suggested_and_invited_again(world):
    saved_centre_areas(world.centre_b)
    membership = _membership(world, world.invited)
    panels.decline_invitation(membership, by=world.invited, reason="On leave")
    assert world.invited in panels.suggest_experts(world.case)
    again = panels.invite_expert(world.case, world.invited, by=world.coordinator)
    assert again.pk == membership.pk  # one membership per expert and case: the row is reused
    assert (again.status, again.decline_reason, again.answered_at) == (M.Status.INVITED, "", None)
    assert AuditEvent.objects.filter(action=AuditAction.PANEL_DECLINED).count() == 1  # the history stays


# --- Inviting ----------------------------------------------------------------------------------------


def test_urgent_invitation_is_emailed_at_once(world, django_capture_on_commit_callbacks):
    world.case.urgency = "urgent"
    world.case.save()
    with django_capture_on_commit_callbacks(execute=True):
        membership = panels.invite_expert(world.case, world.unrelated, by=world.coordinator)
    assert [message.to for message in mail.outbox] == [["unrelated@example.org"]]
    assert world.case.reference in mail.outbox[0].subject and "URGENT" in mail.outbox[0].subject
    assert reverse("referrals:panel_invitation", kwargs={"uuid": world.case.uuid}) in mail.outbox[0].body
    membership.refresh_from_db()
    assert membership.invitation_emailed_at is not None
    assert (membership.status, membership.invited_by) == (M.Status.INVITED, world.coordinator)
    assert _notified(world.unrelated, CaseEvent.PANEL_INVITATION) == 1
    event = AuditEvent.objects.get(action=AuditAction.PANEL_INVITED)
    assert event.actor == world.coordinator and event.extra["case"] == str(world.case.uuid)


def test_routine_invitation_is_in_app_at_once_and_emailed_only_in_the_digest(world, django_capture_on_commit_callbacks):
    second_patient = make_patient(centre=world.centre_a, by=world.owner, full_name="Second Patient")
    give_consent(second_patient, by=world.owner)
    second = make_case(patient=second_patient, owner=world.owner, area=world.area, status=CaseStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        panels.invite_expert(world.case, world.unrelated, by=world.owner)
        panels.invite_expert(second, world.unrelated, by=world.coordinator)
    assert mail.outbox == []
    assert _notified(world.unrelated, CaseEvent.PANEL_INVITATION) == 2
    # The world's own routine invitation of "invited" is pending too: two experts, two e-mails.
    assert panels.send_invitation_digests() == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"unrelated@example.org", "invited@example.org"}
    digest = by_recipient["unrelated@example.org"]
    assert world.case.reference in digest.body and second.reference in digest.body
    assert "http://" in digest.body or "https://" in digest.body
    assert reverse("referrals:panel_invitation", kwargs={"uuid": second.uuid}) in digest.body
    assert not M.objects.filter(status=M.Status.INVITED, invitation_emailed_at__isnull=True).exists()
    # Nothing twice.
    assert panels.send_invitation_digests() == 0
    assert len(mail.outbox) == 2


def test_digest_skips_invitations_on_closed_cases_or_without_care_consent(world):
    withdraw_consent(world.care_consent, by=world.owner)
    other_patient = make_patient(centre=world.centre_a, by=world.owner, full_name="Other Patient")
    give_consent(other_patient, by=world.owner)
    withdrawn = make_case(patient=other_patient, owner=world.owner, area=world.area, status=CaseStatus.WITHDRAWN)
    add_panel_member(withdrawn, world.unrelated, status=M.Status.INVITED)
    assert panels.send_invitation_digests() == 0
    assert mail.outbox == []


def test_digest_leaves_out_experts_who_can_no_longer_use_the_workspace(world):
    world.invited.is_active = False
    world.invited.save()
    assert panels.send_invitation_digests() == 0


@pytest.mark.parametrize("actor", ["panel_member", "panel_lead", "invited", "unrelated", "expired_guest"])
def test_only_the_owners_side_and_coordinators_invite(world, actor):
    with pytest.raises(PermissionDenied):
        panels.invite_expert(world.case, world.unrelated, by=getattr(world, actor))
    assert not M.objects.filter(user=world.unrelated).exists()


@pytest.mark.parametrize("actor", ["owner", "colleague", "coordinator"])
def test_the_owners_side_and_coordinators_can_invite(world, actor):
    membership = panels.invite_expert(world.case, world.unrelated, by=getattr(world, actor))
    assert membership.status == M.Status.INVITED


@pytest.mark.parametrize(
    "status", [CaseStatus.DRAFT, CaseStatus.OUTCOME_DRAFTED, CaseStatus.CLOSED, CaseStatus.WITHDRAWN]
)
def test_panel_can_only_be_formed_while_submitted_or_in_review(status):
    world = World(status=status)
    with pytest.raises(CaseTransitionError):
        panels.invite_expert(world.case, world.unrelated, by=world.owner)
    assert not M.objects.filter(user=world.unrelated).exists()


def test_no_invitation_without_active_care_consent(world):
    withdraw_consent(world.care_consent, by=world.owner)
    with pytest.raises(CaseTransitionError):
        panels.invite_expert(world.case, world.unrelated, by=world.coordinator)
    assert not M.objects.filter(user=world.unrelated).exists()


@pytest.mark.parametrize("expert", ["colleague", "owner", "panel_member", "invited", "coordinator", "expired_guest"])
def test_ineligible_experts_cannot_be_invited(world, expert):
    with pytest.raises(ValidationError) as error:
        panels.invite_expert(world.case, getattr(world, expert), by=world.coordinator)
    assert "expert" in error.value.error_dict


# --- Answers ------------------------------------------------------------------------------------------


def test_accepting_moves_a_submitted_case_in_review_and_tells_the_owner_inviter_and_lead(
    django_capture_on_commit_callbacks,
):
    world = World(status=CaseStatus.SUBMITTED)
    membership = panels.invite_expert(world.case, world.unrelated, by=world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        panels.accept_invitation(membership, by=world.unrelated)
    world.case.refresh_from_db()
    membership.refresh_from_db()
    assert world.case.status == CaseStatus.IN_REVIEW
    assert membership.status == M.Status.ACCEPTED and membership.answered_at is not None
    review = AuditEvent.objects.get(action=AuditAction.CASE_REVIEW_STARTED)
    assert review.actor == world.unrelated and review.extra == {"from_status": "submitted", "to_status": "in_review"}
    assert AuditEvent.objects.filter(action=AuditAction.PANEL_ACCEPTED, actor=world.unrelated).count() == 1
    assert _notified(world.owner, CaseEvent.REVIEW_STARTED) == 1
    assert _notified(world.coordinator, CaseEvent.INVITATION_ACCEPTED) == 1
    assert _notified(world.panel_lead, CaseEvent.INVITATION_ACCEPTED) == 1
    assert "owner@example.org" in {message.to[0] for message in mail.outbox}


def test_accepting_on_a_case_already_in_review_leaves_its_status(world):
    panels.accept_invitation(_membership(world, world.invited), by=world.invited)
    world.case.refresh_from_db()
    assert world.case.status == CaseStatus.IN_REVIEW
    assert not AuditEvent.objects.filter(action=AuditAction.CASE_REVIEW_STARTED).exists()


def test_decline_keeps_the_reason_on_the_membership_and_out_of_the_audit(world, django_capture_on_commit_callbacks):
    membership = panels.invite_expert(world.case, world.unrelated, by=world.owner)
    with django_capture_on_commit_callbacks(execute=True):
        panels.decline_invitation(membership, by=world.unrelated, reason="  On parental leave until May  ")
    membership.refresh_from_db()
    assert membership.status == M.Status.DECLINED and membership.decline_reason == "On parental leave until May"
    event = AuditEvent.objects.get(action=AuditAction.PANEL_DECLINED)
    assert "parental" not in str(event.extra) and event.extra["reason_given"] is True
    assert _notified(world.owner, CaseEvent.INVITATION_DECLINED) == 1
    assert _notified(world.panel_lead, CaseEvent.INVITATION_DECLINED) == 1
    assert all("parental" not in message.body for message in mail.outbox)


def test_only_the_invitee_answers_and_only_once(world):
    membership = _membership(world, world.invited)
    for other in (world.owner, world.coordinator, world.panel_lead, world.unrelated):
        with pytest.raises(PermissionDenied):
            panels.accept_invitation(membership, by=other)
        with pytest.raises(PermissionDenied):
            panels.decline_invitation(membership, by=other)
    panels.accept_invitation(membership, by=world.invited)
    with pytest.raises(CaseTransitionError):
        panels.decline_invitation(membership, by=world.invited)
    with pytest.raises(CaseTransitionError):
        panels.accept_invitation(membership, by=world.invited)


def test_no_acceptance_after_care_consent_is_withdrawn(world):
    withdraw_consent(world.care_consent, by=world.owner)
    with pytest.raises(CaseTransitionError):
        panels.accept_invitation(_membership(world, world.invited), by=world.invited)
    assert _membership(world, world.invited).status == M.Status.INVITED


# --- Lead and removal -----------------------------------------------------------------------------------


def _leads(world):
    return list(
        M.objects.filter(case=world.case, role=M.Role.LEAD)
        .exclude(status__in=[M.Status.DECLINED, M.Status.REMOVED])
        .values_list("user__email", flat=True)
    )


def test_making_a_new_lead_demotes_the_old_one_and_tells_the_new_lead(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        panels.make_lead(_membership(world, world.panel_member), by=world.coordinator)
    assert _leads(world) == ["panel@example.org"]
    assert _membership(world, world.panel_lead).role == M.Role.MEMBER
    assert _notified(world.panel_member, CaseEvent.PANEL_LEAD_ASSIGNED) == 1
    assert [message.to for message in mail.outbox] == [["panel@example.org"]]
    event = AuditEvent.objects.get(action=AuditAction.PANEL_LEAD_ASSIGNED)
    assert event.extra["previous_lead_demoted"] is True


def test_inviting_as_lead_demotes_the_current_lead(world):
    panels.invite_expert(world.case, world.unrelated, by=world.owner, as_lead=True)
    assert _leads(world) == ["unrelated@example.org"]


def test_the_invited_lead_leads_once_accepted(world):
    membership = panels.invite_expert(world.case, world.unrelated, by=world.owner, as_lead=True)
    panels.accept_invitation(membership, by=world.unrelated)
    assert world.unrelated.has_perm("referrals.draft_case_outcome", world.case)
    assert not world.panel_lead.has_perm("referrals.draft_case_outcome", world.case)


def test_a_declined_or_removed_expert_cannot_be_made_lead(world):
    membership = _membership(world, world.invited)
    panels.decline_invitation(membership, by=world.invited)
    with pytest.raises(CaseTransitionError):
        panels.make_lead(membership, by=world.owner)
    assert _leads(world) == ["lead@example.org"]


def test_removing_a_member_keeps_the_row_cuts_access_and_tells_them(world, mfa_client):
    client = mfa_client(world.panel_member)
    url = reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid})
    assert client.get(url).status_code == 200
    panels.remove_member(_membership(world, world.panel_member), by=world.owner)
    assert _membership(world, world.panel_member).status == M.Status.REMOVED
    assert _notified(world.panel_member, CaseEvent.REMOVED_FROM_PANEL) == 1
    assert AuditEvent.objects.filter(action=AuditAction.PANEL_MEMBER_REMOVED, actor=world.owner).count() == 1
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("actor", ["panel_member", "panel_lead", "unrelated", "invited"])
def test_only_those_who_form_the_panel_change_lead_or_remove(world, actor):
    membership = _membership(world, world.panel_member)
    with pytest.raises(PermissionDenied):
        panels.make_lead(membership, by=getattr(world, actor))
    with pytest.raises(PermissionDenied):
        panels.remove_member(membership, by=getattr(world, actor))
    assert _membership(world, world.panel_member).status == M.Status.ACCEPTED
    assert _leads(world) == ["lead@example.org"]


# --- The pages ------------------------------------------------------------------------------------------


def test_panel_page_lists_members_progress_suggestions_and_an_invite_select(world, mfa_client, experts):
    content = mfa_client(world.owner).get(reverse("referrals:panel_manage", kwargs={"uuid": world.case.uuid})).content
    text = content.decode()
    for email in ("panel@example.org", "lead@example.org", "invited@example.org"):
        assert email in text
    assert "0 of 3 experts have contributed" in text
    assert "Their own expertise" in text and "Their centre's expertise" in text
    assert '<label class="form-label" for="id_expert">Invite another expert</label>' in text
    assert f'value="{experts["other_area"].clinician_profile.uuid}"' in text  # anyone eligible, beyond suggestions
    assert f'value="{experts["owner_centre"].clinician_profile.uuid}"' not in text


def test_inviting_a_suggested_expert_from_the_page(world, mfa_client, experts):
    url = reverse("referrals:panel_manage", kwargs={"uuid": world.case.uuid})
    response = mfa_client(world.coordinator).post(
        url, {"expert": str(experts["own"].clinician_profile.uuid), "as_lead": "on"}
    )
    assert response.status_code == 302 and response["Location"] == url
    membership = M.objects.get(case=world.case, user=experts["own"])
    assert (membership.status, membership.role, membership.invited_by) == ("invited", "lead", world.coordinator)


def test_inviting_an_ineligible_expert_from_the_page_shows_the_form_again(world, mfa_client):
    url = reverse("referrals:panel_manage", kwargs={"uuid": world.case.uuid})
    response = mfa_client(world.owner).post(url, {"expert": str(world.colleague.clinician_profile.uuid)})
    assert response.status_code == 200
    assert "This expert cannot be invited" in response.content.decode()
    assert not M.objects.filter(user=world.colleague).exists()


def test_make_lead_and_remove_buttons_work_from_the_page(world, mfa_client):
    client = mfa_client(world.colleague)
    member = _membership(world, world.panel_member)
    kwargs = {"uuid": world.case.uuid, "membership_uuid": member.uuid}
    assert client.post(reverse("referrals:panel_make_lead", kwargs=kwargs)).status_code == 302
    assert _leads(world) == ["panel@example.org"]
    invited = _membership(world, world.invited)
    client.post(reverse("referrals:panel_remove", kwargs={"uuid": world.case.uuid, "membership_uuid": invited.uuid}))
    assert _membership(world, world.invited).status == M.Status.REMOVED


def test_panel_change_in_the_wrong_state_says_why_and_changes_nothing(mfa_client):
    world = World(status=CaseStatus.OUTCOME_DRAFTED)
    member = _membership(world, world.panel_member)
    url = reverse("referrals:panel_make_lead", kwargs={"uuid": world.case.uuid, "membership_uuid": member.uuid})
    response = mfa_client(world.owner).post(url, follow=True)
    assert "The panel can only be changed while the case is submitted or in review." in response.content.decode()
    assert _leads(world) == ["lead@example.org"]
    page = mfa_client(world.owner).get(reverse("referrals:panel_manage", kwargs={"uuid": world.case.uuid}))
    assert "Make lead" not in page.content.decode() and 'id="id_expert"' not in page.content.decode()


def test_a_membership_of_another_case_is_404(world, mfa_client):
    other_patient = make_patient(centre=world.centre_a, by=world.owner, full_name="Other Patient")
    other = make_case(patient=other_patient, owner=world.owner, area=world.area, status=CaseStatus.IN_REVIEW)
    foreign = add_panel_member(other, world.unrelated)
    url = reverse("referrals:panel_remove", kwargs={"uuid": world.case.uuid, "membership_uuid": foreign.uuid})
    assert mfa_client(world.owner).post(url).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == M.Status.ACCEPTED


def test_invitation_page_shows_only_what_the_expert_needs_to_decide(world, mfa_client):
    world.case.urgency = "urgent"
    world.case.save()
    membership = _membership(world, world.invited)
    membership.invited_by = world.coordinator
    membership.save()
    response = mfa_client(world.invited).get(reverse("referrals:panel_invitation", kwargs={"uuid": world.case.uuid}))
    text = response.content.decode()
    assert response.status_code == 200
    assert world.case.reference in text and "Hypospadias" in text and "Urgent" in text
    assert "coordinator@example.org" in text
    for hidden in (world.case.title, world.case.question, "Three failed repairs", world.patient.pseudonym, "Q54.9"):
        assert hidden not in text
    assert '<label class="form-label" for="id_reason">' in text


def test_accepting_from_the_invitation_page_opens_the_case(mfa_client):
    world = World(status=CaseStatus.SUBMITTED)
    client = mfa_client(world.invited)
    url = reverse("referrals:panel_invitation", kwargs={"uuid": world.case.uuid})
    response = client.post(url, {"decision": "accept"})
    assert response["Location"] == reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid})
    world.case.refresh_from_db()
    assert world.case.status == CaseStatus.IN_REVIEW
    assert client.get(response["Location"]).status_code == 200
    # Once accepted, the invitation link leads to the case.
    assert client.get(url)["Location"] == response["Location"]


def test_declining_from_the_invitation_page_with_a_reason(world, mfa_client):
    client = mfa_client(world.invited)
    url = reverse("referrals:panel_invitation", kwargs={"uuid": world.case.uuid})
    response = client.post(url, {"decision": "decline", "reason": "Not my field"})
    assert response.status_code == 302
    membership = _membership(world, world.invited)
    assert membership.status == M.Status.DECLINED and membership.decline_reason == "Not my field"
    assert client.get(url).status_code == 404


def test_invitation_page_is_404_for_everyone_else_and_after_consent_withdrawal(world, mfa_client, client):
    url = reverse("referrals:panel_invitation", kwargs={"uuid": world.case.uuid})
    for user in (world.owner, world.coordinator, world.unrelated, world.colleague):
        client.logout()
        assert mfa_client(user).get(url).status_code == 404, user.email
    withdraw_consent(world.care_consent, by=world.owner)
    client.logout()
    assert mfa_client(world.invited).get(url).status_code == 404
