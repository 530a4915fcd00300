"""Template context of the workspace: the signed-in user's unread notification count, for the header.

The header is on every page, public ones included, so the count is lazy: it
is computed only when a template reads ``unread_notifications.count``, at
most once per request, and only for users who may enter the workspace.
"""

from django.utils.functional import cached_property


class UnreadNotifications:
    def __init__(self, request):
        self._request = request

    @cached_property
    def count(self):
        from .services.notifications import unread_count

        user = getattr(self._request, "user", None)
        if user is None or not user.is_authenticated or not user.has_perm("referrals.enter_workspace"):
            return None
        return unread_count(user)


def notifications(request):
    return {"unread_notifications": UnreadNotifications(request)}
