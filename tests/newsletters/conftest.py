"""Fixtures for the newsletter tests: an archive under the home page, issues, translations."""

import pytest
from django.core.cache import cache
from wagtail.models import Locale

from tests.newsletters.factories import NewsletterIndexPageFactory, NewsletterIssuePageFactory


@pytest.fixture(autouse=True)
def clear_cache():
    # Rate limits and the hand-over journal live in the cache; tests must not share them.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def archive(home_page):
    return NewsletterIndexPageFactory(parent=home_page)


@pytest.fixture
def issue(archive):
    return NewsletterIssuePageFactory(parent=archive, title="Signed outcome reports", number=6)


def translate_page(page, code, **fields):
    """A published translation made with Wagtail's own copy (enough for behaviour tests)."""
    target = Locale.objects.get_or_create(language_code=code)[0]
    translated = page.copy_for_translation(target)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


@pytest.fixture
def german_issue(home_page, archive, issue):
    translate_page(home_page, "de")
    translate_page(archive, "de", title="Newsletter (de)")
    return translate_page(issue, "de", title="Unterzeichnete Ergebnisberichte", summary="Was sich geändert hat.")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Call ``func`` and then run its on-commit callbacks (Celery tasks), as a real commit would.

    Tests run inside a transaction that never commits, so without this the
    tasks queued with delay_on_commit would never run.
    """

    def run(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    return run
