"""/<lang>/coordination/: access requests, accounts (second factor, guests) and the audit log."""

import csv
import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import (
    OUTSIDE_NETWORK,
    AccessDecisionForm,
    AccessRequestFilterForm,
    AccountSearchForm,
    AuditFilterForm,
    ExtendGuestForm,
)
from ..models import AccessRequest, AuditEvent, ClinicianProfile, Role
from ..rules import is_guest_member
from ..services import access as access_services
from ..services.guests import extend_guest
from ..services.second_factor import reset_second_factor
from .guards import workspace_view


def _page(request, queryset, per_page):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def _filter_query(form):
    """The current valid filters as a query string, for the CSV export link (pagination keeps them itself)."""
    from django.utils.http import urlencode

    if not form.is_valid():
        return ""
    return urlencode({name: value for name, value in form.cleaned_data.items() if value not in (None, "")})


@workspace_view("referrals.enter_coordination")
def index(request):
    counts = {}
    if request.user.has_perm("referrals.view_access_requests"):
        counts["open_requests"] = AccessRequest.objects.filter(status__in=AccessRequest.OPEN_STATUSES).count()
    return render(request, "referrals/coordination_index.html", counts)


@workspace_view("referrals.view_access_requests")
def access_request_list(request):
    form = AccessRequestFilterForm(request.GET or None)
    requests = AccessRequest.objects.for_queue()
    if form.is_valid():
        if form.cleaned_data["status"]:
            requests = requests.filter(status=form.cleaned_data["status"])
        centre = form.cleaned_data["centre"]
        if centre == OUTSIDE_NETWORK:
            requests = requests.filter(outside_network=True)
        elif centre:
            requests = requests.filter(member_centre_id=centre)
    page = _page(request, requests, settings.ACCESS_REQUESTS_PER_PAGE)
    return render(
        request,
        "referrals/access_request_list.html",
        {"filter_form": form, "page_obj": page, "filter_query": _filter_query(form)},
    )


@workspace_view("referrals.view_access_requests")
def access_request_detail(request, uuid):
    access_request = get_object_or_404(AccessRequest.objects.for_queue(), uuid=uuid)
    can_decide = request.user.has_perm("referrals.decide_access_requests") and access_request.is_open
    form = AccessDecisionForm(request.POST or None) if can_decide else None
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == form.APPROVE:
                access_services.approve_access_request(
                    access_request,
                    by=request.user,
                    role=data["role"],
                    guest_expires_on=data["guest_expires_on"] if data["role"] == Role.GUEST_CLINICIAN else None,
                    request=request,
                )
                messages.success(request, _("The request was approved and the applicant informed."))
            elif data["decision"] == form.REJECT:
                access_services.reject_access_request(
                    access_request, by=request.user, reason=data["message"], request=request
                )
                messages.success(request, _("The request was rejected and the applicant informed."))
            else:
                access_services.request_more_information(
                    access_request, by=request.user, message=data["message"], request=request
                )
                messages.success(request, _("The applicant was asked for more information."))
            return redirect("referrals:access_request_list")
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "referrals/access_request_detail.html",
        {"access_request": access_request, "form": form},
    )


@workspace_view("referrals.manage_accounts")
def account_list(request):
    form = AccountSearchForm(request.GET or None)
    profiles = ClinicianProfile.objects.select_related("user", "member_centre").order_by("user__email")
    if form.is_valid():
        if form.cleaned_data["q"]:
            profiles = profiles.filter(user__email__icontains=form.cleaned_data["q"])
        if form.cleaned_data["role"]:
            profiles = profiles.filter(user__groups__name=form.cleaned_data["role"])
    page = _page(request, profiles.prefetch_related("user__groups"), settings.ACCESS_REQUESTS_PER_PAGE)
    role_labels = dict(Role.choices)
    for profile in page:
        profile.role_labels = [role_labels[g.name] for g in profile.user.groups.all() if g.name in role_labels]
    return render(
        request,
        "referrals/account_list.html",
        {"filter_form": form, "page_obj": page, "filter_query": _filter_query(form)},
    )


def _profile_or_404(uuid):
    return get_object_or_404(ClinicianProfile.objects.select_related("user", "member_centre"), uuid=uuid)


@workspace_view("referrals.manage_accounts")
def account_detail(request, uuid):
    from allauth.mfa.models import Authenticator

    profile = _profile_or_404(uuid)
    user = profile.user
    return render(
        request,
        "referrals/account_detail.html",
        {
            "profile": profile,
            "account": user,
            "roles": [Role(g.name).label for g in user.groups.all() if g.name in Role.values],
            "is_guest": is_guest_member(user),
            "authenticator_types": sorted(
                Authenticator.Type(t).label
                for t in Authenticator.objects.filter(user=user).values_list("type", flat=True)
            ),
            "extend_form": ExtendGuestForm(),
            "can_extend": request.user.has_perm("referrals.extend_guest") and is_guest_member(user),
            "is_self": user.pk == request.user.pk,
        },
    )


@require_POST
@workspace_view("referrals.reset_second_factor")
def account_reset_second_factor(request, uuid):
    profile = _profile_or_404(uuid)
    reset_second_factor(profile.user, by=request.user, request=request)
    messages.success(request, _("The second factor was reset. The user must set up a new one when they next sign in."))
    return redirect("referrals:account_detail", uuid=profile.uuid)


@require_POST
@workspace_view("referrals.extend_guest")
def account_extend_guest(request, uuid):
    profile = _profile_or_404(uuid)
    form = ExtendGuestForm(request.POST)
    if form.is_valid():
        try:
            extend_guest(profile, until=form.cleaned_data["until"], by=request.user, request=request)
            messages.success(request, _("The guest account was extended."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("referrals:account_detail", uuid=profile.uuid)


def _filtered_audit_events(form):
    events = AuditEvent.objects.all()
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["actor"]:
            events = events.filter(actor_email__icontains=data["actor"])
        if data["date_from"]:
            events = events.filter(created_at__date__gte=data["date_from"])
        if data["date_to"]:
            events = events.filter(created_at__date__lte=data["date_to"])
    return events


@workspace_view("referrals.view_audit_log")
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    page = _page(request, _filtered_audit_events(form), settings.AUDIT_EVENTS_PER_PAGE)
    return render(
        request,
        "referrals/audit_log.html",
        {"filter_form": form, "page_obj": page, "filter_query": _filter_query(form)},
    )


class _Echo:
    def write(self, value):
        return value


def _csv_cell(value):
    # Spreadsheet programs run cells that start with these as formulas.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


@workspace_view("referrals.view_audit_log")
def audit_log_csv(request):
    form = AuditFilterForm(request.GET or None)
    events = _filtered_audit_events(form)
    writer = csv.writer(_Echo())
    header = ["time_utc", "action", "actor", "target_type", "target_id", "target", "ip_address", "request_id", "extra"]

    def rows():
        yield writer.writerow(header)
        for event in events.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    _csv_cell(value)
                    for value in (
                        event.created_at.astimezone(datetime.UTC).isoformat(),
                        event.action,
                        event.actor_email,
                        event.target_type,
                        event.target_id,
                        event.target_repr,
                        event.ip_address,
                        event.request_id,
                        event.extra,
                    )
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response
