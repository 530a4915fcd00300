"""Editors create guides and consent forms in the Wagtail admin, with inline steps and entries."""

import pytest
from django.core.files.base import ContentFile
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from guides.models import Audience, ConsentFormsPage, GuidePage

from .factories import GuideIndexPageFactory, PdfDocumentFactory

pytestmark = pytest.mark.django_db


def add_url(model, parent):
    return f"/admin/pages/add/guides/{model._meta.model_name}/{parent.pk}/"


def step(title, html):
    return {"title": title, "text": rich_text(html), "screenshot": "", "screenshot_alt": ""}


def test_editor_creates_and_publishes_a_guide_with_ordered_steps(admin_client_with_mfa, home_page):
    index = GuideIndexPageFactory(parent=home_page)
    data = nested_form_data(
        {
            "title": "Join a video consultation",
            "slug": "join-a-video-consultation",
            "audience": Audience.MEMBER_CLINICIAN,
            "introduction": "Panels meet by video.",
            "pdf": "",
            "steps": inline_formset(
                [
                    step("Use a supported browser", "<p>Chrome, Firefox or Edge.</p>"),
                    step("Test your camera", "<p>Allow the camera and microphone.</p>"),
                ]
            ),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )

    response = admin_client_with_mfa.post(add_url(GuidePage, index), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    guide = GuidePage.objects.get(slug="join-a-video-consultation")
    assert guide.live
    assert guide.audience == Audience.MEMBER_CLINICIAN
    steps = list(guide.steps.all())
    assert [s.title for s in steps] == ["Use a supported browser", "Test your camera"]
    assert "Chrome, Firefox or Edge." in steps[0].text
    assert {s.locale.language_code for s in steps} == {"en"}  # steps take the guide's locale
    page_html = admin_client_with_mfa.get(guide.url).content.decode()
    assert page_html.index("Use a supported browser") < page_html.index("Test your camera")


def test_a_guide_needs_at_least_one_step(admin_client_with_mfa, home_page):
    index = GuideIndexPageFactory(parent=home_page)
    data = nested_form_data(
        {
            "title": "Empty guide",
            "slug": "empty-guide",
            "audience": Audience.COORDINATOR,
            "introduction": "Nothing yet.",
            "pdf": "",
            "steps": inline_formset([], min=1),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )

    response = admin_client_with_mfa.post(add_url(GuidePage, index), data)

    assert response.status_code == 200
    assert not GuidePage.objects.filter(slug="empty-guide").exists()


def consent_entry(document, language="en", version="3.0", is_current=True):
    return {
        "language": language,
        "version": version,
        "issued_on": "2025-09-01",
        "document": str(document.pk),
        "is_current": "on" if is_current else "",
    }


def consent_page_data(entries):
    return nested_form_data(
        {
            "title": "Consent forms",
            "slug": "consent-forms",
            "introduction": "The standard consent form.",
            "body": rich_text("<p>Sharing for care is required.</p>"),
            "consent_forms": inline_formset(entries),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )


def test_editor_creates_the_consent_forms_page_with_one_entry_per_language_and_version(
    admin_client_with_mfa, home_page
):
    entries = [
        consent_entry(PdfDocumentFactory(), "en", "3.0"),
        consent_entry(PdfDocumentFactory(), "en", "2.1", is_current=False),
        consent_entry(PdfDocumentFactory(), "de", "3.0"),
    ]

    response = admin_client_with_mfa.post(add_url(ConsentFormsPage, home_page), consent_page_data(entries))

    assert response.status_code == 302, response.content.decode()[:2000]
    page = ConsentFormsPage.objects.get(slug="consent-forms")
    assert [(e.language, e.version, e.is_current) for e in page.consent_forms.all()] == [
        ("en", "3.0", True),
        ("en", "2.1", False),
        ("de", "3.0", True),
    ]


def test_only_one_current_version_per_language_is_accepted(admin_client_with_mfa, home_page):
    entries = [consent_entry(PdfDocumentFactory(), "fr", "3.0"), consent_entry(PdfDocumentFactory(), "fr", "2.0")]

    response = admin_client_with_mfa.post(add_url(ConsentFormsPage, home_page), consent_page_data(entries))

    assert response.status_code == 200
    assert "Only one version per language can be the current one." in response.content.decode()
    assert not ConsentFormsPage.objects.exists()


def test_the_same_version_cannot_be_listed_twice_for_a_language(admin_client_with_mfa, home_page):
    entries = [
        consent_entry(PdfDocumentFactory(), "fr", "3.0"),
        consent_entry(PdfDocumentFactory(), "fr", "3.0", is_current=False),
    ]

    response = admin_client_with_mfa.post(add_url(ConsentFormsPage, home_page), consent_page_data(entries))

    assert response.status_code == 200
    assert "This version is already listed for this language." in response.content.decode()
    assert not ConsentFormsPage.objects.exists()


def test_a_consent_form_document_must_really_be_a_pdf(admin_client_with_mfa, home_page):
    # Named .pdf, but the content is not a PDF: checked by content, not by name.
    fake = PdfDocumentFactory(file=ContentFile(b"GIF89a not a pdf", name="consent.pdf"))

    response = admin_client_with_mfa.post(
        add_url(ConsentFormsPage, home_page), consent_page_data([consent_entry(fake, "it", "3.0")])
    )

    assert response.status_code == 200
    assert "The consent form must be a PDF document." in response.content.decode()
    assert not ConsentFormsPage.objects.exists()
