"""axe-core (bundled with axe-playwright-python, injected by the test, no CDN) on the public pages, in two languages."""

import pytest

pytestmark = pytest.mark.browser

PUBLIC_PATHS = ["/{lang}/", "/{lang}/guides/", "/{lang}/faq/", "/{lang}/consent-forms/", "/{lang}/search/?q=consent"]


def serious_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize("language", ["en", "de"])
def test_public_pages_have_no_serious_accessibility_violations(page, live_server, demo_site, language):
    failures = {}
    for template in PUBLIC_PATHS:
        path = template.format(lang=language)
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        found = serious_violations(page)
        if found:
            failures[path] = found
    assert failures == {}


def test_public_pages_load_nothing_from_other_hosts(page, live_server, demo_site, third_party_requests):
    for template in PUBLIC_PATHS:
        page.goto(live_server.url + template.format(lang="en"))
        page.wait_for_load_state("networkidle")
    assert third_party_requests == []
