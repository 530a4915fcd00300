"""Guides are translated with wagtail-localize, steps included: their text is part of the page's translation."""

import pytest
from wagtail_localize.models import StringSegment, TranslationSource

from guides.models import GuidePage, GuideStep
from portal.demo import translate

from .factories import GuideIndexPageFactory, GuidePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(home_page):
    index = GuideIndexPageFactory(parent=home_page)
    guide = GuidePageFactory(parent=index, title="Refer a case", slug="refer-a-case", introduction="How to refer.")
    guide.steps = [
        GuideStep(title="Check eligibility", text="<p>The hospital must be in the EU or EEA.</p>"),
        GuideStep(title="Send the request", text="<p>Describe the question without identifying the patient.</p>"),
    ]
    guide.save_revision().publish()
    translate(index, "de", {"Guides": "Anleitungen"})
    return GuidePage.objects.get(pk=guide.pk)


GERMAN = {
    "Refer a case": "Einen Fall überweisen",
    "How to refer.": "So überweisen Sie.",
    "Check eligibility": "Eignung prüfen",
    "The hospital must be in the EU or EEA.": "Die Klinik muss in der EU oder im EWR liegen.",
    "Send the request": "Anfrage senden",
    "Describe the question without identifying the patient.": (
        "Beschreiben Sie die Frage, ohne die Patientin oder den Patienten zu identifizieren."
    ),
}


def test_step_title_and_text_are_translatable_segments_of_the_guide(guide):
    source, _created = TranslationSource.get_or_create_from_instance(guide)

    segments = {
        segment.string.data: segment.context.path
        for segment in StringSegment.objects.filter(source=source).select_related("string", "context")
    }

    step = guide.steps.get(title="Check eligibility")
    assert segments["Check eligibility"] == f"steps.{step.translation_key}.title"
    assert segments["The hospital must be in the EU or EEA."].startswith(f"steps.{step.translation_key}.text")
    assert "Send the request" in segments


def test_translating_a_guide_gives_a_german_page_with_german_steps(client, guide):
    german = translate(guide, "de", GERMAN)

    assert german.locale.language_code == "de"
    assert german.live
    assert [s.title for s in german.steps.all()] == ["Eignung prüfen", "Anfrage senden"]
    assert {s.locale.language_code for s in german.steps.all()} == {"de"}
    html = client.get(german.url).content.decode()
    assert "<h1>Einen Fall überweisen</h1>" in html
    assert "Die Klinik muss in der EU oder im EWR liegen." in html
    assert "The hospital must be in the EU or EEA." not in html
    # The English page is untouched.
    assert [s.title for s in guide.steps.all()] == ["Check eligibility", "Send the request"]


def test_a_step_added_to_the_english_guide_reaches_the_translation(guide):
    translate(guide, "de", GERMAN)
    guide.steps.add(GuideStep(title="Obtain consent", text="<p>Use the form in the patient's language.</p>"))
    guide.save_revision().publish()

    german = translate(guide, "de", {**GERMAN, "Obtain consent": "Einwilligung einholen"})

    assert [s.title for s in german.steps.all()] == ["Eignung prüfen", "Anfrage senden", "Einwilligung einholen"]
