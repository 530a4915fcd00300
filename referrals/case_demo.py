"""Demo patients and cases (DESIGN §8, issue 7 §9): two patients at the demo clinician's centre, three cases.

Idempotent: patients and cases have fixed UUIDs (identity is encrypted and
cannot be searched), so a second run finds and updates the same rows. The
demo writes rows directly rather than through the services, so loading it
sends no e-mails; the people and clinical details are invented.
Clinical case content is what clinicians write, in their language: it is not
CMS content and is not translated.
"""

import datetime
import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from guides.consent import current_consent_form
from home.demo_network import stable_key
from home.network import ExpertiseArea

from .models import Case, CaseStatus, ConsentPurpose, ConsentRecord, PanelMembership, Patient
from .models.cases import Sex, Urgency, age_band_for


def _demo_uuid(*parts):
    return uuid.uuid5(uuid.NAMESPACE_URL, "ern-demo-case:" + ":".join(parts))


PATIENTS = [
    # (key, full name, date of birth, sex, national id, local record number)
    ("boy-puv", "Noah Vermeulen", datetime.date(2016, 3, 14), Sex.MALE, "DEMO-NL-100482", "MRN-2016-0314"),
    ("man-ls", "Pieter Jansen", datetime.date(1961, 9, 2), Sex.MALE, "DEMO-NL-558103", "MRN-1961-0902"),
]

CASES = [
    {
        "key": "stricture-draft",
        "patient": "man-ls",
        "status": CaseStatus.DRAFT,
        "area": "urethral-stricture",
        "title": "Recurrent bulbar urethral stricture after repeated urethrotomy",
        "icd10_code": "N35.9",
        "urgency": Urgency.ROUTINE,
        "summary": "<p>Long bulbar stricture, four direct-vision urethrotomies in six years, each recurring within "
        "months. Histology of the meatus showed lichen sclerosus.</p><ul><li>Retrograde urethrogram: 4 cm "
        "bulbar narrowing</li><li>Uroflow: Qmax 6 ml/s</li></ul>",
        "question": "",
        "no_documents": False,
    },
    {
        "key": "puv-submitted",
        "patient": "boy-puv",
        "status": CaseStatus.SUBMITTED,
        "area": "puv",
        "title": "Persistent upper-tract dilatation and rising creatinine after valve ablation",
        "icd10_code": "Q64.2",
        "urgency": Urgency.ROUTINE,
        "summary": "<p>Posterior urethral valves ablated in the neonatal period. Bilateral hydroureteronephrosis "
        "persists; creatinine has risen slowly over two years. Daytime wetting and high post-void residuals.</p>",
        "question": "Would the panel recommend clean intermittent catheterisation, a vesicostomy or augmentation, "
        "and how should we time it relative to growth?",
        "no_documents": True,
    },
    {
        "key": "penile-review",
        "patient": "man-ls",
        "status": CaseStatus.IN_REVIEW,
        "area": "penile-cancer",
        "title": "Penile squamous cell carcinoma of the glans on a background of lichen sclerosus",
        "icd10_code": "C60.1",
        "urgency": Urgency.URGENT,
        "summary": "<p>Biopsy-proven squamous cell carcinoma of the glans, clinically T1, no palpable inguinal "
        "nodes. Long-standing lichen sclerosus.</p>",
        "question": "Is glans resurfacing or glansectomy appropriate here, and does the panel advise dynamic "
        "sentinel node biopsy?",
        "no_documents": True,
    },
]


def build(context):
    User = get_user_model()
    owner = User.objects.filter(email__iexact="clinician@demo.example").select_related("clinician_profile").first()
    if owner is None or owner.clinician_profile.member_centre_id is None:
        return
    centre_id = owner.clinician_profile.member_centre_id
    english = Locale.objects.get(language_code="en")
    today = timezone.localdate()

    patients = {}
    for key, name, born, sex, national_id, record_number in PATIENTS:
        patient = Patient.objects.filter(uuid=_demo_uuid("patient", key)).first() or Patient(
            uuid=_demo_uuid("patient", key)
        )
        patient.owner_centre_id = centre_id
        patient.created_by = owner
        patient.full_name = name
        patient.date_of_birth = born
        patient.sex = sex
        patient.age_band = age_band_for(born, today)
        patient.national_id = national_id
        patient.local_record_number = record_number
        patient.save()
        patients[key] = patient
        form = current_consent_form("en")
        existing = ConsentRecord.objects.filter(patient=patient, purpose=ConsentPurpose.CARE).first()
        if existing is not None and existing.consent_form_id is None and form is not None:
            # The consent forms are built after this step; link them on the next run.
            existing.consent_form = form
            existing.form_version = form.version
            existing.save(update_fields=["consent_form", "form_version"])
        if existing is None:
            ConsentRecord.objects.create(
                patient=patient,
                purpose=ConsentPurpose.CARE,
                form_language="en",
                form_version=form.version if form is not None else "3.0",
                consent_form=form,
                given_on=today - datetime.timedelta(days=10),
                recorded_by=owner,
            )

    for spec in CASES:
        case_uuid = _demo_uuid("case", spec["key"])
        case = Case.objects.filter(uuid=case_uuid).first() or Case(uuid=case_uuid)
        case.patient = patients[spec["patient"]]
        case.owner = owner
        case.title = spec["title"]
        case.expertise_area = ExpertiseArea.objects.get(
            translation_key=stable_key("area", spec["area"]), locale=english
        )
        case.icd10_code = spec["icd10_code"]
        case.urgency = spec["urgency"]
        case.clinical_summary = spec["summary"]
        case.question = spec["question"]
        case.no_documents = spec["no_documents"]
        case.status = spec["status"]
        if spec["status"] != CaseStatus.DRAFT and case.submitted_at is None:
            case.submitted_at = timezone.now()
        case.save()
        if spec["status"] == CaseStatus.IN_REVIEW:
            _panel(case, owner)


def _panel(case, coordinator_or_owner):
    User = get_user_model()
    coordinator = User.objects.filter(email__iexact="coordinator@demo.example").first() or coordinator_or_owner
    for email, role in (
        ("expert1@demo.example", PanelMembership.Role.LEAD),
        ("expert2@demo.example", PanelMembership.Role.MEMBER),
    ):
        expert = User.objects.filter(email__iexact=email).first()
        if expert is None:
            continue
        PanelMembership.objects.update_or_create(
            case=case,
            user=expert,
            defaults={
                "role": role,
                "status": PanelMembership.Status.ACCEPTED,
                "invited_by": coordinator,
                "answered_at": timezone.now(),
            },
        )
