"""The demo users of DESIGN §8: every role, a verified e-mail, a working TOTP device; idempotent."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS
from referrals.demo import build_users
from referrals.models import ClinicianProfile
from referrals.rules import is_coordinator, is_editor, is_guest, is_helpdesk, is_member_clinician
from tests.referrals.factories import make_centre, totp_code

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def centres(db):
    return [make_centre(name=f"Centre {n}", city=f"City {n}") for n in range(3)]


def test_every_demo_user_exists_with_its_role_and_a_second_factor(centres):
    build_users({})
    users = {user.email: user for user in User.objects.filter(email__in=[e for e, _ in DEMO_USERS])}
    assert set(users) == {email for email, _ in DEMO_USERS}
    assert is_editor(users["editor@demo.example"]) and users["editor@demo.example"].has_perm(
        "wagtailadmin.access_admin"
    )
    assert is_coordinator(users["coordinator@demo.example"])
    assert is_helpdesk(users["helpdesk@demo.example"])
    assert is_guest(users["guest@demo.example"])
    for email in ["clinician@demo.example", "expert1@demo.example", "expert2@demo.example"]:
        assert is_member_clinician(users[email])
    centres_of = {
        ClinicianProfile.objects.get(user=users[email]).member_centre_id
        for email in ["clinician@demo.example", "expert1@demo.example", "expert2@demo.example"]
    }
    assert len(centres_of) == 3 and None not in centres_of
    for user in users.values():
        assert user.check_password(DEMO_PASSWORD)
        assert user.emailaddress_set.get().verified
        totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        assert totp.wrap().validate_code(totp_code(DEMO_TOTP_SECRET))
        assert Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()


def test_building_twice_duplicates_nothing(centres):
    build_users({})
    counts = (User.objects.count(), Authenticator.objects.count(), ClinicianProfile.objects.count())
    build_users({})
    assert (User.objects.count(), Authenticator.objects.count(), ClinicianProfile.objects.count()) == counts


def test_demo_clinician_signs_in_with_password_and_computed_code(client, centres):
    build_users({})
    client.post(reverse("account_login"), {"login": "clinician@demo.example", "password": DEMO_PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(DEMO_TOTP_SECRET)})
    assert response.status_code == 302
    assert client.get("/en/cases/").status_code == 200
