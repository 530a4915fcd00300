"""Accounts in a real browser: the demo clinician signs in with a TOTP code computed here; a new user
signs up, sets up a second factor, requests access, and the coordinator approves it."""

import re

import pytest
from django.core import mail

from portal.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from referrals.models import AccessRequest
from referrals.rules import is_member_clinician
from tests.referrals.factories import totp_code

pytestmark = pytest.mark.browser


@pytest.fixture
def accounts_site(transactional_db):
    """The demo users (referrals.demo) on a minimal site: faster than the whole demo, same sign-ins."""
    from wagtail.models import Locale, Page, Site

    from referrals.demo import build_users
    from tests.factories import HomePageFactory
    from tests.referrals.factories import make_area, make_centre

    Locale.objects.get_or_create(language_code="en")
    # An earlier live-server test may have flushed the rows Wagtail's migrations made.
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    Site.objects.all().delete()
    root.get_children().delete()
    home = HomePageFactory(parent=root)
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Test")
    area = make_area("Posterior urethral valves")
    for n in range(3):
        make_centre(name=f"University Hospital {n}", city=f"City {n}", areas=[area])
    build_users({})


def sign_in(page, base, email, password, secret, step_offset=0):
    """Sign in with a TOTP code. A user signing in again within 90 s needs ``step_offset=1``: the portal
    refuses a code that was already used while it is still valid (referrals/forms.py)."""
    page.goto(base + "/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.get_by_label("Code").fill(totp_code(secret, step_offset=step_offset))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_demo_clinician_signs_in_with_a_computed_totp_code(page, live_server, accounts_site, third_party_requests):
    sign_in(page, live_server.url, "clinician@demo.example", DEMO_PASSWORD, DEMO_TOTP_SECRET)
    page.goto(live_server.url + "/en/cases/")
    assert page.url == live_server.url + "/en/cases/"
    assert page.locator("h1").inner_text() == "Clinical workspace"
    assert "You have no cases yet." in page.content()  # this test's site has no demo cases
    assert "Member clinician" in page.locator("main").inner_text()
    assert third_party_requests == []


def test_new_user_requests_access_and_the_coordinator_approves_it(page, live_server, accounts_site):
    base = live_server.url
    email, password = "dr.new@example.org", "violet-kidney-harbour-2026"

    # Sign up and confirm the e-mail address.
    page.goto(base + "/en/accounts/signup/")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill(password)
    page.locator("input[name=password2]").fill(password)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_load_state()
    link = re.search(r"https?://\S+/confirm-email/\S+", mail.outbox[-1].body).group(0)
    page.goto(base + link[link.index("/en/") :])
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()

    # Sign in (no second factor yet) and go to the access page: set one up first.
    page.goto(base + "/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    page.goto(base + "/en/access/")
    page.wait_for_url("**/accounts/reauthenticate/**")  # allauth wants the password again before adding a device
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    assert page.locator("img.totp-qr").count() == 1
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    page.get_by_role("link", name="Continue").click()
    page.wait_for_url(base + "/en/access/")

    # The request.
    page.get_by_label("Member centre").select_option(label="Outside the network")
    page.locator("input[name=profession]").fill("Urologist")
    page.locator("input[name=specialty]").fill("Paediatric urology")
    page.locator("input[name=expertise_areas]").first.check()
    page.get_by_label("Professional registration number").fill("BIG-19023456701")
    page.get_by_label("Why do you need access?").fill("I would like to refer a child with posterior urethral valves.")
    page.get_by_role("button", name="Send request").click()
    page.wait_for_load_state()
    assert "Waiting for a decision" in page.locator("main").inner_text()
    sign_out(page)

    # The coordinator approves.
    sign_in(page, base, "coordinator@demo.example", DEMO_PASSWORD, DEMO_TOTP_SECRET)
    page.goto(base + "/en/coordination/access/?status=pending")
    page.get_by_role("link", name=email).click()
    page.get_by_label("Approve").check()
    page.get_by_label("Role to grant").select_option(label="Member clinician")
    page.get_by_role("button", name="Save decision").click()
    page.wait_for_url("**/coordination/access/")
    assert "approved" in page.locator(".messages").inner_text()

    access_request = AccessRequest.objects.get(user__email=email)
    assert access_request.status == AccessRequest.Status.APPROVED
    assert is_member_clinician(access_request.user)
    assert any("approved" in message.subject and message.to == [email] for message in mail.outbox)
