"""Fixtures shared by every test: a minimal site (root → home → Site) and users."""

import pytest
from wagtail.models import Locale, Page, Site

from tests.factories import HomePageFactory, UserFactory


@pytest.fixture
def home_page(db):
    """An English home page as the root of the default site, replacing Wagtail's welcome page."""
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    root.get_children().delete()
    home = HomePageFactory(parent=root)
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Test")
    return home


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", email="admin@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client_with_mfa(client, superuser):
    """A client signed in to the Wagtail admin as a superuser.

    The one place that decides how admin tests sign in, so that when the
    second factor is enforced on /admin/ only this fixture changes.
    """
    client.force_login(superuser)
    return client


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and used TOTP codes live in the cache: no test may inherit another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
