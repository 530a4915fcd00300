"""Home and content pages: rendering, every block, admin creation, translation fallback, search, SEO files."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import ContentPage
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(db):
    doc = Document(title="Video consultation paper")
    doc.file.save("paper.pdf", ContentFile(b"%PDF-1.4\n%demo\n"), save=False)
    doc.save()
    return doc


@pytest.fixture
def content_page(home_page, document):
    page = ContentPageFactory(parent=home_page, title="About the network", slug="about")
    page.search_description = "Who we are and how the network works."
    page.body = [
        ("heading", {"text": "Our mission", "level": "h2"}),
        ("paragraph", "<p>Expertise travels, <b>not the patient</b>.</p>"),
        ("call_to_action", {"title": "Refer a case", "text": "Check eligibility", "page": home_page,
                            "url": "", "button_label": "Start"}),
        ("document", {"document": document, "title": "", "description": "Published 2022"}),
        ("key_messages", {"title": "Key messages", "messages": ["Advice only", "Second factor required"]}),
        ("video", {"title": "Joining a meeting", "url": "https://video.example.org/v/1", "duration": "3:10",
                   "description": ""}),
        ("cards", {"title": "Sections", "cards": [{"page": home_page, "title": "Home card", "text": "Start here"}]}),
    ]  # fmt: skip
    page.save_revision().publish()
    return page


def test_home_page_renders_with_one_h1(client, home_page):
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert 'href="#main-content"' in html
    assert "<main" in html and "<nav" in html and "<footer" in html


def test_content_page_renders_every_block(client, content_page, document):
    html = client.get("/en/about/").content.decode()
    assert '<h2 class="mt-4">Our mission</h2>' in html
    assert "<b>not the patient</b>" in html
    assert ">Start</a>" in html
    assert document.url in html
    assert "Second factor required" in html
    assert 'href="https://video.example.org/v/1"' in html
    assert "Home card" in html
    assert '<meta name="description" content="Who we are and how the network works.">' in html
    assert '<meta property="og:title" content="About the network">' in html


def test_navigation_comes_from_the_page_tree(client, home_page):
    ContentPageFactory(parent=home_page, title="In the menu", slug="menu", show_in_menus=True)
    ContentPageFactory(parent=home_page, title="Not in the menu", slug="hidden", show_in_menus=False)
    html = client.get("/en/").content.decode()
    nav = html[html.index('aria-label="Main"') :]
    nav = nav[: nav.index("</nav>")]
    assert "In the menu" in nav
    assert "Not in the menu" not in nav


def test_footer_shows_the_helpdesk_setting(client, home_page):
    from wagtail.models import Site

    from home.models import SiteSettings

    settings_row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.helpdesk_email = "help@ern.example.org"
    settings_row.save()
    html = client.get("/en/").content.decode()
    footer = html[html.index("<footer") :]
    assert 'href="mailto:help@ern.example.org"' in footer


def test_editor_creates_a_content_page_in_the_admin(admin_client_with_mfa, home_page):
    data = nested_form_data(
        {
            "title": "Made in the admin",
            "slug": "made-in-admin",
            "introduction": "Intro",
            "body": streamfield([("paragraph", rich_text("<p>Body text</p>"))]),
            "action-publish": "publish",
        }
    )
    response = admin_client_with_mfa.post(f"/admin/pages/add/home/contentpage/{home_page.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ContentPage.objects.get(slug="made-in-admin")
    assert page.live
    assert "Body text" in str(page.body)


def test_untranslated_page_falls_back_to_english_and_says_so(client, home_page):
    from portal.demo import translate

    translate(home_page, "de", {"Home": "Startseite"})
    ContentPageFactory(parent=home_page, title="English only", slug="english-only")
    response = client.get("/de/english-only/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "English only" in html
    assert 'lang="de"' in html
    assert "nicht in Ihrer Sprache" in html or "not yet available in your language" in html


def test_unknown_page_is_a_styled_404(client, home_page):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize("children", [3, 60])
def test_content_page_query_count_does_not_grow_with_siblings(
    client, home_page, children, django_assert_max_num_queries
):
    for index in range(children):
        ContentPageFactory(parent=home_page, title=f"Sibling {index}", slug=f"sibling-{index}", show_in_menus=True)
    client.get("/en/sibling-0/")  # warm per-process caches (site root paths, content types)
    with django_assert_max_num_queries(20) as captured:
        client.get("/en/sibling-0/")
    assert len(captured) <= 20


def test_search_finds_pages_in_the_visitors_language_only(client, content_page):
    from portal.demo import translate

    translate(content_page.get_parent().specific, "de", {})
    translate(content_page, "de", {"About the network": "Über das Netzwerk"})
    english = client.get("/en/search/", {"q": "network"}).content.decode()
    assert "About the network" in english
    assert "Über das Netzwerk" not in english
    german = client.get("/de/search/", {"q": "Netzwerk"}).content.decode()
    assert "Über das Netzwerk" in german
    assert "About the network" not in german


def test_search_paginates(client, home_page):
    for index in range(25):
        ContentPageFactory(parent=home_page, title=f"Hypospadias guide {index}", slug=f"hyp-{index}")
    first = client.get("/en/search/", {"q": "Hypospadias"}).content.decode()
    assert "25 results" in first
    assert "Page 1 of 3" in first
    third = client.get("/en/search/", {"q": "Hypospadias", "page": 3}).content.decode()
    assert len(re.findall(r"<h2 class=\"h5 mb-1\">", third)) == 5


def test_search_without_results_suggests_faq_and_helpdesk(client, home_page):
    html = client.get("/en/search/", {"q": "zzzz-nothing"}).content.decode()
    assert "No results" in html
    assert "FAQ" in html and "helpdesk" in html


def test_search_escapes_the_query(client, home_page):
    html = client.get("/en/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_sitemap_lists_pages_in_every_language_with_alternates(client, content_page):
    from portal.demo import translate

    translate(content_page.get_parent().specific, "fr", {})
    translate(content_page, "fr", {"About the network": "À propos du réseau"})
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ET.fromstring(response.content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locations = [loc.text for loc in tree.findall("s:url/s:loc", ns)]
    assert any(loc.endswith("/en/about/") for loc in locations)
    assert any(loc.endswith("/fr/about/") for loc in locations)
    about = next(url for url in tree.findall("s:url", ns) if url.find("s:loc", ns).text.endswith("/en/about/"))
    hreflangs = {link.get("hreflang") for link in about.findall("x:link", ns)}
    assert hreflangs == {"en", "fr"}
    assert Page.objects.live().count() >= 4


def test_robots_txt(client, home_page):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_server_error_page_is_styled_and_self_contained(rf):
    from portal.views import server_error

    response = server_error(rf.get("/en/broken/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "/static/vendor/bootstrap/bootstrap.min.css" in html
    assert html.count("<h1") == 1
