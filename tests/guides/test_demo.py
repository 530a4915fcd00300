"""The guides part of the demo: translated guides, consent forms in every EU language, the 2022 paper; idempotent."""

import re

import pytest
from django.conf import settings
from wagtail.documents.models import Document

from guides import demo
from guides.consent import current_consent_form
from guides.consent_content import CONSENT_FORMS, PAPER_TITLE
from guides.demo_content import GUIDES
from guides.models import ConsentFormDocument, ConsentFormsPage, GuideIndexPage, GuidePage, GuideStep
from home import demo as home_demo

pytestmark = pytest.mark.django_db


def build():
    context = {}
    home_demo.build_site(context)
    demo.build(context)


def snapshot():
    return {
        "guide pages": sorted(GuidePage.objects.values_list("pk", flat=True)),
        "steps": sorted(GuideStep.objects.values_list("pk", "translation_key", "locale_id")),
        # Consent records will point at the entries editors maintain (the source page's), so their ids
        # must not change; the synchronised copies on translations are replaced, their number must not.
        "source consent entries": sorted(
            ConsentFormDocument.objects.filter(page__locale__language_code="en").values_list(
                "pk", "page_id", "language", "version", "document_id"
            )
        ),
        "consent entries": ConsentFormDocument.objects.count(),
        "documents": sorted(Document.objects.values_list("pk", "title", "file_hash")),
        "index pages": GuideIndexPage.objects.count(),
        "consent pages": ConsentFormsPage.objects.count(),
    }


def test_demo_build_twice_changes_nothing():
    build()
    first = snapshot()
    build()
    assert snapshot() == first


def test_demo_content_is_translated_and_complete(client):
    build()

    # Five guides in English and in each demo language, each step fully translated.
    english_paragraphs = {p for _t, _i, steps in GUIDES["en"] for _s, paragraphs in steps for p in paragraphs}
    for code in ["en", "de", "fr", "it", "es"]:
        guides = GuidePage.objects.filter(locale__language_code=code, live=True)
        assert guides.count() == 5, code
        if code == "en":
            continue
        for step in GuideStep.objects.filter(locale__language_code=code):
            left_in_english = [p for p in english_paragraphs if p in step.text]
            assert left_in_english == [], (code, step.title)
    assert GuideStep.objects.filter(locale__language_code="en").count() == sum(len(g[2]) for g in GUIDES["en"])

    # At least one guide has its PDF version.
    with_pdf = GuidePage.objects.filter(locale__language_code="en", pdf__isnull=False)
    assert with_pdf.exists()
    assert with_pdf.first().pdf.file.read(5) == b"%PDF-"

    # Consent forms: every official EU language, current, plus a superseded English one.
    source = ConsentFormsPage.objects.get(locale__language_code="en")
    entries = list(source.consent_forms.select_related("document"))
    assert {e.language for e in entries if e.is_current} == {code for code, _name in settings.LANGUAGES}
    assert [(e.language, e.version) for e in entries if not e.is_current] == [("en", "2.1")]
    for entry in entries:
        with entry.document.file.open("rb") as handle:
            assert handle.read(5) == b"%PDF-"
    assert set(CONSENT_FORMS) == {code for code, _name in settings.LANGUAGES}
    assert current_consent_form("el").document.title == "Consent form – Ελληνικά – version 3.0"

    # The 2022 paper, titled exactly as the home page expects.
    paper = Document.objects.get(title=PAPER_TITLE)
    assert paper.title == "Cross-border video consultation for rare urology (2022)"
    assert paper.file.read(5) == b"%PDF-"

    # Pages render in German, the consent forms page listing all 24 languages by their own names.
    assert "Einen Fall an das Netzwerk überweisen" in client.get("/de/guides/").content.decode()
    html = client.get("/de/consent-forms/").content.decode()
    assert "<h1>Einwilligungserklärungen</h1>" in html
    rows = re.findall(r'data-language="([^"]+)"', html)
    assert rows[0] == "de"
    for code, name in settings.LANGUAGES:
        assert f'<span lang="{code}">{name}</span>' in html
