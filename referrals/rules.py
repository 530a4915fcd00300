"""Who may do what, as ``rules`` predicates: the one place views, templates and services ask.

Network roles are Django groups (``referrals.models.Role``). A guest whose
expiry date has passed holds no role any more, even before the hourly task
has deactivated the account.
"""

import rules
from django.utils import timezone

from .models.accounts import Role


def _profile(user):
    try:
        return user.clinician_profile
    except AttributeError:  # anonymous user, or no profile row (RelatedObjectDoesNotExist)
        return None


@rules.predicate
def is_active_user(user):
    return bool(user and user.is_authenticated and user.is_active)


is_editor = is_active_user & rules.is_group_member(Role.EDITOR.value)
is_coordinator = is_active_user & rules.is_group_member(Role.COORDINATOR.value)
is_member_clinician = is_active_user & rules.is_group_member(Role.MEMBER_CLINICIAN.value)
is_helpdesk = is_active_user & rules.is_group_member(Role.HELPDESK.value)
is_guest_member = is_active_user & rules.is_group_member(Role.GUEST_CLINICIAN.value)


@rules.predicate
def guest_access_expired(user):
    profile = _profile(user)
    # A guest without an expiry date is a configuration error: treat as expired.
    return profile is None or profile.guest_expires_on is None or profile.guest_has_expired(timezone.localdate())


is_guest = is_guest_member & ~guest_access_expired
is_expired_guest = is_guest_member & guest_access_expired
is_clinician = is_member_clinician | is_guest
# Anyone who may open the clinical workspace. Coordinators triage and see
# cases (DESIGN §5); helpdesk and editors hold no patient data.
has_workspace_role = is_clinician | is_coordinator
is_coordination_staff = is_coordinator | is_helpdesk

rules.add_perm("referrals.enter_workspace", has_workspace_role)
rules.add_perm("referrals.enter_coordination", is_coordination_staff)
rules.add_perm("referrals.view_access_requests", is_coordination_staff)
rules.add_perm("referrals.decide_access_requests", is_coordinator)
rules.add_perm("referrals.view_audit_log", is_coordinator)
rules.add_perm("referrals.manage_accounts", is_coordination_staff)
rules.add_perm("referrals.reset_second_factor", is_coordination_staff)
rules.add_perm("referrals.extend_guest", is_coordinator)
rules.add_perm("referrals.triage_referrals", is_coordinator)
rules.add_perm("referrals.request_access", is_active_user & ~has_workspace_role)


# --- Clinical cases (issue 7): object-level rules, the object is a Case or a Patient ---
# Whether a case may be opened at all is decided by Case.objects.visible_to(user)
# alone, so a list and a detail page can never disagree; the predicates below
# decide what a user who can open it may do there.


def _patient_of(obj):
    return getattr(obj, "patient", obj)


@rules.predicate
def is_case_owner(user, case):
    return case is not None and getattr(case, "owner_id", None) == user.pk


@rules.predicate
def is_at_owner_centre(user, obj):
    """A member clinician at the patient's centre: sees the centre's patients, identity included."""
    if obj is None:
        return False
    centre_id = _patient_of(obj).owner_centre_id
    profile = _profile(user)
    return centre_id is not None and profile is not None and profile.member_centre_id == centre_id


@rules.predicate
def enrolled_without_centre(user, obj):
    """The patient has no member centre (a guest enrolled them) and ``user`` is the one who did."""
    if obj is None:
        return False
    patient = _patient_of(obj)
    return patient.owner_centre_id is None and patient.created_by_id == user.pk


# Who keeps the patient's record, identity included: the member clinicians at the patient's
# centre, or, for a patient a guest enrolled, that guest alone and only while their access lasts.
keeps_patient = (is_member_clinician & is_at_owner_centre) | (is_guest & enrolled_without_centre)


@rules.predicate
def can_open_case(user, case):
    from .models.cases import Case

    return case is not None and Case.objects.visible_to(user).filter(pk=case.pk).exists()


@rules.predicate
def is_accepted_panel_lead(user, case):
    return case is not None and case.panel_memberships.filter(user=user, role="lead", status="accepted").exists()


@rules.predicate
def is_accepted_panel_member(user, case):
    """On the panel (lead or member) and accepted. Whether the case is open to them is can_open_case's business."""
    return case is not None and case.panel_memberships.filter(user=user, status="accepted").exists()


@rules.predicate
def is_contribution_author(user, contribution):
    return contribution is not None and contribution.author_id == user.pk


@rules.predicate
def can_open_contribution_case(user, contribution):
    return contribution is not None and can_open_case(user, contribution.case)


@rules.predicate
def is_member_clinician_with_centre(user):
    profile = _profile(user)
    return profile is not None and profile.member_centre_id is not None


# Those who run the case for the patient: the owner and the patient's keepers.
manages_case = has_workspace_role & (is_case_owner | keeps_patient)

# A member clinician enrols patients for their centre; an accepted guest for themselves.
rules.add_perm("referrals.enrol_patient", (is_member_clinician & is_member_clinician_with_centre) | is_guest)
rules.add_perm("referrals.view_patient", is_active_user & keeps_patient)
rules.add_perm("referrals.view_patient_identity", is_active_user & keeps_patient)
rules.add_perm("referrals.open_case_for_patient", is_active_user & keeps_patient)
rules.add_perm("referrals.view_case", can_open_case)
rules.add_perm("referrals.edit_case", manages_case)
rules.add_perm("referrals.manage_consent", manages_case)
rules.add_perm("referrals.submit_case", manages_case)
rules.add_perm("referrals.withdraw_case", manages_case)
rules.add_perm("referrals.close_case", manages_case | is_coordinator)
rules.add_perm("referrals.reopen_case", manages_case | is_coordinator)
rules.add_perm("referrals.start_case_review", is_coordinator)
rules.add_perm("referrals.reject_case", is_coordinator)
rules.add_perm("referrals.archive_case", is_coordinator)
rules.add_perm("referrals.draft_case_outcome", is_accepted_panel_lead & can_open_case)
rules.add_perm("referrals.issue_case_outcome", is_accepted_panel_lead & can_open_case)
rules.add_perm("referrals.view_case_access_log", manages_case | is_coordinator)
# Documents: whoever can open the case reads them; the owner's side adds and removes them.
rules.add_perm("referrals.add_case_document", manages_case)
rules.add_perm("referrals.delete_case_document", manages_case)
# Panels (issue 7 §5): the coordinator or the owner's side forms the panel.
rules.add_perm("referrals.form_panel", manages_case | is_coordinator)
# Discussion (issue 7 §6): accepted panel members contribute and ask; the owner's side answers.
rules.add_perm("referrals.contribute", is_accepted_panel_member & can_open_case)
rules.add_perm("referrals.request_information", is_accepted_panel_member & can_open_case)
rules.add_perm("referrals.answer_information_request", manages_case)
rules.add_perm("referrals.edit_contribution", is_contribution_author & can_open_contribution_case)
