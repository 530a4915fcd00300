"""The demo's cases (issue 7 §9): several states, real documents with a de-identified DICOM study, a panel of
expert1 and expert2 with contributions, so every screen has something real on it."""

import io
import zipfile

import pytest
from wagtail.models import Locale

from home.demo_network import build_network
from referrals.case_demo import build as build_cases
from referrals.demo import build_users
from referrals.models import Case, CaseDocument, Contribution, InformationRequest, PanelMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_cases():
    Locale.objects.get_or_create(language_code="en")
    build_network({})
    build_users({})
    build_cases({})


def test_the_demo_has_cases_in_several_states(demo_cases):
    assert set(Case.objects.values_list("status", flat=True)) >= {"draft", "submitted", "in_review"}
    assert Case.objects.filter(owner__email="clinician@demo.example").count() >= 4


def test_the_demo_guest_keeps_a_patient_of_their_own_with_a_draft_case(demo_cases):
    from referrals.models import Patient

    guest_case = Case.objects.get(owner__email="guest@demo.example")
    patient = guest_case.patient
    assert guest_case.status == "draft" and patient.owner_centre is None
    assert patient.created_by.email == "guest@demo.example" and patient.consent_records.exists()
    guest = patient.created_by
    assert guest.has_perm("referrals.view_patient_identity", patient)
    clinician = Patient.objects.exclude(pk=patient.pk).first().created_by
    assert not clinician.has_perm("referrals.view_patient", patient)


def test_the_demo_documents_went_through_the_upload_pipeline(demo_cases):
    types = set(CaseDocument.objects.values_list("file_type", flat=True))
    assert {"pdf", "png", "dicom_zip"} <= types
    study = CaseDocument.objects.get(file_type="dicom_zip")
    assert study.metadata["deidentified"] is True and study.metadata["instances"] >= 2 and study.preview
    patient = study.case.patient
    with study.file.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        for name in archive.namelist():
            member = archive.read(name)
            # The generated study carried the demo patient's name and record number; the stored copy does not.
            assert patient.full_name.split()[-1].encode() not in member
            assert patient.local_record_number.encode() not in member
            assert patient.pseudonym.encode() in member


def test_expert1_and_expert2_form_a_panel_with_contributions_and_a_question(demo_cases):
    review = Case.objects.get(title__startswith="Penile squamous cell carcinoma")
    panel = dict(review.panel_memberships.values_list("user__email", "role"))
    assert panel == {"expert1@demo.example": "lead", "expert2@demo.example": "member"}
    assert set(Contribution.objects.filter(case=review).values_list("author__email", flat=True)) == set(panel)
    assert Contribution.objects.filter(case=review, referenced_documents__isnull=False).exists()
    assert InformationRequest.objects.filter(case=review, answered_at__isnull=True).exists()
    # The submitted case waits for both experts to answer their invitations.
    assert PanelMembership.objects.filter(case__status="submitted", status="invited").count() == 2


def test_loading_the_demo_cases_twice_changes_nothing(demo_cases):
    from referrals.models import Notification

    models = (Case, CaseDocument, Contribution, InformationRequest, Notification)
    counts = [model.objects.count() for model in models]
    build_cases({})
    assert [model.objects.count() for model in models] == counts


def test_the_demo_users_have_unread_notifications_to_open(demo_cases):
    from referrals.models import Notification

    unread = Notification.objects.filter(read_at__isnull=True)
    for email in ("clinician@demo.example", "expert1@demo.example", "expert2@demo.example", "coordinator@demo.example"):
        assert unread.filter(recipient__email=email).exists(), email
