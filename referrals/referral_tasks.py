"""E-mails to outside clinicians about their referral requests (Celery tasks).

They carry the reference number and a link, never the clinical question or
anything about the patient.
"""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

REFERRAL_EVENTS = {"verify", "received", "accepted", "rejected", "info_requested", "assigned"}


def _network_name():
    from wagtail.models import Site

    from home.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    return (SiteSettings.for_site(site).network_name if site else "") or settings.WAGTAIL_SITE_NAME


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_referral_email(referral_id, event, link=""):
    from .models.referral_requests import ReferralRequest

    if event not in REFERRAL_EVENTS:
        raise ValueError(event)
    referral = ReferralRequest.objects.get(pk=referral_id)
    with translation.override(referral.language):
        context = {"referral": referral, "link": link, "network_name": _network_name()}
        subject = render_to_string(f"referrals/email/referral_{event}_subject.txt", context).strip()
        body = render_to_string(f"referrals/email/referral_{event}_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [referral.email])
