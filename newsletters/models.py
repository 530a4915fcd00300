"""
Newsletters: the public archive (index + issue pages), subscribers, and the
record of every send.

Sending bookkeeping (DESIGN: "reliably"): one ``Send`` per issue (per
translation family, so sending the German and the English page of the same
issue is one send), and one ``Delivery`` per (send, subscriber), unique, so no
code path can queue a person twice. Subscribers are erased rather than kept
when they leave; ``SubscriberErasure`` keeps only an anonymous count.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import BodyStreamBlock
from home.models import BasePage

from . import routes


class NewsletterIndexPage(routes.NewsletterRoutesMixin, RoutablePageMixin, BasePage):
    """The archive of issues, with the feed and the subscription pages as sub-routes."""

    introduction = models.TextField(blank=True, help_text=_("A short introduction shown above the archive."))
    subscribe_text = models.TextField(
        blank=True, help_text=_("Shown on the subscription page, e.g. what subscribers receive and how often.")
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("subscribe_text")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsletters.NewsletterIssuePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("newsletter archive")

    def get_meta_description(self):
        return self.search_description or self.introduction or ""

    def issues(self):
        """Live issues of this archive (so of this language), newest first. The feed lists these."""
        return (
            NewsletterIssuePage.objects.child_of(self)
            .live()
            .public()
            .select_related("locale")
            .order_by("-publication_date", "-number")
        )

    def archive_issues(self):
        """This language's issues plus, for issues not translated yet, the English ones: nobody misses an issue."""
        local = self.issues()
        default = self.get_translation_or_none(Locale.get_default())
        if default is None or default.pk == self.pk:
            return local
        untranslated = (
            NewsletterIssuePage.objects.child_of(default)
            .live()
            .public()
            .exclude(translation_key__in=local.values("translation_key"))
        )
        return (
            NewsletterIssuePage.objects.filter(Q(pk__in=local.values("pk")) | Q(pk__in=untranslated.values("pk")))
            .select_related("locale")
            .order_by("-publication_date", "-number")
        )


class NewsletterIssuePage(BasePage):
    number = models.PositiveIntegerField(help_text=_("The issue number, e.g. 7."))
    publication_date = models.DateField()
    summary = models.TextField(help_text=_("Two or three sentences, shown in the archive, the feed and the e-mail."))
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)
    pdf_edition = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: the printable PDF edition of this issue."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("number"), FieldPanel("publication_date")], heading=_("Issue")),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("pdf_edition"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    # The number, date and PDF are the same in every language; editors translate the text.
    override_translatable_fields = [
        SynchronizedField("number"),
        SynchronizedField("publication_date"),
        SynchronizedField("pdf_edition"),
    ]

    parent_page_types = ["newsletters.NewsletterIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("newsletter issue")

    def get_meta_description(self):
        return self.search_description or self.summary or ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        parent = self.get_parent().specific
        context["archive"] = parent
        context["feed_url"] = parent.feed_url()
        return context


class Subscriber(models.Model):
    """A person who asked for the newsletter. Only ``confirmed`` subscribers ever receive it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(_("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    # Random, never sequential: it is what the signed links carry.
    token_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    consented_at = models.DateTimeField(_("consent given"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class SubscriberErasure(models.Model):
    """How many subscribers left, per month, language and reason. Holds no address, by design."""

    class Reason(models.TextChoices):
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        DELETED = "deleted", _("Deleted by an editor")
        EXPIRED = "expired", _("Never confirmed")

    month = models.DateField(help_text=_("First day of the month."))
    language = models.CharField(max_length=8)
    reason = models.CharField(max_length=16, choices=Reason.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("erased subscribers (count)")
        verbose_name_plural = _("erased subscribers (counts)")
        constraints = [
            models.UniqueConstraint(fields=["month", "language", "reason"], name="newsletters_erasure_unique_bucket")
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.language} {self.reason}: {self.count}"


class Send(models.Model):
    """Sending one issue to the subscribers; one row per issue, whichever language the editor acted on."""

    issue = models.ForeignKey(NewsletterIssuePage, null=True, on_delete=models.SET_NULL, related_name="sends")
    # The issue's translation family: the English and German pages of one issue share it.
    translation_key = models.UUIDField(unique=True)
    issue_title = models.CharField(max_length=255)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter send")
        verbose_name_plural = _("newsletter sends")
        ordering = ["-created_at"]
        permissions = [("send_newsletter", _("Can send newsletter issues to subscribers"))]

    def __str__(self):
        return self.issue_title


class Delivery(models.Model):
    """One recipient of one send.

    ``sending`` means "claimed by a worker, the SMTP hand-over may have
    happened": see newsletters/sending.py for how a crash in that state is
    resolved without mailing anyone twice.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    send = models.ForeignKey(Send, on_delete=models.CASCADE, related_name="deliveries")
    # Null once the subscriber is erased: the row then only counts.
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    language = models.CharField(max_length=8)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("newsletter delivery")
        verbose_name_plural = _("newsletter deliveries")
        constraints = [
            models.UniqueConstraint(fields=["send", "subscriber"], name="newsletters_delivery_once_per_subscriber")
        ]
        indexes = [models.Index(fields=["send", "status"], name="newsletters_delivery_progress")]

    def __str__(self):
        return f"{self.send_id}/{self.pk}: {self.status}"
