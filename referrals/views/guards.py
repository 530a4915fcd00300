"""The decorator every workspace view wears: signed in, second factor done, permission held."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from ..middleware import has_second_factor_step


def workspace_view(permission):
    """Anonymous → sign-in; no second factor in this session → confirm a code; lacking ``permission`` → 403.

    The middleware already guards these paths; this repeats the second-factor
    check so a view mounted elsewhere cannot lose it.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_second_factor_step(request):
                return redirect(reverse("mfa_reauthenticate") + "?" + urlencode({"next": request.get_full_path()}))
            if permission and not user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
