"""/<lang>/coordination/referrals/: the coordinator's triage queue, decisions and statistics."""

import csv
import statistics
from collections import Counter
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from wagtail.models import Locale

from home.countries import country_name
from home.network import Workstream

from ..models import ReferralCheckPage, Role
from ..models.referral_requests import ReferralRequest
from ..referral_forms import sorted_country_choices
from ..services import referral_requests as triage
from .guards import workspace_view


class ReferralFilterForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False, choices=[], initial="")
    urgency = forms.ChoiceField(label=gettext_lazy("Urgency"), required=False)
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)
    workstream = forms.ModelChoiceField(
        label=gettext_lazy("Workstream"), required=False, queryset=Workstream.objects.none()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        statuses = [
            choice for choice in ReferralRequest.Status.choices if choice[0] != ReferralRequest.Status.UNVERIFIED
        ]
        self.fields["status"].choices = [("", pgettext("referral status", "Open")), ("all", _("All")), *statuses]
        self.fields["urgency"].choices = [("", _("Any")), *ReferralRequest.Urgency.choices]
        self.fields["country"].choices = [("", _("Any")), *sorted_country_choices()]
        self.fields["workstream"].queryset = Workstream.objects.filter(locale=Locale.get_default())

    def filter(self, queryset):
        if not self.is_valid():
            return queryset.filter(status__in=ReferralRequest.OPEN_STATUSES)
        data = self.cleaned_data
        status = data.get("status")
        if status == "all":
            pass
        elif status:
            queryset = queryset.filter(status=status)
        else:
            queryset = queryset.filter(status__in=ReferralRequest.OPEN_STATUSES)
        if data.get("urgency"):
            queryset = queryset.filter(urgency=data["urgency"])
        if data.get("country"):
            queryset = queryset.filter(country=data["country"])
        if data.get("workstream"):
            queryset = queryset.filter(workstream=data["workstream"])
        return queryset


class AcceptForm(forms.Form):
    guest_expires_on = forms.DateField(
        label=gettext_lazy("Guest account expires on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    message = forms.CharField(
        label=gettext_lazy("Message to the clinician (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    message = forms.CharField(label=gettext_lazy("Message to the clinician"), widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=gettext_lazy("Workstream lead"), queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name=Role.MEMBER_CLINICIAN.value)
            .order_by("last_name", "email")
        )
        self.fields["assignee"].label_from_instance = lambda user: user.get_full_name() or user.email


def _urgent_first(queryset):
    return queryset.annotate(
        urgent_rank=Case(
            When(urgency=ReferralRequest.Urgency.URGENT, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    ).order_by("urgent_rank", "verified_at", "pk")


@workspace_view("referrals.triage_referrals")
def referral_list(request):
    form = ReferralFilterForm(request.GET or None)
    queryset = _urgent_first(form.filter(ReferralRequest.objects.for_queue()))
    page_obj = Paginator(queryset, settings.REFERRALS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "referrals/coordination_referral_list.html",
        {"form": form, "page_obj": page_obj, "filter_query": query.urlencode(), "now": timezone.now()},
    )


def _answer_url_for(request):
    page = ReferralCheckPage.objects.live().filter(locale=Locale.get_default()).first()

    def build(token):
        if page is None:
            raise triage.TriageError(_("Publish the referral check page first: the answer link points to it."))
        return request.build_absolute_uri(page.url + page.reverse_subpage("answer")) + "?token=" + token

    return build


@workspace_view("referrals.triage_referrals")
def referral_detail(request, uuid):
    referral = get_object_or_404(ReferralRequest.objects.for_queue(), uuid=uuid)
    forms_by_action = {
        "accept": AcceptForm(initial={"guest_expires_on": timezone.localdate() + timedelta(days=90)}),
        "reject": ReasonForm(prefix="reject"),
        "info": ReasonForm(prefix="info"),
        "assign": AssignForm(),
    }
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in forms_by_action:
            return redirect("referrals:referral_detail", uuid=referral.uuid)
        form = {
            "accept": lambda: AcceptForm(request.POST),
            "reject": lambda: ReasonForm(request.POST, prefix="reject"),
            "info": lambda: ReasonForm(request.POST, prefix="info"),
            "assign": lambda: AssignForm(request.POST),
        }[action]()
        forms_by_action[action] = form
        if form.is_valid():
            try:
                _apply(request, referral, action, form.cleaned_data)
            except (triage.TriageError, ValidationError) as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Decision saved. The clinician has been informed by e-mail."))
                return redirect("referrals:referral_detail", uuid=referral.uuid)
    return render(
        request,
        "referrals/coordination_referral_detail.html",
        {"referral": referral, "forms": forms_by_action, "country": country_name(referral.country)},
    )


def _apply(request, referral, action, data):
    if action == "accept":
        triage.accept_referral(
            referral,
            by=request.user,
            guest_expires_on=data["guest_expires_on"],
            message=data["message"],
            request=request,
        )
    elif action == "reject":
        triage.reject_referral(referral, by=request.user, reason=data["message"], request=request)
    elif action == "info":
        triage.request_referral_information(
            referral, by=request.user, message=data["message"], answer_url_for=_answer_url_for(request), request=request
        )
    else:
        triage.assign_referral(referral, by=request.user, assignee=data["assignee"], request=request)


# --- statistics ---------------------------------------------------------------


def referral_statistics_data(today=None):
    """Counts the statistics page charts; one query over the verified requests."""
    rows = list(
        ReferralRequest.objects.in_queue()
        .select_related("workstream")
        .only("status", "country", "verified_at", "created_at", "decided_at", "workstream__name")
    )
    per_month = Counter(row.submitted_at.strftime("%Y-%m") for row in rows)
    per_country = Counter(row.country for row in rows)
    per_workstream = Counter(row.workstream.name if row.workstream else _("Not sure") for row in rows)
    decided = [row for row in rows if row.status in (ReferralRequest.Status.ACCEPTED, ReferralRequest.Status.REJECTED)]
    accepted = sum(1 for row in decided if row.status == ReferralRequest.Status.ACCEPTED)
    waits = [(row.decided_at - row.submitted_at).total_seconds() / 86400 for row in decided if row.decided_at]
    monthly_decisions = {}
    for row in decided:
        month = row.submitted_at.strftime("%Y-%m")
        accepted_count, total, month_waits = monthly_decisions.get(month, (0, 0, []))
        if row.decided_at:
            month_waits = [*month_waits, (row.decided_at - row.submitted_at).total_seconds() / 86400]
        monthly_decisions[month] = (
            accepted_count + (row.status == ReferralRequest.Status.ACCEPTED),
            total + 1,
            month_waits,
        )
    return {
        "acceptance_per_month": [
            (month, round(100 * accepted_count / total, 1))
            for month, (accepted_count, total, _waits) in sorted(monthly_decisions.items())
        ],
        "median_days_per_month": [
            (month, round(statistics.median(month_waits), 1))
            for month, (_accepted, _total, month_waits) in sorted(monthly_decisions.items())
            if month_waits
        ],
        "total": len(rows),
        "per_month": sorted(per_month.items()),
        "per_country": sorted(
            ((country_name(code), count) for code, count in per_country.items()), key=lambda i: -i[1]
        ),
        "per_workstream": sorted(per_workstream.items(), key=lambda item: -item[1]),
        "decided": len(decided),
        "accepted": accepted,
        "acceptance_rate": round(100 * accepted / len(decided), 1) if decided else None,
        "median_days_to_decision": round(statistics.median(waits), 1) if waits else None,
    }


@workspace_view("referrals.triage_referrals")
def referral_statistics(request):
    data = referral_statistics_data()
    charts = {
        "per_month": {"label": _("Requests per month"), "rows": data["per_month"]},
        "per_country": {"label": _("Requests per country"), "rows": data["per_country"]},
        "per_workstream": {"label": _("Requests per workstream"), "rows": data["per_workstream"]},
        "acceptance_per_month": {
            "label": _("Acceptance rate of decided requests, by month of submission (%)"),
            "rows": data["acceptance_per_month"],
        },
        "median_days_per_month": {
            "label": _("Median days from submission to decision, by month of submission"),
            "rows": data["median_days_per_month"],
        },
    }
    chart_data = {
        key: {
            "label": str(chart["label"]),
            "labels": [str(r[0]) for r in chart["rows"]],
            "values": [r[1] for r in chart["rows"]],
        }
        for key, chart in charts.items()
    }
    return render(
        request,
        "referrals/coordination_referral_statistics.html",
        {"data": data, "charts": charts, "chart_data": chart_data},
    )


@workspace_view("referrals.triage_referrals")
def referral_statistics_csv(request):
    data = referral_statistics_data()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="referral-statistics.csv"'
    writer = csv.writer(response)
    writer.writerow(["measure", "key", "value"])
    for key in ("per_month", "per_country", "per_workstream", "acceptance_per_month", "median_days_per_month"):
        for label, count in data[key]:
            writer.writerow([key, label, count])
    writer.writerow(
        ["acceptance_rate_percent", "", data["acceptance_rate"] if data["acceptance_rate"] is not None else ""]
    )
    writer.writerow(
        [
            "median_days_to_decision",
            "",
            data["median_days_to_decision"] if data["median_days_to_decision"] is not None else "",
        ]
    )
    return response
