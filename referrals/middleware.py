"""Request-time guards of the workspace (issue 5 §2, §3, §5).

``AccountGuardMiddleware`` runs after authentication and, for signed-in users:

1. ends the session after ``SESSION_IDLE_TIMEOUT`` seconds without a request,
   and ``SESSION_COOKIE_AGE`` seconds after sign-in at the latest (Django's
   own expiry slides with activity, so the absolute cap is ours);
2. blocks a guest whose expiry date has passed, at once, without waiting for
   the hourly task;
3. on the workspace paths (/<lang>/cases/, /<lang>/coordination/,
   /<lang>/access/ and /admin/) demands a second factor: a user without one
   is sent to set one up; a session that was opened with a password alone
   (no ``mfa`` record in allauth's authentication records) is sent to
   confirm a code. Checking the session's records here, rather than trusting
   the login view, closes every password-only path (PITFALLS);
4. keeps users without the Wagtail admin permission out of /admin/ with a
   403, instead of Wagtail's redirect to the sign-in page, which would loop
   for a signed-in user.

It also makes the signed-in user the audit actor for signal handlers.
"""

import re
import time

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .audit import acting_as
from .rules import is_expired_guest
from .signals import LOGIN_AT_SESSION_KEY, MFA_NEXT_SESSION_KEY, SEEN_AT_SESSION_KEY

_LANG = r"[a-z]{2,3}(?:-[a-z0-9]+)?"
SECOND_FACTOR_PATHS = re.compile(rf"^/(?:{_LANG}/(?:cases|coordination|access)/|admin/)")
ADMIN_PATHS = re.compile(r"^/admin/")
# allauth's own login view, mounted at /admin/login/ so Wagtail's is never reachable.
EXEMPT_PATHS = re.compile(r"^/admin/login/")


def has_second_factor_step(request):
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


class AccountGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        response = self._check_session_lifetime(request) or self._check_guest_expiry(request, user)
        if response is None:
            response = self._check_second_factor(request, user)
        if response is not None:
            return response
        with acting_as(user, request):
            return self.get_response(request)

    def _sign_out(self, request, message):
        # An expired session ends only itself; the user's other devices keep theirs.
        request.ern_automatic_sign_out = True
        logout(request)
        messages.info(request, message)
        login_url = reverse("account_login")
        if request.method == "GET":
            login_url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(login_url)

    def _check_session_lifetime(self, request):
        now = time.time()
        session = request.session
        login_at = session.setdefault(LOGIN_AT_SESSION_KEY, now)
        seen_at = session.get(SEEN_AT_SESSION_KEY, now)
        if now - seen_at > settings.SESSION_IDLE_TIMEOUT:
            return self._sign_out(request, _("You were signed out after a period of inactivity."))
        if now - login_at > settings.SESSION_COOKIE_AGE:
            return self._sign_out(request, _("Your session has ended. Please sign in again."))
        session[SEEN_AT_SESSION_KEY] = now
        return None

    def _check_guest_expiry(self, request, user):
        if not is_expired_guest(user):
            return None
        from .services.guests import expire_guest

        expire_guest(user, request=request)
        return self._sign_out(request, _("Your guest access has expired. Contact the coordinator to extend it."))

    def _check_second_factor(self, request, user):
        path = request.path_info
        if not SECOND_FACTOR_PATHS.match(path) or EXEMPT_PATHS.match(path):
            return None
        if not is_mfa_enabled(user):
            if request.method == "GET":
                request.session[MFA_NEXT_SESSION_KEY] = request.get_full_path()
            messages.info(request, _("Set up a second factor before you continue."))
            return redirect("mfa_activate_totp")
        if not has_second_factor_step(request):
            return redirect(reverse("mfa_reauthenticate") + "?" + urlencode({"next": request.get_full_path()}))
        if ADMIN_PATHS.match(path) and not user.has_perm("wagtailadmin.access_admin"):
            raise PermissionDenied
        if MFA_NEXT_SESSION_KEY in request.session:
            del request.session[MFA_NEXT_SESSION_KEY]
        return None
