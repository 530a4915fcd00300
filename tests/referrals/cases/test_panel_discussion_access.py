"""Object-level access to every panel and discussion URL, for every role the rules distinguish (issue 7 §5, §6).

The case is in review at centre A with care consent, a contribution by the
panel member (edited once) and an open request for information. Expected
answers as in test_access.py: 200 = the page; 403 = can open the case but not
do this; 404 = the case (or the invitation) does not exist for this user;
"login" = signed out and sent to sign in (expired guest); "redirect" = allowed,
then sent on.
"""

import pytest
from django.urls import reverse

from referrals.models import CaseAccessLog, PanelMembership
from referrals.models.cases import CaseAccessAction
from referrals.services import discussion
from referrals.services.consent import withdraw_consent

from .access_matrix import LOGIN, REDIRECT, assert_answer, matrix_cases, matrix_ids, user_for
from .factories import SENTINEL_NAME, SENTINEL_NATIONAL_ID

pytestmark = pytest.mark.django_db

L, R = LOGIN, REDIRECT
A = CaseAccessAction

# url name → (method, expected per role in ROLES order, the access-log action an allowed GET writes)
EXPECTED = {
    "panel_manage": ("get", [200, 200, 403, 403, 404, 404, L, 200, 404, 200], A.VIEW_PANEL),
    "panel_make_lead": ("post", [R, R, 403, 403, 404, 404, L, R, 404, R], None),
    "panel_remove": ("post", [R, R, 403, 403, 404, 404, L, R, 404, R], None),
    # Accepted members are sent on to the case; nobody but the invitee has an invitation.
    "panel_invitation": ("get", [404, 404, R, R, 200, 404, L, 404, 404, 404], A.VIEW_INVITATION),
    "contribution_new": ("get", [403, 403, 200, 200, 404, 404, L, 403, 404, 403], A.NEW_CONTRIBUTION_FORM),
    "contribution_new:post": ("post", [403, 403, R, R, 404, 404, L, 403, 404, 403], None),
    "contribution_edit": ("get", [403, 403, 200, 403, 404, 404, L, 403, 404, 403], A.EDIT_CONTRIBUTION_FORM),
    "contribution_history": (
        "get", [200, 200, 200, 200, 404, 404, L, 200, 404, 200], A.VIEW_CONTRIBUTION_HISTORY,
    ),
    "information_request_new": (
        "get", [403, 403, 200, 200, 404, 404, L, 403, 404, 403], A.NEW_INFORMATION_REQUEST_FORM,
    ),
    "information_request_answer": (
        "get", [200, 200, 403, 403, 404, 404, L, 403, 404, 200], A.VIEW_INFORMATION_REQUEST,
    ),
}  # fmt: skip
CASES = matrix_cases(EXPECTED)
POST_DATA = {"contribution_new:post": {"body": "A further thought from the panel."}}


@pytest.fixture
def discussed_world(world):
    contribution = discussion.post_contribution(world.case, by=world.panel_member, body="First view")
    discussion.edit_contribution(contribution, by=world.panel_member, body="Second view")
    world.contribution = contribution
    world.information_request = discussion.request_information(world.case, by=world.panel_lead, question="Imaging?")
    return world


def _url(world, name):
    name = name.split(":")[0]
    kwargs = {"uuid": world.case.uuid}
    if name == "panel_make_lead":
        kwargs["membership_uuid"] = PanelMembership.objects.get(case=world.case, user=world.panel_member).uuid
    elif name == "panel_remove":
        kwargs["membership_uuid"] = PanelMembership.objects.get(case=world.case, user=world.invited).uuid
    elif name in {"contribution_edit", "contribution_history"}:
        kwargs["contribution_uuid"] = world.contribution.uuid
    elif name == "information_request_answer":
        kwargs["request_uuid"] = world.information_request.uuid
    return reverse(f"referrals:{name}", kwargs=kwargs)


@pytest.mark.parametrize(("url_name", "role", "expected"), CASES, ids=matrix_ids(CASES))
def test_panel_and_discussion_urls_answer_each_role_as_the_rules_say(
    discussed_world, mfa_client, url_name, role, expected
):
    world = discussed_world
    user = user_for(world, role)
    client = mfa_client(user)
    method, _row, action = EXPECTED[url_name]
    before = CaseAccessLog.objects.count()
    response = getattr(client, method)(_url(world, url_name), POST_DATA.get(url_name))
    assert_answer(response, expected)
    written = list(CaseAccessLog.objects.order_by("pk")[before:].values_list("action", "actor_id"))
    if expected == 200:
        # Each page that shows the case writes exactly one entry; nothing else does.
        assert written == [(action, user.pk)]
        assert response.content.count(b"<h1") == 1
    else:
        assert written == []
    if expected in (403, 404, L) or url_name == "panel_invitation":
        # Refused requests, and the invitation before it is accepted, show nothing of the case.
        assert world.case.title.encode() not in response.content
        assert b"First view" not in response.content and b"Second view" not in response.content
    if role not in ("owner", "colleague", "owner_after_withdrawal"):
        for sentinel in (SENTINEL_NAME, SENTINEL_NATIONAL_ID):
            assert sentinel.encode() not in response.content


def test_refused_posts_change_nothing(discussed_world, mfa_client, client):
    world = discussed_world
    lead_url = _url(world, "panel_make_lead")
    remove_url = _url(world, "panel_remove")
    for user in (world.panel_member, world.panel_lead, world.unrelated, world.invited):
        client.logout()
        mfa_client(user).post(lead_url)
        mfa_client(user).post(remove_url)
    leads = PanelMembership.objects.filter(case=world.case, role="lead").values_list("user__email", flat=True)
    assert list(leads) == ["lead@example.org"]
    assert PanelMembership.objects.get(case=world.case, user=world.invited).status == "invited"


def test_owner_after_withdrawal_is_told_the_panel_cannot_change(discussed_world, mfa_client):
    world = discussed_world
    withdraw_consent(world.care_consent, by=world.owner)
    response = mfa_client(world.owner).post(_url(world, "panel_remove"), follow=True)
    assert "care consent has been withdrawn" in response.content.decode()
    assert PanelMembership.objects.get(case=world.case, user=world.invited).status == "invited"


def test_unrelated_clinician_gets_404_on_panel_page(world, mfa_client):
    response = mfa_client(world.unrelated).get(reverse("referrals:panel_manage", kwargs={"uuid": world.case.uuid}))
    assert response.status_code == 404


def test_a_contribution_of_another_case_is_404_even_with_a_visible_case(discussed_world, mfa_client):
    from .factories import give_consent, make_case, make_patient

    world = discussed_world
    other_patient = make_patient(centre=world.centre_a, by=world.owner, full_name="Other Patient")
    give_consent(other_patient, by=world.owner)
    other = make_case(patient=other_patient, owner=world.owner, area=world.area, status="in_review")
    url = reverse(
        "referrals:contribution_history", kwargs={"uuid": other.uuid, "contribution_uuid": world.contribution.uuid}
    )
    assert mfa_client(world.owner).get(url).status_code == 404
