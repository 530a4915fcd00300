"""Ending a user's sessions: on sign-out, password change, deactivation and guest expiry.

allauth's ``usersessions`` app keeps one row per signed-in session, which is
how we find a user's other sessions without decoding every session row.
"""

from allauth.usersessions.models import UserSession


def end_sessions(user, *, keep_session_key=None):
    """End every session of ``user`` except ``keep_session_key``; return how many ended."""
    ended = 0
    for user_session in UserSession.objects.filter(user_id=user.pk).exclude(session_key=keep_session_key or ""):
        user_session.end()
        ended += 1
    return ended


def track_session(request, user):
    """Register the request's session of the newly signed-in ``user`` with usersessions (idempotent).

    allauth does this on its own sign-in signal only; Django's covers every
    login, including the test client's and any other path.
    """
    if request is None or not hasattr(request, "session"):
        return
    if not hasattr(request, "user"):  # django.contrib.auth.login() only sets it when present
        request.user = user
    UserSession.objects.create_from_request(request)
