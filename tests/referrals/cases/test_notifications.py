"""In-app notifications: the unread count in the header, the list, opening one, marking all read."""

import pytest
import time_machine
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from referrals.context_processors import notifications as notifications_context
from referrals.models import CaseEvent, Notification, Role
from referrals.services.consent import withdraw_consent
from referrals.services.notifications import notify
from tests.referrals.factories import make_user

from .factories import SENTINEL_NAME, SENTINEL_NATIONAL_ID, SENTINEL_RECORD_NUMBER

pytestmark = pytest.mark.django_db

LIST_URL = reverse("referrals:notification_list")
READ_ALL_URL = reverse("referrals:notification_read_all")


def _open_url(notification):
    return reverse("referrals:notification_open", kwargs={"notification_uuid": notification.uuid})


def _header(content):
    return content.split("<header", 1)[1].split("</header>", 1)[0]


def _notification_query_count(queries):
    return sum('FROM "referrals_notification"' in query["sql"] for query in queries.captured_queries)


def test_header_shows_the_unread_count_visibly_and_for_screen_readers(world, mfa_client):
    notify(world.case, CaseEvent.DOCUMENT_ADDED, to=[world.owner])
    notify(world.case, CaseEvent.CONTRIBUTION_POSTED, to=[world.owner])
    header = _header(mfa_client(world.owner).get(reverse("referrals:workspace")).content.decode())
    assert f'href="{LIST_URL}"' in header
    assert '<span class="badge text-bg-primary">2</span><span class="visually-hidden"> unread</span>' in header


def test_header_shows_the_link_without_a_badge_when_everything_is_read(world, mfa_client):
    header = _header(mfa_client(world.owner).get(reverse("referrals:workspace")).content.decode())
    assert f'href="{LIST_URL}"' in header and "unread" not in header


def test_the_count_is_in_the_header_of_public_pages_too(world, mfa_client, home_page):
    notify(world.case, CaseEvent.DOCUMENT_ADDED, to=[world.owner])
    header = _header(mfa_client(world.owner).get("/en/").content.decode())
    assert '<span class="badge text-bg-primary">1</span>' in header


def test_users_outside_the_workspace_get_no_link_and_no_count_query(world, client, mfa_client, home_page):
    with CaptureQueriesContext(connection) as queries:
        anonymous = client.get("/en/").content.decode()
    assert LIST_URL not in anonymous and _notification_query_count(queries) == 0
    editor = make_user(Role.EDITOR, email="editor@example.org")
    mfa_client(editor)
    with CaptureQueriesContext(connection) as queries:
        content = client.get("/en/").content.decode()
    assert LIST_URL not in content and _notification_query_count(queries) == 0


def test_the_count_costs_nothing_until_read_and_one_count_query_once(world):
    request = RequestFactory().get("/")
    request.user = world.owner
    notify(world.case, CaseEvent.DOCUMENT_ADDED, to=[world.owner])
    world.owner.has_perm("referrals.enter_workspace")  # the groups are cached, as in a real request
    with CaptureQueriesContext(connection) as queries:
        unread = notifications_context(request)["unread_notifications"]
    assert len(queries) == 0
    with CaptureQueriesContext(connection) as queries:
        assert unread.count == 1
        assert unread.count == 1
    assert [query["sql"].startswith("SELECT COUNT(*)") for query in queries.captured_queries] == [True]


def test_the_list_shows_mine_newest_first_with_unread_ones_marked_in_words(world, mfa_client):
    with time_machine.travel("2026-03-01 09:00Z"):
        notify(world.case, CaseEvent.REVIEW_STARTED, to=[world.owner])
    with time_machine.travel("2026-03-02 09:00Z"):
        notify(world.case, CaseEvent.INFORMATION_REQUESTED, to=[world.owner])
    notify(world.case, CaseEvent.DOCUMENT_ADDED, to=[world.panel_member])  # someone else's
    Notification.objects.filter(event=CaseEvent.REVIEW_STARTED).update(read_at="2026-03-01T10:00Z")
    content = mfa_client(world.owner).get(LIST_URL).content.decode()
    newer = content.index(str(CaseEvent.INFORMATION_REQUESTED.label))
    older = content.index(str(CaseEvent.REVIEW_STARTED.label))
    assert newer < older
    assert str(CaseEvent.DOCUMENT_ADDED.label) not in content
    assert content.count(">Unread</span>") == 1
    assert content.index(">Unread</span>") < newer < content.index("<time", newer)
    assert world.case.reference in content and world.case.title in content
    assert 'datetime="2026-03-02T09:00:00+00:00"' in content
    assert content.count("<h1") == 1


def test_opening_a_notification_marks_it_read_and_goes_to_the_case(world, mfa_client):
    notify(world.case, CaseEvent.CONTRIBUTION_POSTED, to=[world.owner, world.panel_member])
    mine = Notification.objects.get(recipient=world.owner)
    response = mfa_client(world.owner).get(_open_url(mine))
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid})
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert Notification.objects.get(recipient=world.panel_member).read_at is None


def test_an_invitation_notification_opens_the_invitation_page(world, mfa_client):
    notify(world.case, CaseEvent.PANEL_INVITATION, to=[world.invited])
    notification = Notification.objects.get(recipient=world.invited)
    response = mfa_client(world.invited).get(_open_url(notification))
    assert response["Location"] == reverse("referrals:panel_invitation", kwargs={"uuid": world.case.uuid})


def test_another_users_notification_is_404_and_stays_unread(world, mfa_client):
    notify(world.case, CaseEvent.DOCUMENT_ADDED, to=[world.panel_member])
    theirs = Notification.objects.get(recipient=world.panel_member)
    assert mfa_client(world.panel_lead).get(_open_url(theirs)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_as_read_marks_only_mine_and_needs_a_post(world, mfa_client):
    notify(world.case, CaseEvent.DOCUMENT_ADDED, to=[world.panel_member, world.panel_lead])
    notify(world.case, CaseEvent.CLOSED, to=[world.panel_member])
    client = mfa_client(world.panel_member)
    assert client.get(READ_ALL_URL).status_code == 405
    assert Notification.objects.unread().filter(recipient=world.panel_member).count() == 2
    response = client.post(READ_ALL_URL)
    assert response.status_code == 302 and response["Location"] == LIST_URL
    assert Notification.objects.unread().filter(recipient=world.panel_member).count() == 0
    assert Notification.objects.unread().filter(recipient=world.panel_lead).count() == 1
    content = client.get(LIST_URL).content.decode()
    assert "All notifications were marked as read." in content
    assert "Unread</span>" not in content


def test_the_list_paginates(world, mfa_client, settings):
    settings.NOTIFICATIONS_PER_PAGE = 4
    for _index in range(9):
        notify(world.case, CaseEvent.DOCUMENT_ADDED, to=[world.owner])
    client = mfa_client(world.owner)
    first = client.get(LIST_URL).content.decode()
    assert "Page 1 of 3" in first and first.count("/en/cases/notifications/") - first.count(READ_ALL_URL) >= 4
    third = client.get(LIST_URL, {"page": 3}).content.decode()
    assert "Page 3 of 3" in third
    assert third.count(str(CaseEvent.DOCUMENT_ADDED.label)) == 1


def test_after_consent_withdrawal_the_panel_sees_message_and_reference_but_no_title_or_identity(world, mfa_client):
    notify(world.case, CaseEvent.DOCUMENT_ADDED, to=[world.panel_member])
    withdraw_consent(world.care_consent, by=world.owner)  # tells the panel, too
    assert Notification.objects.filter(recipient=world.panel_member).count() == 2
    content = mfa_client(world.panel_member).get(LIST_URL).content.decode()
    assert str(CaseEvent.CARE_CONSENT_WITHDRAWN.label) in content
    assert world.case.reference in content
    assert world.case.title not in content
    for sentinel in (SENTINEL_NAME, SENTINEL_NATIONAL_ID, SENTINEL_RECORD_NUMBER):
        assert sentinel not in content


def test_the_title_is_shown_only_while_the_case_can_be_opened(world, mfa_client, client):
    notify(world.case, CaseEvent.PANEL_INVITATION, to=[world.invited])
    notify(world.case, CaseEvent.DOCUMENT_ADDED, to=[world.panel_member])
    assert world.case.title not in mfa_client(world.invited).get(LIST_URL).content.decode()
    client.logout()
    assert world.case.title in mfa_client(world.panel_member).get(LIST_URL).content.decode()


def test_expired_guest_is_sent_to_sign_in(world, mfa_client):
    response = mfa_client(world.expired_guest).get(LIST_URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_a_user_without_the_workspace_gets_403(world, mfa_client):
    helpdesk = make_user(Role.HELPDESK, email="helpdesk@example.org")
    assert mfa_client(helpdesk).get(LIST_URL).status_code == 403
