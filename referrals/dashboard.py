"""The workspace dashboard's sections: which cases each one holds for a user, their counts, filters and sorting.

Every case section is ``Case.objects.visible_to(user)`` narrowed by one
condition, and its count is the same condition inside one aggregate over the
same queryset, so a count and its list can never disagree and a section can
never show a case its user could not open. The one exception is the
invitations section: an invited expert cannot open the case yet, so that
section lists the user's *memberships*, and shows only what the invitation
page shows (reference, expertise area, urgency, when) — never the title.
"""

import re
from dataclasses import dataclass

from django.db.models import Case as Conditional
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _

from .models import Case, CaseStatus, ConsentPurpose, ConsentRecord, Contribution, InformationRequest, PanelMembership
from .models.cases import Urgency
from .rules import is_clinician, is_member_clinician

MINE = "mine"
PANEL = "panel"
INVITATIONS = "invitations"
CONTRIBUTION = "contribution"
INFORMATION = "information"
ALL = "all"

# The states in which an invitation still waits for an answer.
INVITATION_CASE_STATUSES = (CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW)


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    empty: str
    invitations: bool = False


SECTIONS = {
    section.key: section
    for section in (
        Section(MINE, _("My cases"), _("You have no cases yet.")),
        Section(PANEL, _("On the panel"), _("You are not on the panel of any case you can open.")),
        Section(INVITATIONS, _("Invitations"), _("No invitations are waiting for your answer."), invitations=True),
        Section(CONTRIBUTION, _("Awaiting my contribution"), _("No case in review is waiting for your contribution.")),
        Section(INFORMATION, _("Information requested"), _("The panels have no open questions for you.")),
        Section(ALL, _("All cases I can see"), _("There are no cases you can see.")),
    )
}
CLINICIAN_SECTIONS = (MINE, PANEL, INVITATIONS, CONTRIBUTION, INFORMATION)


def sections_for(user):
    """The sections ``user`` sees, in order; the first is the default.

    Clinicians get their working sections; everyone (the coordinator above all,
    who sees every submitted case) gets the list of all cases they can open.
    """
    keys = [*CLINICIAN_SECTIONS] if is_clinician(user) else []
    keys.append(ALL)
    return [SECTIONS[key] for key in keys]


# --- Which cases a section holds ------------------------------------------------------------


def _centre_id(user):
    try:
        return user.clinician_profile.member_centre_id
    except AttributeError:  # no profile row
        return None


def managed_by(user):
    """The cases ``user`` runs for the patient: their own, and at a member centre its patients' cases.

    The queryset form of ``manages_case`` in rules.py.
    """
    condition = Q(owner=user)
    centre_id = _centre_id(user) if is_member_clinician(user) else None
    if centre_id is not None:
        condition |= Q(patient__owner_centre_id=centre_id)
    return condition


def _accepted_membership(user):
    return Exists(
        PanelMembership.objects.filter(case_id=OuterRef("pk"), user=user, status=PanelMembership.Status.ACCEPTED)
    )


def section_condition(key, user):
    """The condition that narrows the user's visible cases to the section ``key`` (None: all of them)."""
    if key == MINE:
        return managed_by(user)
    if key == PANEL:
        return Q(_accepted_membership(user))
    if key == CONTRIBUTION:
        contributed = Exists(Contribution.objects.filter(case_id=OuterRef("pk"), author=user))
        return Q(_accepted_membership(user), status=CaseStatus.IN_REVIEW) & ~Q(contributed)
    if key == INFORMATION:
        open_request = Exists(InformationRequest.objects.open().filter(case_id=OuterRef("pk")))
        return managed_by(user) & Q(open_request)
    if key == ALL:
        return None
    raise ValueError(key)


def invitations_for(user):
    """The user's unanswered invitations to a case that is still with the network and may still be shared."""
    care_consent = Exists(
        ConsentRecord.objects.filter(
            patient_id=OuterRef("case__patient_id"), purpose=ConsentPurpose.CARE, withdrawn_on__isnull=True
        )
    )
    return PanelMembership.objects.filter(
        care_consent,
        user=user,
        status=PanelMembership.Status.INVITED,
        case__status__in=INVITATION_CASE_STATUSES,
    )


def section_counts(user, sections):
    """{section key: count} for every section: one aggregate over the visible cases, one count of invitations."""
    aggregates = {}
    for section in sections:
        if section.invitations:
            continue
        condition = section_condition(section.key, user)
        aggregates[section.key] = Count("pk", filter=condition) if condition is not None else Count("pk")
    counts = Case.objects.visible_to(user).aggregate(**aggregates) if aggregates else {}
    for section in sections:
        if section.invitations:
            counts[section.key] = invitations_for(user).count()
    return counts


def section_queryset(user, section):
    """What the section lists, before filters and sorting: cases, or memberships for invitations."""
    if section.invitations:
        # The invitee may not read the case yet: its clinical text is not even loaded.
        return (
            invitations_for(user)
            .select_related("case__expertise_area__workstream")
            .defer("case__title", "case__clinical_summary", "case__question", "case__rejection_reason")
        )
    cases = Case.objects.visible_to(user).for_list()
    condition = section_condition(section.key, user)
    return cases.filter(condition) if condition is not None else cases


# --- Filters and sorting -----------------------------------------------------------------

REFERENCE_TERM = re.compile(r"^(?:case-?)?([0-9a-f]{1,8})$", re.IGNORECASE)


def reference_prefix(term):
    """The uuid hex prefix a search term stands for ("CASE-1A2B", "case1a2b", "1a2b"), or None."""
    match = REFERENCE_TERM.match(term)
    return match.group(1).lower() if match else None


def filter_section(queryset, section, *, status=None, urgency=None, area_id=None, terms=()):
    """Narrow a section's queryset. Free text matches the reference, and the title where the user may read it."""
    prefix = "case__" if section.invitations else ""
    if status:
        queryset = queryset.filter(**{f"{prefix}status": status})
    if urgency:
        queryset = queryset.filter(**{f"{prefix}urgency": urgency})
    if area_id:
        queryset = queryset.filter(**{f"{prefix}expertise_area_id": area_id})
    for term in terms:
        match = Q()
        hex_prefix = reference_prefix(term)
        if hex_prefix:
            # The reference is "CASE-" + the first 8 hex digits of the uuid, the same in every database.
            match |= Q(**{f"{prefix}uuid__startswith": hex_prefix})
        if not section.invitations:
            # Only in the user's visible cases: searching an invitation's title would reveal it.
            match |= Q(title__icontains=term)
        if not match:
            return queryset.none()
        queryset = queryset.filter(match)
    return queryset


# Sort keys (the allow-list) in the order a form offers them.
SORT_CHOICES = (
    ("updated", _("Last updated")),
    ("created", _("Created")),
    ("urgency", _("Urgency")),
    ("status", _("Status")),
    ("reference", _("Reference")),
)
DEFAULT_SORT = "updated"
ORDER_CHOICES = (("desc", _("Descending")), ("asc", _("Ascending")))
DEFAULT_ORDER = "desc"


def _rank(field, values):
    """An integer rank of ``field`` by the position of its value in ``values`` (life-cycle order, not the alphabet)."""
    return Conditional(
        *(When(**{field: value}, then=Value(index)) for index, value in enumerate(values)),
        default=Value(len(values)),
        output_field=IntegerField(),
    )


def sort_section(queryset, section, sort=DEFAULT_SORT, order=DEFAULT_ORDER):
    """Order by an allow-listed key; anything else falls back to the default. Ties break on the primary key.

    An invitation's own date is when it was sent, so "updated" and "created" sort invitations by that.
    """
    prefix = "case__" if section.invitations else ""
    sort = sort if sort in dict(SORT_CHOICES) else DEFAULT_SORT
    descending = (order if order in dict(ORDER_CHOICES) else DEFAULT_ORDER) == "desc"
    if section.invitations and sort in {"updated", "created"}:
        key = "invited_at"
    elif sort in {"updated", "created"}:
        key = f"{sort}_at"
    elif sort == "urgency":
        queryset = queryset.annotate(sort_rank=_rank(f"{prefix}urgency", Urgency.values))
        key = "sort_rank"
    elif sort == "status":
        queryset = queryset.annotate(sort_rank=_rank(f"{prefix}status", CaseStatus.values))
        key = "sort_rank"
    else:
        key = f"{prefix}uuid"
    sign = "-" if descending else ""
    return queryset.order_by(f"{sign}{key}", f"{sign}pk")
