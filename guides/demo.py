"""
Demo content for the guides app (load_demo step ``guides.demo.build``).

Builds the guide index with five guides, the consent forms page with a PDF
consent form in each of the 24 official EU languages (plus a superseded
English version), and the demo summary of the network's 2022 paper on video
consultation, which the home page links to. Every PDF is generated here with
reportlab and stored as a Wagtail document. Idempotent: pages, steps,
consent entries and documents are found by stable keys and updated in place.
"""

import datetime
import html
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.utils.file import hash_filelike

from home.models import HomePage
from portal.demo import DEMO_LANGUAGES, get_or_create_child, locale, stable_id, translate

from .consent_content import CONSENT_FORMS, CONSENT_PAGE, PAPER_SUMMARY, PAPER_TITLE, SUPERSEDED_ENGLISH
from .demo_content import GUIDE_INDEX, GUIDE_KEYS, GUIDES
from .models import ConsentFormDocument, ConsentFormsPage, GuideIndexPage, GuidePage, GuideStep
from .pdf import guide_pdf, render_pdf

CURRENT_VERSION = ("3.0", datetime.date(2025, 9, 1))
SUPERSEDED_VERSION = ("2.1", datetime.date(2023, 3, 15))
PDF_GUIDE_SLUGS = {"refer-a-case", "upload-documents-and-imaging"}


def build(context):
    home = HomePage.objects.filter(locale=locale("en")).first()
    build_guides(home)
    build_consent_forms(home)
    build_paper_document()


# --- Documents ---------------------------------------------------------------


def save_document(title, filename, content):
    """Create the document titled ``title``, or replace its file only if the content changed."""
    document_model = get_document_model()
    document = document_model.objects.filter(title=title).order_by("pk").first()
    content_hash = hash_filelike(ContentFile(content))
    if document is not None and document.file_hash == content_hash and document.file.storage.exists(document.file.name):
        return document
    if document is None:
        document = document_model(title=title)
    elif document.file:
        document.file.delete(save=False)
    document.file.save(filename, ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def build_paper_document():
    """The demo summary of the 2022 paper, titled exactly as the home page expects."""
    content = render_pdf(PAPER_TITLE, PAPER_SUMMARY, subtitle="ERN eUROGEN · demo summary")
    return save_document(PAPER_TITLE, "cross-border-video-consultation-rare-urology-2022.pdf", content)


# --- Guides ------------------------------------------------------------------


def paragraphs_html(paragraphs):
    return "".join(f"<p>{html.escape(paragraph, quote=False)}</p>" for paragraph in paragraphs)


def guide_strings(source, target):
    """Map each English segment of a guide to its translation (same shape, zipped)."""
    (title, introduction, steps), (t_title, t_introduction, t_steps) = source, target
    strings = {title: t_title, introduction: t_introduction}
    for (step_title, paragraphs), (t_step_title, t_paragraphs) in zip(steps, t_steps, strict=True):
        strings[step_title] = t_step_title
        strings.update(zip(paragraphs, t_paragraphs, strict=True))
    return strings


def guide_steps(guide_page, slug, steps):
    """Step objects with stable translation keys, reusing the stored rows when the guide exists."""
    existing = {step.translation_key: step for step in guide_page.steps.all()} if guide_page else {}
    result = []
    for position, (title, paragraphs) in enumerate(steps):
        key = uuid.UUID(stable_id("guides", slug, "step", position))
        step = existing.get(key) or GuideStep(translation_key=key)
        step.title = title
        step.text = paragraphs_html(paragraphs)
        step.sort_order = position
        result.append(step)
    return result


def build_guides(home):
    title, introduction = GUIDE_INDEX["en"]
    index = get_or_create_child(
        home, GuideIndexPage, "guides", title=title, introduction=introduction, show_in_menus=True
    )
    for code in DEMO_LANGUAGES:
        t_title, t_introduction = GUIDE_INDEX[code]
        translate(index, code, {title: t_title, introduction: t_introduction})

    for position, ((slug, audience), content) in enumerate(zip(GUIDE_KEYS, GUIDES["en"], strict=True)):
        title, introduction, steps = content
        existing = Page.objects.child_of(index).filter(slug=slug).first()
        existing = existing.specific if existing else None
        step_objects = guide_steps(existing, slug, steps)
        fields = {"title": title, "audience": audience, "introduction": introduction, "steps": step_objects}
        if slug in PDF_GUIDE_SLUGS:
            printable = GuidePage(title=title, introduction=introduction, locale=index.locale, steps=step_objects)
            fields["pdf"] = save_document(f"Guide: {title}", f"guide-{slug}.pdf", guide_pdf(printable))
        guide = get_or_create_child(index, GuidePage, slug, **fields)
        for code in DEMO_LANGUAGES:
            translate(guide, code, guide_strings(content, GUIDES[code][position]))


# --- Consent forms -------------------------------------------------------------


def consent_form_pdf(language_code, texts, version, issued_on):
    blocks = [("paragraph", texts["intro"])]
    yes_no = f"[   ] {texts['yes']}      [   ] {texts['no']}"
    for heading, body, optional in (
        ("care_heading", "care", False),
        ("registry_heading", "registry", True),
        ("research_heading", "research", True),
    ):
        if texts[heading]:
            blocks += [("heading", texts[heading]), ("paragraph", texts[body])]
            if optional:
                blocks.append(("paragraph", yes_no))
    blocks += [
        ("paragraph", texts["withdraw"]),
        ("field", texts["name"]),
        ("field", texts["date"]),
        ("field", texts["signature"]),
        ("note", texts["demo_note"]),
    ]
    subtitle = f"ERN eUROGEN · {version} · {issued_on.isoformat()}"
    return render_pdf(texts["title"], blocks, subtitle=subtitle, language=language_code)


def consent_document(language_code, texts, version, issued_on):
    name = dict(settings.LANGUAGES)[language_code]
    return save_document(
        f"Consent form – {name} – version {version}",
        f"consent-form-{language_code}-v{version.replace('.', '-')}.pdf",
        consent_form_pdf(language_code, texts, version, issued_on),
    )


def consent_entries(page):
    """One current entry per language and the superseded English one, reusing stored rows.

    Keeping the rows (and so their ids) matters: consent records in the
    clinical workspace point at them.
    """
    existing = {(entry.language, entry.version): entry for entry in page.consent_forms.all()} if page else {}
    wanted = [(code, CONSENT_FORMS[code], *CURRENT_VERSION, True) for code, _name in settings.LANGUAGES]
    wanted.append(("en", SUPERSEDED_ENGLISH, *SUPERSEDED_VERSION, False))
    entries = []
    for position, (code, texts, version, issued_on, is_current) in enumerate(wanted):
        entry = existing.get((code, version)) or ConsentFormDocument(language=code, version=version)
        entry.issued_on = issued_on
        entry.is_current = is_current
        entry.document = consent_document(code, texts, version, issued_on)
        entry.sort_order = position
        entries.append(entry)
    return entries


def build_consent_forms(home):
    content = CONSENT_PAGE["en"]
    existing = Page.objects.child_of(home).filter(slug="consent-forms").first()
    page = get_or_create_child(
        home,
        ConsentFormsPage,
        "consent-forms",
        title=content["title"],
        introduction=content["introduction"],
        body=paragraphs_html(content["body"]),
        show_in_menus=True,
        consent_forms=consent_entries(existing.specific if existing else None),
    )
    for code in DEMO_LANGUAGES:
        target = CONSENT_PAGE[code]
        strings = {content["title"]: target["title"], content["introduction"]: target["introduction"]}
        strings.update(zip(content["body"], target["body"], strict=True))
        translate(page, code, strings)
    return page
