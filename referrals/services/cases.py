"""The case life cycle (DESIGN §6): one service function per transition, plus the read audit.

Every transition checks permission, changes the status inside a transaction
(the row is locked so two clicks cannot both succeed), writes an audit entry
and queues its e-mails on commit. Views, tasks and tests call these; nothing
else changes a case's status.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.request_context import client_ip, current_request_id

from ..audit import record_event
from ..models import AuditAction, Case, CaseAccessLog, CaseStatus, ConsentPurpose, PanelMembership
from .notifications import notify

S = CaseStatus
EDITABLE_STATUSES = (S.DRAFT, S.SUBMITTED)
WITHDRAWABLE_STATUSES = (S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.OUTCOME_DRAFTED)
REJECTABLE_STATUSES = (S.SUBMITTED, S.IN_REVIEW)
CASE_FIELDS = (
    "title",
    "expertise_area",
    "orphacode",
    "icd10_code",
    "clinical_summary",
    "question",
    "urgency",
    "no_documents",
)


class CaseTransitionError(ValidationError):
    """The case is not in a state that allows this step, or something the step needs is missing."""


# --- Creating and editing -------------------------------------------------------------


def _apply(case, fields):
    for name in CASE_FIELDS:
        if name in fields:
            setattr(case, name, fields[name])
    case.full_clean(exclude=["patient", "owner"])


@transaction.atomic
def create_case(patient, *, by, request=None, **fields):
    if not by.has_perm("referrals.open_case_for_patient", patient):
        raise PermissionDenied
    case = Case(patient=patient, owner=by)
    _apply(case, fields)
    case.save()
    record_event(AuditAction.CASE_CREATED, actor=by, target=case, request=request)
    return case


@transaction.atomic
def update_case(case, *, by, request=None, **fields):
    if not by.has_perm("referrals.edit_case", case):
        raise PermissionDenied
    if case.status not in EDITABLE_STATUSES:
        raise CaseTransitionError(_("A case can only be changed before the panel starts its review."))
    before = {name: getattr(case, name) for name in CASE_FIELDS}
    _apply(case, fields)
    case.save()
    # Names of the changed fields only: values may be clinical.
    changed = sorted(name for name in CASE_FIELDS if getattr(case, name) != before[name])
    record_event(AuditAction.CASE_UPDATED, actor=by, target=case, request=request, fields=changed)
    return case


# --- Submission checklist ---------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    done: bool


def submission_checklist(case):
    """What submitting needs, each item done or not, in the order the case page shows them."""
    has_consent = case.patient.consent_records.filter(purpose=ConsentPurpose.CARE, withdrawn_on__isnull=True).exists()
    return [
        ChecklistItem(
            "care_consent", gettext_lazy("The patient's consent to share the case for care is recorded"), has_consent
        ),
        ChecklistItem("question", gettext_lazy("The question for the panel is written"), bool(case.question.strip())),
        ChecklistItem(
            "documents",
            gettext_lazy("Documents are attached, or “no documents” is ticked"),
            case.has_documents() or case.no_documents,
        ),
    ]


def _require_complete(case):
    missing = [str(item.label) for item in submission_checklist(case) if not item.done]
    if missing:
        raise CaseTransitionError([_("The case is not ready to submit:")] + missing, code="incomplete")


def _require_panel(case):
    if not case.panel_memberships.filter(status=PanelMembership.Status.ACCEPTED).exists():
        raise CaseTransitionError(_("Form a panel first: at least one expert must have accepted."), code="no_panel")
    if not case.patient.consent_records.filter(purpose=ConsentPurpose.CARE, withdrawn_on__isnull=True).exists():
        raise CaseTransitionError(_("The patient's care consent has been withdrawn."), code="no_consent")


# --- Transitions ----------------------------------------------------------------------------


def _transition(case, *, by, request, permission, from_statuses, to_status, action, event=None, check=None, **data):
    """Move ``case`` to ``to_status``; ``permission=None`` only when the caller has already authorised ``by``."""
    with transaction.atomic():
        # Lock the row and read the status that is true now, not when the page was rendered.
        current = Case.objects.select_for_update().only("status").get(pk=case.pk).status
        if permission is not None and not by.has_perm(permission, case):
            raise PermissionDenied
        if current not in from_statuses:
            raise CaseTransitionError(
                _("This is not possible while the case is “%(status)s”.") % {"status": CaseStatus(current).label},
                code="wrong_status",
            )
        case.status = current
        if check is not None:
            check(case)
        now = timezone.now()
        previous = case.status
        case.status = to_status
        case.status_changed_at = now
        update_fields = ["status", "status_changed_at", "updated_at"]
        if to_status == S.SUBMITTED and case.submitted_at is None:
            case.submitted_at = now
            update_fields.append("submitted_at")
        if "rejection_reason" in data:
            case.rejection_reason = data.pop("rejection_reason")
            update_fields.append("rejection_reason")
        case.save(update_fields=update_fields)
        record_event(action, actor=by, target=case, request=request, from_status=previous, to_status=to_status, **data)
        event = event(previous) if callable(event) else event
        if event:
            notify(case, event, actor=by)
    return case


def submit_case(case, *, by, request=None):
    return _transition(
        case, by=by, request=request, permission="referrals.submit_case", from_statuses=(S.DRAFT,),
        to_status=S.SUBMITTED, action=AuditAction.CASE_SUBMITTED, event="submitted", check=_require_complete,
    )  # fmt: skip


def start_review(case, *, by, request=None):
    """The coordinator confirms the panel is formed: the case goes to the panel."""
    return _transition(
        case, by=by, request=request, permission="referrals.start_case_review", from_statuses=(S.SUBMITTED,),
        to_status=S.IN_REVIEW, action=AuditAction.CASE_REVIEW_STARTED, event="review_started", check=_require_panel,
    )  # fmt: skip


def begin_review_on_acceptance(case, *, by, request=None):
    """The first expert to accept a submitted case's invitation forms the panel: the case goes in review.

    Called by ``services.panels.accept_invitation`` only, which has checked that ``by``
    holds the invitation; so no permission is asked here (an expert holds none on
    the case before accepting). The audit entry and the owner's notification are
    those of ``start_review``.
    """
    return _transition(
        case, by=by, request=request, permission=None, from_statuses=(S.SUBMITTED,),
        to_status=S.IN_REVIEW, action=AuditAction.CASE_REVIEW_STARTED, event="review_started", check=_require_panel,
    )  # fmt: skip


def reject_case(case, *, by, reason, request=None):
    reason = (reason or "").strip()
    if not reason:
        raise CaseTransitionError(_("Give the reason for the rejection."), code="no_reason")
    # The reason goes to the case, not the audit entry: it may be clinical.
    return _transition(
        case, by=by, request=request, permission="referrals.reject_case", from_statuses=REJECTABLE_STATUSES,
        to_status=S.REJECTED, action=AuditAction.CASE_REJECTED, event="rejected", rejection_reason=reason,
    )  # fmt: skip


def withdraw_case(case, *, by, request=None):
    """The owner's side withdraws the case; possible until an outcome has been issued."""
    return _transition(
        case, by=by, request=request, permission="referrals.withdraw_case",
        from_statuses=WITHDRAWABLE_STATUSES,
        to_status=S.WITHDRAWN, action=AuditAction.CASE_WITHDRAWN,
        # Nobody else knew about a draft: no one to tell.
        event=lambda previous: None if previous == S.DRAFT else "withdrawn",
    )  # fmt: skip


def draft_outcome(case, *, by, request=None):
    return _transition(
        case, by=by, request=request, permission="referrals.draft_case_outcome", from_statuses=(S.IN_REVIEW,),
        to_status=S.OUTCOME_DRAFTED, action=AuditAction.CASE_OUTCOME_DRAFTED,
    )  # fmt: skip


def issue_outcome(case, *, by, request=None):
    return _transition(
        case, by=by, request=request, permission="referrals.issue_case_outcome", from_statuses=(S.OUTCOME_DRAFTED,),
        to_status=S.OUTCOME_ISSUED, action=AuditAction.CASE_OUTCOME_ISSUED, event="outcome_issued",
    )  # fmt: skip


def close_case(case, *, by, request=None):
    return _transition(
        case, by=by, request=request, permission="referrals.close_case", from_statuses=(S.OUTCOME_ISSUED,),
        to_status=S.CLOSED, action=AuditAction.CASE_CLOSED, event="closed",
    )  # fmt: skip


def reopen_case(case, *, by, request=None):
    """Follow-up after a closed case (post-operative or transitional support) goes back to the panel."""
    return _transition(
        case, by=by, request=request, permission="referrals.reopen_case", from_statuses=(S.CLOSED,),
        to_status=S.IN_REVIEW, action=AuditAction.CASE_REOPENED, event="reopened", check=_require_panel,
    )  # fmt: skip


def archive_case(case, *, by, request=None):
    return _transition(
        case, by=by, request=request, permission="referrals.archive_case",
        from_statuses=(S.CLOSED, S.WITHDRAWN, S.REJECTED),
        to_status=S.ARCHIVED, action=AuditAction.CASE_ARCHIVED,
    )  # fmt: skip


# --- Read audit ---------------------------------------------------------------------------


def log_case_access(request, action, *, case=None, patient=None, obj=None):
    """Write the one access-log entry for this read of a case, a patient or a file."""
    target = obj or case or patient
    user = request.user
    return CaseAccessLog.objects.create(
        actor=user,
        actor_email=user.email[:254],
        case=case,
        patient_id=patient.pk if patient is not None else (case.patient_id if case is not None else None),
        action=action,
        object_type=target._meta.label_lower,
        object_id=str(getattr(target, "uuid", target.pk)),
        ip_address=client_ip(request),
        request_id=getattr(request, "request_id", None) or current_request_id() or "",
    )
