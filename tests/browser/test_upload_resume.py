"""A chunked upload survives network breaks in a real browser: chunks that fail on the way are sent again
after upload.js asks the server how much it has, and the file arrives whole, byte for byte."""

import datetime
import hashlib
import os
import re

import pytest
from django.contrib.auth import get_user_model

from portal.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from referrals.models import CaseDocument, DocumentUpload
from referrals.services.consent import record_consent
from referrals.services.patients import enrol_patient
from tests.referrals.cases.factories import make_case

from .test_accounts import accounts_site, sign_in  # noqa: F401 - the fixture is used by name

pytestmark = pytest.mark.browser


@pytest.fixture
def draft_case(accounts_site, settings, tmp_path):  # noqa: F811 - pytest injects the imported fixture
    from home.network import ExpertiseArea

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.CASE_UPLOAD_CHUNK_SIZE = 128 * 1024
    clinician = get_user_model().objects.get(email="clinician@demo.example")
    patient = enrol_patient(
        by=clinician, full_name="Resume Testpatient", date_of_birth=datetime.date(2012, 2, 2), sex="female"
    )
    record_consent(
        patient, by=clinician, purpose="care", given_on=datetime.date.today(), form_language="en", form_version="3.0"
    )
    return make_case(patient=patient, owner=clinician, area=ExpertiseArea.objects.first())


def test_chunks_lost_to_network_breaks_are_sent_again_and_the_file_arrives_whole(
    page, live_server, draft_case, tmp_path
):
    base = live_server.url
    sign_in(page, base, "clinician@demo.example", DEMO_PASSWORD, DEMO_TOTP_SECRET)
    seen = {"put": 0, "broken": 0, "status_checks": 0}

    def network(route, request):
        if request.method == "PUT":
            seen["put"] += 1
            if seen["put"] in (3, 7):  # the connection drops on the third and seventh chunk
                seen["broken"] += 1
                return route.abort("connectionreset")
        elif request.method == "GET":
            seen["status_checks"] += 1
        return route.continue_()

    page.route(re.compile(r".*/uploads/[0-9a-f-]{36}/$"), network)
    content = b"%PDF-1.4\n" + os.urandom(1024 * 1024) + b"\n%%EOF\n"
    report = tmp_path / "report.pdf"
    report.write_bytes(content)
    page.goto(f"{base}/en/cases/{draft_case.uuid}/documents/new/")
    page.get_by_label("What does the file show?").fill("Urodynamics report")
    page.get_by_label("File", exact=True).set_input_files(str(report))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url(re.compile(r"/documents/[0-9a-f-]{36}/\?added=1$"), timeout=90_000)

    assert seen["broken"] == 2 and seen["status_checks"] >= 2  # it asked where to resume after each break
    document = CaseDocument.objects.get()
    assert document.sha256 == hashlib.sha256(content).hexdigest() and document.size == len(content)
    assert DocumentUpload.objects.get().status == "done"
