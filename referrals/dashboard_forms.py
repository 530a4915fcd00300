"""The dashboard's filter form: which section, free text, status, urgency, expertise area and sorting.

Every field is optional and checked against an allow-list; a value that fails
is dropped (``values()``) rather than shown as an error, so a stale or
hand-edited link still lists something sensible.
"""

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from home.network import ExpertiseArea

from .case_forms import BootstrapMixin
from .dashboard import DEFAULT_ORDER, DEFAULT_SORT, ORDER_CHOICES, SORT_CHOICES
from .models import CaseStatus
from .models.cases import Urgency

MAX_SEARCH_TERMS = 5
TERM_SEPARATORS = re.compile(r"\s+")


def expertise_area_choices():
    """(translation key, label, pk) of the network's areas in the default language: one query."""
    areas = (
        ExpertiseArea.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .select_related("workstream")
        .order_by("workstream__sort_order", "workstream__name", "sort_order")
    )
    return [(str(area.translation_key), f"{area.workstream.name} — {area.name}", area.pk) for area in areas]


class DashboardFilterForm(BootstrapMixin, forms.Form):
    section = forms.ChoiceField(label=_("Show"), required=False)
    q = forms.CharField(label=_("Reference or title"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Any status")), *CaseStatus.choices], required=False)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=[("", _("Any urgency")), *Urgency.choices], required=False)
    # Areas by translation key, a uuid: no sequential ids in workspace URLs.
    area = forms.ChoiceField(label=_("Expertise area"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)
    order = forms.ChoiceField(label=_("Order"), choices=ORDER_CHOICES, required=False)

    def __init__(self, data=None, *, sections, default_section, areas):
        super().__init__(data)
        self.default_section = default_section
        self.fields["section"].choices = [(section.key, section.label) for section in sections]
        self.fields["section"].initial = default_section
        self._area_ids = {key: pk for key, _label, pk in areas}
        self.fields["area"].choices = [("", _("Any expertise area")), *((key, label) for key, label, _pk in areas)]
        self.fields["sort"].initial = DEFAULT_SORT
        self.fields["order"].initial = DEFAULT_ORDER

    def clean_q(self):
        terms = TERM_SEPARATORS.sub(" ", self.cleaned_data["q"]).split()
        return " ".join(terms[:MAX_SEARCH_TERMS])

    def values(self):
        """The valid values, each field on its own: one bad parameter does not discard the others."""
        self.is_valid()  # fills cleaned_data with the fields that passed; an unbound form has none
        data = getattr(self, "cleaned_data", {})
        area_key = data.get("area") or ""
        return {
            "section": data.get("section") or self.default_section,
            "q": data.get("q") or "",
            "terms": (data.get("q") or "").split(),
            "status": data.get("status") or "",
            "urgency": data.get("urgency") or "",
            "area": area_key,
            "area_id": self._area_ids.get(area_key),
            "sort": data.get("sort") or DEFAULT_SORT,
            "order": data.get("order") or DEFAULT_ORDER,
        }
