"""wagtail-localize translates the FAQ's nested categories and questions with the page."""

import pytest
from wagtail.models import Locale

from faq.models import FAQPage, FAQQuestion
from portal.demo import translate
from tests.faq.factories import category, faq_page, question

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_faq(home_page):
    Locale.objects.get_or_create(language_code="de")
    return faq_page(
        home_page,
        [
            category(
                "Signing in",
                [question("A new phone", "<p>Use a recovery code.</p>", anchor="new-phone")],
            )
        ],
    )


GERMAN = {
    "Troubleshooting FAQ": "Häufige Probleme",
    "Signing in": "Anmeldung",
    "A new phone": "Ein neues Telefon",
    "Use a recovery code.": "Verwenden Sie einen Wiederherstellungscode.",
}


def test_german_faq_shows_german_questions_under_the_same_anchor(client, english_faq):
    german = translate(english_faq, "de", GERMAN)
    assert german.locale.language_code == "de"

    response = client.get("/de/faq/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ein neues Telefon" in html
    assert "Verwenden Sie einen Wiederherstellungscode." in html
    assert "Anmeldung" in html
    assert "A new phone" not in html
    assert 'id="new-phone"' in html


def test_translated_questions_are_separate_rows_in_the_target_locale(english_faq):
    german = translate(english_faq, "de", GERMAN)
    german = FAQPage.objects.get(pk=german.pk)
    (german_question,) = [q for c in german.categories.all() for q in c.questions.all()]
    english_question = FAQQuestion.objects.get(locale__language_code="en")
    assert german_question.pk != english_question.pk
    assert german_question.translation_key == english_question.translation_key
    assert german_question.locale.language_code == "de"
    assert german.categories.get().locale.language_code == "de"


def test_updating_the_source_keeps_one_german_question_per_english_one(english_faq):
    translate(english_faq, "de", GERMAN)
    translate(english_faq, "de", GERMAN)
    assert FAQQuestion.objects.filter(locale__language_code="de").count() == 1
