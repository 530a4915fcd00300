"""
Guides for clinicians and the consent forms page.

A guide is a page with numbered steps held as clustered inline models, so an
editor orders them with InlinePanel and wagtail-localize translates them with
the page (each step is TranslatableMixin, which makes its text segments of the
page's translation). The consent forms page holds one entry per language and
version of the patient consent form; the entries are not translated but
synchronised to every translation of the page, because the set of documents is
the same whatever language the visitor reads the page in.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from home.models import BasePage

GUIDES_PER_PAGE = 10
STEP_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
PDF_SIGNATURE = b"%PDF-"


class Audience(models.TextChoices):
    REFERRING_CLINICIAN = "referring-clinician", _("Referring clinicians")
    MEMBER_CLINICIAN = "member-clinician", _("Member clinicians")
    COORDINATOR = "coordinator", _("Coordinators")


class GuideIndexPage(BasePage):
    """The list of guides (`/<lang>/guides/`), filterable by audience with ``?audience=``."""

    introduction = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["guides.GuidePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("guide index page")

    def get_guides(self, audience=None):
        guides = (
            GuidePage.objects.live()
            .public()
            .child_of(self)
            .select_related("pdf")
            .annotate(step_count=Count("steps"))
            .order_by("path")
        )
        if audience:
            guides = guides.filter(audience=audience)
        return guides

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        audience = request.GET.get("audience", "")
        if audience not in Audience.values:
            audience = ""
        paginator = Paginator(self.get_guides(audience), GUIDES_PER_PAGE)
        context.update(
            {
                "audience": audience,
                "audiences": Audience.choices,
                "guides": paginator.get_page(request.GET.get("page")),
            }
        )
        return context


class GuidePage(BasePage):
    """A step-by-step guide for one audience, with an optional PDF version."""

    audience = models.CharField(max_length=32, choices=Audience.choices, default=Audience.REFERRING_CLINICIAN)
    introduction = models.TextField(help_text=_("What the guide helps with; also shown in the guide list."))
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("PDF version"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("audience"),
        FieldPanel("introduction"),
        FieldPanel("pdf"),
        InlinePanel("steps", heading=_("Steps"), label=_("Step"), min_num=1),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.FilterField("audience"),
        index.RelatedFields("steps", [index.SearchField("title"), index.SearchField("text")]),
    ]

    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guide")

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        # Wagtail indexes a page on post_save, which fires before modelcluster
        # writes the steps; index again so search sees the steps just saved
        # (otherwise an edited step's text is found only after the next save).
        if kwargs.get("update_fields") is None:
            index.insert_or_update_object(self)
        return result

    def get_steps(self):
        steps = self.steps.all()
        # A previewed page holds its steps in memory (modelcluster's FakeQuerySet);
        # only a real queryset can fetch screenshots and their renditions up front.
        if isinstance(steps, models.QuerySet):
            steps = steps.select_related("screenshot").prefetch_related("screenshot__renditions")
        return steps

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["steps"] = self.get_steps()
        return context


class GuideStep(TranslatableMixin, Orderable):
    """One numbered step of a guide; translated together with its guide."""

    page = ParentalKey(GuidePage, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(max_length=200)
    text = RichTextField(features=STEP_TEXT_FEATURES)
    screenshot = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    screenshot_alt = models.CharField(
        _("screenshot alt text"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the screenshot shows, for people who cannot see it."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        MultiFieldPanel([FieldPanel("screenshot"), FieldPanel("screenshot_alt")], heading=_("Screenshot")),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("guide step")
        # Steps synchronised into a translation can share a sort_order; creation
        # order breaks the tie, so PostgreSQL and SQLite list them alike.
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.screenshot_id and not self.screenshot_alt.strip():
            raise ValidationError({"screenshot_alt": _("A screenshot needs alt text.")})


def is_pdf(document):
    """True when the stored file really is a PDF (checked by content, not by name)."""
    try:
        with document.file.open("rb") as handle:
            return handle.read(len(PDF_SIGNATURE)) == PDF_SIGNATURE
    except (OSError, ValueError):
        return False


class ConsentFormsPageForm(WagtailAdminPageForm):
    """Checks across entries: one current version per language, no version listed twice."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("consent_forms")
        if formset is None or not formset.is_valid():
            return cleaned_data
        current_languages = set()
        versions = set()
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            language, version = data.get("language"), data.get("version")
            if (language, version) in versions:
                form.add_error("version", _("This version is already listed for this language."))
            versions.add((language, version))
            if data.get("is_current"):
                if language in current_languages:
                    form.add_error("is_current", _("Only one version per language can be the current one."))
                current_languages.add(language)
        return cleaned_data


class ConsentFormsPage(BasePage):
    """Patient consent forms (`/<lang>/consent-forms/`): every language, current and superseded versions."""

    introduction = models.TextField(blank=True)
    body = RichTextField(blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        InlinePanel("consent_forms", heading=_("Consent form documents"), label=_("Consent form document")),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]
    base_form_class = ConsentFormsPageForm

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("consent forms page")

    def get_consent_forms(self):
        entries = self.consent_forms.all()
        if isinstance(entries, models.QuerySet):
            entries = entries.select_related("document")
        return entries

    def get_language_groups(self, language_code=None):
        """The entries grouped by language: the visitor's language first, then the order of settings.LANGUAGES.

        Each group is a dict with the language's code, its own name, the current
        entry (or None) and the superseded entries, newest first.
        """
        language_code = language_code or translation.get_language()
        names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
        position = {code: index for index, (code, _name) in enumerate(settings.WAGTAIL_CONTENT_LANGUAGES)}
        groups = {}
        for entry in self.get_consent_forms():
            group = groups.setdefault(
                entry.language,
                {
                    "code": entry.language,
                    "name": names.get(entry.language, entry.language),
                    "is_visitor_language": entry.language == language_code,
                    "current": None,
                    "superseded": [],
                },
            )
            if entry.is_current and group["current"] is None:
                group["current"] = entry
            else:
                group["superseded"].append(entry)
        for group in groups.values():
            group["superseded"].sort(key=lambda entry: entry.issued_on, reverse=True)
        return sorted(
            groups.values(),
            key=lambda group: (not group["is_visitor_language"], position.get(group["code"], len(position))),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        groups = self.get_language_groups()
        context["language_groups"] = groups
        context["visitor_group"] = next((group for group in groups if group["is_visitor_language"]), None)
        context["superseded"] = [entry for group in groups for entry in group["superseded"]]
        return context


class ConsentFormDocument(Orderable):
    """One language and version of the patient consent form, as a PDF document.

    The clinical workspace links consent records to an entry (see
    ``guides.consent.current_consent_form``), so the document is protected from
    deletion while an entry refers to it.
    """

    page = ParentalKey(ConsentFormsPage, on_delete=models.CASCADE, related_name="consent_forms")
    language = models.CharField(max_length=8, choices=settings.WAGTAIL_CONTENT_LANGUAGES)
    version = models.CharField(max_length=20, help_text=_('For example "3.0".'))
    issued_on = models.DateField(_("date"))
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.PROTECT, related_name="+")
    is_current = models.BooleanField(
        _("current version"),
        default=True,
        help_text=_("Untick when a newer version replaces this one; it then stays listed as superseded."),
    )

    panels = [
        FieldRowPanel([FieldPanel("language"), FieldPanel("version"), FieldPanel("issued_on")]),
        FieldPanel("document"),
        FieldPanel("is_current"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("consent form document")

    def __str__(self):
        return f"{self.get_language_display()} {self.version}"

    def clean(self):
        super().clean()
        if self.document_id and not is_pdf(self.document):
            raise ValidationError({"document": _("The consent form must be a PDF document.")})
