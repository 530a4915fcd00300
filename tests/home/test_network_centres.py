"""The public member centres page: centres of the page's language grouped by country, filterable by area."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from portal.demo import translate
from tests.home.network_factories import (
    ExpertiseAreaFactory,
    MemberCentreFactory,
    MemberCentresPageFactory,
    WorkstreamFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas(db):
    workstream = WorkstreamFactory(name="Rare uro-recto-genital tumours")
    return {
        "penile": ExpertiseAreaFactory(workstream=workstream, name="Penile cancer", sort_order=0),
        "testicular": ExpertiseAreaFactory(workstream=workstream, name="Testicular cancer", sort_order=1),
    }


@pytest.fixture
def centres(areas):
    return {
        "vienna": MemberCentreFactory(name="Universitätsklinikum Donautal", city="Vienna", country="AT",
                                      areas=[areas["penile"]]),
        "munich": MemberCentreFactory(name="Klinikum Isarau", city="Munich", country="DE",
                                      areas=[areas["testicular"], areas["penile"]]),
        "dresden": MemberCentreFactory(name="Universitätsklinikum Elbtal", city="Dresden", country="DE",
                                       areas=[areas["testicular"]]),
        "bergen": MemberCentreFactory(name="Fjordlandet universitetssykehus", city="Bergen", country="NO"),
    }  # fmt: skip


@pytest.fixture
def centres_page(home_page):
    page = MemberCentresPageFactory(parent=home_page)
    page.save_revision().publish()
    return page


def main(html):
    return html[html.index("<main") :]


def sections(html):
    """{country heading: [centre names]} in page order."""
    result = {}
    for heading, body in re.findall(r"<h2 id=\"country-\d+\">(.*?)</h2>(.*?)</section>", html, re.S):
        result[heading] = re.findall(r"<h3[^>]*>(?:<a[^>]*>)?(.*?)(?:</a>)?</h3>", body)
    return result


def test_centres_are_grouped_by_country_in_alphabetical_order(client, centres_page, centres):
    html = main(client.get(centres_page.url).content.decode())
    assert sections(html) == {
        "Austria": ["Universitätsklinikum Donautal"],
        "Germany": ["Universitätsklinikum Elbtal", "Klinikum Isarau"],  # by city: Dresden, Munich
        "Norway": ["Fjordlandet universitetssykehus"],
    }
    assert "Penile cancer, Testicular cancer" in html  # areas in the editors' order


def test_area_filter_shows_only_centres_covering_it(client, centres_page, centres, areas):
    html = main(client.get(centres_page.url, {"area": areas["testicular"].pk}).content.decode())
    assert sections(html) == {"Germany": ["Universitätsklinikum Elbtal", "Klinikum Isarau"]}
    assert f'<option value="{areas["testicular"].pk}" selected>' in html


def test_area_filter_is_a_labelled_select_with_a_submit_button(client, centres_page, areas):
    html = main(client.get(centres_page.url).content.decode())
    assert '<label for="centres-area"' in html
    assert '<select id="centres-area" name="area"' in html
    assert '<button type="submit"' in html
    assert '<optgroup label="Rare uro-recto-genital tumours">' in html


def test_unknown_or_malformed_area_shows_every_centre(client, centres_page, centres):
    for value in ["999999", "abc", "-1"]:
        html = main(client.get(centres_page.url, {"area": value}).content.decode())
        assert len(sections(html)) == 3


def test_german_page_lists_german_centres_with_translated_countries_and_areas(client, centres_page, centres, areas):
    Locale.objects.get_or_create(language_code="de")
    translate(areas["penile"].workstream, "de", {"Penile cancer": "Peniskarzinom", "Testicular cancer": "Hodenkrebs"})
    translate(centres["munich"], "de", {"Munich": "München"})
    translate(centres_page, "de", {"Member centres": "Mitgliedszentren"})

    response = client.get("/de/centres/")
    assert response.status_code == 200
    html = main(response.content.decode())
    # Only the centre translated into German; its country name and areas in German.
    assert sections(html) == {"Deutschland": ["Klinikum Isarau"]}
    assert "München" in html
    assert "Peniskarzinom, Hodenkrebs" in html

    german_area = areas["testicular"].get_translation(Locale.objects.get(language_code="de"))
    filtered = main(client.get("/de/centres/", {"area": german_area.pk}).content.decode())
    assert sections(filtered) == {"Deutschland": ["Klinikum Isarau"]}


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_the_number_of_centres(client, centres_page, areas):
    MemberCentreFactory(country="NL", areas=[areas["penile"]])
    few = count_queries(client, centres_page.url)
    for index in range(30):
        MemberCentreFactory(country=["NL", "BE", "FR", "IT", "ES"][index % 5], areas=list(areas.values()))
    assert count_queries(client, centres_page.url) == few
