"""Celery tasks of the workspace: access-request e-mails and the guest-account schedule.

Callers enqueue with ``.delay_on_commit`` so no e-mail goes out for a change
that was rolled back. E-mails name no patient and carry no clinical data.
"""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

ACCESS_REQUEST_EVENTS = {"submitted", "approved", "rejected", "info_requested"}


def _absolute(path):
    return settings.BASE_URL.rstrip("/") + path


def _send(template_prefix, context, recipient, language):
    with translation.override(language):
        context = {**context, "network_name": _network_name()}
        subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
        body = render_to_string(f"{template_prefix}_message.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])


def _network_name():
    from wagtail.models import Site

    from home.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return settings.WAGTAIL_SITE_NAME
    return SiteSettings.for_site(site).network_name or settings.WAGTAIL_SITE_NAME


@shared_task
def send_access_request_email(access_request_id, event):
    from .models import AccessRequest

    if event not in ACCESS_REQUEST_EVENTS:
        raise ValueError(event)
    access_request = AccessRequest.objects.select_related("user").get(pk=access_request_id)
    with translation.override(access_request.language):
        status_url = _absolute(reverse("referrals:access_request"))
    _send(
        f"referrals/email/access_{event}",
        {"access_request": access_request, "status_url": status_url},
        access_request.user.email,
        access_request.language,
    )


@shared_task
def deactivate_expired_guests():
    from .services.guests import deactivate_expired_guests as deactivate

    return deactivate()


@shared_task
def remind_expiring_guests():
    """Send each guest one reminder for their expiry date, 7 days ahead (re-sent after an extension)."""
    from .services.guests import guests_to_remind
    from .services.notifications import email_language

    today = timezone.localdate()
    sent = 0
    for profile in guests_to_remind(today):
        _send(
            "referrals/email/guest_expiry_reminder",
            {"profile": profile, "days_left": (profile.guest_expires_on - today).days},
            profile.user.email,
            email_language(profile.user),
        )
        profile.guest_reminder_sent_for = profile.guest_expires_on
        profile.save(update_fields=["guest_reminder_sent_for"])
        sent += 1
    return sent


# Tasks defined beside their features; imported here so a worker's autodiscovery registers them.
from .case_tasks import (  # noqa: E402, F401
    process_document_upload,
    remind_panel_members,
    send_case_email,
    send_invitation_digests,
    tidy_uploads,
)
from .referral_tasks import send_referral_email  # noqa: E402, F401
