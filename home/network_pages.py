"""
The public list of member centres (``/en/centres/``): the centres of the page's
language grouped by country, filterable by expertise area without JavaScript.

Centres and areas are snippets (home/network.py). A translated centre may
still point at the English expertise areas (wagtail-localize synchronises the
many-to-many field as it is), so areas are matched and named through their
``translation_key``, which every translation of an area shares.
"""

import unicodedata
from collections import defaultdict

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from .countries import country_name
from .models import BasePage
from .network import MemberCentre, Workstream


class MemberCentresPage(BasePage):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = BasePage.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("member centres page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        workstreams = list(Workstream.objects.filter(locale_id=self.locale_id).prefetch_related("areas"))
        areas = [area for workstream in workstreams for area in workstream.areas.all()]
        # Position in workstream-then-area order, so every centre lists its areas in the editors' order.
        areas_by_key = {area.translation_key: (position, area) for position, area in enumerate(areas)}
        selected_area = self.selected_area(request, areas)

        centres = MemberCentre.objects.filter(locale_id=self.locale_id).prefetch_related("expertise_areas")
        if selected_area is not None:
            centres = centres.filter(expertise_areas__translation_key=selected_area.translation_key).distinct()
        context.update(
            {
                "workstreams": workstreams,
                "selected_area": selected_area,
                "countries": group_by_country(centres, areas_by_key),
            }
        )
        return context

    @staticmethod
    def selected_area(request, areas):
        """The area chosen with ``?area=<id>``, among this language's areas; None when absent or unknown."""
        raw = request.GET.get("area", "")
        if not raw.isdigit():
            return None
        wanted = int(raw)
        return next((area for area in areas if area.pk == wanted), None)


def group_by_country(centres, areas_by_key):
    """[(country name, [(centre, [area names])])] sorted by the country's name in the active language.

    ``areas_by_key`` maps an area's translation_key to (position, area in this language).
    """
    grouped = defaultdict(list)
    for centre in centres:
        names = []
        for area in centre.expertise_areas.all():
            position, localized = areas_by_key.get(area.translation_key, (len(areas_by_key), area))
            names.append((position, localized.name))
        grouped[str(country_name(centre.country))].append((centre, [name for _position, name in sorted(names)]))
    return sorted(grouped.items(), key=lambda item: _sort_key(item[0]))


def _sort_key(name):
    # "Österreich" sorts with the Os, not after "Zypern".
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
