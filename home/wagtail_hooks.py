"""Admin registration for the network's snippets: workstreams (with their expertise areas) and member centres.

Both models are TranslatableMixin snippets, so with wagtail_localize installed
their listings get a locale filter and each row a "Translate" action.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .network import MemberCentre, Workstream


class WorkstreamViewSet(SnippetViewSet):
    model = Workstream
    icon = "folder-open-inverse"
    menu_label = _("Workstreams")
    menu_order = 100
    list_display = ["name", "sort_order"]
    list_export = ["name", "description", "sort_order"]
    search_fields = None  # use the model's search_fields (name, areas and their synonyms)
    ordering = ["sort_order", "name"]


class MemberCentreViewSet(SnippetViewSet):
    model = MemberCentre
    icon = "home"
    menu_label = _("Member centres")
    menu_order = 200
    list_display = ["name", "city", "country"]
    list_filter = ["country", "expertise_areas"]
    list_export = ["name", "city", "country", "website"]
    ordering = ["country", "city", "name"]


class NetworkViewSetGroup(SnippetViewSetGroup):
    items = (WorkstreamViewSet, MemberCentreViewSet)
    menu_icon = "group"
    menu_label = _("Network")
    menu_name = "network"
    menu_order = 250


register_snippet(NetworkViewSetGroup)
