"""Factories for guides and consent forms."""

import datetime
import functools

import factory
import wagtail_factories
from django.core.files.base import ContentFile

from guides.models import Audience, ConsentFormDocument, ConsentFormsPage, GuideIndexPage, GuidePage, GuideStep
from guides.pdf import render_pdf


@functools.cache
def sample_pdf_bytes():
    return render_pdf("Sample consent form", [("paragraph", "A short test document.")])


class PdfDocumentFactory(wagtail_factories.DocumentFactory):
    class Meta:
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Consent form {n}")
    file = factory.LazyFunction(lambda: ContentFile(sample_pdf_bytes(), name="consent-form.pdf"))

    @factory.post_generation
    def metadata(obj, create, extracted, **kwargs):
        obj._set_document_file_metadata()
        if create:
            obj.save()


class GuideIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GuideIndexPage

    title = "Guides"
    slug = "guides"
    introduction = "Help for clinicians."
    show_in_menus = True


class GuidePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GuidePage

    title = factory.Sequence(lambda n: f"Guide {n}")
    slug = factory.Sequence(lambda n: f"guide-{n}")
    audience = Audience.REFERRING_CLINICIAN
    introduction = factory.Sequence(lambda n: f"Introduction of guide {n}.")


class GuideStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideStep

    page = factory.SubFactory(GuidePageFactory)
    title = factory.Sequence(lambda n: f"Step title {n}")
    text = factory.Sequence(lambda n: f"<p>Step text {n}.</p>")
    sort_order = factory.Sequence(lambda n: n)


class ConsentFormsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ConsentFormsPage

    title = "Consent forms"
    slug = "consent-forms"
    introduction = "The standard patient consent form in every official EU language."


class ConsentFormDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentFormDocument

    page = factory.SubFactory(ConsentFormsPageFactory)
    language = "en"
    version = "3.0"
    issued_on = datetime.date(2025, 9, 1)
    document = factory.SubFactory(PdfDocumentFactory)
    is_current = True
    sort_order = factory.Sequence(lambda n: n)
