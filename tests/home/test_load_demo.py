"""load_demo builds the demo site, is idempotent, and refuses production settings."""

import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

pytestmark = pytest.mark.django_db


def row_counts():
    """Rows per model across every app, to prove a second run duplicates nothing."""
    counts = {}
    for model in apps.get_models():
        if model._meta.app_label in {"sessions", "contenttypes", "auth"} and model._meta.model_name != "user":
            continue
        counts[model._meta.label] = model.objects.count()
    return counts


def load():
    call_command("load_demo", stdout=io.StringIO())


def test_load_demo_twice_duplicates_nothing():
    load()
    first = row_counts()
    assert first["home.HomePage"] == 5  # en + de, fr, it, es
    load()
    second = row_counts()
    # Revisions and logs record the re-publish; content rows must not grow.
    ignored = {"wagtailcore.Revision", "wagtailcore.PageLogEntry", "wagtailcore.ModelLogEntry",
               "wagtail_localize.TranslationLog", "wagtailsearch.IndexEntry", "wagtailcore.ReferenceIndex"}  # fmt: skip
    grown = {
        label: (first[label], second[label])
        for label in first
        if label not in ignored and second[label] != first[label]
    }
    assert grown == {}


def test_load_demo_sets_up_the_site_root_and_locales():
    load()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    assert Page.objects.filter(depth=2, content_type__model="page").count() == 0
    from wagtail.models import Locale

    assert Locale.objects.count() == 24


def test_load_demo_refuses_production_settings(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError):
        load()
