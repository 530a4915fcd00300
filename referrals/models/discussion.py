"""The panel's discussion of a case: contributions with their edit history, and requests for more information.

Contributions are rich text, sanitised with nh3 when saved and again when
shown. An edit never overwrites silently: the text it replaces is kept as a
``ContributionRevision``. A request for more information stays open, and
the case shows it as awaiting the owner, until the owner's side answers.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .append_only import AppendOnlyModel
from .cases import Case, sanitise_summary
from .documents import CaseDocument


class Contribution(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contributions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("contribution"))
    referenced_documents = models.ManyToManyField(
        CaseDocument, verbose_name=_("documents referred to"), blank=True, related_name="contributions"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [models.Index(fields=["case", "created_at"])]

    def __str__(self):
        return f"{self.case.reference} contribution {self.uuid.hex[:8]}"

    def save(self, *args, **kwargs):
        self.body = sanitise_summary(self.body)
        super().save(*args, **kwargs)

    @property
    def body_html(self):
        return mark_safe(sanitise_summary(self.body))  # noqa: S308 - nh3-cleaned just above


class ContributionRevision(AppendOnlyModel):
    """The text a contribution had before an edit, and when it was replaced. Append-only (a trigger on PostgreSQL)."""

    append_only_message = "A contribution's history is append-only."

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    written_at = models.DateTimeField(help_text="When this text was first written (or last edited).")
    replaced_at = models.DateTimeField(default=timezone.now)
    replaced_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-replaced_at", "-pk"]
        verbose_name = _("contribution revision")
        verbose_name_plural = _("contribution revisions")

    def __str__(self):
        return f"{self.contribution} as of {self.written_at:%Y-%m-%d %H:%M}"

    @property
    def body_html(self):
        return mark_safe(sanitise_summary(self.body))  # noqa: S308 - nh3-cleaned


class InformationRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(answered_at__isnull=True)


class InformationRequest(models.Model):
    """A panel member asks the owner's side for more information; open until answered."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="information_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    question = models.TextField(_("what the panel needs to know"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    answer = models.TextField(_("answer"), blank=True, max_length=8000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = InformationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("request for information")
        verbose_name_plural = _("requests for information")
        indexes = [models.Index(fields=["case", "answered_at"])]

    def __str__(self):
        return f"{self.case.reference} information request {self.uuid.hex[:8]}"

    @property
    def is_open(self):
        return self.answered_at is None
