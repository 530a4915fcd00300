"""The coordinator's referral triage: queue, each decision with its e-mail and audit entry, statistics."""

import csv
import datetime
import io
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from referrals.models import AuditEvent, ReferralCheckPage, ReferralRequest, Role
from referrals.services.referral_requests import TriageError, accept_referral
from tests.referrals.factories import make_area, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


@pytest.fixture
def area(db):
    return make_area("Bladder exstrophy")


def make_referral(
    area=None, *, status=ReferralRequest.Status.NEW, urgency="routine", country="PT", days_ago=3, **fields
):
    created = timezone.now() - datetime.timedelta(days=days_ago)
    return ReferralRequest.objects.create(
        clinician_name="Ana Costa",
        email=fields.pop("email", "a.costa@hospital.example.org"),
        hospital="Hospital de Santa Maria",
        country=country,
        specialty="Paediatric urology",
        expertise_area=area,
        workstream=area.workstream if area else None,
        clinical_question=fields.pop("question", "Options for continence surgery after failed closure?"),
        urgency=urgency,
        urgency_reason="Deteriorating" if urgency == "urgent" else "",
        eligibility_outcome="eligible",
        status=status,
        created_at=created,
        verified_at=created if status != ReferralRequest.Status.UNVERIFIED else None,
        **fields,
    )


@pytest.fixture
def coordinator(db):
    return make_user(Role.COORDINATOR, email="coordinator@example.org")


@pytest.fixture
def coordinator_client(mfa_client, coordinator):
    return mfa_client(coordinator)


LIST = "/en/coordination/referrals/"


def test_queue_shows_verified_requests_urgent_first_with_their_age(coordinator_client, area):
    old_routine = make_referral(area, days_ago=10)
    new_urgent = make_referral(area, urgency="urgent", days_ago=1)
    unverified = make_referral(area, status=ReferralRequest.Status.UNVERIFIED)
    html = coordinator_client.get(LIST).content.decode()
    assert unverified.reference not in html
    assert html.index(new_urgent.reference) < html.index(old_routine.reference)
    assert "1\xa0day" in html or "1 day" in html
    assert "1\xa0week" in html or "1 week" in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"urgency": "urgent"}, "urgent", "routine"),
        ({"country": "GR"}, "urgent", "routine"),
        ({"status": "rejected"}, None, "both"),
    ],
)
def test_queue_filters(coordinator_client, area, query, shown, hidden):
    routine = make_referral(area, country="PT")
    urgent = make_referral(area, urgency="urgent", country="GR")
    html = coordinator_client.get(LIST, query).content.decode()
    by_name = {"urgent": urgent.reference, "routine": routine.reference}
    if shown:
        assert by_name[shown] in html
    for name in [hidden] if hidden != "both" else ["urgent", "routine"]:
        assert by_name[name] not in html


def test_queue_filters_by_workstream(coordinator_client, area):
    other_area = make_area("Penile cancer")
    other_area.workstream = other_area.workstream.__class__.objects.create(name="Tumours", locale=area.locale)
    other_area.save()
    in_stream = make_referral(area)
    other = make_referral(other_area)
    html = coordinator_client.get(LIST, {"workstream": area.workstream.pk}).content.decode()
    assert in_stream.reference in html and other.reference not in html


def test_queue_query_count_does_not_grow_with_the_queue(coordinator_client, area):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_list():
        coordinator_client.get(LIST)  # warm per-process caches
        with CaptureQueriesContext(connection) as captured:
            assert coordinator_client.get(LIST).status_code == 200
        return len(captured)

    for index in range(3):
        make_referral(area, urgency="urgent" if index % 3 == 0 else "routine")
    small = queries_for_list()
    for index in range(40):
        make_referral(area, urgency="urgent" if index % 3 == 0 else "routine")
    assert queries_for_list() == small
    assert small <= 20


def test_non_coordinators_cannot_triage(mfa_client, area):
    referral = make_referral(area)
    clinician = make_user(Role.MEMBER_CLINICIAN, email="doc@example.org")
    client = mfa_client(clinician)
    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}{referral.uuid}/").status_code == 403


def test_accept_creates_a_guest_account_and_sends_an_invitation(coordinator_client, area, committing, home_page):
    referral = make_referral(area)
    expiry = timezone.localdate() + datetime.timedelta(days=60)
    response = committing(
        coordinator_client.post,
        f"{LIST}{referral.uuid}/",
        {"action": "accept", "guest_expires_on": expiry.isoformat(), "message": "Welcome"},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralRequest.Status.ACCEPTED
    guest = get_user_model().objects.get(email="a.costa@hospital.example.org")
    assert referral.guest_user == guest
    assert guest.groups.filter(name=Role.GUEST_CLINICIAN.value).exists()
    assert guest.clinician_profile.guest_expires_on == expiry
    assert not guest.has_usable_password()
    assert EmailAddress.objects.get(user=guest).verified
    message = mail.outbox[-1]
    assert message.to == ["a.costa@hospital.example.org"]
    assert "continence" not in message.body
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+", message.body).group(0)
    assert "/en/accounts/" in link
    assert AuditEvent.objects.filter(action="referral.accepted", target_id=str(referral.uuid)).count() == 1


def test_accept_links_an_existing_account(coordinator, area, committing):
    existing = make_user(email="a.costa@hospital.example.org")
    referral = make_referral(area)
    user = committing(
        accept_referral, referral, by=coordinator, guest_expires_on=timezone.localdate() + datetime.timedelta(days=30)
    )
    assert user == existing
    assert get_user_model().objects.filter(email__iexact="a.costa@hospital.example.org").count() == 1


def test_reject_sends_the_reason(coordinator_client, area, committing):
    referral = make_referral(area)
    committing(
        coordinator_client.post,
        f"{LIST}{referral.uuid}/",
        {
            "action": "reject",
            "reject-message": "Outside the network's scope: please contact the ERN for kidney diseases.",
        },
    )
    referral.refresh_from_db()
    assert referral.status == ReferralRequest.Status.REJECTED
    assert "ERN for kidney diseases" in mail.outbox[-1].body
    assert AuditEvent.objects.filter(action="referral.rejected").count() == 1


def test_reject_without_a_reason_keeps_the_request_open(coordinator_client, area):
    referral = make_referral(area)
    response = coordinator_client.post(f"{LIST}{referral.uuid}/", {"action": "reject", "reject-message": ""})
    assert response.status_code == 200
    referral.refresh_from_db()
    assert referral.status == ReferralRequest.Status.NEW


def test_more_information_round_trip_through_the_signed_link(coordinator_client, area, committing, home_page, client):
    page = ReferralCheckPage(title="Refer a patient", slug="refer")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    referral = make_referral(area)
    committing(
        coordinator_client.post,
        f"{LIST}{referral.uuid}/",
        {"action": "info", "info-message": "Please summarise the imaging of the urethra."},
    )
    referral.refresh_from_db()
    assert referral.status == ReferralRequest.Status.INFO_REQUESTED
    body = mail.outbox[-1].body
    assert "imaging of the urethra" in body
    link = re.search(r"http://testserver(/en/refer/answer/\?token=\S+)", body).group(1)

    anonymous = client.__class__()
    form = anonymous.get(link).content.decode()
    assert "imaging of the urethra" in form
    rejected = anonymous.post(link, {"answer": "Call me on +351 21 780 5000"})
    assert "could identify the patient" in rejected.content.decode()
    done = anonymous.post(link, {"answer": "Urethrogram: 6 cm bulbar stricture, 2 mm lumen."})
    assert "Thank you" in done.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralRequest.Status.NEW
    assert "bulbar stricture" in referral.info_response
    assert AuditEvent.objects.filter(action="referral.info_answered").count() == 1
    assert "no longer waiting" in anonymous.get(link).content.decode()


def test_assign_to_a_workstream_lead(coordinator_client, area, committing):
    lead = make_user(Role.MEMBER_CLINICIAN, email="lead@example.org", first_name="Lea", last_name="Lead")
    referral = make_referral(area)
    committing(coordinator_client.post, f"{LIST}{referral.uuid}/", {"action": "assign", "assignee": lead.pk})
    referral.refresh_from_db()
    assert referral.status == ReferralRequest.Status.ASSIGNED and referral.assigned_to == lead
    assert AuditEvent.objects.filter(action="referral.assigned").count() == 1
    assert referral.reference in mail.outbox[-1].subject


def test_a_decided_request_cannot_be_decided_again(coordinator, area):
    referral = make_referral(area, status=ReferralRequest.Status.REJECTED)
    with pytest.raises(TriageError):
        accept_referral(referral, by=coordinator, guest_expires_on=timezone.localdate() + datetime.timedelta(days=5))


def test_statistics_and_csv(coordinator_client, area):
    accepted = make_referral(area, status=ReferralRequest.Status.ACCEPTED, days_ago=10)
    accepted.decided_at = accepted.verified_at + datetime.timedelta(days=4)
    accepted.save()
    rejected = make_referral(area, status=ReferralRequest.Status.REJECTED, country="GR", days_ago=10)
    rejected.decided_at = rejected.verified_at + datetime.timedelta(days=2)
    rejected.save()
    make_referral(area)
    html = coordinator_client.get(f"{LIST}statistics/").content.decode()
    assert "50.0 %" in html
    assert "3.0 days" in html
    assert "<canvas" in html and "<table" in html
    assert "chart.umd.min.js" in html
    rows = list(csv.reader(io.StringIO(coordinator_client.get(f"{LIST}statistics.csv").content.decode())))
    assert ["per_country", "Portugal", "2"] in rows
    assert ["acceptance_rate_percent", "", "50.0"] in rows
    month = accepted.verified_at.strftime("%Y-%m")
    assert ["acceptance_per_month", month, "50.0"] in rows
    assert ["median_days_per_month", month, "3.0"] in rows
    assert html.count("<canvas") == 5
