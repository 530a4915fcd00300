"""The current request's id and client address, for logs and audit entries."""

from contextvars import ContextVar

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def current_request_id():
    return _request_id.get()


def set_request_id(value):
    return _request_id.set(value)


def reset_request_id(token):
    _request_id.reset(token)


def client_ip(request):
    """The client's address. Behind a proxy, the proxy must set REMOTE_ADDR correctly
    (gunicorn --forwarded-allow-ips); we do not trust X-Forwarded-For blindly."""
    return request.META.get("REMOTE_ADDR") or None
