"""The Wagtail admin: send action and confirmation with counts per language, progress, subscribers listing."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

from newsletters.models import Send, Subscriber, SubscriberErasure
from tests.factories import UserFactory
from tests.newsletters.factories import PendingSubscriberFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    """A member of Wagtail's "Editors" group, which our post_migrate handler gives the send permission."""
    user = UserFactory(username="editor")
    group = Group.objects.get(name="Editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


@pytest.fixture
def editor_client(mfa_client, editor):
    return mfa_client(editor)


def test_editors_group_holds_the_send_permission(editor):
    assert editor.has_perm("newsletters.send_newsletter")
    assert editor.has_perm("newsletters.delete_subscriber")


def test_confirmation_screen_shows_recipients_per_language(editor_client, issue, german_issue):
    SubscriberFactory.create_batch(3, language="de")
    SubscriberFactory.create_batch(2, language="pt")
    SubscriberFactory(language="en")
    PendingSubscriberFactory(language="de")
    response = editor_client.get(reverse("newsletters_admin:send_issue", args=[issue.pk]))
    assert response.status_code == 200
    rows = {row["language"]: row for row in response.context["summary"]}
    assert rows["de"]["total"] == 3 and rows["de"]["edition_language"] == "de"
    assert rows["pt"]["total"] == 2 and rows["pt"]["edition_language"] == "en" and rows["pt"]["fallback"]
    assert rows["en"]["total"] == 1
    assert response.context["total"] == 6
    html = response.content.decode()
    assert "Deutsch" in html and "Português" in html
    assert mail.outbox == []  # looking sends nothing


def test_confirming_queues_the_send_and_shows_progress(editor_client, issue, django_capture_on_commit_callbacks):
    SubscriberFactory.create_batch(2)
    url = reverse("newsletters_admin:send_issue", args=[issue.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url)
    send = Send.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("newsletters_admin:send_detail", args=[send.pk])
    assert len(mail.outbox) == 2
    detail = editor_client.get(response.url)
    assert detail.context["counts"]["sent"] == 2
    listing = editor_client.get(reverse("newsletters_admin:send_list"))
    assert issue.title in listing.content.decode()


def test_send_needs_the_permission(mfa_client, issue):
    user = UserFactory(username="no-send")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = mfa_client(user)
    SubscriberFactory()
    url = reverse("newsletters_admin:send_issue", args=[issue.pk])
    for response in (client.get(url), client.post(url)):
        # Wagtail turns PermissionDenied into a redirect to the dashboard with an error message.
        assert response.status_code == 302 and response.url == "/admin/"
    assert not Send.objects.exists()
    assert mail.outbox == []


def test_an_unpublished_issue_cannot_be_sent(editor_client, issue):
    issue.unpublish()
    SubscriberFactory()
    editor_client.post(reverse("newsletters_admin:send_issue", args=[issue.pk]))
    assert not Send.objects.exists()


def test_page_editor_offers_the_send_action_for_a_live_issue(editor_client, editor, issue):
    from wagtail.models import GroupPagePermission, Page

    group = Group.objects.get(name="Editors")
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group, page=Page.get_first_root_node(), permission=Permission.objects.get(codename=codename)
        )
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[issue.pk])).content.decode()
    assert reverse("newsletters_admin:send_issue", args=[issue.pk]) in html


def test_subscriber_listing_search_filter_and_csv_export(editor_client):
    SubscriberFactory(email="anna@example.org", language="de")
    SubscriberFactory(email="bruno@example.org", language="it")
    PendingSubscriberFactory(email="carla@example.org", language="de")
    base = reverse("wagtailsnippets_newsletters_subscriber:list")
    found = editor_client.get(base, {"q": "bruno"}).content.decode()
    assert "bruno@example.org" in found and "anna@example.org" not in found
    german = editor_client.get(base, {"language": "de"}).content.decode()
    assert "anna@example.org" in german and "bruno@example.org" not in german
    pending = editor_client.get(base, {"status": "pending"}).content.decode()
    assert "carla@example.org" in pending and "anna@example.org" not in pending
    export = editor_client.get(base, {"export": "csv"})
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "anna@example.org" in body and "bruno@example.org" in body


def test_nobody_adds_subscribers_by_hand(admin_client_with_mfa):
    add_url = reverse("wagtailsnippets_newsletters_subscriber:add")
    # Even a superuser: only the double opt-in creates subscribers.
    response = admin_client_with_mfa.get(add_url)
    assert response.status_code in (302, 403)
    assert not response.has_header("Location") or "2fa" not in response["Location"]
    assert not Subscriber.objects.exists()


def test_deleting_a_subscriber_in_the_admin_erases_the_address(editor_client):
    subscriber = SubscriberFactory(email="gone@example.org", language="fr")
    url = reverse("wagtailsnippets_newsletters_subscriber:delete", args=[subscriber.pk])
    editor_client.post(url)
    assert not Subscriber.objects.filter(email="gone@example.org").exists()
    assert SubscriberErasure.objects.get().count == 1


def test_send_list_query_count_does_not_grow_with_sends(editor_client, archive, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from newsletters import sending
    from tests.newsletters.factories import NewsletterIssuePageFactory

    SubscriberFactory.create_batch(3)
    url = reverse("newsletters_admin:send_list")
    sending.queue_send(NewsletterIssuePageFactory(parent=archive))
    editor_client.get(url)
    with CaptureQueriesContext(connection) as one_send:
        editor_client.get(url)
    for _ in range(4):
        sending.queue_send(NewsletterIssuePageFactory(parent=archive))
    with django_assert_max_num_queries(len(one_send)):
        response = editor_client.get(url)
    assert len(response.context["rows"]) == 5
