"""/<lang>/access/: a signed-in user with a second factor asks to be let into the workspace."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..forms import AccessRequestForm
from ..models import AccessRequest
from ..rules import has_workspace_role
from ..services.access import submit_access_request
from ..services.roles import role_labels
from .guards import workspace_view


@workspace_view(None)
def access_request(request):
    user = request.user
    latest = AccessRequest.objects.filter(user=user).select_related("member_centre").first()
    can_request = user.has_perm("referrals.request_access")
    open_request = latest if latest is not None and latest.is_open else None
    # A pending request is not edited; one that needs more information is.
    show_form = can_request and (open_request is None or open_request.status == AccessRequest.Status.INFO_REQUESTED)
    if request.method == "POST" and show_form:
        form = AccessRequestForm(request.POST)
        if form.is_valid():
            submit_access_request(
                user,
                data=form.request_data(),
                expertise_areas=form.selected_areas(),
                language=get_language(),
                request=request,
            )
            messages.success(request, _("Your request was sent. We will e-mail you when it has been decided."))
            return redirect("referrals:access_request")
    else:
        form = AccessRequestForm(initial=AccessRequestForm.initial_from(open_request))
    return render(
        request,
        "referrals/access_request.html",
        {
            "latest": latest,
            "form": form if show_form else None,
            "has_access": has_workspace_role(user),
            "roles": role_labels(user),
        },
    )
