"""Granting and revoking network roles (Django groups) and the profile behind them.

Role changes are audited in one place, the groups signal handler in
``referrals.signals``, so changes made in the Wagtail admin are audited too;
the services here only say who is acting.
"""

from django.contrib.auth.models import Group

from ..audit import acting_as
from ..models.accounts import ClinicianProfile, Role


def role_group(role):
    group, _created = Group.objects.get_or_create(name=Role(role).value)
    return group


def profile_for(user):
    profile, _created = ClinicianProfile.objects.get_or_create(user=user)
    return profile


def _forget_cached_groups(user):
    # rules caches a user's group names on the instance.
    user.__dict__.pop("_group_names_cache", None)


def grant_role(user, role, *, by, request=None):
    with acting_as(by, request):
        user.groups.add(role_group(role))
    _forget_cached_groups(user)


def revoke_role(user, role, *, by, request=None):
    with acting_as(by, request):
        user.groups.remove(role_group(role))
    _forget_cached_groups(user)


def role_labels(user):
    """Translated names of the user's network roles."""
    names = {group.name for group in user.groups.all()}
    return [role.label for role in Role if role.value in names]
