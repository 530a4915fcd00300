"""The home page, general content pages and the site-wide settings editors control."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from .blocks import BodyStreamBlock
from .network import ExpertiseArea, MemberCentre, Workstream

__all__ = ["BasePage", "ContentPage", "ExpertiseArea", "HomePage", "MemberCentre", "SiteSettings", "Workstream"]


class BasePage(Page):
    """Shared behaviour for every public page type: search fields and SEO metadata.

    Wagtail's own ``search_description`` is the meta description; when empty,
    ``meta_description`` falls back to the page's introduction.
    """

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or getattr(self, "introduction", "") or ""


class HomePage(BasePage):
    introduction = models.TextField(blank=True, help_text=_("A short introduction shown under the title."))
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    def route(self, request, path_components):
        """Serve the English page when the visitor's language has no translation of it.

        The template then says so (includes/fallback_notice.html), because the
        page's locale differs from the active language.
        """
        try:
            return super().route(request, path_components)
        except Http404:
            default_home = self.get_translation_or_none(Locale.get_default())
            if default_home is None or default_home.pk == self.pk:
                raise
            return default_home.specific.route(request, path_components)

    class Meta:
        verbose_name = _("home page")


class ContentPage(BasePage):
    introduction = models.TextField(blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    class Meta:
        verbose_name = _("content page")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    network_name = models.CharField(max_length=200, default="ERN Portal")
    network_tagline = models.CharField(max_length=300, blank=True)
    helpdesk_email = models.EmailField(blank=True)
    helpdesk_phone = models.CharField(max_length=40, blank=True)
    helpdesk_hours = models.CharField(max_length=200, blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("network_name"), FieldPanel("network_tagline")], heading=_("Network")),
        MultiFieldPanel(
            [FieldPanel("helpdesk_email"), FieldPanel("helpdesk_phone"), FieldPanel("helpdesk_hours")],
            heading=_("Helpdesk"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")


# Page types defined in their own modules; imported last because they build on BasePage and SiteSettings.
from .contact import ContactFormField, ContactPage  # noqa: E402, F401
from .network_pages import MemberCentresPage  # noqa: E402, F401
