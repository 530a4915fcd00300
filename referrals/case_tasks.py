"""E-mails about cases (Celery tasks), queued by the services in transaction.on_commit.

They carry the case reference, the patient's pseudonym and a link, never
clinical content or identity. Recipients are resolved when the task runs, so
a panel member who has left since is not written to. referrals/tasks.py
imports this module so workers discover the task.
"""

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# event → (who is told, what the e-mail says)
CASE_EVENTS = {
    "submitted": ("coordinators", _("A case was submitted to the network and waits for a panel.")),
    "review_started": ("owner", _("The expert panel has started to review your case.")),
    "rejected": ("owner", _("The network could not accept your case. The reason is on the case page.")),
    "withdrawn": ("coordinators_and_panel", _("The referring clinician withdrew the case.")),
    "outcome_issued": ("owner", _("The panel issued its outcome report for your case.")),
    "closed": ("panel", _("The case was closed.")),
    "reopened": ("panel", _("The case was reopened for follow-up and needs the panel again.")),
    "care_consent_withdrawn": (
        "panel",
        _("The patient withdrew consent to share this case. You no longer have access to it."),
    ),
}


def _recipients(case, audience):
    from .models import PanelMembership, Role
    from .rules import has_workspace_role

    users = []
    if audience == "owner":
        users.append(case.owner)
    if audience in {"coordinators", "coordinators_and_panel"}:
        users.extend(get_user_model().objects.filter(is_active=True, groups__name=Role.COORDINATOR.value))
    if audience in {"panel", "coordinators_and_panel"}:
        members = case.panel_memberships.filter(status=PanelMembership.Status.ACCEPTED).select_related("user")
        users.extend(membership.user for membership in members)
    # Only people who can still open the workspace: not an expired guest, not a deactivated account.
    return sorted({user.email for user in users if user.email and has_workspace_role(user)})


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_case_email(case_id, event):
    from .models import Case
    from .tasks import _network_name

    if event not in CASE_EVENTS:
        raise ValueError(event)
    audience, headline = CASE_EVENTS[event]
    case = Case.objects.select_related("patient", "owner").get(pk=case_id)
    with translation.override(settings.LANGUAGE_CODE):
        link = settings.BASE_URL.rstrip("/") + reverse("referrals:case_detail", kwargs={"uuid": case.uuid})
        context = {
            "reference": case.reference,
            "pseudonym": case.patient.pseudonym,
            "headline": headline,
            "link": link,
            "network_name": _network_name(),
        }
        subject = render_to_string("referrals/cases/email/case_event_subject.txt", context).strip()
        body = render_to_string("referrals/cases/email/case_event_message.txt", context)
    for recipient in _recipients(case, audience):
        # One message per recipient: no one learns who else is on the case.
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
