"""Signal handlers: the audit trail for sign-in, second factor, passwords and roles,
and ending a user's other sessions when they sign out, change their password or
are deactivated (issue 5 §3, §7)."""

import time

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth import signals as auth_signals
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver
from django.utils import translation

from .audit import current_actor, record_event
from .models import AuditAction, Role
from .services.roles import profile_for
from .services.sessions import end_sessions, track_session

User = get_user_model()
LOGIN_AT_SESSION_KEY = "ern_login_at"
MFA_NEXT_SESSION_KEY = "ern_mfa_next"
SEEN_AT_SESSION_KEY = "ern_seen_at"


@receiver(auth_signals.user_logged_in, dispatch_uid="referrals_user_logged_in")
def on_user_logged_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    request.session[LOGIN_AT_SESSION_KEY] = request.session[SEEN_AT_SESSION_KEY] = time.time()
    track_session(request, user)
    profile = profile_for(user)  # so the helpdesk finds every account that has ever signed in
    # The language of the sign-in pages (/de/accounts/login/ → "de") is the one e-mails to them are written in.
    language = translation.get_language()
    if language and profile.language != language:
        profile.language = language
        profile.save(update_fields=["language"])
    record_event(AuditAction.LOGIN_SUCCEEDED, actor=user, target=None, request=request)


@receiver(auth_signals.user_login_failed, dispatch_uid="referrals_user_login_failed")
def on_user_login_failed(sender, credentials, request=None, **kwargs):
    # Only the address typed in, and only if it belongs to an account: never
    # the password, and no free text that could hold anything else.
    login = (credentials or {}).get("email") or (credentials or {}).get("username") or ""
    target = User.objects.filter(email__iexact=login).first() if login else None
    record_event(AuditAction.LOGIN_FAILED, actor=None, target=target, request=request)


@receiver(auth_signals.user_logged_out, dispatch_uid="referrals_user_logged_out")
def on_user_logged_out(sender, request, user, **kwargs):
    if user is None or getattr(request, "ern_automatic_sign_out", False):
        return
    current_key = getattr(getattr(request, "session", None), "session_key", None)
    ended = end_sessions(user, keep_session_key=current_key)
    record_event(AuditAction.LOGOUT, actor=user, request=request, other_sessions_ended=ended)


@receiver(account_signals.password_changed, dispatch_uid="referrals_password_changed")
@receiver(account_signals.password_set, dispatch_uid="referrals_password_set")
def on_password_changed(sender, request, user, **kwargs):
    ended = end_sessions(user, keep_session_key=request.session.session_key)
    record_event(AuditAction.PASSWORD_CHANGED, actor=user, request=request, other_sessions_ended=ended)


@receiver(account_signals.password_reset, dispatch_uid="referrals_password_reset")
def on_password_reset(sender, request, user, **kwargs):
    ended = end_sessions(user)
    record_event(AuditAction.PASSWORD_RESET, actor=user, request=request, sessions_ended=ended)


@receiver(mfa_signals.authenticator_added, dispatch_uid="referrals_authenticator_added")
def on_authenticator_added(sender, request, user, authenticator, **kwargs):
    if authenticator.type == Authenticator.Type.TOTP:
        profile = profile_for(user)
        if profile.mfa_reset_required:
            profile.mfa_reset_required = False
            profile.save(update_fields=["mfa_reset_required"])
    record_event(AuditAction.MFA_ACTIVATED, actor=user, request=request, type=authenticator.type)


@receiver(mfa_signals.authenticator_removed, dispatch_uid="referrals_authenticator_removed")
def on_authenticator_removed(sender, request, user, authenticator, **kwargs):
    record_event(AuditAction.MFA_DEACTIVATED, actor=user, request=request, type=authenticator.type)


@receiver(mfa_signals.authenticator_reset, dispatch_uid="referrals_authenticator_reset")
def on_authenticator_reset(sender, request, user, authenticator, **kwargs):
    record_event(AuditAction.MFA_RECOVERY_CODES_GENERATED, actor=user, request=request)


@receiver(mfa_signals.authentication_failed, dispatch_uid="referrals_mfa_failed")
def on_mfa_failed(sender, request, user, authenticator, **kwargs):
    # The password was right but the code was not: the user is known, not signed in.
    record_event(AuditAction.MFA_FAILED, actor=user, request=request, type=authenticator.type)


@receiver(pre_save, sender=User, dispatch_uid="referrals_user_pre_save")
def remember_active_state(sender, instance, **kwargs):
    if instance.pk:
        instance._was_active = sender.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()


@receiver(post_save, sender=User, dispatch_uid="referrals_user_post_save")
def end_sessions_of_deactivated_user(sender, instance, created, **kwargs):
    if created or instance.is_active or not getattr(instance, "_was_active", False):
        return
    ended = end_sessions(instance)
    actor, request = current_actor()
    if actor is not None:
        record_event(AuditAction.USER_DEACTIVATED, actor=actor, target=instance, request=request, sessions_ended=ended)


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="referrals_groups_changed")
def audit_role_changes(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Every change to a user's network roles, from our services or the Wagtail admin."""
    if action not in {"post_add", "post_remove"} or not pk_set:
        return
    actor, request = current_actor()
    if actor is None:
        # Management commands (the demo loader) change roles with nobody signed in.
        return
    from django.contrib.auth.models import Group

    if reverse:  # group.user_set.add(...)
        pairs = [(user, instance.name) for user in User.objects.filter(pk__in=pk_set)]
    else:
        pairs = [(instance, name) for name in Group.objects.filter(pk__in=pk_set).values_list("name", flat=True)]
    audit_action = AuditAction.ROLE_GRANTED if action == "post_add" else AuditAction.ROLE_REVOKED
    role_names = set(Role.values)
    for user, group_name in pairs:
        record_event(
            audit_action,
            actor=actor,
            target=user,
            request=request,
            role=group_name,
            network_role=group_name in role_names,
        )
