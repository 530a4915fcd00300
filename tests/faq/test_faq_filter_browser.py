"""The FAQ filter narrows the questions as you type (faq/static/faq/faq-filter.js), under the strict CSP."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Site

from home.models import SiteSettings
from tests.faq.factories import category, faq_page, question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def faq(home_page, live_server):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", int(live_server.url.rsplit(":", 1)[1])
    site.save()
    SiteSettings.objects.update_or_create(site=site, defaults={"helpdesk_email": "helpdesk@example.org"})
    return faq_page(
        home_page,
        [
            category("Signing in", [question("A new phone", "<p>Use a recovery code.</p>")]),
            category(
                "Video meetings",
                [
                    question("Others cannot hear me", "<p>Allow the microphone.</p>", sort_order=0),
                    question("Safari in meetings", "<p>Use Chrome, Firefox or Edge.</p>", sort_order=1),
                ],
                sort_order=1,
            ),
        ],
    )


def test_typing_narrows_questions_and_announces_the_count(page, live_server, faq):  # noqa: F811
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}/en/faq/")

    page.fill("#faq-q", "microphone")
    assert page.is_visible("text=Others cannot hear me")
    assert not page.is_visible("text=A new phone")
    assert not page.is_visible("text=Safari in meetings")
    assert not page.is_visible("h2:has-text('Signing in')")  # the emptied category is hidden too
    expect(page.locator("#faq-count")).to_have_text("1 question shown")

    page.fill("#faq-q", "printer")
    assert page.is_visible("text=No matching questions.")
    expect(page.locator("#faq-count")).to_have_text("0 questions shown")

    page.fill("#faq-q", "")
    assert page.is_visible("text=A new phone")
    assert not page.is_visible("text=No matching questions.")
    assert errors == []  # no CSP violation or script error
