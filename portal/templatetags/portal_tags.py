"""Template tags for the shared layout: navigation from the page tree and the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

register = template.Library()

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _site_root(request):
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    root = site.root_page
    localized = root.localized  # the root in the active language, or itself
    return localized if localized.live else root


@register.simple_tag(takes_context=True)
def site_root(context):
    return _site_root(context.get("request"))


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    root = _site_root(request)
    current = context.get("page")
    items = []
    if root is not None:
        items = list(root.get_children().live().public().in_menu().only("id", "title", "url_path", "path"))
    return {"menu_root": root, "menu_items": items, "current_page": current, "request": request}


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """Languages the current page (or view) exists in, as dicts for the switcher and hreflang.

    For a Wagtail page: its live translations. For other views: the languages
    the interface is translated into, at the same path under that prefix.
    """
    request = context.get("request")
    page = context.get("page")
    current_language = translation.get_language()
    alternates = []
    if isinstance(page, Page) and page.pk:
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        for translated in translations:
            code = translated.locale.language_code
            url = translated.get_url(request=request)
            if url:
                alternates.append(_alternate(code, url, current_language))
    elif request is not None:
        for code in settings.UI_TRANSLATED_LANGUAGES:
            alternates.append(_alternate(code, translate_url(request.get_full_path(), code), current_language))
    alternates.sort(key=lambda item: item["code"])
    return alternates


def _alternate(code, url, current_language):
    return {
        "code": code,
        "name": LANGUAGE_NAMES.get(code, code),
        "url": url,
        "is_current": code == current_language,
    }


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    if request is None or not url:
        return url
    return request.build_absolute_uri(url)


@register.simple_tag
def active_locale():
    return Locale.get_active()


@register.simple_tag(takes_context=True)
def page_query(context, number, param="page"):
    """``?…`` for page ``number``: the current query string (filters, sort, search) with only the page changed.

    Built from ``request.GET`` and url-encoded here, so any filter value — spaces, ``&``, ``=`` — survives;
    the template's autoescaping then turns ``&`` into ``&amp;`` for the attribute.
    """
    query = context["request"].GET.copy()
    query[param] = number
    return "?" + query.urlencode()
