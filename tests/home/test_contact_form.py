"""Contact form: stored submissions, e-mail to the helpdesk via Celery, honeypot and per-IP rate limit."""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Locale, Site

from home.contact import HONEYPOT_FIELD
from home.models import SiteSettings
from home.tasks import send_contact_submission
from portal.demo import translate
from tests.home.network_factories import contact_page

pytestmark = pytest.mark.django_db

VALID = {
    "your_name": "Dr Ana Ruiz",
    "your_e_mail_address": "ana.ruiz@hospital.example",
    "topic": "Signing in",
    "your_message": "My authenticator shows no pending sign-in.",
}


@pytest.fixture
def helpdesk(home_page):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.helpdesk_email = "helpdesk@example.org"
    site_settings.save()
    return site_settings


@pytest.fixture
def page(home_page, helpdesk):
    return contact_page(home_page)


def post(client, page, data, capture, **extra):
    with capture(execute=True):
        return client.post(page.url, data, **extra)


def test_form_renders_labelled_fields_and_a_hidden_honeypot(client, page):
    html = client.get(page.url).content.decode()
    for field in ["your_name", "your_e_mail_address", "topic", "your_message"]:
        assert f'for="id_{field}"' in html
    honeypot = html[html.index('<div class="contact-hp"') :]
    honeypot = honeypot[: honeypot.index("</div>")]
    assert 'aria-hidden="true"' in honeypot
    assert 'tabindex="-1"' in honeypot
    assert 'autocomplete="off"' in honeypot
    assert f'name="{HONEYPOT_FIELD}"' in honeypot
    assert "home/contact.css" in html
    assert " style=" not in html  # strict CSP: no inline styles


def test_submission_is_stored_and_emailed_to_the_helpdesk(client, page, django_capture_on_commit_callbacks):
    response = post(client, page, VALID, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Thank you, your message has been sent" in response.content.decode()

    submission = FormSubmission.objects.get(page=page)
    assert submission.form_data == VALID  # and nothing else: no honeypot, no IP
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["helpdesk@example.org"]
    assert message.reply_to == ["ana.ruiz@hospital.example"]
    assert message.subject == "Contact form"
    assert "Your message: My authenticator shows no pending sign-in." in message.body
    assert "127.0.0.1" not in message.body


def test_page_to_address_takes_precedence_over_the_helpdesk_setting(
    client, home_page, helpdesk, django_capture_on_commit_callbacks
):
    page = contact_page(home_page, to_address="access@example.org, support@example.org")
    post(client, page, VALID, django_capture_on_commit_callbacks)
    assert mail.outbox[0].to == ["access@example.org", "support@example.org"]


def test_email_waits_for_the_transaction_to_commit(client, page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(page.url, VALID)
    assert FormSubmission.objects.filter(page=page).count() == 1
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_invalid_submission_shows_errors_and_stores_nothing(client, page, django_capture_on_commit_callbacks):
    response = post(
        client, page, {**VALID, "your_e_mail_address": "not-an-address"}, django_capture_on_commit_callbacks
    )
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_bot_filling_the_honeypot_gets_a_fake_success_and_nothing_is_stored(
    client, page, django_capture_on_commit_callbacks
):
    response = post(client, page, {**VALID, HONEYPOT_FIELD: "http://spam.example"}, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Thank you, your message has been sent" in response.content.decode()
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_sixth_submission_in_ten_minutes_is_refused_with_the_input_kept(
    client, page, django_capture_on_commit_callbacks
):
    for _attempt in range(5):
        assert post(client, page, VALID, django_capture_on_commit_callbacks).status_code == 200
    response = post(client, page, {**VALID, "your_message": "Sixth try"}, django_capture_on_commit_callbacks)
    assert response.status_code == 429
    html = response.content.decode()
    assert "You have sent several messages in a short time." in html
    assert 'value="Dr Ana Ruiz"' in html
    assert "Sixth try" in html
    assert FormSubmission.objects.count() == 5
    assert len(mail.outbox) == 5


def test_rate_limit_is_per_ip(client, page, django_capture_on_commit_callbacks):
    for _attempt in range(5):
        post(client, page, VALID, django_capture_on_commit_callbacks, REMOTE_ADDR="192.0.2.1")
    response = post(client, page, VALID, django_capture_on_commit_callbacks, REMOTE_ADDR="192.0.2.2")
    assert response.status_code == 200
    assert FormSubmission.objects.count() == 6


class FlakySMTPBackend(EmailBackend):
    """Fails twice like an unreachable SMTP server, then delivers to mail.outbox."""

    failures_left = 2

    def send_messages(self, messages):
        if FlakySMTPBackend.failures_left:
            FlakySMTPBackend.failures_left -= 1
            raise smtplib.SMTPServerDisconnected("connection lost")
        return super().send_messages(messages)


def test_task_retries_on_smtp_errors_until_the_mail_goes_out(page, settings, monkeypatch):
    settings.EMAIL_BACKEND = f"{__name__}.FlakySMTPBackend"
    FlakySMTPBackend.failures_left = 2
    # Without propagation, eager Celery runs the retries in-process instead of raising Retry.
    monkeypatch.setitem(send_contact_submission.app.conf, "task_eager_propagates", False)
    submission = FormSubmission.objects.create(page=page, form_data=VALID)
    result = send_contact_submission.apply(args=[submission.pk], throw=False)
    assert result.successful()
    assert FlakySMTPBackend.failures_left == 0
    assert len(mail.outbox) == 1


def test_without_any_helpdesk_address_the_submission_is_kept_and_nothing_sent(
    client, home_page, django_capture_on_commit_callbacks
):
    page = contact_page(home_page)  # no to_address, no helpdesk_email in the site settings
    post(client, page, VALID, django_capture_on_commit_callbacks)
    assert FormSubmission.objects.filter(page=page).count() == 1
    assert mail.outbox == []


def test_german_contact_page_has_german_labels_and_stores_under_the_same_keys(
    client, page, django_capture_on_commit_callbacks
):
    Locale.objects.get_or_create(language_code="de")
    german = translate(page, "de", {"Your name": "Ihr Name", "Your message": "Ihre Nachricht", "Topic": "Thema"})
    html = client.get(german.url).content.decode()
    assert "Ihr Name" in html
    assert "Ihre Nachricht" in html
    post(client, german, VALID, django_capture_on_commit_callbacks)
    submission = FormSubmission.objects.get(page=german)
    assert set(submission.form_data) == set(VALID)
    assert "Ihre Nachricht: My authenticator shows no pending sign-in." in mail.outbox[0].body
