"""The dashboard and the notification list run a fixed number of queries, with 3 cases or with 1,000 cases
and 5,000 documents, for every role, section, filter and sort order."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from referrals.dashboard import sections_for
from referrals.models import (
    Case,
    CaseDocument,
    CaseEvent,
    CaseStatus,
    ConsentPurpose,
    ConsentRecord,
    Contribution,
    InformationRequest,
    Notification,
    PanelMembership,
    Patient,
)
from tests.referrals.factories import make_area

pytestmark = pytest.mark.django_db

# Measured on SQLite; the same for every role, section, filter, sort and page (one less when the page lists
# nothing: an empty page runs no row query). Raise only with a reason; never let them depend on the data.
#  4 the request: session, user, the user's group names (rules), the second-factor device
#  7 the view: the profile with its centre, the expertise areas of the filter, ONE aggregate holding every case
#    section's count, the invitations' count, the paginator's count, the page of rows (patient, owner and area
#    joined), the role names of the "You" box
#  8 the base page: site, site settings, two for perms.* in templates, two locale look-ups and the menu's
#    page-view restrictions, the header's unread-notification count
#  3 the session save (savepoint, update, release): the idle-timeout middleware touches it on every request
DASHBOARD_QUERY_BUDGET = 22
#  4 the request, 8 the base page and 3 the session save as above, plus the page's own: the paginator's count,
#  the page of rows (case joined, visibility as one EXISTS column) and, for a clinician, the profile that
#  visible_to() reads for the centre.
NOTIFICATION_LIST_QUERY_BUDGET = 18

STATUS_CYCLE = (CaseStatus.IN_REVIEW, CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW, CaseStatus.DRAFT, CaseStatus.CLOSED)


def add_cases(world, count, *, areas, start=0):
    """``count`` cases of the owner's centre in bulk, with consent, panels, discussion, 5 documents each."""
    patients = Patient.objects.bulk_create(
        Patient(
            owner_centre=world.centre_a,
            created_by=world.owner,
            pseudonym=f"EUG-B{index:05d}",
            age_band="18-25",
            sex="male",
            full_name=f"Bulk Patient {index}",
            date_of_birth=datetime.date(2001, 1, 1),
            national_id=f"NID-{index}",
        )
        for index in range(start, start + count)
    )
    ConsentRecord.objects.bulk_create(
        ConsentRecord(
            patient=patient,
            purpose=ConsentPurpose.CARE,
            form_language="en",
            form_version="3.0",
            given_on=datetime.date(2026, 1, 1),
            recorded_by=world.owner,
        )
        for patient in patients
    )
    cases = Case.objects.bulk_create(
        Case(
            patient=patient,
            owner=world.owner,
            expertise_area=area,
            title=f"Stricture repair {index}",
            icd10_code="Q54.9",
            status=status,
            urgency="urgent" if index % 7 == 3 else "routine",
        )
        for index, patient, area, status in zip(
            range(start, start + count),
            patients,
            itertools.cycle(areas),
            itertools.islice(itertools.cycle(STATUS_CYCLE), start, start + count),
            strict=False,
        )
    )
    in_review = [case for case in cases if case.status == CaseStatus.IN_REVIEW]
    submitted = [case for case in cases if case.status == CaseStatus.SUBMITTED]
    PanelMembership.objects.bulk_create(
        [
            *(PanelMembership(case=case, user=world.panel_member, status="accepted") for case in in_review),
            *(PanelMembership(case=case, user=world.panel_member, status="invited") for case in submitted),
        ]
    )
    Contribution.objects.bulk_create(
        Contribution(case=case, author=world.panel_member, body="<p>Seen.</p>") for case in in_review[1::2]
    )
    InformationRequest.objects.bulk_create(
        InformationRequest(case=case, requested_by=world.panel_member, question="More?") for case in in_review[::3]
    )
    CaseDocument.objects.bulk_create(
        CaseDocument(
            case=case,
            description="Scan",
            file=f"cases/{case.uuid.hex}/{number}.pdf",
            file_type="pdf",
            content_type="application/pdf",
            size=1,
            sha256="0" * 64,
            uploaded_by=world.owner,
        )
        for case in cases
        for number in range(5)
    )
    Notification.objects.bulk_create(
        Notification(recipient=user, case=case, event=CaseEvent.DOCUMENT_ADDED)
        for case in cases[::4]
        for user in (world.owner, world.panel_member, world.coordinator)
    )
    return cases


def _count(client, url):
    client.get(url)  # warm up: the first request of a session also fills caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _urls(user, area, invitation):
    """Every section plain, sorted on page 2, and filtered so that it still lists a case of the first three."""
    base = reverse("referrals:workspace")
    urls = [base]
    for section in sections_for(user):
        urls.append(f"{base}?section={section.key}")
        urls.append(f"{base}?section={section.key}&sort=status&order=asc&page=2")
        if section.invitations:
            area_key, text = invitation.expertise_area.translation_key, invitation.reference
        else:
            area_key, text = area.translation_key, "repair"
        urls.append(f"{base}?section={section.key}&urgency=routine&area={area_key}&q={text}&sort=urgency")
    return urls


@pytest.mark.parametrize("role", ["owner", "panel_member", "coordinator"])
def test_dashboard_query_count_is_the_same_with_1000_cases_and_5000_documents(world, mfa_client, role):
    areas = [world.area, make_area("Posterior urethral valves")]
    user = getattr(world, role)
    client = mfa_client(user)
    first = add_cases(world, 2, areas=areas)  # with the world's case: 3 cases
    invitation = next(case for case in first if case.status == CaseStatus.SUBMITTED)
    # With 3 cases every measured page must list something, so both sides run the same queries.
    world.case.title = "Stricture repair in the world"
    world.case.save()
    urls = _urls(user, world.area, invitation)
    few = {url: _count(client, url) for url in urls}
    add_cases(world, 998, areas=areas, start=2)
    assert Case.objects.count() == 1001 and CaseDocument.objects.count() == 5000
    many = {url: _count(client, url) for url in urls}
    assert many == few
    assert max(many.values()) <= DASHBOARD_QUERY_BUDGET


def test_the_owner_really_sees_the_1000_cases(world, mfa_client, settings):
    settings.DASHBOARD_PER_PAGE = 25
    add_cases(world, 1000, areas=[world.area])
    content = mfa_client(world.owner).get(reverse("referrals:workspace"), {"section": "all"}).content.decode()
    assert "Page 1 of 41" in content and "All cases I can see: 1001 cases" in content


def test_notification_list_query_count_does_not_grow_with_notifications(world, mfa_client):
    client = mfa_client(world.panel_member)
    url = reverse("referrals:notification_list")
    Notification.objects.create(recipient=world.panel_member, case=world.case, event=CaseEvent.DOCUMENT_ADDED)
    few = _count(client, url)
    add_cases(world, 200, areas=[world.area])  # 50 more notifications, on cases visible or not
    Notification.objects.bulk_create(
        Notification(recipient=world.panel_member, case=world.case, event=CaseEvent.CONTRIBUTION_POSTED)
        for _index in range(40)
    )
    many = _count(client, url)
    assert few == many
    assert many <= NOTIFICATION_LIST_QUERY_BUDGET
