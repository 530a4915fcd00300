"""The case list and the case detail run a fixed number of queries, however many cases, members or records there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from referrals.models import Role
from tests.referrals.factories import make_user

from .factories import add_panel_member, give_consent, make_case, make_patient

pytestmark = pytest.mark.django_db

# Measured on SQLite: session, user, groups, second factor, profile, site settings, the page's own
# queries and the access-log insert. Raise only with a reason; never let them depend on the data.
LIST_QUERY_BUDGET = 17
DETAIL_QUERY_BUDGET = 20


def _add_cases(world, count):
    for index in range(count):
        patient = make_patient(centre=world.centre_a, by=world.colleague, full_name=f"Patient {index}")
        give_consent(patient, by=world.colleague)
        case = make_case(patient=patient, owner=world.colleague, area=world.area, status="in_review")
        add_panel_member(case, world.panel_member)


def _count(client, url):
    client.get(url)  # warm up: the first request of a session also touches the session and site caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["owner", "panel_member", "coordinator"])
def test_case_list_query_count_does_not_grow_with_cases(world, mfa_client, role, settings):
    settings.CASES_PER_PAGE = 25
    client = mfa_client(getattr(world, role))
    url = reverse("referrals:case_list")
    _add_cases(world, 2)  # 3 cases in all
    few = _count(client, url)
    _add_cases(world, 57)  # 60 cases: more than two pages
    many = _count(client, url)
    assert few == many
    assert many <= LIST_QUERY_BUDGET


def test_case_detail_query_count_does_not_grow_with_panel_or_consent_records(world, mfa_client):
    client = mfa_client(world.owner)
    url = reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid})
    few = _count(client, url)
    for index in range(10):
        add_panel_member(
            world.case, make_user(Role.MEMBER_CLINICIAN, centre=world.centre_b, email=f"e{index}@example.org")
        )
    for purpose in ("registries", "research_contact"):
        give_consent(world.patient, by=world.owner, purpose=purpose)
    _add_cases(world, 20)
    many = _count(client, url)
    assert few == many
    assert many <= DETAIL_QUERY_BUDGET


def test_case_list_paginates(world, mfa_client, settings):
    settings.CASES_PER_PAGE = 5
    _add_cases(world, 11)  # 12 in all
    content = mfa_client(world.owner).get(reverse("referrals:case_list") + "?page=3").content.decode()
    assert "Page 3 of 3" in content
    assert content.count('href="/en/cases/') - content.count('href="/en/cases/list') >= 2


def test_case_list_filters_by_status(world, mfa_client):
    draft = make_case(patient=world.patient, owner=world.owner, area=world.area, status="draft", title="Drafted case")
    content = mfa_client(world.owner).get(reverse("referrals:case_list") + "?status=draft").content.decode()
    assert draft.reference in content and world.case.reference not in content
