"""Access requests: the applicant asks, the coordinator decides, the applicant is told (issue 5 §4)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals.models import AccessRequest, AuditAction, AuditEvent, Role
from referrals.rules import is_guest, is_member_clinician
from tests.referrals.factories import AccessRequestFactory, make_area, make_centre, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(db):
    area = make_area("Hypospadias")
    other_area = make_area("Penile cancer")
    centre = make_centre(areas=[area])
    other = make_centre(name="Hôpital Necker", city="Paris", country="FR", areas=[other_area])
    return {"area": area, "other_area": other_area, "centre": centre, "other": other}


@pytest.fixture
def coordinator(db):
    return make_user(Role.COORDINATOR, email="coordinator@example.org")


def form_data(centre, area, **overrides):
    data = {
        "member_centre": str(centre.pk) if centre else "outside",
        "profession": "Urologist",
        "specialty": "Paediatric urology",
        "expertise_areas": [str(area.pk)],
        "registration_number": "BIG-19023456701",
        "justification": "I work at the centre's paediatric urology unit and join the network's panels.",
    }
    data.update(overrides)
    return data


def test_user_with_second_factor_and_no_role_requests_access(
    mfa_client, network, mailoutbox, django_capture_on_commit_callbacks
):
    applicant = make_user(email="applicant@example.org")
    client = mfa_client(applicant)
    page = client.get("/en/access/")
    assert page.status_code == 200
    assert b"Outside the network" in page.content and b"Radboud University Medical Center" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/access/", form_data(network["centre"], network["area"]))
    assert response.status_code == 302
    access_request = AccessRequest.objects.get(user=applicant)
    assert access_request.status == AccessRequest.Status.PENDING
    assert access_request.member_centre == network["centre"]
    assert list(access_request.expertise_areas.all()) == [network["area"]]
    assert [m.to for m in mailoutbox] == [["applicant@example.org"]]
    assert "Waiting for a decision" in client.get("/en/access/").content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_REQUESTED, actor=applicant).exists()


def test_outside_the_network_is_a_choice(mfa_client, network):
    client = mfa_client(make_user())
    client.post("/en/access/", form_data(None, network["area"]))
    access_request = AccessRequest.objects.get()
    assert access_request.outside_network and access_request.member_centre is None


def test_required_fields_are_enforced(mfa_client, network):
    client = mfa_client(make_user())
    response = client.post(
        "/en/access/", form_data(network["centre"], network["area"], registration_number="", member_centre="")
    )
    assert response.status_code == 200
    assert not AccessRequest.objects.exists()


def test_a_pending_request_cannot_be_sent_twice(mfa_client, network):
    client = mfa_client(make_user())
    client.post("/en/access/", form_data(network["centre"], network["area"]))
    client.post("/en/access/", form_data(network["centre"], network["area"], profession="Nurse"))
    assert AccessRequest.objects.count() == 1
    assert AccessRequest.objects.get().profession == "Urologist"


def test_queue_filters_by_status_and_centre(mfa_client, coordinator, network):
    pending_here = AccessRequestFactory(outside_network=False, member_centre=network["centre"])
    AccessRequestFactory(outside_network=False, member_centre=network["other"])
    AccessRequestFactory(status=AccessRequest.Status.REJECTED, outside_network=False, member_centre=network["centre"])
    client = mfa_client(coordinator)
    response = client.get("/en/coordination/access/", {"status": "pending", "centre": network["centre"].pk})
    assert response.status_code == 200
    assert [r.pk for r in response.context["page_obj"]] == [pending_here.pk]
    response = client.get("/en/coordination/access/", {"centre": "outside"})
    assert list(response.context["page_obj"]) == []


def test_queue_paginates_with_a_fixed_number_of_queries(
    mfa_client, coordinator, network, settings, django_assert_max_num_queries
):
    settings.ACCESS_REQUESTS_PER_PAGE = 5
    client = mfa_client(coordinator)
    AccessRequestFactory.create_batch(3, outside_network=False, member_centre=network["centre"])
    with django_assert_max_num_queries(30) as few:
        client.get("/en/coordination/access/")
    AccessRequestFactory.create_batch(12, outside_network=False, member_centre=network["other"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/en/coordination/access/", {"page": 2})
    assert response.context["page_obj"].number == 2
    assert len(response.context["page_obj"]) == 5
    assert response.context["page_obj"].paginator.num_pages == 3


def test_coordinator_approves_as_member_clinician(
    mfa_client, coordinator, network, mailoutbox, django_capture_on_commit_callbacks
):
    access_request = AccessRequestFactory(outside_network=False, member_centre=network["centre"])
    access_request.expertise_areas.set([network["area"]])
    client = mfa_client(coordinator)
    url = reverse("referrals:access_request_detail", kwargs={"uuid": access_request.uuid})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "approve", "role": Role.MEMBER_CLINICIAN.value})
    assert response.status_code == 302
    access_request.refresh_from_db()
    applicant = access_request.user
    assert access_request.status == AccessRequest.Status.APPROVED
    assert access_request.decided_by == coordinator
    assert is_member_clinician(applicant)
    assert applicant.clinician_profile.member_centre == network["centre"]
    assert list(applicant.clinician_profile.expertise_areas.all()) == [network["area"]]
    assert "approved" in mailoutbox[-1].subject
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_APPROVED, actor=coordinator).exists()
    role_event = AuditEvent.objects.get(action=AuditAction.ROLE_GRANTED)
    assert role_event.actor == coordinator and role_event.extra["role"] == Role.MEMBER_CLINICIAN.value


def test_coordinator_approves_a_guest_with_an_expiry_date(mfa_client, coordinator, network):
    access_request = AccessRequestFactory()
    until = timezone.localdate() + datetime.timedelta(days=60)
    client = mfa_client(coordinator)
    url = reverse("referrals:access_request_detail", kwargs={"uuid": access_request.uuid})
    assert client.post(url, {"decision": "approve", "role": Role.GUEST_CLINICIAN.value}).status_code == 200  # no date
    client.post(url, {"decision": "approve", "role": Role.GUEST_CLINICIAN.value, "guest_expires_on": until.isoformat()})
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.APPROVED
    assert access_request.user.clinician_profile.guest_expires_on == until
    assert is_guest(access_request.user)


def test_coordinator_rejects_with_a_reason(mfa_client, coordinator, mailoutbox, django_capture_on_commit_callbacks):
    access_request = AccessRequestFactory()
    client = mfa_client(coordinator)
    url = reverse("referrals:access_request_detail", kwargs={"uuid": access_request.uuid})
    assert client.post(url, {"decision": "reject"}).status_code == 200  # a reason is required
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "reject", "message": "We could not verify the registration number."})
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.REJECTED
    assert "could not verify" in mailoutbox[-1].body
    assert not access_request.user.groups.exists()


def test_asking_for_more_information_lets_the_applicant_update_the_request(
    mfa_client, coordinator, network, mailoutbox, django_capture_on_commit_callbacks
):
    from django.test import Client

    access_request = AccessRequestFactory()
    coordinator_client = mfa_client(coordinator)
    url = reverse("referrals:access_request_detail", kwargs={"uuid": access_request.uuid})
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url, {"decision": "ask", "message": "Which hospital do you work at?"})
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.INFO_REQUESTED
    assert "Which hospital" in mailoutbox[-1].body

    from tests.referrals.factories import sign_in_with_mfa

    applicant = sign_in_with_mfa(Client(), access_request.user)
    page = applicant.get("/en/access/")
    assert b"Which hospital do you work at?" in page.content and b"Update your request" in page.content
    applicant.post("/en/access/", form_data(network["centre"], network["area"]))
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.PENDING
    assert access_request.member_centre == network["centre"]
    assert AccessRequest.objects.count() == 1


def test_helpdesk_sees_the_queue_but_cannot_decide(mfa_client):
    access_request = AccessRequestFactory()
    client = mfa_client(make_user(Role.HELPDESK))
    assert client.get("/en/coordination/access/").status_code == 200
    url = reverse("referrals:access_request_detail", kwargs={"uuid": access_request.uuid})
    client.post(url, {"decision": "approve", "role": Role.HELPDESK.value})
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.PENDING


def test_user_with_a_workspace_role_is_not_offered_the_form(mfa_client):
    client = mfa_client(make_user(Role.MEMBER_CLINICIAN))
    page = client.get("/en/access/")
    assert page.status_code == 200
    assert b"You have access to the workspace" in page.content
    assert b'name="justification"' not in page.content


def test_decided_request_cannot_be_decided_again(mfa_client, coordinator):
    access_request = AccessRequestFactory(status=AccessRequest.Status.REJECTED, decision_message="No.")
    client = mfa_client(coordinator)
    url = reverse("referrals:access_request_detail", kwargs={"uuid": access_request.uuid})
    client.post(url, {"decision": "approve", "role": Role.MEMBER_CLINICIAN.value})
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.REJECTED


def test_page_links_keep_the_filters(mfa_client, coordinator, network, settings):
    settings.ACCESS_REQUESTS_PER_PAGE = 2
    AccessRequestFactory.create_batch(5, outside_network=False, member_centre=network["centre"])
    response = mfa_client(coordinator).get("/en/coordination/access/", {"status": "pending"})
    content = response.content.decode()
    assert 'href="?status=pending&amp;page=2"' in content
    assert "%7B" not in content  # no dict printed into the query string
