"""The home page in two languages, reached by clicking the language switcher."""

import pytest

pytestmark = pytest.mark.browser


def test_home_page_switches_from_english_to_german(page, live_server, demo_site, third_party_requests):
    page.goto(live_server.url + "/")
    assert page.url == live_server.url + "/en/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").count() == 1
    assert "Expert advice on rare urogenital conditions" in page.locator("h1").inner_text()

    page.get_by_role("navigation", name="Language").locator("summary").click()
    page.get_by_role("link", name="Deutsch").click()
    page.wait_for_url(live_server.url + "/de/")

    assert page.locator("html").get_attribute("lang") == "de"
    assert "Expertenrat zu seltenen urogenitalen Erkrankungen" in page.locator("h1").inner_text()
    assert page.locator('link[rel="alternate"][hreflang="en"]').count() == 1
    assert third_party_requests == []


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, live_server, demo_site):
    page.goto(live_server.url + "/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
