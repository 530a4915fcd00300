"""The public referral check, step by step, and the referral request with e-mail verification."""

import re

import pytest
import time_machine
from django.core import mail
from wagtail.models import Locale

from home.network import ExpertiseArea, Workstream
from referrals.models import NationalContactPoint, ReferralCheckPage, ReferralRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def area(db):
    english = Locale.objects.get_or_create(language_code="en")[0]
    workstream = Workstream.objects.create(name="Rare congenital uro-recto-genital anomalies", locale=english)
    ExpertiseArea.objects.create(
        workstream=workstream, name="Posterior urethral valves", synonyms="PUV, urethral valves", locale=english
    )
    return ExpertiseArea.objects.create(
        workstream=workstream, name="Bladder exstrophy", synonyms="exstrophy-epispadias complex", locale=english
    )


@pytest.fixture
def refer_page(home_page):
    page = ReferralCheckPage(title="Refer a patient", slug="refer")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


BASE = "/en/refer/"


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (Celery e-mails are enqueued after commit) as a real commit would."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


def answer_all(client, area, **overrides):
    answers = {
        "country": "NL",
        "condition": str(area.pk),
        "contact-point": "yes",
        "consent": "yes",
        "effort": "yes",
        "liability": "yes",
        **overrides,
    }
    for step in ["country", "condition", "contact-point", "consent", "effort", "liability"]:
        field = step if step in ("country", "condition") else "answer"
        response = client.post(f"{BASE}step/{step}/", {field: answers[step]})
        assert response.status_code == 302, (step, response.content.decode()[:500])
    return client.get(f"{BASE}result/")


def test_start_page_lists_the_steps(client, refer_page):
    html = client.get(BASE).content.decode()
    assert "In which country is the treating hospital?" in html
    assert f'href="{BASE}step/country/"' in html


def test_eligible_path(client, refer_page, area):
    response = answer_all(client, area)
    html = response.content.decode()
    assert "Your patient&#x27;s case can be referred to the network." in html or "can be referred" in html
    assert f'href="{BASE}request/"' in html


def test_not_eligible_outside_eu_explains_why_and_what_to_do(client, refer_page, area):
    html = answer_all(client, area, country="outside").content.decode()
    assert "Not eligible" in html
    assert "EU or EEA member states" in html
    assert "What you can do instead" in html
    assert f'href="{BASE}request/"' not in html


def test_not_sure_needs_coordinator_review(client, refer_page, area):
    html = answer_all(client, area, condition="not-sure").content.decode()
    assert "Needs coordinator review" in html
    assert f'href="{BASE}request/"' in html


@pytest.mark.parametrize("step", ["consent", "effort", "liability"])
def test_saying_no_makes_it_not_eligible(client, refer_page, area, step):
    html = answer_all(client, area, **{step: "no"}).content.decode()
    assert "Not eligible" in html


def test_result_before_answering_sends_the_visitor_to_the_first_open_step(client, refer_page):
    response = client.get(f"{BASE}result/")
    assert response.status_code == 302
    assert response["Location"].endswith("step/country/")


def test_going_back_keeps_the_answers(client, refer_page, area):
    client.post(f"{BASE}step/country/", {"country": "DE"})
    html = client.get(f"{BASE}step/country/").content.decode()
    assert re.search(r'<option value="DE" selected>', html)
    condition_html = client.get(f"{BASE}step/condition/").content.decode()
    assert f'href="{BASE}step/country/"' in condition_html  # the Back link


def test_condition_search_by_synonym(client, refer_page, area):
    html = client.get(f"{BASE}step/condition/", {"q": "epispadias"}).content.decode()
    assert "Bladder exstrophy" in html
    assert "Posterior urethral valves" not in html
    assert "not sure" in html


def test_contact_point_step_shows_the_countrys_contact(client, refer_page, area):
    NationalContactPoint.objects.create(
        country="NL", name="Dutch NCP", email="ncp@example.org", locale=Locale.objects.get(language_code="en")
    )
    client.post(f"{BASE}step/country/", {"country": "NL"})
    html = client.get(f"{BASE}step/contact-point/").content.decode()
    assert "Dutch NCP" in html and "ncp@example.org" in html


def test_invalid_step_answer_shows_an_error_and_stays(client, refer_page):
    response = client.post(f"{BASE}step/country/", {"country": "XX"})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()


REQUEST = {
    "clinician_name": "Dr Ana Costa",
    "email": "a.costa@hospital.example.org",
    "hospital": "Hospital de Santa Maria",
    "country": "PT",
    "specialty": "Paediatric urology",
    "clinical_question": "11-year-old girl after failed primary closure: options for continence surgery?",
    "urgency": "routine",
    "urgency_reason": "",
}


def test_request_is_verified_by_email_before_reaching_the_queue(client, refer_page, area, committing):
    answer_all(client, area)
    response = committing(client.post, f"{BASE}request/", REQUEST)
    assert response.status_code == 302
    referral = ReferralRequest.objects.get()
    assert referral.status == ReferralRequest.Status.UNVERIFIED
    assert referral.expertise_area == area
    assert ReferralRequest.objects.in_queue().count() == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["a.costa@hospital.example.org"]
    assert "continence" not in message.body  # no clinical content in e-mails
    link = re.search(r"http://testserver(/en/refer/confirm/\?token=\S+)", message.body).group(1)

    confirmed = committing(client.get, link)
    assert confirmed.status_code == 200
    referral.refresh_from_db()
    assert referral.status == ReferralRequest.Status.NEW
    assert referral.reference in confirmed.content.decode()
    assert ReferralRequest.objects.in_queue().count() == 1
    assert len(mail.outbox) == 2 and referral.reference in mail.outbox[1].body

    again = committing(client.get, link)
    assert "already confirmed" in again.content.decode()
    assert len(mail.outbox) == 2


def test_tampered_link_is_rejected_clearly(client, refer_page, area, committing):
    answer_all(client, area)
    committing(client.post, f"{BASE}request/", REQUEST)
    link = re.search(r"http://testserver(/en/refer/confirm/\?token=\S+)", mail.outbox[0].body).group(1)
    response = client.get(link[:-3] + "xx")
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    assert ReferralRequest.objects.get().status == ReferralRequest.Status.UNVERIFIED


def test_expired_link_is_rejected_clearly(client, refer_page, area, committing):
    with time_machine.travel("2026-11-01 10:00Z", tick=False):
        answer_all(client, area)
        committing(client.post, f"{BASE}request/", REQUEST)
    link = re.search(r"http://testserver(/en/refer/confirm/\?token=\S+)", mail.outbox[0].body).group(1)
    with time_machine.travel("2026-11-05 10:00Z", tick=False):
        response = client.get(link)
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()


@pytest.mark.parametrize(
    "question",
    [
        "Maria Rossi, born 12/03/2014, after failed closure",
        "Please call me on +351 21 780 5000",
        "Patient e-mail maria@example.org",
        "Codice fiscale RSSMRA85C52H501Z",
    ],
)
def test_patient_identifiers_are_rejected_and_nothing_is_lost(client, refer_page, area, question):
    answer_all(client, area)
    response = client.post(f"{BASE}request/", {**REQUEST, "clinical_question": question})
    html = response.content.decode()
    assert response.status_code == 200
    assert "could identify the patient" in html
    assert "Dr Ana Costa" in html  # the rest of the input is kept
    assert ReferralRequest.objects.count() == 0
    assert mail.outbox == []


def test_urgent_requests_need_a_reason(client, refer_page, area):
    answer_all(client, area)
    response = client.post(f"{BASE}request/", {**REQUEST, "urgency": "urgent"})
    assert "Please say why the request is urgent." in response.content.decode()


def test_honeypot_fakes_success_and_stores_nothing(client, refer_page, area):
    answer_all(client, area)
    response = client.post(f"{BASE}request/", {**REQUEST, "website": "http://spam.example"})
    assert response.status_code == 302
    assert ReferralRequest.objects.count() == 0
    assert mail.outbox == []


def test_requests_are_rate_limited(client, refer_page, area, settings):
    settings.REFERRAL_REQUEST_RATE = "2/h"
    for _ in range(2):
        answer_all(client, area)
        assert client.post(f"{BASE}request/", REQUEST).status_code == 302
    answer_all(client, area)
    response = client.post(f"{BASE}request/", REQUEST)
    assert response.status_code == 200
    assert "Too many requests" in response.content.decode()
    assert "Dr Ana Costa" in response.content.decode()
    assert ReferralRequest.objects.count() == 2


def test_not_eligible_visitors_cannot_reach_the_request_form(client, refer_page, area):
    answer_all(client, area, country="outside")
    response = client.get(f"{BASE}request/")
    assert response.status_code == 302
    assert response["Location"].endswith("/result/")
