"""The public troubleshooting FAQ: order, anchors, "Still stuck?" links, JSON-LD, the ?q= filter, query budget."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.models import ContactPage, SiteSettings
from tests.faq.factories import category, faq_page, many_questions_page, question

pytestmark = pytest.mark.django_db

LD_JSON_RE = re.compile(r'<script type="application/ld\+json" nonce="([^"]*)">(.*?)</script>', re.S)


@pytest.fixture
def helpdesk(home_page):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.helpdesk_email = "helpdesk@example.org"
    settings.save()
    return settings


@pytest.fixture
def faq(home_page, helpdesk):
    return faq_page(
        home_page,
        [
            category(
                "Video meetings",
                [question("Others cannot hear me", "<p>Allow the microphone in the browser.</p>", sort_order=0)],
                sort_order=1,
            ),
            category(
                "Signing in",
                [
                    question("A new phone", "<p>Use a recovery code.</p>", anchor="new-phone", sort_order=1),
                    question(
                        "No push notification arrives",
                        "<p>Open the authenticator app yourself.</p>",
                        anchor="no-push-notification",
                        sort_order=0,
                    ),
                ],
                sort_order=0,
            ),
        ],
    )


def get(client, page, **params):
    response = client.get(page.url, params)
    assert response.status_code == 200
    return response.content.decode()


def main_content(html):
    """The page's <main>: the JSON-LD in <head> lists every question whatever the filter."""
    return html[html.index("<main") :]


def structured_data(html):
    match = LD_JSON_RE.search(html)
    assert match, "no JSON-LD script"
    return json.loads(match.group(2))


def test_categories_and_questions_render_in_editor_order(client, faq):
    html = main_content(get(client, faq))
    positions = [
        html.index(text)
        for text in ["Signing in", "No push notification arrives", "A new phone", "Video meetings", "Others cannot"]
    ]
    assert positions == sorted(positions)


def test_each_question_has_a_stable_anchor_to_link_to(client, faq):
    html = get(client, faq)
    assert 'id="no-push-notification"' in html
    assert 'href="#no-push-notification"' in html
    assert 'id="others-cannot-hear-me"' in html  # made from the question text


def test_blank_anchors_come_from_the_question_and_are_unique_within_the_page(home_page):
    page = faq_page(
        home_page,
        [
            category("One", [question("Blank page?", sort_order=0), question("Blank page?", sort_order=1)]),
            category("Two", [question("Something else", anchor="blank-page", sort_order=0)], sort_order=1),
        ],
    )
    anchors = [q.anchor for c in page.categories.all() for q in c.questions.all()]
    assert anchors == ["blank-page", "blank-page-2", "blank-page-3"]
    assert len(set(anchors)) == len(anchors)


def test_every_answer_ends_with_still_stuck_links_to_helpdesk_and_contact_page(client, faq, home_page):
    contact = ContactPage(title="Contact", slug="contact")
    home_page.add_child(instance=contact)
    contact.save_revision().publish()
    html = get(client, faq)
    articles = re.findall(r"<article.*?</article>", html, re.S)
    assert len(articles) == 3
    for article in articles:
        assert "Still stuck?" in article
        assert 'href="mailto:helpdesk@example.org"' in article
        assert f'href="{contact.url}"' in article


def test_json_ld_is_a_valid_faqpage_with_every_question(client, faq):
    data = structured_data(get(client, faq))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "FAQPage"
    assert [item["@type"] for item in data["mainEntity"]] == ["Question"] * 3
    first = data["mainEntity"][0]
    assert first["name"] == "No push notification arrives"
    assert first["acceptedAnswer"] == {"@type": "Answer", "text": "Open the authenticator app yourself."}


def test_json_ld_script_carries_the_csp_nonce(client, faq):
    response = client.get(faq.url)
    nonce = LD_JSON_RE.search(response.content.decode()).group(1)
    assert nonce
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_editor_text_with_a_closing_script_tag_cannot_break_out_of_the_json_ld(client, home_page, helpdesk):
    evil = '</script><script>alert("x")</script>'
    # Typed as text in the rich-text editor, it is stored HTML-escaped; the JSON-LD decodes it to plain text.
    escaped = evil.replace("<", "&lt;").replace(">", "&gt;")
    page = faq_page(home_page, [category("Evil", [question(evil, f"<p>{escaped} &amp; more</p>")])])
    html = get(client, page)
    assert '<script>alert("x")' not in html
    json_ld = LD_JSON_RE.search(html).group(2)
    assert "<" not in json_ld and ">" not in json_ld
    data = structured_data(html)
    assert data["mainEntity"][0]["name"] == evil
    assert data["mainEntity"][0]["acceptedAnswer"]["text"] == f"{evil} & more"


def test_filter_script_is_a_static_file_loaded_with_the_nonce_and_counts_are_announced(client, faq):
    html = get(client, faq)
    assert re.search(r'<script src="[^"]*faq/faq-filter\.js" nonce="[^"]+" defer></script>', html)
    # The only inline script is the JSON-LD data block.
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert inline == [LD_JSON_RE.search(html).group(0).split(">")[0] + ">"]
    assert 'aria-live="polite"' in html
    assert '<label for="faq-q"' in html


def test_q_filter_matches_question_text(client, faq):
    html = main_content(get(client, faq, q="new phone"))
    assert "A new phone" in html
    assert "No push notification arrives" not in html
    assert "Video meetings" not in html  # a category left without matches disappears
    assert "1 question shown" in html


def test_q_filter_matches_answer_text_ignoring_case_and_accents(client, faq):
    html = main_content(get(client, faq, q="MÍCROPHONE"))
    assert "Others cannot hear me" in html
    assert "A new phone" not in html


def test_q_filter_needs_every_word(client, faq):
    html = main_content(get(client, faq, q="authenticator yourself"))
    assert "No push notification arrives" in html
    assert "A new phone" not in html


def test_q_without_matches_says_so_and_links_to_the_helpdesk(client, faq):
    html = get(client, faq, q="printer")
    no_match = re.search(r"<div class=\"faq-no-match[^\"]*\"[^>]*>(.*?)</div>", html, re.S)
    assert no_match and "hidden" not in no_match.group(0)
    assert "No matching questions." in no_match.group(1)
    assert 'href="mailto:helpdesk@example.org"' in no_match.group(1)
    assert "<article" not in html
    assert '<meta name="robots" content="noindex">' in html


def test_no_match_message_is_hidden_when_questions_match(client, faq):
    html = get(client, faq)
    assert re.search(r'<div class="faq-no-match[^"]*" data-faq-no-match hidden>', html)


def count_queries(client, url):
    client.get(url)  # warm per-process caches (site root paths) so both pages start equal
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_the_number_of_questions(client, home_page, helpdesk):
    small = many_questions_page(home_page, 3, slug="faq-small")
    large = many_questions_page(home_page, 200, slug="faq-large")
    assert sum(c.questions.count() for c in large.categories.all()) == 200
    assert count_queries(client, small.url) == count_queries(client, large.url)
