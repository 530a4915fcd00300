"""EU and EEA member states: the one list of countries the portal knows (ISO 3166-1 alpha-2).

The referral eligibility check accepts treating hospitals in these countries;
member centres are placed in them. Names are translatable UI strings.
"""

from django.utils.translation import gettext_lazy as _

EU_MEMBER_STATES = {
    "AT": _("Austria"),
    "BE": _("Belgium"),
    "BG": _("Bulgaria"),
    "HR": _("Croatia"),
    "CY": _("Cyprus"),
    "CZ": _("Czechia"),
    "DK": _("Denmark"),
    "EE": _("Estonia"),
    "FI": _("Finland"),
    "FR": _("France"),
    "DE": _("Germany"),
    "GR": _("Greece"),
    "HU": _("Hungary"),
    "IE": _("Ireland"),
    "IT": _("Italy"),
    "LV": _("Latvia"),
    "LT": _("Lithuania"),
    "LU": _("Luxembourg"),
    "MT": _("Malta"),
    "NL": _("Netherlands"),
    "PL": _("Poland"),
    "PT": _("Portugal"),
    "RO": _("Romania"),
    "SK": _("Slovakia"),
    "SI": _("Slovenia"),
    "ES": _("Spain"),
    "SE": _("Sweden"),
}
# EEA members outside the EU.
EEA_MEMBER_STATES = {
    "IS": _("Iceland"),
    "LI": _("Liechtenstein"),
    "NO": _("Norway"),
}
EU_EEA_COUNTRIES = {**EU_MEMBER_STATES, **EEA_MEMBER_STATES}
# Ordered by English name, written out so that importing this module never
# evaluates a translation (forms re-sort by the visitor's language).
_ENGLISH_ORDER = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IS IE IT LV LI LT LU MT NL NO PL PT RO SK SI ES SE".split()
COUNTRY_CHOICES = [(code, EU_EEA_COUNTRIES[code]) for code in _ENGLISH_ORDER]


def is_eu_eea(code):
    return (code or "").upper() in EU_EEA_COUNTRIES


def country_name(code):
    return EU_EEA_COUNTRIES.get((code or "").upper(), code)
