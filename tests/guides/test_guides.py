"""Guide index and guide pages: rendering, numbered steps, audience filter, pagination, query budget, search."""

import re

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guides.models import GUIDES_PER_PAGE, Audience, GuidePage, GuideStep

from .factories import GuideIndexPageFactory, GuidePageFactory, GuideStepFactory, PdfDocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide_index(home_page):
    return GuideIndexPageFactory(parent=home_page)


def make_guide(index, steps=2, **kwargs):
    guide = GuidePageFactory(parent=index, **kwargs)
    for number in range(steps):
        GuideStepFactory(page=guide, title=f"{guide.title} step {number + 1}", sort_order=number)
    return guide


def guide_titles(html):
    return re.findall(r'<h2 class="h4 card-title"><a href="[^"]+">([^<]+)</a></h2>', html)


def test_guide_index_lists_guides_with_audience_step_count_and_pdf(client, guide_index):
    make_guide(guide_index, title="Refer a case", audience=Audience.REFERRING_CLINICIAN, steps=3)
    make_guide(guide_index, title="Join a video consultation", audience=Audience.MEMBER_CLINICIAN, steps=1,
               pdf=PdfDocumentFactory())  # fmt: skip

    response = client.get("/en/guides/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert guide_titles(html) == ["Refer a case", "Join a video consultation"]
    assert "Referring clinicians" in html and "Member clinicians" in html
    assert "3 steps" in html and "1 step<" in html
    assert html.count("PDF version available") == 1
    assert 'aria-label="Breadcrumb"' not in html  # the index sits right under the home page


def test_guide_index_hides_unpublished_guides(client, guide_index):
    make_guide(guide_index, title="Published guide")
    make_guide(guide_index, title="Draft guide", live=False)

    html = client.get("/en/guides/").content.decode()

    assert guide_titles(html) == ["Published guide"]


def test_guide_page_renders_numbered_steps_in_editor_order(client, guide_index):
    guide = GuidePageFactory(parent=guide_index, title="Refer a case", introduction="How to refer.")
    # Created out of order: the page must follow sort_order, not creation order.
    GuideStepFactory(page=guide, title="Send the request", sort_order=2)
    GuideStepFactory(page=guide, title="Check eligibility", sort_order=0, text="<p>Is the hospital in the EU?</p>")
    GuideStepFactory(page=guide, title="Talk to your contact point", sort_order=1)

    response = client.get("/en/guides/" + guide.slug + "/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "<h1>Refer a case</h1>" in html
    steps_list = re.search(r'<ol class="guide-steps">(.*?)</ol>', html, re.DOTALL).group(1)
    assert re.findall(r'<h3 class="h5">([^<]+)</h3>', steps_list) == [
        "Check eligibility",
        "Talk to your contact point",
        "Send the request",
    ]
    assert "<p>Is the hospital in the EU?</p>" in steps_list
    assert 'aria-label="Breadcrumb"' in html
    assert 'href="/en/guides/"' in html


def test_guide_page_offers_its_pdf_version(client, guide_index):
    document = PdfDocumentFactory(title="Refer a case (PDF)")
    guide = make_guide(guide_index, pdf=document)

    html = client.get(guide.url).content.decode()

    assert f'href="{document.url}" download type="application/pdf"' in html
    download = client.get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_guide_step_screenshot_is_rendered_with_its_alt_text(client, guide_index):
    guide = GuidePageFactory(parent=guide_index)
    image = wagtail_factories.ImageFactory()
    GuideStepFactory(page=guide, screenshot=image, screenshot_alt="The sign-in form with the code field")

    html = client.get(guide.url).content.decode()

    assert re.search(r'<img [^>]*alt="The sign-in form with the code field"', html)


def test_guide_step_with_screenshot_requires_alt_text(guide_index):
    from django.core.exceptions import ValidationError

    guide = GuidePageFactory(parent=guide_index)
    step = GuideStep(page=guide, title="Scan the QR code", text="<p>Scan it.</p>",
                     screenshot=wagtail_factories.ImageFactory(), screenshot_alt="  ")  # fmt: skip
    with pytest.raises(ValidationError) as error:
        step.full_clean()
    assert "screenshot_alt" in error.value.message_dict


def test_audience_filter_shows_only_matching_guides(client, guide_index):
    make_guide(guide_index, title="Refer a case", audience=Audience.REFERRING_CLINICIAN)
    make_guide(guide_index, title="Join a video consultation", audience=Audience.MEMBER_CLINICIAN)
    make_guide(guide_index, title="Review access requests", audience=Audience.COORDINATOR)

    html = client.get("/en/guides/", {"audience": Audience.MEMBER_CLINICIAN}).content.decode()

    assert guide_titles(html) == ["Join a video consultation"]
    # The active filter is a plain link marked as current: it works without JavaScript.
    assert re.search(r'href="/en/guides/\?audience=member-clinician" aria-current="page"', html)


def test_unknown_audience_shows_every_guide(client, guide_index):
    make_guide(guide_index, title="Refer a case", audience=Audience.REFERRING_CLINICIAN)
    make_guide(guide_index, title="Review access requests", audience=Audience.COORDINATOR)

    html = client.get("/en/guides/", {"audience": "<script>"}).content.decode()

    assert guide_titles(html) == ["Refer a case", "Review access requests"]
    assert "<script>" not in re.sub(r"<script [^>]*></script>", "", html)


def test_audience_without_guides_says_so(client, guide_index):
    make_guide(guide_index, audience=Audience.REFERRING_CLINICIAN)

    html = client.get("/en/guides/", {"audience": Audience.COORDINATOR}).content.decode()

    assert guide_titles(html) == []
    assert "There are no guides for this audience yet." in html


def test_guide_index_paginates_and_keeps_the_audience_filter(client, guide_index):
    for number in range(GUIDES_PER_PAGE + 2):
        make_guide(guide_index, title=f"Coordinator guide {number:02}", audience=Audience.COORDINATOR, steps=1)
    make_guide(guide_index, title="Referring guide", audience=Audience.REFERRING_CLINICIAN, steps=1)

    first = client.get("/en/guides/", {"audience": Audience.COORDINATOR}).content.decode()
    second = client.get("/en/guides/", {"audience": Audience.COORDINATOR, "page": 2}).content.decode()

    assert len(guide_titles(first)) == GUIDES_PER_PAGE
    assert guide_titles(second) == ["Coordinator guide 10", "Coordinator guide 11"]
    assert "?audience=coordinator&amp;page=2" in first


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_guide_index_query_count_does_not_grow_with_the_number_of_guides(
    client, guide_index, django_assert_num_queries
):
    for _ in range(3):
        make_guide(guide_index, steps=2, pdf=PdfDocumentFactory())
    client.get("/en/guides/")  # warm per-process caches (site root paths, settings)
    with_three = count_queries(client, "/en/guides/")

    for _ in range(97):
        make_guide(guide_index, steps=2, pdf=PdfDocumentFactory())
    assert GuidePage.objects.child_of(guide_index).count() == 100

    with django_assert_num_queries(with_three):
        response = client.get("/en/guides/")
    assert len(guide_titles(response.content.decode())) == GUIDES_PER_PAGE


def test_guide_page_query_count_does_not_grow_with_the_number_of_steps(client, guide_index, django_assert_num_queries):
    short = GuidePageFactory(parent=guide_index)
    long = GuidePageFactory(parent=guide_index)
    for number in range(2):
        GuideStepFactory(page=short, sort_order=number, screenshot=wagtail_factories.ImageFactory(),
                         screenshot_alt="Screen")  # fmt: skip
    for number in range(30):
        GuideStepFactory(page=long, sort_order=number, screenshot=wagtail_factories.ImageFactory(),
                         screenshot_alt="Screen")  # fmt: skip
    # The first view of each page creates the image renditions; measure afterwards.
    client.get(short.url)
    client.get(long.url)
    with_two = count_queries(client, short.url)

    with django_assert_num_queries(with_two):
        response = client.get(long.url)
    assert response.content.decode().count('<li class="guide-step') == 30


def test_guides_are_found_by_site_search_through_their_step_text(client, guide_index):
    guide = GuidePageFactory(parent=guide_index, title="Second factor set-up", live=False)
    guide.steps = [GuideStep(title="Install an app", text="<p>Install an authenticator app on your phone.</p>")]
    guide.save_revision().publish()

    html = client.get("/en/search/", {"q": "authenticator"}).content.decode()
    assert "Second factor set-up" in html

    # An edited step is found as soon as the edit is published, not one save later.
    guide.refresh_from_db()
    guide.steps = [GuideStep(title="Install an app", text="<p>Use a hardware security key instead.</p>")]
    guide.save_revision().publish()

    assert "Second factor set-up" in client.get("/en/search/", {"q": "hardware"}).content.decode()
    assert "Second factor set-up" not in client.get("/en/search/", {"q": "authenticator"}).content.decode()
