"""The case list and the case detail run a fixed number of queries, however many cases, members or records there are.

The case list is the dashboard's "all cases I can see" section (test_dashboard_queries.py pins the dashboard
with 1,000 cases); the tests here keep its old address honest.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from referrals.models import Role
from tests.referrals.factories import make_user

from .factories import add_panel_member, give_consent, make_case, make_patient
from .test_dashboard_queries import DASHBOARD_QUERY_BUDGET

pytestmark = pytest.mark.django_db

# The list is the dashboard: its budget, and what the queries are, live in test_dashboard_queries.py.
LIST_QUERY_BUDGET = DASHBOARD_QUERY_BUDGET
# The case page, measured on SQLite with 1,000 other cases and 5,000 documents. Raise only with a reason;
# never let them depend on the data. For every role:
#  4 the request (session, user, group names, second-factor device) and 3 the session save;
#  8 the base page (site, site settings, two for perms.*, two locale look-ups, menu restrictions, unread count);
#  the case (patient, centre, owner, area joined), the access-log insert, and the page's sections:
#  documents (count, page), panel memberships (shared by panel and discussion), contributions with their
#  referenced documents (prefetch), information requests.
# The owner's side also reads the submission checklist (care consent, any document), its uploads being
# checked and the consent records, and the profile for the centre rule; a panel member the profile and the
# four rules checks of what they may do (contribute, ask), plus the document choices of the contribution form.
DETAIL_QUERY_BUDGET = {"owner": 28, "panel_member": 29, "coordinator": 23}


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
    settings.DASHBOARD_PER_PAGE = 25
    client = mfa_client(getattr(world, role))
    url = reverse("referrals:case_list")
    _add_cases(world, 2)  # 3 cases in all
    few = _count(client, url)
    _add_cases(world, 57)  # 60 cases: more than two pages
    many = _count(client, url)
    assert few == many
    assert many <= LIST_QUERY_BUDGET


def _fill_the_case(world, *, documents, contributions, requests):
    """Give the world's case documents (some referred to in contributions), edited contributions and requests."""
    from django.core.files.base import ContentFile

    from referrals.models import CaseDocument, Contribution, ContributionRevision, InformationRequest

    made = []
    for index in range(documents):
        document = CaseDocument(
            case=world.case, description=f"Scan {index}", file_type="pdf", content_type="application/pdf",
            size=1, sha256="0" * 64, uploaded_by=world.owner,
        )  # fmt: skip
        document.file.save("document.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        document.save()
        made.append(document)
    for index in range(contributions):
        author = (world.panel_member, world.panel_lead)[index % 2]
        contribution = Contribution.objects.create(case=world.case, author=author, body=f"<p>Opinion {index}</p>")
        contribution.referenced_documents.set(made[index % len(made) : index % len(made) + 2])
        ContributionRevision.objects.create(
            contribution=contribution, body="<p>Before</p>", written_at=contribution.created_at, replaced_by=author
        )
    for index in range(requests):
        InformationRequest.objects.create(case=world.case, requested_by=world.panel_member, question=f"Q{index}?")


@pytest.mark.parametrize("role", ["owner", "panel_member", "coordinator"])
def test_case_detail_query_count_is_the_same_with_1000_cases_and_5000_documents(world, mfa_client, role):
    from .test_dashboard_queries import add_cases

    client = mfa_client(getattr(world, role))
    url = reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid})
    _fill_the_case(world, documents=1, contributions=1, requests=1)  # every section lists something
    few = _count(client, url)
    for index in range(10):
        add_panel_member(
            world.case, make_user(Role.MEMBER_CLINICIAN, centre=world.centre_b, email=f"e{index}@example.org")
        )
    for purpose in ("registries", "research_contact"):
        give_consent(world.patient, by=world.owner, purpose=purpose)
    _fill_the_case(world, documents=60, contributions=20, requests=5)  # more documents than a page
    add_cases(world, 1000, areas=[world.area])
    from referrals.models import Case, CaseDocument

    assert Case.objects.count() == 1001 and CaseDocument.objects.count() >= 5000
    many = _count(client, url)
    assert few == many
    assert many <= DETAIL_QUERY_BUDGET[role]


def test_case_list_paginates(world, mfa_client, settings):
    settings.DASHBOARD_PER_PAGE = 5
    _add_cases(world, 11)  # 12 in all
    content = mfa_client(world.owner).get(reverse("referrals:case_list") + "?page=3").content.decode()
    assert "Page 3 of 3" in content
    rows = content.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert rows.count("<tr>") == 2


def test_case_list_filters_by_status(world, mfa_client):
    draft = make_case(patient=world.patient, owner=world.owner, area=world.area, status="draft", title="Drafted case")
    content = mfa_client(world.owner).get(reverse("referrals:case_list") + "?status=draft").content.decode()
    assert draft.reference in content and world.case.reference not in content
