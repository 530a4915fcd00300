"""
The network's own data, edited as translatable snippets: workstreams with their
expertise areas, and member centres with the areas they cover.

These are the single source for the public centres page, access requests and
the referral eligibility check.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .countries import COUNTRY_CHOICES, country_name


class Workstream(TranslatableMixin, index.Indexed, ClusterableModel):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        InlinePanel("areas", label=_("Expertise areas")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        # Finding "exstrophy-epispadias complex" should find the workstream
        # whose area is called "bladder exstrophy".
        index.RelatedFields("areas", [index.SearchField("name"), index.SearchField("synonyms")]),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("workstream")
        verbose_name_plural = _("workstreams")

    def __str__(self):
        return self.name


class ExpertiseArea(TranslatableMixin, Orderable):
    workstream = ParentalKey(Workstream, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(_("name"), max_length=200)
    synonyms = models.TextField(
        _("synonyms"),
        blank=True,
        help_text=_("Other names clinicians search for, separated by commas."),
    )

    panels = [FieldPanel("name"), FieldPanel("synonyms")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("expertise area")
        verbose_name_plural = _("expertise areas")

    def __str__(self):
        return self.name

    @property
    def synonym_list(self):
        return [item.strip() for item in self.synonyms.split(",") if item.strip()]


class MemberCentre(TranslatableMixin, index.Indexed, ClusterableModel):
    name = models.CharField(_("hospital name"), max_length=255)
    city = models.CharField(_("city"), max_length=120)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES)
    website = models.URLField(_("website"), blank=True)
    expertise_areas = ParentalManyToManyField(ExpertiseArea, blank=True, related_name="centres")

    panels = [
        FieldPanel("name"),
        FieldPanel("city"),
        FieldPanel("country"),
        FieldPanel("website"),
        FieldPanel("expertise_areas", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("city"),
        index.FilterField("country"),
        index.FilterField("locale_id"),
    ]
    # wagtail-localize skips many-to-many fields by default. Keeping this one
    # synchronised means an English change of areas reaches every translation.
    # A translation may therefore point at the English areas: compare areas by
    # translation_key (as the centres page does), never by id across languages.
    override_translatable_fields = [SynchronizedField("expertise_areas", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        ordering = ["country", "city", "name"]
        verbose_name = _("member centre")
        verbose_name_plural = _("member centres")

    def __str__(self):
        return f"{self.name}, {self.city}"

    @property
    def country_name(self):
        return country_name(self.country)
