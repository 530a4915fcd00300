"""
Background work of the home app (Celery).

``send_contact_submission`` e-mails a stored contact-form submission to the
helpdesk. It is enqueued with ``delay_on_commit`` and reads the submission by
id, so it never sends a message for a row that was rolled back, and a mail
server outage only delays the e-mail (retries with back-off) instead of
losing it: the submission is already stored.
"""

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.contrib.forms.models import FormSubmission

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=60,
    retry_backoff_max=60 * 60,
    retry_jitter=True,
    max_retries=8,
)
def send_contact_submission(submission_id):
    submission = FormSubmission.objects.select_related("page").filter(pk=submission_id).first()
    if submission is None:
        logger.warning("Contact submission %s no longer exists; nothing sent", submission_id)
        return False
    page = submission.page.specific
    recipients = page.get_recipients()
    if not recipients:
        logger.error("Contact submission %s: no helpdesk address configured; stored but not e-mailed", submission_id)
        return False

    fields = list(page.get_form_fields())
    reply_to = [
        str(submission.form_data[field.clean_name])
        for field in fields
        if field.field_type == "email" and submission.form_data.get(field.clean_name)
    ][:1]
    # The helpdesk reads English; the visitor's language is noted in the body.
    with translation.override(settings.LANGUAGE_CODE):
        subject = page.subject or _("Contact form: new message")
        lines = [
            _("A visitor sent this through the contact form (%(language)s page).")
            % {"language": page.locale.language_code},
            "",
        ]
        for field in fields:
            value = submission.form_data.get(field.clean_name, "")
            if isinstance(value, list):
                value = ", ".join(str(item) for item in value)
            lines.append(f"{field.label}: {value}")
        lines += ["", _("Submitted at %(time)s UTC.") % {"time": submission.submit_time.strftime("%Y-%m-%d %H:%M")}]
    message = EmailMessage(
        subject=subject,
        body="\n".join(lines),
        from_email=page.from_address or settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=reply_to,
    )
    message.send(fail_silently=False)
    return True
