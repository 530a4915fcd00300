"""Expert panels (issue 7 §5): suggesting experts, inviting them, their answers, the lead, digests and reminders.

One function per action; each checks permission, runs in a transaction,
writes the audit trail and notifies through ``services.notifications.notify``
(e-mails leave after the commit). The panel can be changed while the case is
submitted or in review, and never without the patient's active care consent.
An invitation is a ``PanelMembership`` in status *invited*; the database
allows one membership per expert and case, so inviting an expert again after
a decline or a removal reuses that row (the audit trail keeps the history).

Who is suggested: active member clinicians at another member centre than the
patient's, not the owner, not already invited or on the panel, whose
expertise areas include the case's area. Areas are translatable snippets, so
they are compared by ``translation_key``. An expert who listed no areas of
their own is matched through their centre's areas instead; one who did list
areas is matched on those alone (their own list is the better signal).
"""

from dataclasses import dataclass
from datetime import timedelta
from itertools import groupby

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from home.network import MemberCentre

from ..audit import record_event
from ..models import (
    AuditAction,
    Case,
    CaseEvent,
    CaseStatus,
    ClinicianProfile,
    ConsentPurpose,
    ConsentRecord,
    Contribution,
    PanelMembership,
    Role,
)
from ..models.cases import Urgency
from . import cases as case_services
from .cases import CaseTransitionError
from .notifications import can_be_told, email_language, notify

S = CaseStatus
M = PanelMembership
# While the panel is being formed or is at work; later the panel is fixed with its outcome.
PANEL_FORMING_STATUSES = (S.SUBMITTED, S.IN_REVIEW)
# Cases that keep an accepted expert busy, for the "open cases" count of a suggestion.
OPEN_CASE_STATUSES = (S.IN_REVIEW, S.OUTCOME_DRAFTED)
CURRENT_STATUSES = (M.Status.INVITED, M.Status.ACCEPTED)


# --- Whether the panel may change now --------------------------------------------------------


def has_care_consent(case):
    return ConsentRecord.objects.filter(
        patient_id=case.patient_id, purpose=ConsentPurpose.CARE, withdrawn_on__isnull=True
    ).exists()


def case_consent_exists():
    """An Exists() over a membership's case having active care consent."""
    return Exists(
        ConsentRecord.objects.filter(
            patient_id=OuterRef("case__patient_id"), purpose=ConsentPurpose.CARE, withdrawn_on__isnull=True
        )
    )


def panel_change_blocker(case, *, consent=None):
    """Why the panel cannot be changed now (a message for the page), or None when it can."""
    if case.status not in PANEL_FORMING_STATUSES:
        return _("The panel can only be changed while the case is submitted or in review.")
    if not (has_care_consent(case) if consent is None else consent):
        return _("The patient's care consent has been withdrawn: the panel cannot be changed.")
    return None


def _lock_case_open_to_panel(case):
    """Lock the case row and check, as things are now, that its panel may change."""
    case.status = Case.objects.select_for_update().only("status").get(pk=case.pk).status
    blocker = panel_change_blocker(case)
    if blocker:
        raise CaseTransitionError(blocker, code="panel_closed")


# --- Who may be invited ------------------------------------------------------------------------


def _open_case_count():
    return Coalesce(
        Subquery(
            M.objects.filter(user_id=OuterRef("pk"), status=M.Status.ACCEPTED, case__status__in=OPEN_CASE_STATUSES)
            .order_by()
            .values("user_id")
            .annotate(count=Count("pk"))
            .values("count"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def eligible_experts(case):
    """Everyone who may be invited to ``case``'s panel, each with ``open_case_count``; one query."""
    current = M.objects.filter(case_id=case.pk, user_id=OuterRef("pk"), status__in=CURRENT_STATUSES)
    experts = get_user_model().objects.filter(
        is_active=True,
        groups__name=Role.MEMBER_CLINICIAN.value,
        clinician_profile__member_centre__isnull=False,
    )
    if case.patient.owner_centre_id is not None:  # a guest's patient has no centre: every centre is another
        experts = experts.exclude(clinician_profile__member_centre_id=case.patient.owner_centre_id)
    return (
        experts.exclude(pk=case.owner_id)
        .exclude(Exists(current))
        .select_related("clinician_profile__member_centre")
        .annotate(open_case_count=_open_case_count())
        .order_by("last_name", "first_name", "email")
    )


def suggest_experts(case, limit=None):
    """Eligible experts whose expertise matches the case's area: own-area matches first, then the least busy.

    Each carries ``own_area_match`` (their own areas include the case's) and
    ``open_case_count``. One query, however many experts there are.
    """
    key = case.expertise_area.translation_key
    own_areas = ClinicianProfile.expertise_areas.through.objects.filter(
        clinicianprofile_id=OuterRef("clinician_profile__id")
    )
    centre_areas = MemberCentre.expertise_areas.through.objects.filter(
        membercentre_id=OuterRef("clinician_profile__member_centre_id"), expertisearea__translation_key=key
    )
    experts = (
        eligible_experts(case)
        .annotate(
            own_area_match=Exists(own_areas.filter(expertisearea__translation_key=key)),
            lists_own_areas=Exists(own_areas),
            centre_area_match=Exists(centre_areas),
        )
        .filter(Q(own_area_match=True) | Q(lists_own_areas=False, centre_area_match=True))
        .order_by("-own_area_match", "open_case_count", "last_name", "first_name", "email")
    )
    return experts[: limit or settings.PANEL_SUGGESTIONS]


# --- The panel as the case page shows it --------------------------------------------------------


@dataclass(frozen=True)
class PanelProgress:
    """How many accepted experts have contributed at least once, of how many accepted."""

    contributed: int
    accepted: int


def panel_rows(case):
    """Every membership of the case with its user, centre, inviter and ``has_contributed``; one query, kept on the case.

    The case page's panel and discussion sections both need it; keeping it on
    the instance saves the second query.
    """
    rows = getattr(case, "_panel_rows", None)
    if rows is None:
        contributed = Contribution.objects.filter(case_id=OuterRef("case_id"), author_id=OuterRef("user_id"))
        rows = list(
            case.panel_memberships.select_related("user__clinician_profile__member_centre", "invited_by")
            .annotate(has_contributed=Exists(contributed))
            .order_by("role", "invited_at", "pk")
        )
        case._panel_rows = rows
    return rows


def panel_progress(rows):
    accepted = [row for row in rows if row.status == M.Status.ACCEPTED]
    return PanelProgress(contributed=sum(1 for row in accepted if row.has_contributed), accepted=len(accepted))


# --- Actions ------------------------------------------------------------------------------------------


def _inviter_and_lead(membership):
    """Who hears about an answer: whoever invited, and the accepted panel lead."""
    users = [membership.invited_by] if membership.invited_by_id else []
    lead = (
        M.objects.filter(case_id=membership.case_id, role=M.Role.LEAD, status=M.Status.ACCEPTED)
        .exclude(pk=membership.pk)
        .select_related("user")
        .first()
    )
    if lead is not None and lead.user_id != membership.invited_by_id:
        users.append(lead.user)
    return users


def _demote_current_lead(case, *, keep=None):
    # Before the new lead is saved: the constraint allows one lead among current memberships at any moment.
    leads = M.objects.filter(case_id=case.pk, role=M.Role.LEAD).exclude(
        status__in=[M.Status.DECLINED, M.Status.REMOVED]
    )
    if keep is not None:
        leads = leads.exclude(pk=keep.pk)
    return leads.update(role=M.Role.MEMBER)


def invite_expert(case, expert, *, by, request=None, as_lead=False):
    """Invite ``expert`` to the panel; urgent cases e-mail the invitation at once, routine ones in the daily digest."""
    if not by.has_perm("referrals.form_panel", case):
        raise PermissionDenied
    with transaction.atomic():
        _lock_case_open_to_panel(case)
        if not eligible_experts(case).filter(pk=expert.pk).exists():
            raise ValidationError(
                {"expert": _("This expert cannot be invited: they are already on the panel or not eligible.")},
                code="not_eligible",
            )
        membership = M.objects.select_for_update().filter(case_id=case.pk, user_id=expert.pk).first()
        membership = membership or M(case=case, user=expert)
        if as_lead:
            _demote_current_lead(case, keep=membership if membership.pk else None)
        now = timezone.now()
        membership.role = M.Role.LEAD if as_lead else M.Role.MEMBER
        membership.status = M.Status.INVITED
        membership.invited_by = by
        membership.invited_at = now
        membership.answered_at = None
        membership.decline_reason = ""
        membership.invitation_emailed_at = None
        membership.reminded_at = None
        membership.save()
        record_event(
            AuditAction.PANEL_INVITED, actor=by, target=membership, request=request,
            case=str(case.uuid), role=membership.role,
        )  # fmt: skip
        urgent = case.urgency == Urgency.URGENT
        told = notify(case, CaseEvent.PANEL_INVITATION, to=[expert], actor=by, email=urgent)
        if urgent and told:
            membership.invitation_emailed_at = now
            membership.save(update_fields=["invitation_emailed_at"])
    return membership


def _locked_current_membership(membership, message):
    locked = M.objects.select_for_update().get(pk=membership.pk)
    if locked.status not in CURRENT_STATUSES:
        raise CaseTransitionError(message, code="not_current")
    return locked


def make_lead(membership, *, by, request=None):
    """Make an invited or accepted expert the panel lead; the previous lead becomes a member."""
    case = membership.case
    if not by.has_perm("referrals.form_panel", case):
        raise PermissionDenied
    with transaction.atomic():
        _lock_case_open_to_panel(case)
        membership = _locked_current_membership(membership, _("Only an invited or accepted expert can lead the panel."))
        if membership.role == M.Role.LEAD:
            return membership
        demoted = _demote_current_lead(case, keep=membership)
        membership.role = M.Role.LEAD
        membership.save(update_fields=["role"])
        record_event(
            AuditAction.PANEL_LEAD_ASSIGNED, actor=by, target=membership, request=request,
            case=str(case.uuid), previous_lead_demoted=bool(demoted),
        )  # fmt: skip
        # An expert still deciding reads their role on the invitation page; the case page would be closed to them.
        if membership.status == M.Status.ACCEPTED:
            notify(case, CaseEvent.PANEL_LEAD_ASSIGNED, to=[membership.user], actor=by)
    return membership


def remove_member(membership, *, by, request=None):
    """Take an expert off the panel: the membership stays, as *removed*, and they lose access."""
    case = membership.case
    if not by.has_perm("referrals.form_panel", case):
        raise PermissionDenied
    with transaction.atomic():
        _lock_case_open_to_panel(case)
        membership = _locked_current_membership(membership, _("This expert is not on the panel."))
        previous = membership.status
        membership.status = M.Status.REMOVED
        membership.save(update_fields=["status"])
        record_event(
            AuditAction.PANEL_MEMBER_REMOVED, actor=by, target=membership, request=request,
            case=str(case.uuid), previous_status=previous,
        )  # fmt: skip
        notify(case, CaseEvent.REMOVED_FROM_PANEL, to=[membership.user], actor=by)
    return membership


def _require_invitee(membership, by):
    from ..rules import has_workspace_role

    if membership.user_id != by.pk or not has_workspace_role(by):
        raise PermissionDenied


def accept_invitation(membership, *, by, request=None):
    """The invited expert joins the panel; a submitted case goes in review with its first accepted expert."""
    _require_invitee(membership, by)
    case = membership.case
    with transaction.atomic():
        _lock_case_open_to_panel(case)
        membership = M.objects.select_for_update().get(pk=membership.pk)
        if membership.status != M.Status.INVITED:
            raise CaseTransitionError(_("This invitation has already been answered."), code="answered")
        membership.status = M.Status.ACCEPTED
        membership.answered_at = timezone.now()
        membership.save(update_fields=["status", "answered_at"])
        record_event(AuditAction.PANEL_ACCEPTED, actor=by, target=membership, request=request, case=str(case.uuid))
        notify(case, CaseEvent.INVITATION_ACCEPTED, to=_inviter_and_lead(membership), actor=by)
        if case.status == S.SUBMITTED:
            case_services.begin_review_on_acceptance(case, by=by, request=request)
    return membership


def decline_invitation(membership, *, by, reason="", request=None):
    """The invited expert says no, optionally with a reason the panel's organisers read."""
    _require_invitee(membership, by)
    case = membership.case
    with transaction.atomic():
        membership = M.objects.select_for_update().get(pk=membership.pk)
        if membership.status != M.Status.INVITED:
            raise CaseTransitionError(_("This invitation has already been answered."), code="answered")
        membership.status = M.Status.DECLINED
        membership.answered_at = timezone.now()
        membership.decline_reason = (reason or "").strip()[:500]
        membership.save(update_fields=["status", "answered_at", "decline_reason"])
        # Whether a reason was given, never the reason: it is free text.
        record_event(
            AuditAction.PANEL_DECLINED, actor=by, target=membership, request=request,
            case=str(case.uuid), reason_given=bool(membership.decline_reason),
        )  # fmt: skip
        notify(case, CaseEvent.INVITATION_DECLINED, to=_inviter_and_lead(membership), actor=by)
    return membership


# --- Scheduled: the daily digest and the reminders ---------------------------------------------------


def _absolute(path):
    return settings.BASE_URL.rstrip("/") + path


def send_invitation_digests():
    """E-mail each expert one digest of their invitations not yet e-mailed; return the number of e-mails.

    Urgent invitations were e-mailed when made, so in practice this lists the
    routine ones. Invitations on a case no longer open to the panel, or whose
    care consent was withdrawn, are left out. Each expert's invitations are
    marked as e-mailed right after their message, so a retry after a mail
    error sends nobody a second copy.
    """
    from ..tasks import _network_name

    pending = (
        M.objects.filter(status=M.Status.INVITED, invitation_emailed_at__isnull=True)
        .filter(case__status__in=PANEL_FORMING_STATUSES)
        .filter(case_consent_exists())
        .select_related("case", "user__clinician_profile")
        .order_by("user_id", "invited_at", "pk")
    )
    sent = 0
    network_name = _network_name()
    for _user_id, group in groupby(pending, key=lambda membership: membership.user_id):
        memberships = list(group)
        user = memberships[0].user
        if not can_be_told(user):
            continue
        with translation.override(email_language(user)):
            context = {
                "network_name": network_name,
                "count": len(memberships),
                "invitations": [
                    {
                        "reference": membership.case.reference,
                        "urgent": membership.case.urgency == Urgency.URGENT,
                        "link": _absolute(reverse("referrals:panel_invitation", kwargs={"uuid": membership.case.uuid})),
                    }
                    for membership in memberships
                ],
            }
            subject = render_to_string("referrals/cases/email/invitation_digest_subject.txt", context).strip()
            body = render_to_string("referrals/cases/email/invitation_digest_message.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        M.objects.filter(pk__in=[membership.pk for membership in memberships]).update(
            invitation_emailed_at=timezone.now()
        )
        sent += 1
    return sent


def send_panel_reminders(now=None):
    """Remind experts who have not answered, or not contributed since accepting, for PANEL_REMINDER_DAYS.

    Each expert is reminded at most once per period; the accepted lead of each
    case concerned is told once per run, unless the lead is the only one
    reminded there. Inactive users, expired guests and cases without active
    care consent are skipped. One system audit entry per run that sent
    anything. Returns ``{"reminded": n, "leads_told": m}``.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.PANEL_REMINDER_DAYS)
    contributed = Contribution.objects.filter(case_id=OuterRef("case_id"), author_id=OuterRef("user_id"))
    not_answered = Q(status=M.Status.INVITED, invited_at__lte=cutoff, case__status__in=PANEL_FORMING_STATUSES)
    not_contributed = Q(status=M.Status.ACCEPTED, since__lte=cutoff, case__status=S.IN_REVIEW, has_contributed=False)
    due = (
        M.objects.filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=cutoff), user__is_active=True)
        .filter(case_consent_exists())
        # Memberships made without an answer time (accepted on creation) count from the invitation.
        .annotate(since=Coalesce("answered_at", "invited_at"), has_contributed=Exists(contributed))
        .filter(not_answered | not_contributed)
        .select_related("case", "user")
        .order_by("case_id", "pk")
    )
    memberships = [membership for membership in due if can_be_told(membership.user)]
    leads_told = 0
    with transaction.atomic():
        for membership in memberships:
            notify(membership.case, CaseEvent.PANEL_REMINDER, to=[membership.user], email=True)
        M.objects.filter(pk__in=[membership.pk for membership in memberships]).update(reminded_at=now)
        leads = {
            lead.case_id: lead
            for lead in M.objects.filter(
                case_id__in={membership.case_id for membership in memberships},
                role=M.Role.LEAD,
                status=M.Status.ACCEPTED,
            ).select_related("user")
        }
        for case_id, group in groupby(memberships, key=lambda membership: membership.case_id):
            group = list(group)
            lead = leads.get(case_id)
            if lead is None or all(membership.user_id == lead.user_id for membership in group):
                continue
            if notify(group[0].case, CaseEvent.PANEL_REMINDER_LEAD, to=[lead.user]):
                leads_told += 1
        if memberships:
            record_event(AuditAction.PANEL_REMINDERS_SENT, actor=None, reminded=len(memberships), leads_told=leads_told)
    return {"reminded": len(memberships), "leads_told": leads_told}
