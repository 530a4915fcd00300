"""Languages: / redirects to the visitor's language, the switcher and hreflang lead to translations."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db

EU_LANGUAGES = {
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
    "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
}  # fmt: skip


@pytest.fixture
def demo_site(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_content_languages_are_the_24_official_eu_languages():
    assert {code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES} == EU_LANGUAGES
    assert "wagtail_localize" in settings.INSTALLED_APPS
    assert "wagtail_localize.locales" in settings.INSTALLED_APPS
    assert "wagtail.locales" not in settings.INSTALLED_APPS


def test_root_redirects_to_english_by_default(client, home_page):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.parametrize("language", ["de", "fr", "it", "es"])
def test_root_redirects_to_the_visitors_language(client, home_page, language):
    response = client.get("/", headers={"accept-language": f"{language},en;q=0.5"})
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/"


def test_every_eu_language_prefix_is_routed(client, demo_site):
    # Maltese has no Django catalogue of its own; it must still be a valid prefix.
    response = client.get("/mt/")
    assert response["Content-Language"] == "mt"
    assert not response.get("Location", "").startswith("/en/")


def test_home_page_in_german_is_the_translation(client, demo_site):
    response = client.get("/de/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="de"' in html
    assert "Expertenrat zu seltenen urogenitalen Erkrankungen" in html


def test_hreflang_alternates_list_each_translation(client, demo_site):
    html = client.get("/en/").content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
    assert {"en", "de", "fr", "it", "es", "x-default"} <= set(alternates)
    assert alternates["de"].endswith("/de/")
    assert alternates["x-default"].endswith("/en/")


def test_language_switcher_links_to_the_translation_of_the_current_page(client, demo_site):
    html = client.get("/fr/").content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', switcher))
    assert links == {"/de/": "de", "/en/": "en", "/es/": "es", "/fr/": "fr", "/it/": "it"}
    assert 'aria-current="true">Français<' in switcher


def test_ui_strings_are_translated(client, demo_site):
    html = client.get("/de/").content.decode()
    assert "Zum Hauptinhalt springen" in html  # "Skip to main content"
