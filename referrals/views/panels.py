"""/<lang>/cases/<uuid>/panel/ and /invitation/: forming the expert panel, and an expert's answer (issue 7 §5).

Thin views over ``services.panels``. The panel page belongs to whoever may
form the panel (the owner's side and coordinators); the invitation page to the
invited expert alone. An invited expert cannot open the case yet, so the
invitation is found through their own membership, never through the case:
anyone else, and the invitee once care consent is withdrawn, gets 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import PanelMembership
from ..models.cases import CaseAccessAction
from ..panel_forms import InvitationAnswerForm, InviteExpertForm, expert_label
from ..services import cases as case_services
from ..services import panels as panel_services
from ..services.cases import CaseTransitionError
from .case_lookup import WORKSPACE, case_with_details, form_errors_to, messages_from, require
from .guards import workspace_view

M = PanelMembership


def case_detail_context(request, case):
    """The case page's panel section: who is on it, how many have contributed, what the reader may do.

    One query (``panel_rows``, shared with the discussion section); no access-log entry.
    """
    user = request.user
    rows = panel_services.panel_rows(case)
    can_form = user.has_perm("referrals.form_panel", case)
    mine = next((row for row in rows if row.user_id == user.pk), None)
    return {
        # Those who form the panel follow every invitation; everyone else sees who is on it.
        "panel_members": rows if can_form else [row for row in rows if row.status == M.Status.ACCEPTED],
        "panel_progress": panel_services.panel_progress(rows),
        "can_form_panel": can_form,
        "is_invited": mine is not None and mine.status == M.Status.INVITED,
    }


@workspace_view(WORKSPACE)
def panel_manage(request, uuid):
    case = case_with_details(request, uuid)
    require(request, "referrals.form_panel", case)
    blocker = panel_services.panel_change_blocker(case)
    form = InviteExpertForm(request.POST or None, case=case)
    if request.method == "POST":
        if blocker:
            messages.error(request, blocker)
            return redirect("referrals:panel_manage", uuid=case.uuid)
        if form.is_valid():
            expert = form.cleaned_data["expert"]
            try:
                panel_services.invite_expert(
                    case, expert, by=request.user, request=request, as_lead=form.cleaned_data["as_lead"]
                )
            except CaseTransitionError as error:
                messages_from(request, error)
                return redirect("referrals:panel_manage", uuid=case.uuid)
            except ValidationError as error:
                form_errors_to(form, error)
            else:
                messages.success(request, _("%(expert)s was invited to the panel.") % {"expert": expert_label(expert)})
                return redirect("referrals:panel_manage", uuid=case.uuid)
    case_services.log_case_access(request, CaseAccessAction.VIEW_PANEL, case=case)
    rows = panel_services.panel_rows(case)
    return render(
        request,
        "referrals/cases/panel_manage.html",
        {
            "case": case,
            "members": rows,
            "progress": panel_services.panel_progress(rows),
            "blocker": blocker,
            "form": None if blocker else form,
            "suggestions": [] if blocker else list(panel_services.suggest_experts(case)),
        },
    )


def _membership_of(case, membership_uuid):
    membership = get_object_or_404(M.objects.select_related("user"), uuid=membership_uuid, case=case)
    membership.case = case
    return membership


def _panel_action(request, uuid, membership_uuid, service, done_message):
    case = case_with_details(request, uuid)
    membership = _membership_of(case, membership_uuid)
    require(request, "referrals.form_panel", case)
    try:
        service(membership, by=request.user, request=request)
    except ValidationError as error:
        messages_from(request, error)
    else:
        messages.success(request, done_message % {"expert": expert_label(membership.user)})
    return redirect("referrals:panel_manage", uuid=case.uuid)


@require_POST
@workspace_view(WORKSPACE)
def panel_make_lead(request, uuid, membership_uuid):
    return _panel_action(request, uuid, membership_uuid, panel_services.make_lead, _("%(expert)s now leads the panel."))


@require_POST
@workspace_view(WORKSPACE)
def panel_remove(request, uuid, membership_uuid):
    return _panel_action(
        request, uuid, membership_uuid, panel_services.remove_member, _("%(expert)s was removed from the panel.")
    )


def _own_invitation(request, uuid):
    """The signed-in user's own invitation to the case, or 404: the invitee's only way to the case before accepting."""
    membership = (
        M.objects.select_related("case__expertise_area__workstream", "invited_by")
        .filter(case__uuid=uuid, user=request.user, status__in=panel_services.CURRENT_STATUSES)
        .filter(panel_services.case_consent_exists())
        .first()
    )
    if membership is None:
        raise Http404
    # Nothing to answer once the case has left the panel's hands (withdrawn, rejected…).
    if membership.status == M.Status.INVITED and membership.case.status not in panel_services.PANEL_FORMING_STATUSES:
        raise Http404
    return membership


@workspace_view(WORKSPACE)
def panel_invitation(request, uuid):
    membership = _own_invitation(request, uuid)
    case = membership.case
    if membership.status == M.Status.ACCEPTED:
        return redirect("referrals:case_detail", uuid=case.uuid)
    form = InvitationAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["decision"] == InvitationAnswerForm.ACCEPT
        try:
            if accept:
                panel_services.accept_invitation(membership, by=request.user, request=request)
            else:
                panel_services.decline_invitation(
                    membership, by=request.user, reason=form.cleaned_data["reason"], request=request
                )
        except ValidationError as error:
            messages_from(request, error)
            return redirect("referrals:workspace")
        if accept:
            messages.success(
                request, _("You joined the expert panel of case %(reference)s.") % {"reference": case.reference}
            )
            return redirect("referrals:case_detail", uuid=case.uuid)
        messages.success(
            request, _("You declined the invitation to case %(reference)s.") % {"reference": case.reference}
        )
        return redirect("referrals:workspace")
    case_services.log_case_access(request, CaseAccessAction.VIEW_INVITATION, case=case, obj=membership)
    return render(
        request, "referrals/cases/panel_invitation.html", {"case": case, "membership": membership, "form": form}
    )
