"""Telling people about a case: an in-app notification now, an e-mail after the transaction commits.

``notify(case, event)`` is the one way to do it. The in-app rows are written
in the caller's transaction, so they exist exactly when the change does; the
e-mail task is queued on commit and checks again, when it runs, that each
recipient may still use the workspace. Neither carries clinical content or
identity: the event, the case reference, the pseudonym and a link.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from ..models import CaseEvent, Notification, PanelMembership, Role

E = CaseEvent

# Who hears about each event when the caller names no one.
AUDIENCE = {
    E.SUBMITTED: "coordinators",
    E.REVIEW_STARTED: "owner",
    E.REJECTED: "owner",
    E.WITHDRAWN: "coordinators_and_panel",
    E.OUTCOME_ISSUED: "owner",
    E.CLOSED: "panel",
    E.REOPENED: "panel",
    E.CARE_CONSENT_WITHDRAWN: "panel",
    E.CONTRIBUTION_POSTED: "owner_and_panel",
    E.INFORMATION_REQUESTED: "owner",
    E.INFORMATION_ANSWERED: "panel",
    E.DOCUMENT_ADDED: "panel",
}

# In-app only: frequent events that would flood inboxes. Everything else is e-mailed too.
IN_APP_ONLY = frozenset({E.CONTRIBUTION_POSTED, E.DOCUMENT_ADDED})


def audience(case, name):
    """The users an audience name stands for, before any workspace-role check."""
    users = []
    if name in {"owner", "owner_and_panel"}:
        users.append(case.owner)
    if name in {"coordinators", "coordinators_and_panel"}:
        users.extend(get_user_model().objects.filter(is_active=True, groups__name=Role.COORDINATOR.value))
    if name in {"panel", "coordinators_and_panel", "owner_and_panel"}:
        members = case.panel_memberships.filter(status=PanelMembership.Status.ACCEPTED).select_related("user")
        users.extend(membership.user for membership in members)
    return users


def email_language(user):
    """The language to write to ``user`` in: that of the pages they last signed in on, if the portal has it."""
    from django.conf import settings

    language = getattr(getattr(user, "clinician_profile", None), "language", "")
    return language if language in {code for code, _name in settings.LANGUAGES} else settings.LANGUAGE_CODE


def can_be_told(user):
    from ..rules import has_workspace_role

    return bool(user and user.is_active and user.email and has_workspace_role(user))


def notify(case, event, *, to=None, actor=None, email=None):
    """Notify ``to`` (default: the event's audience) about ``event`` on ``case``; the actor is never told.

    ``email`` overrides whether an e-mail goes out (default: all but IN_APP_ONLY events).
    Returns the recipients.
    """
    event = CaseEvent(event)
    users = to if to is not None else audience(case, AUDIENCE[event])
    recipients = {}
    for user in users:
        if actor is not None and user.pk == actor.pk:
            continue
        if can_be_told(user):
            recipients[user.pk] = user
    if not recipients:
        return []
    Notification.objects.bulk_create(
        [Notification(recipient_id=pk, case_id=case.pk, event=event.value) for pk in recipients]
    )
    if email if email is not None else event not in IN_APP_ONLY:
        from ..case_tasks import send_case_email

        send_case_email.delay_on_commit(case.pk, event.value, sorted(recipients))
    return list(recipients.values())


def unread_count(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user, notifications=None):
    """Mark ``notifications`` (a queryset of the user's, default all) as read now."""
    from django.utils import timezone

    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notifications is not None:
        queryset = queryset.filter(Q(pk__in=notifications.values("pk")))
    return queryset.update(read_at=timezone.now())


# Events whose link leads to the invitation page (which sends accepted members on to the case).
INVITATION_EVENTS = frozenset({E.PANEL_INVITATION, E.PANEL_REMINDER})


# Events that end the recipient's access to the case: their link leads to the dashboard, not to a 404.
ACCESS_ENDING_EVENTS = frozenset({E.REMOVED_FROM_PANEL, E.CARE_CONSENT_WITHDRAWN})


def link_for(case, event):
    """The path a notification or e-mail about ``event`` links to."""
    from django.urls import reverse

    event = CaseEvent(event)
    if event in ACCESS_ENDING_EVENTS:
        return reverse("referrals:workspace")
    name = "referrals:panel_invitation" if event in INVITATION_EVENTS else "referrals:case_detail"
    return reverse(name, kwargs={"uuid": case.uuid})
