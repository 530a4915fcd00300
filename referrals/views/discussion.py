"""/<lang>/cases/<uuid>/discussion/… and /information-requests/…: the panel's discussion (issue 7 §6).

Thin views over ``services.discussion``. Accepted panel members contribute
and ask for information while the case is in review; the author edits their
own contribution; the owner's side answers requests; anyone who can open the
case reads a contribution's history. Outside the case: 404; on the case but
without the permission: 403; the wrong moment: a message and back to the case.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import CaseStatus, Contribution, InformationRequest, PanelMembership
from ..models.cases import CaseAccessAction
from ..panel_forms import ContributionForm, InformationAnswerForm, InformationRequestForm
from ..services import cases as case_services
from ..services import discussion as discussion_services
from ..services import panels as panel_services
from ..services.cases import CaseTransitionError
from .case_lookup import WORKSPACE, case_with_details, form_errors_to, messages_from, require
from .guards import workspace_view


def case_detail_context(request, case):
    """The case page's discussion section: contributions, requests for information, and the reader's forms.

    A fixed number of queries (contributions, their documents, the requests,
    and, for a panel member, the documents to choose from and two permission
    checks); no access-log entry.
    """
    user = request.user
    in_review = case.status == CaseStatus.IN_REVIEW
    is_member = any(
        row.user_id == user.pk and row.status == PanelMembership.Status.ACCEPTED
        for row in panel_services.panel_rows(case)
    )
    # The permission checks cost queries: only a panel member can pass them, so only they pay.
    can_contribute = in_review and is_member and user.has_perm("referrals.contribute", case)
    can_request = in_review and is_member and user.has_perm("referrals.request_information", case)
    can_answer = in_review and user.has_perm("referrals.answer_information_request", case)
    contributions = list(discussion_services.contributions_for_page(case))
    for contribution in contributions:
        # The edit rule is "author, and can open the case": this page is only reached by those who can.
        contribution.can_edit = in_review and contribution.author_id == user.pk
    information_requests = list(discussion_services.information_requests_for_page(case))
    for information_request in information_requests:
        information_request.answer_form = (
            InformationAnswerForm(auto_id=f"id_answer_{information_request.uuid.hex}_%s")
            if can_answer and information_request.is_open
            else None
        )
    return {
        "contributions": contributions,
        "information_requests": information_requests,
        "awaiting_owner": any(information_request.is_open for information_request in information_requests),
        "discussion_can": {"contribute": can_contribute, "request": can_request, "answer": can_answer},
        "contribution_form": ContributionForm(case=case, auto_id="id_contribution_%s") if can_contribute else None,
        "information_request_form": InformationRequestForm(auto_id="id_request_%s") if can_request else None,
    }


def _not_in_review(request, case):
    messages.error(request, _("The panel's discussion is open only while the case is in review."))
    return redirect("referrals:case_detail", uuid=case.uuid)


def _contribution_url(case, contribution):
    return reverse("referrals:case_detail", kwargs={"uuid": case.uuid}) + f"#contribution-{contribution.uuid}"


def _act(request, case, form, action, *, done, then=None):
    """Run a discussion step for a valid POSTed form; None means: show the form again.

    ``action(cleaned_data)`` calls the service. When the case has moved on meanwhile, the
    service's message is shown on the case page; other refusals go onto the form, which
    keeps what the user wrote. ``then(result)`` gives the URL to go to afterwards.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except CaseTransitionError as error:
        messages_from(request, error)
        return redirect("referrals:case_detail", uuid=case.uuid)
    except ValidationError as error:
        form_errors_to(form, error)
        return None
    messages.success(request, done)
    return redirect(then(result) if then else reverse("referrals:case_detail", kwargs={"uuid": case.uuid}))


@workspace_view(WORKSPACE)
def contribution_new(request, uuid):
    case = case_with_details(request, uuid)
    require(request, "referrals.contribute", case)
    if case.status != CaseStatus.IN_REVIEW:
        return _not_in_review(request, case)
    form = ContributionForm(request.POST or None, case=case, auto_id="id_contribution_%s")
    response = _act(
        request, case, form,
        lambda data: discussion_services.post_contribution(
            case, by=request.user, request=request, body=data["body"], documents=data["documents"]
        ),
        done=_("Your contribution was posted."),
        then=lambda contribution: _contribution_url(case, contribution),
    )  # fmt: skip
    if response:
        return response
    # The form lists the case's documents: opening it is a read of the case.
    case_services.log_case_access(request, CaseAccessAction.NEW_CONTRIBUTION_FORM, case=case)
    return render(request, "referrals/cases/contribution_form.html", {"case": case, "form": form, "contribution": None})


def _contribution_of(case, contribution_uuid):
    contribution = get_object_or_404(
        Contribution.objects.select_related("author__clinician_profile__member_centre"),
        uuid=contribution_uuid,
        case=case,
    )
    contribution.case = case
    return contribution


@workspace_view(WORKSPACE)
def contribution_edit(request, uuid, contribution_uuid):
    case = case_with_details(request, uuid)
    contribution = _contribution_of(case, contribution_uuid)
    require(request, "referrals.edit_contribution", contribution)
    if case.status != CaseStatus.IN_REVIEW:
        return _not_in_review(request, case)
    initial = {"body": contribution.body, "documents": list(contribution.referenced_documents.all())}
    form = ContributionForm(request.POST or None, case=case, initial=initial, auto_id="id_contribution_%s")
    response = _act(
        request, case, form,
        lambda data: discussion_services.edit_contribution(
            contribution, by=request.user, request=request, body=data["body"], documents=data["documents"]
        ),
        done=_("Your contribution was saved. The earlier text is kept in its history."),
        then=lambda _result: _contribution_url(case, contribution),
    )  # fmt: skip
    if response:
        return response
    case_services.log_case_access(request, CaseAccessAction.EDIT_CONTRIBUTION_FORM, case=case, obj=contribution)
    return render(
        request, "referrals/cases/contribution_form.html", {"case": case, "form": form, "contribution": contribution}
    )


@workspace_view(WORKSPACE)
def contribution_history(request, uuid, contribution_uuid):
    case = case_with_details(request, uuid)
    contribution = _contribution_of(case, contribution_uuid)
    require(request, "referrals.view_case", case)
    case_services.log_case_access(request, CaseAccessAction.VIEW_CONTRIBUTION_HISTORY, case=case, obj=contribution)
    revisions = contribution.revisions.select_related("replaced_by").order_by("-replaced_at", "-pk")
    return render(
        request,
        "referrals/cases/contribution_history.html",
        {"case": case, "contribution": contribution, "revisions": revisions},
    )


@workspace_view(WORKSPACE)
def information_request_new(request, uuid):
    case = case_with_details(request, uuid)
    require(request, "referrals.request_information", case)
    if case.status != CaseStatus.IN_REVIEW:
        return _not_in_review(request, case)
    form = InformationRequestForm(request.POST or None, auto_id="id_request_%s")
    response = _act(
        request, case, form,
        lambda data: discussion_services.request_information(
            case, by=request.user, request=request, question=data["question"]
        ),
        done=_("Your request was sent to the referring clinician."),
    )  # fmt: skip
    if response:
        return response
    case_services.log_case_access(request, CaseAccessAction.NEW_INFORMATION_REQUEST_FORM, case=case)
    return render(request, "referrals/cases/information_request_form.html", {"case": case, "form": form})


@workspace_view(WORKSPACE)
def information_request_answer(request, uuid, request_uuid):
    case = case_with_details(request, uuid)
    information_request = get_object_or_404(
        InformationRequest.objects.select_related("requested_by"), uuid=request_uuid, case=case
    )
    information_request.case = case
    require(request, "referrals.answer_information_request", case)
    if case.status != CaseStatus.IN_REVIEW:
        return _not_in_review(request, case)
    if not information_request.is_open:
        messages.error(request, _("This request has already been answered."))
        return redirect("referrals:case_detail", uuid=case.uuid)
    auto_id = f"id_answer_{information_request.uuid.hex}_%s"
    form = InformationAnswerForm(request.POST or None, auto_id=auto_id)
    response = _act(
        request, case, form,
        lambda data: discussion_services.answer_information_request(
            information_request, by=request.user, request=request, answer=data["answer"]
        ),
        done=_("Your answer was sent to the expert panel."),
    )  # fmt: skip
    if response:
        return response
    case_services.log_case_access(
        request, CaseAccessAction.VIEW_INFORMATION_REQUEST, case=case, obj=information_request
    )
    return render(
        request,
        "referrals/cases/information_request_answer.html",
        {"case": case, "information_request": information_request, "form": form},
    )
