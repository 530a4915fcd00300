"""Absolute links for e-mails, always on our own host (settings.BASE_URL), in the subscriber's language."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from . import tokens


def absolute(path):
    if path.startswith(("http://", "https://")):
        return path
    return settings.BASE_URL.rstrip("/") + path


def archive_for_language(language_code):
    """The live archive page in that language, or the English one (or any) when it is not translated."""
    from .models import NewsletterIndexPage

    archives = {
        archive.locale.language_code: archive for archive in NewsletterIndexPage.objects.live().select_related("locale")
    }
    return archives.get(language_code) or archives.get(settings.LANGUAGE_CODE) or next(iter(archives.values()), None)


def page_path(page):
    """The page's path with its language prefix, whatever the Site's hostname is."""
    return page.get_url_parts()[2]


def archive_route_url(archive, name, **kwargs):
    return absolute(page_path(archive) + archive.reverse_subpage(name, kwargs=kwargs))


def confirm_url(subscriber, archive=None):
    archive = archive or archive_for_language(subscriber.language)
    return archive_route_url(archive, "confirm", token=tokens.make_token(subscriber, tokens.CONFIRM))


def unsubscribe_url(subscriber, archive=None):
    archive = archive or archive_for_language(subscriber.language)
    return archive_route_url(archive, "unsubscribe", token=tokens.make_token(subscriber, tokens.UNSUBSCRIBE))


def one_click_unsubscribe_url(subscriber):
    return one_click_unsubscribe_url_for_token(tokens.make_token(subscriber, tokens.UNSUBSCRIBE))


def one_click_unsubscribe_url_for_token(token):
    # Outside the language prefix: mail providers POST to it with no cookie or language.
    with translation.override(None):
        path = reverse("newsletters:one_click_unsubscribe", kwargs={"token": token})
    return absolute(path)
