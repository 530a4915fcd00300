"""Object-level access to every case-scoped URL, for every role the rules distinguish (issue 7 quality bar).

The case is in review at centre A with care consent; how the expected answers read is in access_matrix.py.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from referrals.models import CaseAccessLog
from referrals.services.consent import withdraw_consent

from .access_matrix import LOGIN, REDIRECT, assert_answer, body_of, matrix_cases, matrix_ids, user_for
from .factories import SENTINEL_NAME, SENTINEL_NATIONAL_ID

pytestmark = pytest.mark.django_db

L, R = LOGIN, REDIRECT

# url name → (method, expected per role in ROLES order)
EXPECTED = {
    "case_detail": ("get", [200, 200, 200, 200, 404, 404, L, 200, 404, 200]),
    "case_edit": ("get", [R, R, 403, 403, 404, 404, L, 403, 404, R]),
    "case_consent": ("get", [200, 200, 403, 403, 404, 404, L, 403, 404, 200]),
    "consent_withdraw": ("post", [R, R, 403, 403, 404, 404, L, 403, 404, R]),
    "consent_form_download": ("get", [200, 200, 403, 403, 404, 404, L, 403, 404, 200]),
    "case_submit": ("get", [200, 200, 403, 403, 404, 404, L, 403, 404, 200]),
    "case_withdraw": ("get", [200, 200, 403, 403, 404, 404, L, 403, 404, 200]),
    "case_reject": ("get", [403, 403, 403, 403, 404, 404, L, 200, 404, 403]),
    "case_access_log": ("get", [200, 200, 403, 403, 404, 404, L, 200, 404, 200]),
    "patient_detail": ("get", [200, 200, 404, 404, 404, 404, L, 404, 404, 200]),
}
CASES = matrix_cases(EXPECTED)


def _url(world, name):
    if name == "patient_detail":
        return reverse("referrals:patient_detail", kwargs={"uuid": world.patient.uuid})
    if name in {"consent_withdraw", "consent_form_download"}:
        return reverse(f"referrals:{name}", kwargs={"uuid": world.case.uuid, "consent_uuid": world.care_consent.uuid})
    return reverse(f"referrals:{name}", kwargs={"uuid": world.case.uuid})


@pytest.fixture
def signed_world(world):
    world.care_consent.signed_form.save("signed.pdf", ContentFile(b"%PDF-1.4\n% signed form\n%%EOF\n"))
    world.care_consent.signed_form_content_type = "application/pdf"
    world.care_consent.save()
    return world


@pytest.mark.parametrize(("url_name", "role", "expected"), CASES, ids=matrix_ids(CASES))
def test_case_urls_answer_each_role_as_the_rules_say(signed_world, mfa_client, url_name, role, expected):
    world = signed_world
    user = user_for(world, role)
    client = mfa_client(user)
    method, _row = EXPECTED[url_name]
    data = {"withdrawn_on": world.care_consent.given_on.isoformat()} if method == "post" else None
    response = getattr(client, method)(_url(world, url_name), data)
    assert_answer(response, expected)
    if expected == 200 and response["Content-Type"].startswith("text/html"):
        assert response.content.count(b"<h1") == 1  # one heading per page (WCAG structure)
    if expected in (403, 404, LOGIN):
        assert world.case.title.encode() not in body_of(response)


def test_unrelated_clinician_gets_404_on_case_detail(world, mfa_client):
    response = mfa_client(world.unrelated).get(reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid}))
    assert response.status_code == 404


def test_invited_member_who_has_not_accepted_sees_no_case_content(world, mfa_client):
    client = mfa_client(world.invited)
    detail = client.get(reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid}))
    listing = client.get(reverse("referrals:case_list"))
    assert detail.status_code == 404
    assert world.case.reference not in listing.content.decode()


def test_panel_loses_access_when_care_consent_is_withdrawn_and_the_owner_keeps_it(world, mfa_client, client):
    url = reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid})
    assert mfa_client(world.panel_member).get(url).status_code == 200
    withdraw_consent(world.care_consent, by=world.owner)
    client.logout()
    assert mfa_client(world.panel_member).get(url).status_code == 404
    client.logout()
    assert mfa_client(world.owner).get(url).status_code == 200
    # The history stays: the panel member's earlier read is still in the log.
    assert CaseAccessLog.objects.filter(case=world.case, actor=world.panel_member).count() == 1


def test_panel_member_sees_the_case_in_the_list_and_not_after_withdrawal(world, mfa_client):
    client = mfa_client(world.panel_member)
    assert world.case.reference in client.get(reverse("referrals:case_list")).content.decode()
    withdraw_consent(world.care_consent, by=world.owner)
    assert world.case.reference not in client.get(reverse("referrals:case_list")).content.decode()


def test_panel_member_does_not_see_a_draft_or_a_submitted_case(world, mfa_client):
    url = reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid})
    client = mfa_client(world.panel_member)
    for status in ("draft", "submitted", "withdrawn", "rejected"):
        world.case.status = status
        world.case.save()
        assert client.get(url).status_code == 404, status


def test_coordinator_does_not_see_drafts(world, mfa_client):
    world.case.status = "draft"
    world.case.save()
    response = mfa_client(world.coordinator).get(reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid}))
    assert response.status_code == 404


def test_colleague_at_the_owners_centre_sees_identity_and_the_panel_does_not(world, mfa_client, client):
    url = reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid})
    for user, sees in (
        (world.owner, True),
        (world.colleague, True),
        (world.panel_member, False),
        (world.coordinator, False),
    ):
        client.logout()
        content = mfa_client(user).get(url).content.decode()
        assert world.patient.pseudonym in content
        assert (SENTINEL_NAME in content) is sees, user.email
        assert (SENTINEL_NATIONAL_ID in content) is sees, user.email


def test_expired_guest_who_owns_a_case_is_signed_out(world, mfa_client):
    world.case.owner = world.expired_guest
    world.case.save()
    response = mfa_client(world.expired_guest).get(reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid}))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_case_list_shows_own_and_centre_cases_only(world, mfa_client):
    from .factories import make_case, make_patient

    other_patient = make_patient(centre=world.centre_c, by=world.unrelated, full_name="Someone Else")
    other = make_case(patient=other_patient, owner=world.unrelated, area=world.area, title="Unrelated case")
    content = mfa_client(world.colleague).get(reverse("referrals:case_list")).content.decode()
    assert world.case.reference in content
    assert other.reference not in content


def test_enrolment_needs_a_member_clinician_with_a_centre_or_an_accepted_guest(world, mfa_client, client):
    from referrals.models import Role
    from tests.referrals.factories import make_user

    url = reverse("referrals:patient_new")
    for user in (world.owner, make_user(Role.GUEST_CLINICIAN, email="guest@example.org")):
        client.logout()
        assert mfa_client(user).get(url).status_code == 200, user.email
    for user in (world.coordinator, make_user(Role.MEMBER_CLINICIAN, centre=None, email="nocentre@example.org")):
        client.logout()
        assert mfa_client(user).get(url).status_code == 403, user.email


def test_new_case_for_a_patient_of_another_centre_is_404(world, mfa_client):
    url = reverse("referrals:case_new") + f"?patient={world.patient.uuid}"
    assert mfa_client(world.unrelated).get(url).status_code == 404


def test_new_case_with_a_malformed_patient_parameter_is_404(world, mfa_client):
    assert mfa_client(world.owner).get(reverse("referrals:case_new") + "?patient=../../etc").status_code == 404
