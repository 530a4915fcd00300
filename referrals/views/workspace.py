"""/<lang>/cases/: the clinical workspace dashboard: who you are, your cases by status, where to start."""

from django.db.models import Count
from django.shortcuts import render

from ..models import Case, CaseStatus
from ..rules import is_coordinator, is_guest
from ..services.roles import profile_for, role_labels
from .guards import workspace_view


@workspace_view("referrals.enter_workspace")
def dashboard(request):
    profile = profile_for(request.user)
    # One aggregate over the same queryset the case list uses, so counts and list agree.
    case_counts = dict(
        Case.objects.visible_to(request.user).order_by().values_list("status").annotate(count=Count("pk"))
    )
    return render(
        request,
        "referrals/workspace_dashboard.html",
        {
            "profile": profile,
            "roles": role_labels(request.user),
            "is_guest": is_guest(request.user),
            "is_coordinator": is_coordinator(request.user),
            "case_counts": [(CaseStatus(status).label, count) for status, count in sorted(case_counts.items())],
            "case_total": sum(case_counts.values()),
        },
    )
