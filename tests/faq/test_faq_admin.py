"""Editors build and reorder the FAQ in one admin edit screen (nested InlinePanels)."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from faq.models import FAQPage
from tests.faq.factories import category, faq_page, question

pytestmark = pytest.mark.django_db


def questions_of(page):
    return [[(q.question, q.anchor) for q in c.questions.all()] for c in page.categories.all()]


def test_editor_creates_a_faq_with_nested_categories_and_questions(admin_client_with_mfa, home_page):
    url = reverse("wagtailadmin_pages:add", args=("faq", "faqpage", home_page.pk))
    data = nested_form_data(
        {
            "title": "Troubleshooting FAQ",
            "slug": "faq",
            "introduction": "Common problems.",
            "categories": inline_formset(
                [
                    {
                        "title": "Signing in",
                        "questions": inline_formset(
                            [
                                {
                                    "question": "No push notification arrives",
                                    "answer": rich_text("<p>Open the app yourself.</p>"),
                                    "anchor": "no-push-notification",
                                },
                                {"question": "A new phone", "answer": rich_text("<p>Use a recovery code.</p>")},
                            ]
                        ),
                    },
                    {
                        "title": "Browsers",
                        "questions": inline_formset(
                            [{"question": "Blank pages", "answer": rich_text("<p>Use Chrome.</p>"), "anchor": ""}]
                        ),
                    },
                ]
            ),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client_with_mfa.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response

    page = FAQPage.objects.get(slug="faq")
    assert page.live
    assert [c.title for c in page.categories.all()] == ["Signing in", "Browsers"]
    assert questions_of(page) == [
        [("No push notification arrives", "no-push-notification"), ("A new phone", "a-new-phone")],
        [("Blank pages", "blank-pages")],
    ]
    assert page.categories.first().questions.first().locale_id == page.locale_id


def test_editor_reorders_categories_and_questions_in_one_edit(admin_client_with_mfa, home_page):
    page = faq_page(
        home_page,
        [
            category("First", [question("Q1", sort_order=0), question("Q2", sort_order=1)], sort_order=0),
            category("Second", [question("Q3", sort_order=0)], sort_order=1),
        ],
    )
    first, second = page.categories.all()
    q1, q2 = first.questions.all()
    (q3,) = second.questions.all()

    def existing_question(obj, order):
        return {"id": obj.pk, "question": obj.question, "answer": rich_text(obj.answer), "anchor": obj.anchor,
                "ORDER": str(order)}  # fmt: skip

    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "introduction": page.introduction,
            "categories": inline_formset(
                [
                    {
                        "id": first.pk,
                        "title": "First",
                        "ORDER": "1",
                        "questions": inline_formset([existing_question(q1, 1), existing_question(q2, 0)], initial=2),
                    },
                    {
                        "id": second.pk,
                        "title": "Second",
                        "ORDER": "0",
                        "questions": inline_formset([existing_question(q3, 0)], initial=1),
                    },
                ],
                initial=2,
            ),  # fmt: skip
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client_with_mfa.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    assert response.status_code == 302

    page = FAQPage.objects.get(pk=page.pk)
    assert [c.title for c in page.categories.all()] == ["Second", "First"]
    assert [[q for q, _anchor in questions] for questions in questions_of(page)] == [["Q3"], ["Q2", "Q1"]]
    # Ids survive a reorder, so links and translations keep pointing at the same rows.
    assert {q.pk for c in page.categories.all() for q in c.questions.all()} == {q1.pk, q2.pk, q3.pk}


def test_faq_edit_screen_shows_nested_question_panels(admin_client_with_mfa, home_page):
    page = faq_page(home_page, [category("Signing in", [question("A new phone")])])
    response = admin_client_with_mfa.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="categories-0-title"' in html
    assert 'name="categories-0-questions-0-question"' in html
