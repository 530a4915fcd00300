"""No public page loads anything from another host: checked on the rendered HTML of the demo site."""

import io
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db

# Attributes through which a browser fetches something by itself (links a visitor clicks are fine).
LOADING_ATTRIBUTES = {
    "script": ["src"],
    "link": ["href"],  # stylesheets, icons, preloads, alternates are checked by rel below
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "source": ["src", "srcset"],
    "embed": ["src"],
    "object": ["data"],
    "form": ["action"],
}
NON_LOADING_LINK_RELS = {"alternate", "canonical"}


class ExternalLoadFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.external = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and set((attributes.get("rel") or "").split()) & NON_LOADING_LINK_RELS:
            return
        for name in LOADING_ATTRIBUTES.get(tag, []):
            for value in (attributes.get(name) or "").split(","):
                url = value.strip().split(" ")[0]
                host = urlparse(url).netloc
                if host and host != "testserver":
                    self.external.append(f"<{tag} {name}={url}>")
        style = attributes.get("style") or ""
        if "url(" in style and "//" in style:
            self.external.append(f"<{tag} style={style}>")


@pytest.fixture
def demo_site(db):
    call_command("load_demo", stdout=io.StringIO())


def test_no_public_page_loads_from_another_host(client, demo_site):
    pages = Page.objects.live().public().filter(depth__gte=2).specific()
    assert pages.count() >= 5
    checked = 0
    for page in pages:
        url = page.get_url()
        if not url:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        finder = ExternalLoadFinder()
        finder.feed(response.content.decode())
        assert finder.external == [], url
        checked += 1
    for path in ["/en/search/?q=consent", "/en/accounts/login/", "/en/no-such-page/"]:
        finder = ExternalLoadFinder()
        finder.feed(client.get(path).content.decode())
        assert finder.external == [], path
    assert checked >= 5


def test_the_finder_catches_a_cdn(client):
    finder = ExternalLoadFinder()
    finder.feed('<script src="https://cdn.example.com/x.js"></script><a href="https://example.org">ok</a>')
    assert finder.external == ["<script src=https://cdn.example.com/x.js>"]
