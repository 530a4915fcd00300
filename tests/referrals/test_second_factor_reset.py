"""A lost phone: the helpdesk or the coordinator resets the second factor; audited; new set-up forced."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from referrals.models import AuditAction, AuditEvent, Role
from tests.referrals.factories import PASSWORD, make_user, sign_in_with_mfa

pytestmark = pytest.mark.django_db


def reset_url(user):
    return reverse("referrals:account_reset_second_factor", kwargs={"uuid": user.clinician_profile.uuid})


@pytest.mark.parametrize("role", [Role.HELPDESK, Role.COORDINATOR])
def test_helpdesk_or_coordinator_resets_and_the_user_must_set_up_a_new_one(mfa_client, role):
    clinician = make_user(Role.MEMBER_CLINICIAN)
    phone = sign_in_with_mfa(Client(), clinician)
    staff = make_user(role)
    response = mfa_client(staff).post(reset_url(clinician))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=clinician).exists()
    clinician.clinician_profile.refresh_from_db()
    assert clinician.clinician_profile.mfa_reset_required
    # Signed out everywhere...
    assert phone.get("/en/cases/").status_code == 302
    # ...and at the next sign-in there is no code to enter, but the workspace demands a new device.
    fresh = Client()
    fresh.post(reverse("account_login"), {"login": clinician.email, "password": PASSWORD})
    response = fresh.get("/en/cases/")
    assert response["Location"] == reverse("mfa_activate_totp")
    event = AuditEvent.objects.get(action=AuditAction.MFA_RESET)
    assert event.actor == staff
    assert event.target_id == str(clinician.clinician_profile.uuid)
    assert event.extra["removed"] == ["totp"]


def test_a_reset_needs_a_post(mfa_client):
    clinician = make_user(Role.MEMBER_CLINICIAN)
    assert mfa_client(make_user(Role.HELPDESK)).get(reset_url(clinician)).status_code == 405
    assert Authenticator.objects.filter(user=clinician).exists()


@pytest.mark.parametrize("role", [Role.MEMBER_CLINICIAN, Role.GUEST_CLINICIAN, Role.EDITOR])
def test_other_roles_cannot_reset(mfa_client, role):
    clinician = make_user(Role.MEMBER_CLINICIAN)
    assert mfa_client(make_user(role)).post(reset_url(clinician)).status_code == 403
    assert Authenticator.objects.filter(user=clinician).exists()


def test_helpdesk_cannot_reset_a_coordinator(mfa_client):
    coordinator = make_user(Role.COORDINATOR)
    assert mfa_client(make_user(Role.HELPDESK)).post(reset_url(coordinator)).status_code == 403
    assert Authenticator.objects.filter(user=coordinator).exists()


def test_account_list_pages_with_a_fixed_number_of_queries(mfa_client, settings, django_assert_max_num_queries):
    settings.ACCESS_REQUESTS_PER_PAGE = 5
    client = mfa_client(make_user(Role.HELPDESK))
    for _ in range(3):
        make_user(Role.MEMBER_CLINICIAN)
    with django_assert_max_num_queries(40) as baseline:
        client.get(reverse("referrals:account_list"))
    for _ in range(12):
        make_user(Role.GUEST_CLINICIAN)
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        response = client.get(reverse("referrals:account_list"), {"page": 2})
    assert len(response.context["page_obj"]) == 5


def test_account_list_filters_by_role_and_email(mfa_client):
    client = mfa_client(make_user(Role.HELPDESK))
    guest = make_user(Role.GUEST_CLINICIAN, email="visiting.doctor@example.org")
    make_user(Role.MEMBER_CLINICIAN)
    response = client.get(reverse("referrals:account_list"), {"role": Role.GUEST_CLINICIAN.value, "q": "visiting"})
    assert [p.user for p in response.context["page_obj"]] == [guest]
