"""Factories and helpers for accounts: users with roles, a second factor, and signed-in clients."""

import base64
import datetime
import hashlib
import hmac
import struct
import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from django.utils import timezone

from referrals.models import AccessRequest, ClinicianProfile, Role
from referrals.services.roles import role_group
from tests.factories import UserFactory

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PASSWORD = "correct-horse-battery-staple"


def totp_code(secret=TOTP_SECRET, at=None, step_offset=0):
    """RFC 6238 code computed independently of allauth (SHA-1, 6 digits, 30 s)."""
    counter = int((time.time() if at is None else at) // 30) + step_offset
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def add_totp(user, secret=TOTP_SECRET):
    return Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": get_mfa_adapter().encrypt(secret)}
    )


def make_user(role=None, *, mfa=True, centre=None, guest_days=None, email=None, **fields):
    """A user with a verified e-mail, optionally a role (group + profile) and a TOTP device."""
    if email:
        fields.setdefault("username", email.split("@")[0])
        fields["email"] = email
    user = UserFactory(**fields)
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    profile, _ = ClinicianProfile.objects.get_or_create(user=user)
    if role is not None:
        user.groups.add(role_group(role))
        if role == Role.GUEST_CLINICIAN:
            profile.guest_expires_on = timezone.localdate() + datetime.timedelta(
                days=30 if guest_days is None else guest_days
            )
        profile.member_centre = centre
        profile.save()
    if mfa:
        add_totp(user)
    return user


def sign_in_with_mfa(client, user):
    """Sign ``client`` in as ``user`` with a completed second-factor step, as after a real TOTP sign-in."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        add_totp(user)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    now = time.time()
    session["account_authentication_methods"] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": "totp", "reauthenticated": True},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client


class AccessRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessRequest

    user = factory.LazyFunction(lambda: make_user())
    outside_network = True
    profession = "Urologist"
    specialty = "Paediatric urology"
    registration_number = factory.Sequence(lambda n: f"REG-{n:05d}")
    justification = "I treat children with posterior urethral valves and want advice from the network."


def make_centre(name="Radboud University Medical Center", city="Nijmegen", country="NL", areas=()):
    """A member centre (English source row) covering ``areas``."""
    from wagtail.models import Locale

    from home.network import MemberCentre

    english = Locale.objects.get_or_create(language_code="en")[0]
    centre = MemberCentre.objects.create(name=name, city=city, country=country, locale=english)
    if areas:
        # A ParentalManyToManyField (modelcluster) is written to the database only when the centre is saved.
        centre.expertise_areas.set(areas)
        centre.save()
    return centre


def make_area(name="Hypospadias"):
    from wagtail.models import Locale

    from home.network import ExpertiseArea, Workstream

    english = Locale.objects.get_or_create(language_code="en")[0]
    workstream = Workstream.objects.filter(locale=english).first() or Workstream.objects.create(
        name="Rare congenital uro-recto-genital anomalies", locale=english
    )
    return ExpertiseArea.objects.create(workstream=workstream, name=name, locale=english)
