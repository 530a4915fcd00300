"""Factories for the network snippets (workstreams, expertise areas, member centres) and their pages."""

import factory
import wagtail_factories
from wagtail.models import Locale

from home.models import ContactFormField, ContactPage, MemberCentresPage
from home.network import ExpertiseArea, MemberCentre, Workstream


def english():
    return Locale.objects.get_or_create(language_code="en")[0]


class WorkstreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workstream

    name = factory.Sequence(lambda n: f"Workstream {n}")
    locale = factory.LazyFunction(english)


class ExpertiseAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertiseArea

    workstream = factory.SubFactory(WorkstreamFactory)
    name = factory.Sequence(lambda n: f"Expertise area {n}")
    locale = factory.LazyAttribute(lambda o: o.workstream.locale)


class MemberCentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberCentre
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"University Hospital {n}")
    city = "Nijmegen"
    country = "NL"
    locale = factory.LazyFunction(english)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if extracted:
            self.expertise_areas = list(extracted)
            self.save()


class MemberCentresPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MemberCentresPage

    title = "Member centres"
    slug = "centres"


def contact_page(parent, to_address="", **fields):
    """A published contact page with name, e-mail, topic and message fields."""
    page = ContactPage(
        title="Contact the helpdesk",
        slug="contact",
        to_address=to_address,
        subject="Contact form",
        form_fields=[
            ContactFormField(label="Your name", field_type="singleline", required=True, sort_order=0),
            ContactFormField(label="Your e-mail address", field_type="email", required=True, sort_order=1),
            ContactFormField(
                label="Topic", field_type="dropdown", required=True, choices="Access\nSigning in\nOther", sort_order=2
            ),
            ContactFormField(label="Your message", field_type="multiline", required=True, sort_order=3),
        ],
        **fields,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page
