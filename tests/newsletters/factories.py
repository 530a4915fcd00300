"""Factories for the newsletters app."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from newsletters.models import NewsletterIndexPage, NewsletterIssuePage, Subscriber


class NewsletterIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsletterIndexPage

    title = "Newsletter"
    slug = "newsletters"
    introduction = "Two or three issues a year."
    show_in_menus = True


class NewsletterIssuePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsletterIssuePage

    title = factory.Sequence(lambda n: f"Issue title {n}")
    slug = factory.Sequence(lambda n: f"issue-{n}")
    number = factory.Sequence(lambda n: n + 1)
    publication_date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=40 * n))
    summary = "What changed in the clinical workspace."
    body = factory.LazyFunction(
        lambda: [
            ("paragraph", "<p>Panels now sign their outcome reports.</p>"),
            ("heading", {"text": "More", "level": "h2"}),
        ]
    )


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "en"
    status = Subscriber.Status.CONFIRMED
    consented_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)


class PendingSubscriberFactory(SubscriberFactory):
    status = Subscriber.Status.PENDING
    confirmed_at = None
