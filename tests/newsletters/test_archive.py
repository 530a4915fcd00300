"""The public archive: grouped by year, newest first, paginated with a fixed query count; the RSS feed."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from newsletters.routes import ISSUES_PER_PAGE
from tests.newsletters.conftest import translate_page
from tests.newsletters.factories import NewsletterIssuePageFactory

pytestmark = pytest.mark.django_db


def make_issues(archive, dates):
    return [
        NewsletterIssuePageFactory(parent=archive, publication_date=date, number=n, title=f"Issue {n} of {date.year}")
        for n, date in enumerate(dates, start=1)
    ]


def test_archive_groups_issues_by_year_newest_first(client, archive):
    make_issues(archive, [datetime.date(2024, 3, 1), datetime.date(2025, 6, 1), datetime.date(2025, 2, 1),
                          datetime.date(2026, 4, 1)])  # fmt: skip
    html = client.get("/en/newsletters/").content.decode()
    assert html.count("<h1") == 1
    years = [html.index(f'id="year-{year}"') for year in (2026, 2025, 2024)]
    assert years == sorted(years)
    assert html.index("Issue 2 of 2025") < html.index("Issue 3 of 2025")  # June before February
    assert 'type="application/rss+xml"' in html and 'href="/en/newsletters/feed/"' in html


def test_archive_is_paginated(client, archive):
    make_issues(archive, [datetime.date(2020, 1, 1) + datetime.timedelta(days=30 * n) for n in range(15)])
    first = client.get("/en/newsletters/").content.decode()
    second = client.get("/en/newsletters/?page=2").content.decode()
    assert first.count("<article") == ISSUES_PER_PAGE
    assert second.count("<article") == 15 - ISSUES_PER_PAGE
    assert "Page 2 of 2" in second


def test_archive_query_count_does_not_grow_with_issues(client, archive, django_assert_max_num_queries):
    make_issues(archive, [datetime.date(2024, 1, 1)])
    client.get("/en/newsletters/")  # warm caches (site root paths, settings)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/en/newsletters/")
    make_issues(archive, [datetime.date(2023, 1, 1) + datetime.timedelta(days=20 * n) for n in range(11)])
    with django_assert_max_num_queries(len(few)):
        client.get("/en/newsletters/")


def test_untranslated_issues_appear_in_english_in_a_translated_archive(client, home_page, archive, issue):
    older = NewsletterIssuePageFactory(
        parent=archive, title="Only in English", publication_date=datetime.date(2020, 1, 1)
    )
    translate_page(home_page, "de")
    translate_page(archive, "de", title="Newsletter")
    translate_page(issue, "de", title="Auf Deutsch")
    html = client.get("/de/newsletters/").content.decode()
    assert "Auf Deutsch" in html
    assert older.title in html
    assert 'lang="en"' in html.split(older.title)[0].rsplit("<li", 1)[1]


def test_issue_page_renders_with_metadata_and_feed_link(client, issue):
    response = client.get(issue.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Issue 6" in html
    assert 'type="application/rss+xml"' in html


def test_feed_is_valid_rss_for_the_language(client, home_page, archive, issue):
    NewsletterIssuePageFactory(parent=archive, title="Older issue", publication_date=datetime.date(2020, 5, 1))
    translate_page(home_page, "de")
    translate_page(archive, "de", title="Newsletter")
    translate_page(issue, "de", title="Deutsche Ausgabe")

    response = client.get("/en/newsletters/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed, parsed to validate it
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("language") == "en"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [issue.title, "Older issue"]
    for item in items:
        assert item.findtext("link").startswith("http://testserver/en/newsletters/")
        assert item.findtext("pubDate")
        assert item.findtext("guid")

    german = ET.fromstring(client.get("/de/newsletters/feed/").content).find("channel")  # noqa: S314
    assert german.findtext("language") == "de"
    assert [item.findtext("title") for item in german.findall("item")] == ["Deutsche Ausgabe"]
