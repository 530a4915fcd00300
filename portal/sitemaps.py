"""
/sitemap.xml: every live public page in every language, each with its
translations as hreflang alternates (Wagtail's own sitemap lists only one
language tree).
"""

from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_any_tree = reduce(or_, (Q(path__startswith=root.path) for root in roots), Q(pk__in=[]))
        return Page.objects.live().public().filter(in_any_tree).select_related("locale").order_by("path")

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        locations = {}
        by_translation = defaultdict(list)
        for item in pages:
            location = item.get_full_url(self.request)
            if location:
                locations[item.pk] = location
                by_translation[item.translation_key].append((item.locale.language_code, location))
        urls = []
        last_mods = set()
        for item in pages:
            if item.pk not in locations:
                continue
            lastmod = item.last_published_at or item.latest_revision_created_at
            last_mods.add(lastmod)
            alternates = sorted(by_translation[item.translation_key])
            urls.append(
                {
                    "item": item,
                    "location": locations[item.pk],
                    "lastmod": lastmod,
                    "alternates": [{"lang_code": code, "location": url} for code, url in alternates]
                    if len(alternates) > 1
                    else [],
                }
            )
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
