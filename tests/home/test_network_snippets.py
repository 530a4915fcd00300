"""Workstreams and member centres as translatable snippets in the Wagtail admin ("Network" menu)."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from home.network import ExpertiseArea, MemberCentre, Workstream
from portal.demo import translate
from tests.home.network_factories import ExpertiseAreaFactory, MemberCentreFactory, WorkstreamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def german(db):
    return Locale.objects.get_or_create(language_code="de")[0]


@pytest.fixture
def network(db):
    workstream = WorkstreamFactory(name="Rare congenital uro-recto-genital anomalies")
    exstrophy = ExpertiseAreaFactory(
        workstream=workstream, name="Bladder exstrophy", synonyms="exstrophy-epispadias complex, EEC", sort_order=0
    )
    hypospadias = ExpertiseAreaFactory(workstream=workstream, name="Hypospadias", sort_order=1)
    dresden = MemberCentreFactory(name="Universitätsklinikum Elbtal", city="Dresden", country="DE", areas=[exstrophy])
    nijmegen = MemberCentreFactory(name="Rijnstad UMC", city="Nijmegen", country="NL", areas=[hypospadias])
    return {"workstream": workstream, "exstrophy": exstrophy, "dresden": dresden, "nijmegen": nijmegen}


def test_network_menu_groups_workstreams_and_centres(admin_client_with_mfa):
    html = admin_client_with_mfa.get(reverse("wagtailadmin_home")).content.decode()
    assert "Network" in html
    assert reverse("wagtailsnippets_home_workstream:list") in html
    assert reverse("wagtailsnippets_home_membercentre:list") in html


def test_member_centres_listing_filters_by_country(admin_client_with_mfa, network):
    url = reverse("wagtailsnippets_home_membercentre:list")
    html = admin_client_with_mfa.get(url, {"country": "DE"}).content.decode()
    assert "Universitätsklinikum Elbtal" in html
    assert "Rijnstad UMC" not in html


def test_member_centres_listing_searches_by_name(admin_client_with_mfa, network):
    url = reverse("wagtailsnippets_home_membercentre:list")
    html = admin_client_with_mfa.get(url, {"q": "Rijnstad"}).content.decode()
    assert "Rijnstad UMC" in html
    assert "Universitätsklinikum Elbtal" not in html


def test_snippet_listing_offers_translate_action(admin_client_with_mfa, network, german):
    html = admin_client_with_mfa.get(reverse("wagtailsnippets_home_workstream:list")).content.decode()
    translate_url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["home", "workstream", network["workstream"].pk]
    )
    assert translate_url in html


def test_editor_translates_a_workstream_with_its_expertise_areas(admin_client_with_mfa, network, german):
    url = reverse("wagtail_localize:submit_snippet_translation", args=["home", "workstream", network["workstream"].pk])
    response = admin_client_with_mfa.post(url, {"locales": [german.pk]})
    assert response.status_code == 302
    german_workstream = Workstream.objects.get(locale=german)
    assert german_workstream.translation_key == network["workstream"].translation_key
    assert [area.name for area in german_workstream.areas.all()] == ["Bladder exstrophy", "Hypospadias"]
    assert {area.locale_id for area in german_workstream.areas.all()} == {german.pk}


def test_translated_centre_keeps_its_expertise_areas_and_opens_in_the_editor(admin_client_with_mfa, network, german):
    centre = network["dresden"]
    url = reverse("wagtail_localize:submit_snippet_translation", args=["home", "membercentre", centre.pk])
    assert admin_client_with_mfa.post(url, {"locales": [german.pk]}).status_code == 302
    german_centre = MemberCentre.objects.get(locale=german)
    assert [area.translation_key for area in german_centre.expertise_areas.all()] == [
        network["exstrophy"].translation_key
    ]
    edit = admin_client_with_mfa.get(reverse("wagtailsnippets_home_membercentre:edit", args=[german_centre.pk]))
    assert edit.status_code == 200


def test_translation_gives_german_names_and_synonyms(network, german):
    german_workstream = translate(
        network["workstream"],
        "de",
        {
            "Rare congenital uro-recto-genital anomalies": "Seltene angeborene uro-rekto-genitale Fehlbildungen",
            "Bladder exstrophy": "Blasenekstrophie",
            "exstrophy-epispadias complex, EEC": "Ekstrophie-Epispadie-Komplex, EEK",
        },
    )
    area = ExpertiseArea.objects.get(locale=german, translation_key=network["exstrophy"].translation_key)
    assert german_workstream.name == "Seltene angeborene uro-rekto-genitale Fehlbildungen"
    assert area.name == "Blasenekstrophie"
    assert area.synonym_list == ["Ekstrophie-Epispadie-Komplex", "EEK"]
