"""The clinical workspace in a real browser, each step done by the person who does it (issue 7):

1. the clinician enrols a patient, records consent, uploads a document while the progress bar moves, submits;
2. the coordinator forms a panel;
3. an expert accepts, contributes and asks the owner for more information;
4. the owner answers the request.

Every page passes axe (no serious or critical violations) and nothing loads from another host.
"""

import datetime
import os
import re

import pytest

from portal.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from referrals.models import (
    AuditAction,
    AuditEvent,
    Case,
    CaseDocument,
    CaseStatus,
    Contribution,
    InformationRequest,
    PanelMembership,
    Patient,
)

from .test_accessibility import serious_violations
from .test_accounts import accounts_site, sign_in, sign_out  # noqa: F401 - the fixture is used by name

pytestmark = pytest.mark.browser

# Reports every value the upload's progress bar takes to the test, however fast the chunks go.
WATCH_PROGRESS = """() => {
    const bar = document.getElementById("upload-progress-bar");
    new MutationObserver(() => {
        if (bar.hasAttribute("value")) { window.recordProgress(Number(bar.value)); }
    }).observe(bar, {attributes: true});
}"""


def check(page, accessibility_failures):
    found = serious_violations(page)
    if found:
        accessibility_failures[page.url] = found
    assert page.locator("h1").count() == 1, page.url


@pytest.fixture
def private_files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    # Small chunks, so a 3 MB file goes in a dozen requests and the bar has steps to show.
    settings.CASE_UPLOAD_CHUNK_SIZE = 256 * 1024


def test_a_case_from_enrolment_to_the_panels_question_answered(
    page,
    live_server,
    accounts_site,  # noqa: F811 - pytest injects the imported fixture
    private_files,
    third_party_requests,
    tmp_path,
):
    base = live_server.url
    failures = {}

    # 1. The clinician: enrol, open a case, record consent, upload, submit.
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
    check(page, failures)

    page.get_by_role("link", name="Open a case for this patient").click()
    page.get_by_label("Title").fill("Persistent dilatation after valve ablation")
    page.get_by_label("Workstream and expertise area").select_option(index=1)
    page.get_by_label("ICD-10 code").fill("Q64.2")
    page.get_by_label("Clinical summary").fill("<p>Valves ablated as a neonate.</p>")
    page.get_by_label("Question for the panel").fill("Which bladder management would the panel advise?")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    case = Case.objects.get()
    assert page.url == f"{base}/en/cases/{case.uuid}/"
    assert "Missing:" in page.content()  # neither consent nor a document yet
    check(page, failures)

    page.get_by_role("link", name="Consent", exact=True).click()
    page.get_by_label("Purpose").select_option("care")
    page.get_by_label("Date consent was given").fill((datetime.date.today() - datetime.timedelta(days=1)).isoformat())
    page.get_by_label("Language of the consent form").select_option("en")
    page.get_by_label("Version of the consent form").fill("3.0")
    page.get_by_role("button", name="Record consent").last.click()
    page.wait_for_load_state()
    assert "The consent was recorded." in page.content()

    page.goto(f"{base}/en/cases/{case.uuid}/")
    page.get_by_role("link", name="Add documents or imaging").first.click()
    page.wait_for_load_state()
    check(page, failures)
    report = tmp_path / "voiding-cystourethrogram.pdf"
    report.write_bytes(b"%PDF-1.4\n" + os.urandom(3 * 1024 * 1024) + b"\n%%EOF\n")
    page.get_by_label("What does the file show?").fill("Voiding cystourethrogram report")
    page.get_by_label("File", exact=True).set_input_files(str(report))
    values = []
    page.expose_function("recordProgress", lambda value: values.append(value))
    page.evaluate(WATCH_PROGRESS)
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url(re.compile(r"/documents/[0-9a-f-]{36}/\?added=1$"), timeout=60_000)
    assert "The file was checked and added to the case." in page.content()
    document = CaseDocument.objects.get()
    assert document.size == report.stat().st_size and document.file_type == "pdf"
    check(page, failures)
    steps = [value for value in values if 0 < value < 100]
    assert len(set(steps)) >= 3, values  # the bar moved through the upload
    assert steps == sorted(steps)

    page.goto(f"{base}/en/cases/{case.uuid}/")
    assert "Missing:" not in page.content()
    page.get_by_role("link", name="Submit").click()
    page.get_by_role("button", name="Submit the case").click()
    page.wait_for_load_state()
    assert "The case was submitted." in page.content()
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED
    sign_out(page)

    # 2. The coordinator forms the panel from the suggestions.
    sign_in(page, base, "coordinator@demo.example", DEMO_PASSWORD, DEMO_TOTP_SECRET)
    page.goto(f"{base}/en/cases/{case.uuid}/")
    page.get_by_role("link", name="Manage the panel").click()
    page.wait_for_load_state()
    check(page, failures)
    page.get_by_role("button", name="Invite as lead expert1@demo.example").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Invite expert2@demo.example", exact=True).click()
    page.wait_for_load_state()
    invited = dict(PanelMembership.objects.filter(case=case).values_list("user__email", "role"))
    assert invited == {"expert1@demo.example": "lead", "expert2@demo.example": "member"}
    check(page, failures)
    sign_out(page)

    # 3. The expert: the invitation on the dashboard, accept, contribute, ask for more information.
    sign_in(page, base, "expert1@demo.example", DEMO_PASSWORD, DEMO_TOTP_SECRET)
    page.goto(base + "/en/cases/?section=invitations")
    check(page, failures)
    page.get_by_role("link", name=case.reference).click()
    page.wait_for_load_state()
    assert case.title not in page.content()  # nothing clinical before accepting
    check(page, failures)
    page.get_by_role("button", name="Accept the invitation").click()
    page.wait_for_load_state()
    assert page.url == f"{base}/en/cases/{case.uuid}/"
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_REVIEW
    assert patient.full_name not in page.content() and "BT-123" not in page.content()
    page.get_by_label("Your contribution").fill("Start clean intermittent catheterisation; review in three months.")
    page.get_by_label("Voiding cystourethrogram report").check()
    page.get_by_role("button", name="Post the contribution").click()
    page.wait_for_load_state()
    contribution = Contribution.objects.get()
    assert list(contribution.referenced_documents.all()) == [document]
    assert "0 of 1 expert has contributed" not in page.content()
    page.get_by_label("What does the panel need to know?").fill("What is the current post-void residual?")
    page.get_by_role("button", name="Send the request").click()
    page.wait_for_load_state()
    assert "Awaiting information from the referring clinician" in page.content()
    check(page, failures)
    sign_out(page)

    # 4. The owner answers; the case no longer waits for them.
    sign_in(page, base, "clinician@demo.example", DEMO_PASSWORD, DEMO_TOTP_SECRET, step_offset=1)
    page.goto(base + "/en/cases/?section=information")
    page.get_by_role("link", name=case.reference).click()
    page.wait_for_load_state()
    assert "The panel asked you for more information" in page.content()
    page.get_by_label("Your answer").fill("About 40 ml after double voiding.")
    page.get_by_role("button", name="Send the answer").click()
    page.wait_for_load_state()
    assert "Awaiting information from the referring clinician" not in page.content()
    assert InformationRequest.objects.get().answered_by.email == "clinician@demo.example"
    check(page, failures)

    assert AuditEvent.objects.filter(action=AuditAction.INFORMATION_ANSWERED, extra__case=str(case.uuid)).exists()
    assert failures == {}
    assert third_party_requests == []
