"""Fixtures shared by every test: a minimal site (root → home → Site) and users."""

import io
import os
import shutil

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from tests.factories import HomePageFactory, UserFactory
from tests.referrals.factories import sign_in_with_mfa


@pytest.fixture
def home_page(db):
    """An English home page as the root of the default site, replacing Wagtail's welcome page."""
    Locale.objects.get_or_create(language_code="en")
    # A flushed transactional database has lost the root page Wagtail's migration made.
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
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
    return sign_in_with_mfa(client, superuser)


@pytest.fixture
def mfa_client(client):
    """``mfa_client(user)`` signs the test client in as ``user`` with a completed second factor
    (a TOTP device is created if the user has none), as the workspace and /admin/ require."""
    return lambda user: sign_in_with_mfa(client, user)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and used TOTP codes live in the cache: no test may inherit another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# --- Browser tests: Playwright driving Debian's Chromium against pytest-django's live server ---
# They skip on a laptop without Chromium; CI sets REQUIRE_BROWSER=1, and then a missing browser is a
# failure, not a skip. One session-wide browser for the whole run: Playwright's sync API cannot run twice
# in one process.

CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make alongside it are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def chromium_path():
    for candidate in CHROMIUM_PATHS:
        if os.path.exists(candidate):
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not path:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but Chromium is not installed")
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo_site(transactional_db, django_db_serialized_rollback):
    """The demo site in a database the live server can see. Serialized rollback restores
    what Wagtail's data migrations created (root page, root collection) after the flush."""
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def third_party_requests(page, live_server):
    """Collects every request the page makes to a host other than the live server."""
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(live_server.url) and not request.url.startswith("data:")
            else None
        ),
    )
    return outside


def pytest_collection_modifyitems(items):
    """Every transactional test restores the migrated data (Wagtail's root page and collection,
    locales, content types) after the flush of the previous one.

    Mixing serialized and plain transactional tests in one process breaks both: a plain flush
    recreates content types under new ids, and the next serialized restore then points at ids
    that no longer exist. So all of them are serialized.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
        transactional = transactional or bool({"transactional_db", "live_server"} & set(item.fixturenames))
        if transactional:
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(autouse=True)
def _english_by_default():
    """LocaleMiddleware leaves the last request's language active in the thread; every test starts in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")
