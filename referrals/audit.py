"""The one way to write to the security audit trail (issue 5 §7).

``record_event`` refuses an entry without an actor unless the action is one
that happens without a signed-in user (a failed sign-in) or is done by the
system itself (a scheduled task expiring a guest). Later issues reuse it for
the case access log.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth.models import AnonymousUser

from portal.request_context import client_ip, current_request_id

from .models.audit import ANONYMOUS_ACTIONS, SYSTEM_ACTIONS, AuditAction, AuditEvent


class MissingActorError(ValueError):
    """An audit entry must say who acted."""


def _describe_target(target):
    if target is None:
        return "", "", ""
    meta = target._meta
    identifier = getattr(target, "uuid", None) or target.pk
    return meta.label_lower, str(identifier), str(target)[:255]


def record_event(action, *, actor, target=None, request=None, **data):
    """Append one entry to the audit trail and return it.

    ``actor`` is the user who acted (``None`` only for anonymous or system
    actions); ``target`` any model instance the action was about; ``request``
    supplies the client address and request id; ``data`` goes to ``extra``
    and must never hold patient data.
    """
    action = AuditAction(action)
    if isinstance(actor, AnonymousUser):
        actor = None
    if actor is None and action not in ANONYMOUS_ACTIONS | SYSTEM_ACTIONS:
        raise MissingActorError(f"Audit action {action.value!r} needs an actor.")
    target_type, target_id, target_repr = _describe_target(target)
    request_id = getattr(request, "request_id", None) or current_request_id() or ""
    return AuditEvent.objects.create(
        actor=actor,
        actor_email=(actor.email if actor is not None else "")[:254],
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_repr=target_repr,
        ip_address=client_ip(request) if request is not None else None,
        request_id=request_id,
        extra={key: value for key, value in data.items() if value is not None},
    )


# Who is acting in the current request or service call, for audit entries
# written by signal handlers (e.g. group changes made in the Wagtail admin),
# which receive no request themselves.
_current_actor: ContextVar[tuple | None] = ContextVar("audit_actor", default=None)


@contextmanager
def acting_as(actor, request=None):
    token = _current_actor.set((actor, request))
    try:
        yield
    finally:
        _current_actor.reset(token)


def current_actor():
    """(user, request) of whoever is acting now, or (None, None) outside requests and services."""
    value = _current_actor.get()
    if value is None:
        return None, None
    actor, request = value
    if actor is None or not actor.is_authenticated:
        return None, request
    return actor, request
