"""Admin registration for the referral check's national contact point directory (a translatable snippet)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models.referral_requests import NationalContactPoint


class NationalContactPointViewSet(SnippetViewSet):
    model = NationalContactPoint
    icon = "site"
    menu_label = _("National contact points")
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name", "country", "email", "phone"]
    list_filter = ["country"]
    ordering = ["country"]


register_snippet(NationalContactPointViewSet)
