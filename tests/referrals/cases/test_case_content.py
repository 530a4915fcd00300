"""Case content: diagnosis codes validated by format, the clinical summary sanitised, forms that keep input."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from referrals.case_forms import CaseForm
from referrals.models import AuditAction, AuditEvent, Case, Patient
from referrals.models.cases import icd10_validator, orphacode_validator, sanitise_summary
from referrals.services import cases as services

from .factories import World

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["Q64.1", "N35.9", "C60", "Q54", "A00.0", "D3A.0", "Q55.62", "Z99.8912"])
def test_valid_icd10_codes_pass(code):
    icd10_validator(code)


@pytest.mark.parametrize(
    "code", ["U07.1", "q64.1", "Q6", "Q64.", "Q64.12345", "64.1", "QQ4.1", "Q64-1", " Q64.1", "Q64.1; DROP"]
)
def test_invalid_icd10_codes_fail(code):
    with pytest.raises(ValidationError):
        icd10_validator(code)


@pytest.mark.parametrize("code", ["ORPHA:93929", "ORPHA:1", "ORPHA:1234567"])
def test_valid_orphacodes_pass(code):
    orphacode_validator(code)


@pytest.mark.parametrize("code", ["ORPHA93929", "ORPHA:", "ORPHA:12a", "orphanet:93929", "93929", "ORPHA:12345678"])
def test_invalid_orphacodes_fail(code):
    with pytest.raises(ValidationError):
        orphacode_validator(code)


def _form_data(world, **overrides):
    data = {"title": "Stricture after repair", "expertise_area": world.area.pk, "orphacode": "", "icd10_code": "N35.9"}
    return {**data, "clinical_summary": "<p>Summary</p>", "question": "What next?", "urgency": "routine", **overrides}


def test_case_form_needs_at_least_one_diagnosis_code(world):
    form = CaseForm(_form_data(world, icd10_code="", orphacode=""))
    assert not form.is_valid()
    assert "ORPHAcode, an ICD-10 code or both" in str(form.non_field_errors())
    assert CaseForm(_form_data(world, icd10_code="", orphacode="orpha:93929")).is_valid()


def test_summary_is_sanitised_with_nh3():
    dirty = (
        '<p onclick="x()">Fine <strong>bold</strong></p><script>alert(1)</script>'
        '<img src=x onerror="alert(1)"><a href="javascript:alert(1)">link</a>'
    )
    clean = sanitise_summary(dirty)
    assert "<script" not in clean and "onerror" not in clean and "onclick" not in clean and "javascript:" not in clean
    assert "<img" not in clean and "<a" not in clean
    assert "<p>Fine <strong>bold</strong></p>" in clean


def test_stored_summary_is_sanitised_and_the_page_renders_it_safely(world, mfa_client):
    world.case.clinical_summary = '<p>Ok</p><script>alert("x")</script><img src=x onerror=alert(1)>'
    world.case.save()
    assert "<script" not in Case.objects.get(pk=world.case.pk).clinical_summary
    content = (
        mfa_client(world.owner).get(reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid})).content.decode()
    )
    assert "<p>Ok</p>" in content
    assert 'alert("x")' not in content and "onerror" not in content


def test_a_row_written_around_save_is_still_cleaned_on_display(world):
    Case.objects.filter(pk=world.case.pk).update(clinical_summary="<p>a</p><script>alert(1)</script>")
    assert "<script" not in Case.objects.get(pk=world.case.pk).clinical_summary_html


def test_title_and_question_are_escaped(world, mfa_client):
    world.case.title = "<script>alert(1)</script>"
    world.case.question = "<b>bold?</b>"
    world.case.save()
    content = (
        mfa_client(world.owner).get(reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid})).content.decode()
    )
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content and "&lt;b&gt;bold?&lt;/b&gt;" in content


def test_clinician_enrols_a_patient_and_opens_a_case(mfa_client, django_capture_on_commit_callbacks):
    world = World()
    client = mfa_client(world.owner)
    enrolment = {"full_name": "Anna Example", "date_of_birth": "2014-02-01", "sex": "female", "national_id": "X1"}
    response = client.post(reverse("referrals:patient_new"), enrolment)
    patient = Patient.objects.exclude(pk=world.patient.pk).get()
    assert response["Location"] == reverse("referrals:patient_detail", kwargs={"uuid": patient.uuid})
    assert patient.owner_centre == world.centre_a and patient.created_by == world.owner
    assert patient.age_band in {"6-11", "12-17"}
    assert AuditEvent.objects.filter(action=AuditAction.PATIENT_ENROLLED, target_id=str(patient.uuid)).exists()
    response = client.post(reverse("referrals:case_new") + f"?patient={patient.uuid}", _form_data(world))
    case = Case.objects.get(patient=patient)
    assert response["Location"] == reverse("referrals:case_detail", kwargs={"uuid": case.uuid})
    assert case.owner == world.owner and case.status == "draft"
    assert AuditEvent.objects.filter(action=AuditAction.CASE_CREATED).count() == 1


def test_enrolment_form_keeps_input_on_errors(world, mfa_client):
    response = mfa_client(world.owner).post(reverse("referrals:patient_new"), {
        "full_name": "Anna Example", "date_of_birth": "2999-01-01", "sex": "female", "national_id": "X1"})  # fmt: skip
    content = response.content.decode()
    assert response.status_code == 200
    assert "The date cannot be in the future." in content
    assert 'value="Anna Example"' in content and 'value="X1"' in content
    assert Patient.objects.count() == 1


def test_case_form_keeps_input_on_errors(world, mfa_client):
    response = mfa_client(world.owner).post(
        reverse("referrals:case_new") + f"?patient={world.patient.uuid}",
        _form_data(world, icd10_code="Q64-1", title="Kept title"),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Enter an ICD-10 code" in content and 'value="Kept title"' in content


def test_editing_is_audited_with_field_names_only(world):
    world.case.status = "draft"
    world.case.save()
    services.update_case(world.case, by=world.colleague, question="A new question about Zebulon?", urgency="urgent")
    event = AuditEvent.objects.get(action=AuditAction.CASE_UPDATED)
    assert event.extra == {"fields": ["question", "urgency"]}


def test_a_case_in_review_cannot_be_edited(world, mfa_client):
    with pytest.raises(services.CaseTransitionError):
        services.update_case(world.case, by=world.owner, title="Changed")
    response = mfa_client(world.owner).post(
        reverse("referrals:case_edit", kwargs={"uuid": world.case.uuid}), _form_data(world)
    )
    assert response.status_code == 302
    world.case.refresh_from_db()
    assert world.case.title != "Stricture after repair"
