"""Who reaches /cases/, /coordination/ and /admin/: every role, every page (issue 5, quality bar)."""

import datetime

import pytest
from django.urls import reverse

from referrals.models import Role
from tests.referrals.factories import AccessRequestFactory, make_user, sign_in_with_mfa

pytestmark = pytest.mark.django_db

OK, FORBIDDEN, SIGN_IN, SET_UP_MFA = 200, 403, "sign-in", "set-up"

PAGES = [
    "workspace",
    "coordination",
    "access_request_list",
    "access_request_detail",
    "account_list",
    "account_detail",
    "audit_log",
    "audit_log_csv",
    "access_request",
    "admin",
]
# role → expected answer per page, in the order of PAGES
MATRIX = {
    "anonymous": [SIGN_IN] * 10,
    "no second factor": [SET_UP_MFA] * 10,
    "no role": [FORBIDDEN] * 8 + [OK, FORBIDDEN],
    "editor": [FORBIDDEN] * 8 + [OK, OK],
    "guest": [OK] + [FORBIDDEN] * 7 + [OK, FORBIDDEN],
    "expired guest": [SIGN_IN] * 10,
    "member clinician": [OK] + [FORBIDDEN] * 7 + [OK, FORBIDDEN],
    "coordinator": [OK] * 9 + [FORBIDDEN],
    "helpdesk": [FORBIDDEN, OK, OK, OK, OK, OK, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN],
}


def build_user(role_name):
    if role_name == "anonymous":
        return None
    if role_name == "no second factor":
        return make_user(Role.MEMBER_CLINICIAN, mfa=False)
    if role_name == "no role":
        return make_user()
    if role_name == "expired guest":
        user = make_user(Role.GUEST_CLINICIAN)
        user.clinician_profile.guest_expires_on = datetime.date.today() - datetime.timedelta(days=1)
        user.clinician_profile.save()
        return user
    role = {
        "editor": Role.EDITOR,
        "guest": Role.GUEST_CLINICIAN,
        "member clinician": Role.MEMBER_CLINICIAN,
        "coordinator": Role.COORDINATOR,
        "helpdesk": Role.HELPDESK,
    }[role_name]
    user = make_user(role)
    if role == Role.EDITOR:
        from django.contrib.auth.models import Permission

        user.groups.get().permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def url_for(page, access_request, profile):
    if page == "admin":
        return "/admin/"
    if page == "access_request_detail":
        return reverse("referrals:access_request_detail", kwargs={"uuid": access_request.uuid})
    if page == "account_detail":
        return reverse("referrals:account_detail", kwargs={"uuid": profile.uuid})
    return reverse(f"referrals:{page}")


def outcome(response):
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith((reverse("account_login"), "/admin/login/")):
            return SIGN_IN
        if location == reverse("mfa_activate_totp"):
            return SET_UP_MFA
        return f"302 {location}"
    return response.status_code


@pytest.mark.parametrize("role_name", list(MATRIX))
def test_role_matrix(client, home_page, role_name):
    access_request = AccessRequestFactory()
    profile = make_user(Role.MEMBER_CLINICIAN).clinician_profile
    user = build_user(role_name)
    if user is not None:
        if role_name == "no second factor":
            client.force_login(user)
        else:
            sign_in_with_mfa(client, user)
    answers = {}
    for page in PAGES:
        answers[page] = outcome(client.get(url_for(page, access_request, profile)))
        if role_name == "expired guest" and user is not None:
            sign_in_with_mfa(client, user)  # blocked once: the account is now inactive, try again each time
    assert answers == dict(zip(PAGES, MATRIX[role_name], strict=True))


def test_editor_with_a_clinical_role_reaches_the_workspace(mfa_client):
    user = make_user(Role.EDITOR)
    from referrals.services.roles import role_group

    user.groups.add(role_group(Role.MEMBER_CLINICIAN))
    assert mfa_client(user).get("/en/cases/").status_code == 200


def test_clinician_is_never_sent_round_in_a_loop_by_the_admin(mfa_client):
    """Wagtail would redirect a signed-in user without admin access to the sign-in page, which sends them back."""
    response = mfa_client(make_user(Role.MEMBER_CLINICIAN)).get("/admin/pages/")
    assert response.status_code == 403


def test_editor_reaches_the_wagtail_admin_only_with_the_second_factor(client, home_page):
    user = build_user("editor")
    client.force_login(user)
    assert client.get("/admin/")["Location"].startswith(reverse("mfa_reauthenticate"))
    sign_in_with_mfa(client, user)
    assert client.get("/admin/").status_code == 200
