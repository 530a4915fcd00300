"""
Contact and helpdesk form (``/en/contact/``), built on Wagtail's form builder.

Editors choose the fields. A submission is stored as Wagtail's FormSubmission
and e-mailed to the helpdesk by a Celery task once the transaction commits
(home/tasks.py), so a slow or failing mail server never delays or loses the
visitor's request. Abuse protection without third parties: a honeypot field
that people never see, and a per-IP rate limit kept in Django's cache.
"""

import logging

from django import forms
from django.conf import settings
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from portal import ratelimit

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "contact_homepage_url"


class ContactFormField(TranslatableMixin, AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")

    # clean_name keys the stored submissions: it must be the same in every
    # language, or the helpdesk would see one column per translation.
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("field_type", overridable=False),
        SynchronizedField("required", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")


class ContactFormBuilder(FormBuilder):
    """The editor's fields plus the honeypot, which no editor can remove by mistake."""

    def get_form_class(self):
        form_class = super().get_form_class()
        honeypot = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off", "aria-hidden": "true"}),
        )
        return type(form_class.__name__, (form_class,), {HONEYPOT_FIELD: honeypot})


class ContactPage(AbstractEmailForm):
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    thank_you_text = RichTextField(_("thank-you text"), blank=True, features=["bold", "italic", "link", "ul"])

    form_builder = ContactFormBuilder
    # Where and how the helpdesk is e-mailed is the same for every language.
    override_translatable_fields = [SynchronizedField("to_address"), SynchronizedField("subject")]

    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("introduction"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail to the helpdesk"),
            help_text=_("Leave “to address” empty to send submissions to the helpdesk address in the site settings."),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("contact page")

    def get_meta_description(self):
        return self.search_description or ""

    # --- Serving ---------------------------------------------------------------

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if not form.is_valid():
            return self.render_form(request, form)
        if form.cleaned_data.get(HONEYPOT_FIELD):
            # A bot filled the field people cannot see: pretend it worked,
            # store and send nothing, and give it nothing to learn from.
            logger.info("Contact form honeypot triggered on page %s", self.pk)
            return self.render_landing_page(request, None, *args, **kwargs)
        if not ratelimit.allow_request(request, "contact-form", settings.CONTACT_FORM_RATE_LIMIT):
            form.add_error(
                None,
                _(
                    "You have sent several messages in a short time. Please wait a few minutes, then send "
                    "it again: what you wrote is still in the form."
                ),
            )
            return self.render_form(request, form, status=429)
        submission = self.process_form_submission(form)
        return self.render_landing_page(request, submission, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["honeypot_field"] = HONEYPOT_FIELD
        return context

    def render_form(self, request, form, status=200):
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def process_form_submission(self, form):
        """Store the submission (without the honeypot) and e-mail it once the transaction commits."""
        from .tasks import send_contact_submission

        data = {key: value for key, value in form.cleaned_data.items() if key != HONEYPOT_FIELD}
        submission = self.get_submission_class().objects.create(form_data=data, page=self)
        send_contact_submission.delay_on_commit(submission.pk)
        return submission

    # --- E-mail ------------------------------------------------------------------

    def get_recipients(self):
        """The page's "to address", or the helpdesk address from the site settings."""
        if self.to_address:
            return [address.strip() for address in self.to_address.split(",") if address.strip()]
        from .models import SiteSettings

        site = self.get_site()
        helpdesk = SiteSettings.for_site(site).helpdesk_email if site else ""
        return [helpdesk] if helpdesk else []
