"""The consent forms page: every language by its own name, current and superseded versions, the visitor's first."""

import datetime
import re

import pytest

from guides.consent import current_consent_form
from portal.demo import translate

from .factories import ConsentFormDocumentFactory, ConsentFormsPageFactory, PdfDocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consent_page(home_page):
    page = ConsentFormsPageFactory(parent=home_page)
    ConsentFormDocumentFactory(page=page, language="en", version="3.0", document__title="English 3.0")
    ConsentFormDocumentFactory(page=page, language="de", version="3.0", document__title="Deutsch 3.0")
    ConsentFormDocumentFactory(page=page, language="fr", version="3.0", document__title="Français 3.0")
    ConsentFormDocumentFactory(
        page=page, language="en", version="2.1", issued_on=datetime.date(2023, 3, 15), is_current=False,
        document__title="English 2.1",
    )  # fmt: skip
    return page


def table(html, css_class):
    return re.search(rf'<table class="table align-middle {css_class}">(.*?)</table>', html, re.DOTALL).group(1)


def row_languages(table_html):
    return re.findall(r'<tr class="consent-form-row[^"]*" data-language="([^"]+)"', table_html)


def test_consent_page_lists_each_language_by_its_own_name(client, consent_page):
    response = client.get("/en/consent-forms/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    current = table(html, "consent-forms")
    assert '<span lang="de">Deutsch</span>' in current
    assert '<span lang="fr">Français</span>' in current
    assert '<span lang="en">English</span>' in current


def test_current_versions_are_marked_and_older_ones_listed_as_superseded(client, consent_page):
    html = client.get("/en/consent-forms/").content.decode()

    current = table(html, "consent-forms")
    superseded = table(html, "consent-forms-superseded")
    assert row_languages(current) == ["en", "de", "fr"]
    assert current.count("Current version") == 3
    assert row_languages(superseded) == ["en"]
    assert "2.1" in superseded and "Superseded" in superseded
    assert "2.1" not in current


def test_links_open_and_download_the_document(client, consent_page):
    entry = consent_page.consent_forms.get(language="de")
    html = client.get("/en/consent-forms/").content.decode()

    assert f'<a href="{entry.document.url}" type="application/pdf" hreflang="de">Open' in html
    assert f'<a href="{entry.document.url}" download type="application/pdf" hreflang="de">Download' in html
    response = client.get(entry.document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    # Served inline, so "Open" shows the PDF in the browser; "Download" saves it.
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_german_visitors_see_the_german_form_first_and_highlighted(client, consent_page):
    html = client.get("/de/consent-forms/").content.decode()

    current = table(html, "consent-forms")
    assert row_languages(current) == ["de", "en", "fr"]
    assert re.search(r'<tr class="consent-form-row table-primary" data-language="de">', current)
    highlighted = re.search(r'<section class="card border-primary[^"]*".*?</section>', html, re.DOTALL).group(0)
    assert '<span lang="de">Deutsch</span>' in highlighted
    assert consent_page.consent_forms.get(language="de").document.url in highlighted


def test_a_language_with_only_superseded_forms_has_no_current_row(client, home_page):
    page = ConsentFormsPageFactory(parent=home_page)
    ConsentFormDocumentFactory(page=page, language="pl", version="1.0", is_current=False)

    html = client.get("/pl/consent-forms/").content.decode()

    assert row_languages(table(html, "consent-forms")) == []
    assert row_languages(table(html, "consent-forms-superseded")) == ["pl"]
    assert "consent-form-visitor" not in html


def test_current_consent_form_returns_the_current_german_form(consent_page):
    ConsentFormDocumentFactory(page=consent_page, language="de", version="2.0", is_current=False)

    entry = current_consent_form("de")

    assert entry.language == "de"
    assert entry.version == "3.0"
    assert entry.is_current
    assert entry.document.title == "Deutsch 3.0"


def test_current_consent_form_is_none_for_a_language_without_a_form(consent_page):
    assert current_consent_form("mt") is None


def test_current_consent_form_prefers_the_entry_editors_maintain_over_translated_copies(consent_page):
    german_page = translate(consent_page, "de", {"Consent forms": "Einwilligungserklärungen"})
    # wagtail-localize copies the entries to the translation: same documents, other rows.
    assert german_page.consent_forms.get(language="de").document_id == (
        consent_page.consent_forms.get(language="de").document_id
    )

    entry = current_consent_form("de")

    assert entry.page_id == consent_page.pk


def test_translated_consent_page_keeps_every_language_entry(client, consent_page):
    translate(consent_page, "de", {"Consent forms": "Einwilligungserklärungen"})

    html = client.get("/de/consent-forms/").content.decode()

    assert "<h1>Einwilligungserklärungen</h1>" in html
    assert row_languages(table(html, "consent-forms")) == ["de", "en", "fr"]
    assert "This page is not yet available in your language" not in html


def test_pdf_document_factory_makes_real_pdfs():
    # Guard against factories silently producing non-PDF documents.
    assert PdfDocumentFactory.build().file.read(5) == b"%PDF-"
