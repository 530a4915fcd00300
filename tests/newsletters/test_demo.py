"""The newsletter demo step: six issues over three years, the latest in five languages, idempotent."""

import io

import pytest

from home import demo as home_demo
from newsletters import demo
from newsletters.models import NewsletterIndexPage, NewsletterIssuePage, Subscriber

pytestmark = pytest.mark.django_db


def build():
    context = {"stdout": io.StringIO()}
    home_demo.build_site(context)
    demo.build(context)


def test_demo_builds_the_archive_and_translates_the_latest_issue_idempotently(client):
    build()
    build()
    english = NewsletterIssuePage.objects.filter(locale__language_code="en")
    assert english.count() == 6
    assert len({issue.publication_date.year for issue in english}) == 3
    latest = english.order_by("-publication_date").first()
    translations = {page.locale.language_code: page for page in latest.get_translations().live()}
    assert set(translations) == {"de", "fr", "it", "es"}
    assert translations["de"].title == demo.TRANSLATIONS["de"][demo.LATEST["title"]]
    assert translations["fr"].summary != latest.summary
    assert NewsletterIndexPage.objects.count() == 5
    assert NewsletterIndexPage.objects.get(locale__language_code="en").show_in_menus
    assert Subscriber.objects.filter(email__endswith="@demo.example", status="confirmed").count() == 6

    response = client.get("/it/newsletters/")
    assert response.status_code == 200
    assert translations["it"].title in response.content.decode()
