"""The second factor: encrypted at rest, enforced on the workspace paths, single-use within a ±1 step window."""

import time

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.urls import reverse

from referrals.adapters import EncryptingMFAAdapter
from referrals.models import AuditAction, AuditEvent, Role
from tests.referrals.factories import PASSWORD, TOTP_SECRET, make_user, totp_code

pytestmark = pytest.mark.django_db

# A fixed instant in the middle of a 30-second TOTP step.
T0 = 1_800_000_015


def sign_in_with_password(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def test_totp_secret_is_stored_encrypted_and_decrypts_back():
    user = make_user(Role.MEMBER_CLINICIAN)
    stored = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]
    assert TOTP_SECRET not in stored
    assert EncryptingMFAAdapter().decrypt(stored) == TOTP_SECRET


def test_encryption_keys_from_settings_are_used_and_rotatable(settings):
    from cryptography.fernet import Fernet

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.MFA_ENCRYPTION_KEYS = [old]
    token = EncryptingMFAAdapter().encrypt(TOTP_SECRET)
    assert Fernet(old.encode()).decrypt(token.encode()).decode() == TOTP_SECRET
    settings.MFA_ENCRYPTION_KEYS = [new, old]  # rotation: the new key first, the old one still readable
    assert EncryptingMFAAdapter().decrypt(token) == TOTP_SECRET
    settings.MFA_ENCRYPTION_KEYS = [new]
    with pytest.raises(Exception):  # noqa: B017 - cryptography's InvalidToken
        EncryptingMFAAdapter().decrypt(token)


def test_sign_in_with_password_and_totp_opens_the_workspace(client):
    user = make_user(Role.MEMBER_CLINICIAN)
    response = sign_in_with_password(client, user)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert client.get(reverse("referrals:workspace")).status_code == 200


def test_wrong_totp_code_does_not_sign_in_and_is_audited(client):
    user = make_user(Role.MEMBER_CLINICIAN)
    sign_in_with_password(client, user)
    wrong = f"{(int(totp_code()) + 1) % 1_000_000:06d}"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.MFA_FAILED, actor=user).exists()


def test_user_without_second_factor_is_sent_to_set_one_up(client):
    user = make_user(Role.MEMBER_CLINICIAN, mfa=False)
    sign_in_with_password(client, user)
    response = client.get("/en/cases/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_password_only_session_is_sent_to_confirm_a_code(client):
    """A session opened without the MFA step (any password-only path) cannot enter."""
    user = make_user(Role.MEMBER_CLINICIAN)
    client.force_login(user)
    response = client.get("/en/cases/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_reauthenticate") + "?next=%2Fen%2Fcases%2F"
    response = client.post(response["Location"], {"code": totp_code()})
    assert response.status_code == 302
    assert response["Location"] == "/en/cases/"
    assert client.get("/en/cases/").status_code == 200


@pytest.mark.parametrize("path", ["/en/cases/", "/en/coordination/", "/en/access/", "/admin/", "/de/cases/"])
def test_every_protected_path_requires_the_second_factor(client, path):
    user = make_user(Role.COORDINATOR, mfa=False, is_staff=True)
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 302
    assert "/accounts/2fa/totp/activate/" in response["Location"]


def test_first_time_set_up_returns_the_user_to_where_they_were_going(client, django_capture_on_commit_callbacks):
    """Sign-in → /cases/ → activation asks for the password again → QR code → recovery codes → continue."""
    user = make_user(Role.MEMBER_CLINICIAN, mfa=False)
    sign_in_with_password(client, user)
    response = client.get("/en/cases/", follow=True)
    # allauth wants recent re-authentication before adding a device.
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    response = client.post(response.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert response.request["PATH_INFO"] == reverse("mfa_activate_totp")
    secret = response.context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)}, follow=True)
    assert response.request["PATH_INFO"] == reverse("mfa_view_recovery_codes")
    assert b'href="/en/cases/"' in response.content  # the "Continue" link
    assert client.get("/en/cases/").status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.MFA_ACTIVATED, actor=user).exists()


def test_totp_code_cannot_be_used_twice_even_after_allauths_30_second_mark_expires(client):
    user = make_user(Role.MEMBER_CLINICIAN)
    with time_machine.travel(T0, tick=False):
        code = totp_code(at=T0 + 30)  # the next step's code: valid now thanks to the ±1 window
        sign_in_with_password(client, user)
        assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
        client.logout()
    # 45 s later the same code is still inside the window (it is now the previous step's).
    with time_machine.travel(T0 + 45, tick=False):
        sign_in_with_password(client, user)
        response = client.post(reverse("mfa_authenticate"), {"code": code})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(("offset", "accepted"), [(-2, False), (-1, True), (0, True), (1, True), (2, False)])
def test_totp_window_is_one_step_either_side(client, offset, accepted):
    user = make_user(Role.MEMBER_CLINICIAN)
    with time_machine.travel(T0, tick=False):
        sign_in_with_password(client, user)
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(at=T0, step_offset=offset)})
    assert (response.status_code == 302) is accepted
    assert ("_auth_user_id" in client.session) is accepted


def test_recovery_code_signs_in_once(client):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    user = make_user(Role.MEMBER_CLINICIAN)
    code = RecoveryCodes.activate(user).get_unused_codes()[0]
    sign_in_with_password(client, user)
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    client.logout()
    sign_in_with_password(client, user)
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 200


def test_monotonic_clock_is_not_what_totp_uses():
    # Guard for the time-machine tests above: allauth reads time.time().
    with time_machine.travel(T0, tick=False):
        assert int(time.time()) == T0


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        (Role.MEMBER_CLINICIAN, "/en/cases/"),
        (Role.COORDINATOR, "/en/cases/"),
        (Role.HELPDESK, "/en/coordination/"),
        (Role.EDITOR, "/admin/"),  # Wagtail gives its Editors group admin access
        (None, "/en/access/"),
    ],
)
def test_after_sign_in_each_role_lands_where_its_work_is(client, role, landing):
    user = make_user(role)
    sign_in_with_password(client, user)
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response["Location"] == landing
