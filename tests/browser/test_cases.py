"""The case workspace in a real browser: the demo clinician enrols a patient, records care consent,
opens a case and submits it; the pages pass axe and load nothing from other hosts.

Panels, discussion and uploads with a progress bar come with the next part of issue 7.
"""

import datetime

import pytest

from portal.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from referrals.models import AuditAction, AuditEvent, Case, CaseStatus, Patient

from .test_accessibility import serious_violations
from .test_accounts import accounts_site, sign_in  # noqa: F401 - the fixture is used by name

pytestmark = pytest.mark.browser


def test_clinician_enrols_a_patient_records_consent_opens_and_submits_a_case(
    page,
    live_server,
    accounts_site,  # noqa: F811 - pytest injects the imported fixture
    third_party_requests,
):
    base = live_server.url
    sign_in(page, base, "clinician@demo.example", DEMO_PASSWORD, DEMO_TOTP_SECRET)

    page.goto(base + "/en/cases/patients/new/")
    page.get_by_label("Full name").fill("Browser Testpatient")
    page.get_by_label("Date of birth").fill("2015-06-01")
    page.get_by_label("Sex").select_option("male")
    page.get_by_label("National identifier").fill("BT-123")
    page.get_by_role("button", name="Enrol the patient").click()
    page.wait_for_load_state()
    patient = Patient.objects.get()
    assert patient.pseudonym in page.locator("h1").inner_text()
    assert serious_violations(page) == []

    page.get_by_role("link", name="Open a case for this patient").click()
    page.get_by_label("Title").fill("Persistent dilatation after valve ablation")
    page.get_by_label("Workstream and expertise area").select_option(index=1)
    page.get_by_label("ICD-10 code").fill("Q64.2")
    page.get_by_label("Clinical summary").fill("<p>Valves ablated as a neonate.</p>")
    page.get_by_label("Question for the panel").fill("Which bladder management would the panel advise?")
    page.get_by_label("No documents to share").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    case = Case.objects.get()
    assert page.url == f"{base}/en/cases/{case.uuid}/"
    assert "Missing:" in page.content()  # care consent is not recorded yet
    assert serious_violations(page) == []

    page.get_by_role("link", name="Consent", exact=True).click()
    page.get_by_label("Purpose").select_option("care")
    page.get_by_label("Date consent was given").fill((datetime.date.today() - datetime.timedelta(days=1)).isoformat())
    page.get_by_label("Language of the consent form").select_option("en")
    page.get_by_label("Version of the consent form").fill("3.0")
    page.get_by_role("button", name="Record consent").last.click()
    page.wait_for_load_state()
    assert "The consent was recorded." in page.content()
    assert serious_violations(page) == []

    page.goto(f"{base}/en/cases/{case.uuid}/")
    assert "Missing:" not in page.content()
    page.get_by_role("link", name="Submit").click()
    page.get_by_role("button", name="Submit the case").click()
    page.wait_for_load_state()
    assert "The case was submitted." in page.content()
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED
    assert AuditEvent.objects.filter(action=AuditAction.CASE_SUBMITTED, target_id=str(case.uuid)).exists()
    assert third_party_requests == []
