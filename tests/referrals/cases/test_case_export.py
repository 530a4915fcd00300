"""The case export (issue 7 §8): a pseudonymised PDF summary, open to whoever can open the case, read-audited once."""

import io

import pytest
from django.urls import reverse
from django.utils.formats import date_format
from pypdf import PdfReader

from referrals.models import CaseAccessLog, Contribution, InformationRequest
from referrals.models.cases import CaseAccessAction

from .access_matrix import assert_answer, body_of, matrix_cases, matrix_ids, user_for
from .factories import SENTINEL_BIRTH_DATE, SENTINEL_NAME, SENTINEL_NATIONAL_ID, SENTINEL_RECORD_NUMBER

pytestmark = pytest.mark.django_db

# Expected per role, in access_matrix.ROLES order: the same people as the case page.
EXPECTED = {"case_export": ("get", [200, 200, 200, 200, 404, 404, "login", 200, 404, 200])}
CASES = matrix_cases(EXPECTED)


def _url(world):
    return reverse("referrals:case_export", kwargs={"uuid": world.case.uuid})


def _text(response):
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body_of(response))).pages)
    return " ".join(text.split())  # lines wrap wherever the page is full


@pytest.mark.parametrize(("url_name", "role", "expected"), CASES, ids=matrix_ids(CASES))
def test_the_export_answers_each_role_like_the_case_page(world, mfa_client, url_name, role, expected):
    user = user_for(world, role)
    response = mfa_client(user).get(_url(world))
    assert_answer(response, expected)
    exports = CaseAccessLog.objects.filter(action=CaseAccessAction.EXPORT_CASE, actor=user)
    if expected == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'attachment; filename="{world.case.reference}-summary.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"].startswith("default-src 'none'")
        assert body_of(response).startswith(b"%PDF-")
        entry = exports.get()  # exactly one entry per export
        assert entry.case == world.case and entry.object_id == str(world.case.uuid)
    else:
        assert not exports.exists()


def test_the_export_holds_the_case_and_its_discussion_but_never_the_identity(world, mfa_client):
    Contribution.objects.create(case=world.case, author=world.panel_member, body="<p>Consider a buccal graft.</p>")
    InformationRequest.objects.create(case=world.case, requested_by=world.panel_lead, question="Any prior flaps?")
    world.case.question = "Which reconstruction would the panel advise?"
    world.case.save()
    for user in (world.owner, world.panel_member):  # the owner's centre too: a file travels further than a page
        text = _text(mfa_client(user).get(_url(world)))
        assert world.case.reference in text and world.case.title in text
        assert world.patient.pseudonym in text
        assert "Which reconstruction would the panel advise?" in text
        assert "Three failed repairs." in text  # the clinical summary
        assert "Consider a buccal graft." in text and "Any prior flaps?" in text and "Not answered yet." in text
        assert "legal responsibility" in text
        birth = SENTINEL_BIRTH_DATE
        dates = (birth.isoformat(), date_format(birth, "DATE_FORMAT"), date_format(birth, "SHORT_DATE_FORMAT"))
        for sentinel in (SENTINEL_NAME, SENTINEL_NATIONAL_ID, SENTINEL_RECORD_NUMBER, *dates):
            assert sentinel not in text, sentinel


def test_the_case_page_offers_the_export(world, mfa_client):
    content = mfa_client(world.panel_member).get(reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid}))
    assert f'href="{_url(world)}" download' in content.content.decode()
