"""Demo users (DESIGN §8): one per role, each with a verified e-mail, a profile and a TOTP device.

Idempotent: users, profiles, groups and authenticators are found by their
natural keys and updated, never duplicated. The demo loader runs outside any
request, so these role changes are not in the audit log (nobody acted).
"""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import GroupPagePermission, Locale, Page

from home.network import MemberCentre
from portal.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET

from .models import ClinicianProfile, Role
from .services.roles import role_group

# e-mail → (role, profession, specialty, index of the member centre)
DEMO_ACCOUNTS = {
    "editor@demo.example": (Role.EDITOR, "", "", None),
    "coordinator@demo.example": (Role.COORDINATOR, "Network coordinator", "Paediatric urology", 0),
    "clinician@demo.example": (Role.MEMBER_CLINICIAN, "Urologist", "Reconstructive urology", 0),
    "expert1@demo.example": (Role.MEMBER_CLINICIAN, "Paediatric urologist", "Congenital anomalies", 1),
    "expert2@demo.example": (Role.MEMBER_CLINICIAN, "Urologist", "Uro-oncology", 2),
    "guest@demo.example": (Role.GUEST_CLINICIAN, "Urologist", "General urology", None),
    "helpdesk@demo.example": (Role.HELPDESK, "", "", None),
}
GUEST_DAYS = 30
# Editors manage the public site's content and nothing of the clinical workspace.
EDITOR_APPS = ["home", "guides", "faq", "newsletters", "wagtailimages", "wagtaildocs", "wagtailredirects"]


def _demo_centres():
    english = Locale.objects.filter(language_code="en").first()
    return list(MemberCentre.objects.filter(locale=english).order_by("pk")) if english else []


def _ensure_editor_permissions():
    group = role_group(Role.EDITOR)
    group.permissions.add(*Permission.objects.filter(content_type__app_label__in=EDITOR_APPS))
    # Made by a Wagtail data migration; re-created here if a test database flush removed it.
    admin_type, _created = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _created = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    group.permissions.add(access_admin)
    root = Page.get_first_root_node()
    for permission_type in ["add", "change", "publish", "lock", "unlock"]:
        permission = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
        )
        if permission.exists():
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission.get())


def _ensure_second_factor(user):
    adapter = get_mfa_adapter()
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is None or adapter.decrypt(totp.data["secret"]) != DEMO_TOTP_SECRET:
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": adapter.encrypt(DEMO_TOTP_SECRET)}
        )
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists():
        RecoveryCodes.activate(user)


def build_users(context):
    User = get_user_model()
    centres = _demo_centres()
    _ensure_editor_permissions()
    today = timezone.localdate()
    for email, (role, profession, specialty, centre_index) in DEMO_ACCOUNTS.items():
        user = User.objects.filter(email__iexact=email).first() or User(username=email.split("@")[0], email=email)
        user.is_active = True
        if not user.pk or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        user.groups.add(role_group(role))
        profile, _created = ClinicianProfile.objects.get_or_create(user=user)
        profile.profession = profession
        profile.specialty = specialty
        profile.member_centre = centres[centre_index % len(centres)] if centre_index is not None and centres else None
        profile.guest_expires_on = today + datetime.timedelta(days=GUEST_DAYS) if role == Role.GUEST_CLINICIAN else None
        profile.mfa_reset_required = False
        profile.save()
        if profile.member_centre is not None:
            profile.expertise_areas.set(profile.member_centre.expertise_areas.all()[:3])
        _ensure_second_factor(user)
