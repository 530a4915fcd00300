"""Page links keep every filter of the current query string, whatever characters it holds."""

from django.template import Context, Template
from django.test import RequestFactory


def _link(query, number):
    request = RequestFactory().get("/en/cases/", query)
    return Template("{% load portal_tags %}{% page_query number %}").render(
        Context({"request": request, "number": number})
    )


def test_only_the_page_changes_and_values_are_encoded():
    link = _link({"q": "größe & extra = 1", "status": "draft", "page": "1"}, 2)
    assert link == "?q=gr%C3%B6%C3%9Fe+%26+extra+%3D+1&amp;status=draft&amp;page=2"


def test_without_a_query_the_link_is_just_the_page():
    assert _link({}, 3) == "?page=3"
