"""
Views outside the page tree: the RFC 8058 one-click unsubscribe endpoint and
the Wagtail admin screens for sending an issue and following its progress.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import links, sending, subscriptions, tokens
from .models import Delivery, NewsletterIssuePage, Send, Subscriber, SubscriberErasure
from .outcomes import Outcome

SEND_PERMISSION = "newsletters.send_newsletter"
SENDS_PER_PAGE = 20


# --- Public -------------------------------------------------------------------------


@csrf_exempt  # RFC 8058: mail providers POST without cookies; the signed token is the credential.
@require_http_methods(["GET", "POST"])
def one_click_unsubscribe(request, token):
    if request.method == "POST":
        outcome = subscriptions.unsubscribe(token)
        ok = outcome in (Outcome.UNSUBSCRIBED, Outcome.ALREADY_UNSUBSCRIBED)
        text = _("You are unsubscribed.") if ok else _("This unsubscribe link is not valid or has expired.")
        return HttpResponse(text, status=200 if ok else 400, content_type="text/plain; charset=utf-8")
    # A person who opens the header's link lands on the page with the button,
    # in the subscriber's language when we can tell it.
    state, token_id = tokens.read_token(token, tokens.UNSUBSCRIBE)
    subscriber = Subscriber.objects.filter(token_id=token_id).first() if token_id else None
    archive = links.archive_for_language(subscriber.language if subscriber else settings.LANGUAGE_CODE)
    if archive is None:
        return HttpResponse(status=404)
    return HttpResponseRedirect(
        links.page_path(archive) + archive.reverse_subpage("unsubscribe", kwargs={"token": token})
    )


# --- Admin --------------------------------------------------------------------------


def _require_send_permission(request):
    if not request.user.has_perm(SEND_PERMISSION):
        raise PermissionDenied


def send_issue(request, page_id):
    """Confirmation screen: recipients per language; POST queues the send."""
    _require_send_permission(request)
    issue = get_object_or_404(NewsletterIssuePage, pk=page_id)
    if request.method == "POST":
        if not issue.live:
            messages.error(request, _("Publish the issue before sending it."))
            return redirect("wagtailadmin_pages:edit", issue.pk)
        send, added = sending.queue_send(issue, by=request.user)
        if added:
            messages.success(request, _("Sending started to %(count)d subscribers.") % {"count": added})
        else:
            messages.info(request, _("Everybody has already received or been queued for this issue; nobody was added."))
        return redirect("newsletters_admin:send_detail", send.pk)
    summary = sending.recipient_summary(issue)
    send = Send.objects.filter(translation_key=issue.translation_key).first()
    context = {
        "issue": issue,
        "summary": summary,
        "total": sum(row["total"] for row in summary),
        "new_total": sum(row["new"] for row in summary),
        "existing_send": send,
        "editions": sorted(sending.live_editions(issue.translation_key)),
    }
    return TemplateResponse(request, "newsletters/admin/send_confirm.html", context)


def send_list(request):
    """Every send with its final (or current) counts."""
    _require_send_permission(request)
    sends = Send.objects.select_related("issue", "created_by").order_by("-created_at")
    page_obj = Paginator(sends, SENDS_PER_PAGE).get_page(request.GET.get("page"))
    counts = sending.progress([send.pk for send in page_obj.object_list])
    rows = [(send, counts.get(send.pk, {})) for send in page_obj.object_list]
    erasures = SubscriberErasure.objects.order_by("-month", "language", "reason")[:36]
    subscriber_counts = dict(Subscriber.objects.values_list("status").annotate(n=Count("id")))
    context = {"rows": rows, "page_obj": page_obj, "erasures": erasures, "subscriber_counts": subscriber_counts}
    return TemplateResponse(request, "newsletters/admin/send_list.html", context)


def send_detail(request, send_id):
    """Progress of one send; the page refreshes itself until the send is finished."""
    _require_send_permission(request)
    send = get_object_or_404(Send.objects.select_related("issue", "created_by"), pk=send_id)
    counts = sending.progress([send.pk]).get(send.pk, {status: 0 for status in Delivery.Status.values} | {"total": 0})
    done = counts["sent"] + counts["failed"]
    per_language = (
        Delivery.objects.filter(send=send)
        .values("language", "status")
        .order_by("language", "status")
        .annotate(n=Count("id"))
    )
    by_language = {}
    for row in per_language:
        by_language.setdefault(row["language"], {status: 0 for status in Delivery.Status.values})[row["status"]] = row[
            "n"
        ]
    context = {
        "send": send,
        "counts": counts,
        "percent": round(100 * done / counts["total"]) if counts["total"] else 100,
        "by_language": sorted(by_language.items()),
        "statuses": Delivery.Status.choices,
        "list_url": reverse("newsletters_admin:send_list"),
    }
    return TemplateResponse(request, "newsletters/admin/send_detail.html", context)
