"""An outside clinician goes from /en/refer/ to a submitted request; the coordinator accepts it and the
invited guest sets a password and a second factor, then signs in. axe checks every step of the check."""

import re

import pytest
from django.core import mail

from portal.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from referrals.models import ReferralRequest
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_accounts import sign_in, sign_out
from tests.referrals.factories import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def continue_step(page):
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def test_outside_clinician_refers_and_the_accepted_guest_signs_in(page, live_server, demo_site):
    base = live_server.url
    violations = {}

    def check_accessibility(step):
        found = serious_violations(page)
        if found:
            violations[step] = found

    # The eligibility check, one question per step.
    page.goto(base + "/en/refer/")
    check_accessibility("start")
    page.get_by_role("link", name="Start the check").click()
    check_accessibility("country")
    page.get_by_label("In which country is the treating hospital?").select_option("PT")
    continue_step(page)
    page.get_by_label("Search conditions by name or synonym").fill("exstrophy")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    check_accessibility("condition")
    page.get_by_label("Bladder exstrophy (Rare congenital").check()
    continue_step(page)
    for step in ("contact point", "consent", "effort", "liability"):
        check_accessibility(step)
        page.get_by_label("Yes").check()
        continue_step(page)
    check_accessibility("result")
    assert "Eligible" in page.locator("main").inner_text()
    page.get_by_role("link", name="Submit a referral request").click()
    check_accessibility("request form")

    page.get_by_label("Your name").fill("Dr Ana Costa")
    page.get_by_label("Professional e-mail").fill("ana.costa@hospital.example.org")
    page.get_by_label("Hospital").fill("Hospital de Santa Maria")
    page.get_by_label("Specialty").fill("Paediatric urology")
    page.get_by_label("Clinical question").fill("11-year-old girl after failed primary closure: continence surgery?")
    page.get_by_label("Routine").check()
    page.get_by_role("button", name="Send the request").click()
    page.wait_for_load_state()
    assert "Check your e-mail" in page.locator("h1").inner_text()

    link = re.search(r"http://\S+(/en/refer/confirm/\?token=\S+)", mail.outbox[-1].body).group(1)
    page.goto(base + link)
    referral = ReferralRequest.objects.get(email="ana.costa@hospital.example.org")
    assert referral.reference in page.locator("main").inner_text()
    assert violations == {}

    # The coordinator accepts it.
    sign_in(page, base, "coordinator@demo.example", DEMO_PASSWORD, DEMO_TOTP_SECRET)
    page.goto(base + "/en/coordination/referrals/")
    page.get_by_role("link", name=referral.reference).click()
    page.get_by_role("button", name="Accept").click()
    page.wait_for_load_state()
    assert "Decision saved" in page.locator("main").inner_text()
    sign_out(page)

    # The guest sets a password, then a second factor, and reaches the workspace.
    invitation = re.search(r"http://\S+(/en/accounts/password/reset/key/\S+)", mail.outbox[-1].body).group(1)
    password = "granite-meadow-lantern-2026"
    page.goto(base + invitation)
    page.wait_for_load_state()
    page.locator("input[name=password1]").fill(password)
    page.get_by_label("New Password (again)").fill(password)
    page.get_by_role("button", name="Change Password").click()
    page.wait_for_load_state()

    page.goto(base + "/en/accounts/login/")
    page.get_by_label("Email").fill("ana.costa@hospital.example.org")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    page.goto(base + "/en/cases/")
    page.wait_for_url("**/accounts/reauthenticate/**")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    page.get_by_role("link", name="Continue").click()
    page.wait_for_url(base + "/en/cases/")
    assert "Guest clinician" in page.locator("main").inner_text()
