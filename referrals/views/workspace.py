"""/<lang>/cases/: the clinical workspace dashboard: who you are, your work by section, where to start.

One page, one section selector (``?section=``): every section's count is
shown at once, the selected one is listed with filters, sorting and
pagination. What each section holds is decided in ``referrals/dashboard.py``.
The list shows pseudonyms, never identity (``Case.objects.for_list()`` does
not even load it), and like the old case list it writes no access-log entry:
a row is a case's reference, title and status, not its content.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render

from ..dashboard import (
    SECTIONS,
    filter_section,
    section_counts,
    section_queryset,
    sections_for,
    sort_section,
)
from ..dashboard_forms import DashboardFilterForm, expertise_area_choices
from ..models import ClinicianProfile
from ..rules import is_coordinator, is_guest
from ..services.roles import profile_for, role_labels
from .case_lookup import WORKSPACE
from .guards import workspace_view

# Query-string parameters a page link carries, in this order.


@workspace_view(WORKSPACE)
def dashboard(request):
    return render_dashboard(request)


def _profile_with_centre(user):
    """The user's profile with its centre in one query, cached on the user so the access rules reuse it."""
    profile = ClinicianProfile.objects.select_related("member_centre").filter(user=user).first()
    if profile is None:
        return profile_for(user)
    user.clinician_profile = profile
    return profile


def render_dashboard(request, default_section=None):
    """The dashboard on the section in ``?section=``, else ``default_section``, else the user's first."""
    user = request.user
    profile = _profile_with_centre(user)
    sections = sections_for(user)
    keys = [section.key for section in sections]
    default = default_section if default_section in keys else keys[0]
    form = DashboardFilterForm(
        request.GET or None, sections=sections, default_section=default, areas=expertise_area_choices()
    )
    values = form.values()
    section = SECTIONS[values["section"]]
    items = filter_section(
        section_queryset(user, section),
        section,
        status=values["status"],
        urgency=values["urgency"],
        area_id=values["area_id"],
        terms=values["terms"],
    )
    items = sort_section(items, section, values["sort"], values["order"])
    page = Paginator(items, settings.DASHBOARD_PER_PAGE).get_page(request.GET.get("page"))
    counts = section_counts(user, sections)
    return render(
        request,
        "referrals/workspace_dashboard.html",
        {
            "profile": profile,
            "roles": role_labels(user),
            "is_guest": is_guest(user),
            "is_coordinator": is_coordinator(user),
            "section": section,
            "section_nav": [
                {"key": item.key, "label": item.label, "count": counts[item.key], "current": item is section}
                for item in sections
            ],
            "filter_form": form,
            "filtered": any(values[name] for name in ("q", "status", "urgency", "area")),
            "page_obj": page,
        },
    )
