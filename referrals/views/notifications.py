"""/<lang>/cases/notifications/…: the signed-in user's in-app notifications (issue 7 §7).

Only the user's own notifications exist here: another user's uuid is a 404.
A notification names the case by its reference; its title is shown only
while the user may still open the case, so a notification that outlived
the user's access (consent withdrawn, removed from the panel) reveals no
more than the e-mail did.
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..models import Case, Notification
from ..services.notifications import link_for, mark_read
from .case_lookup import WORKSPACE
from .guards import workspace_view


def _own_notifications(user):
    return Notification.objects.filter(recipient=user)


@require_GET
@workspace_view(WORKSPACE)
def notification_list(request):
    user = request.user
    notifications = (
        _own_notifications(user)
        .select_related("case")
        # The clinical text is never shown here; the title only where the case may still be opened.
        .defer("case__clinical_summary", "case__question", "case__rejection_reason")
        .annotate(case_visible=Exists(Case.objects.visible_to(user).filter(pk=OuterRef("case_id"))))
        .order_by("-created_at", "-pk")
    )
    page = Paginator(notifications, settings.NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "referrals/notifications/notification_list.html", {"page_obj": page})


@require_POST
@workspace_view(WORKSPACE)
def notification_read_all(request):
    marked = mark_read(request.user)
    if marked:
        messages.success(request, _("All notifications were marked as read."))
    return redirect("referrals:notification_list")


@require_GET
@workspace_view(WORKSPACE)
def notification_open(request, notification_uuid):
    notification = get_object_or_404(_own_notifications(request.user).select_related("case"), uuid=notification_uuid)
    mark_read(request.user, _own_notifications(request.user).filter(pk=notification.pk))
    return redirect(link_for(notification.case, notification.event))
