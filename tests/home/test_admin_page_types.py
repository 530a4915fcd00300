"""Editors create every remaining public page type in the Wagtail admin (nested_form_data), and it publishes."""

import pytest
from django.apps import apps
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

pytestmark = pytest.mark.django_db

PAGE_TYPES = {
    "home.MemberCentresPage": {"introduction": "Hospitals of the network by country."},
    "home.ContactPage": {
        "introduction": rich_text("<p>Write to the helpdesk.</p>"),
        "thank_you_text": rich_text("<p>Thank you.</p>"),
        "to_address": "helpdesk@example.org",
        "from_address": "portal@example.org",
        "subject": "Contact form",
        "form_fields": inline_formset(
            [
                {
                    "label": "Your message",
                    "field_type": "multiline",
                    "required": "on",
                    "choices": "",
                    "default_value": "",
                    "help_text": "",
                }
            ]
        ),
    },
    "newsletters.NewsletterIndexPage": {"introduction": "Two or three issues a year.", "subscribe_text": "Subscribe"},
    "referrals.ReferralCheckPage": {"introduction": rich_text("<p>Check whether the network can advise.</p>")},
}


@pytest.mark.parametrize("label", sorted(PAGE_TYPES))
def test_editor_creates_and_publishes_the_page_type(admin_client_with_mfa, home_page, label):
    model = apps.get_model(label)
    fields = PAGE_TYPES[label]
    if label == "referrals.ReferralCheckPage":
        # Every editor-controlled text field is on the form; post its defaults as an editor would see them.
        from wagtail.fields import RichTextField

        for field in model._meta.get_fields():
            default = getattr(field, "default", None)
            if field.model is model and field.name not in fields and isinstance(default, str):
                fields[field.name] = rich_text(default) if isinstance(field, RichTextField) else default
    data = nested_form_data(
        {"title": f"New {model._meta.verbose_name}", "slug": "new-page", "action-publish": "publish", **fields}
    )
    url = f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{home_page.pk}/"
    response = admin_client_with_mfa.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = Page.objects.get(slug="new-page").specific
    assert isinstance(page, model) and page.live


def test_editor_creates_a_newsletter_issue(admin_client_with_mfa, home_page):
    from newsletters.models import NewsletterIndexPage

    index = NewsletterIndexPage(title="Newsletter", slug="newsletters")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    data = nested_form_data(
        {
            "title": "Issue 7",
            "slug": "issue-7",
            "number": 7,
            "publication_date": "2026-11-01",
            "summary": "What changed in the workspace.",
            "body": streamfield([("paragraph", rich_text("<p>Video meetings now work in Firefox.</p>"))]),
            "action-publish": "publish",
        }
    )
    response = admin_client_with_mfa.post(f"/admin/pages/add/newsletters/newsletterissuepage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Page.objects.get(slug="issue-7").live
