"""E-mails about cases, and the panel's schedule (Celery tasks).

``send_case_email`` is queued on commit by ``services.notifications.notify``.
E-mails carry the case reference, the patient's pseudonym and a link, never
clinical content or identity. Recipients are checked again when the task
runs, so someone who lost access since is not written to. The beat tasks
send the daily digest of routine panel invitations and the reminders.
referrals/tasks.py imports this module so workers discover the tasks.
"""

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


def _absolute(path):
    return settings.BASE_URL.rstrip("/") + path


@shared_task(bind=True, max_retries=5)
def send_case_email(self, case_id, event, recipient_ids):
    """One message per recipient. After a mail error the task is retried for that recipient and the
    ones after it only: those already sent to never get a second copy."""
    from .models import Case, CaseEvent
    from .services.notifications import can_be_told, email_language, link_for
    from .tasks import _network_name

    event = CaseEvent(event)
    case = Case.objects.select_related("patient").get(pk=case_id)
    recipients = get_user_model().objects.filter(pk__in=recipient_ids).select_related("clinician_profile")
    users = [user for user in recipients if can_be_told(user)]
    if not users:
        return 0
    network_name = _network_name()
    messages = {}  # language → (subject, body): the same message for everyone who reads that language
    users.sort(key=lambda user: user.email)
    for position, user in enumerate(users):
        language = email_language(user)
        if language not in messages:
            with translation.override(language):
                context = {
                    "reference": case.reference,
                    "pseudonym": case.patient.pseudonym,
                    "headline": event.label,
                    "urgent": case.urgency == "urgent",
                    "link": _absolute(link_for(case, event)),  # /de/cases/… for a German reader
                    "network_name": network_name,
                }
                messages[language] = (
                    render_to_string("referrals/cases/email/case_event_subject.txt", context).strip(),
                    render_to_string("referrals/cases/email/case_event_message.txt", context),
                )
        subject, body = messages[language]
        try:
            # One message per recipient: no one learns who else is on the case.
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        except OSError as error:  # smtplib's errors are OSErrors
            remaining = [later.pk for later in users[position:]]
            countdown = 2**self.request.retries * 10
            raise self.retry(args=(case_id, event.value, remaining), exc=error, countdown=countdown) from error
    return len(users)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation_digests():
    """One e-mail per expert listing the routine panel invitations not yet e-mailed (urgent ones went at once)."""
    from .services.panels import send_invitation_digests as send

    return send()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def remind_panel_members():
    """Remind experts who have not answered or contributed after PANEL_REMINDER_DAYS, and tell the panel lead."""
    from .services.panels import send_panel_reminders

    return send_panel_reminders()


@shared_task
def tidy_uploads():
    """Discard uploads abandoned half-way and requeue checks a dead worker left behind (services.documents)."""
    from .services.documents import tidy_uploads as tidy

    return tidy()


@shared_task
def process_document_upload(upload_id):
    """Check, de-identify and store a completed upload (services.documents.process_upload)."""
    from .services.documents import process_upload

    process_upload(upload_id)
