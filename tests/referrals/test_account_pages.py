"""allauth's pages in the site's layout: one <h1>, labelled fields, no inline script or style (strict CSP)."""

import re

import pytest
from django.urls import reverse

from referrals.models import Role
from tests.referrals.factories import make_user, sign_in_with_mfa

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = ["account_login", "account_signup", "account_reset_password", "account_reset_password_done"]
SIGNED_IN_PAGES = [
    "account_change_password",
    "account_email",
    "account_reauthenticate",
    "mfa_reauthenticate",
    "mfa_index",
    "mfa_view_recovery_codes",
    "usersessions_list",
]


def assert_in_site_style(response):
    html = response.content.decode()
    assert response.status_code == 200
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert 'class="site-header' in html and 'id="main-content"' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html), "inline script"
    assert " style=" not in html
    for script in re.findall(r"<script[^>]*src=[^>]*>", html):
        assert "nonce=" in script, script
    for field_id in re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"(?![^>]*type="hidden")', html):
        assert f'for="{field_id}"' in html, f"no label for #{field_id}"


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_anonymous_account_pages(client, home_page, name):
    assert_in_site_style(client.get(reverse(name)))


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_signed_in_account_pages(client, home_page, name):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    user = make_user(Role.MEMBER_CLINICIAN)
    RecoveryCodes.activate(user)
    sign_in_with_mfa(client, user)
    assert_in_site_style(client.get(reverse(name)))


def test_totp_activation_page_shows_qr_code_and_secret(client, home_page):
    user = make_user(Role.MEMBER_CLINICIAN, mfa=False)
    client.force_login(user)
    session = client.session
    import time

    session["account_authentication_methods"] = [{"method": "password", "at": time.time(), "reauthenticated": True}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    response = client.get(reverse("mfa_activate_totp"))
    assert_in_site_style(response)
    html = response.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    assert response.context["form"].secret in html


def test_workspace_and_coordination_pages_follow_the_same_rules(client, home_page):
    from tests.referrals.factories import AccessRequestFactory

    access_request = AccessRequestFactory()
    coordinator = make_user(Role.COORDINATOR)
    sign_in_with_mfa(client, coordinator)
    for url in [
        reverse("referrals:workspace"),
        reverse("referrals:coordination"),
        reverse("referrals:access_request_list"),
        reverse("referrals:access_request_detail", kwargs={"uuid": access_request.uuid}),
        reverse("referrals:account_list"),
        reverse("referrals:account_detail", kwargs={"uuid": access_request.user.clinician_profile.uuid}),
        reverse("referrals:audit_log"),
        reverse("referrals:access_request"),
    ]:
        assert_in_site_style(client.get(url))
    applicant = make_user()
    sign_in_with_mfa(client, applicant)
    assert_in_site_style(client.get(reverse("referrals:access_request")))
