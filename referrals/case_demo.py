"""Demo patients and cases (DESIGN §8, issue 7 §9): two patients at the demo clinician's centre with
four cases, and a patient the demo guest (an outside referrer) enrolled, with a draft case.

Idempotent: patients and cases have fixed UUIDs (identity is encrypted and
cannot be searched), so a second run finds and updates the same rows. The
demo writes cases, panels and the discussion directly rather than through the
services, so loading it sends no e-mails; the documents go through the real
upload pipeline (checked by content, the CT study de-identified, previews
made), like a clinician's upload. The people and clinical details are invented.
Clinical case content is what clinicians write, in their language: it is not
CMS content and is not translated.
"""

import datetime
import io
import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from guides.consent import current_consent_form
from home.demo_network import stable_key
from home.network import ExpertiseArea

from .models import Case, CaseEvent, CaseStatus, ConsentPurpose, ConsentRecord, PanelMembership, Patient
from .models.cases import Sex, Urgency, age_band_for


def _demo_uuid(*parts):
    return uuid.uuid5(uuid.NAMESPACE_URL, "ern-demo-case:" + ":".join(parts))


CLINICIAN, GUEST = "clinician@demo.example", "guest@demo.example"

PATIENTS = [
    # (key, enrolled by, full name, date of birth, sex, national id, local record number)
    ("boy-puv", CLINICIAN, "Noah Vermeulen", datetime.date(2016, 3, 14), Sex.MALE, "DEMO-NL-100482", "MRN-2016-0314"),
    ("man-ls", CLINICIAN, "Pieter Jansen", datetime.date(1961, 9, 2), Sex.MALE, "DEMO-NL-558103", "MRN-1961-0902"),
    # The guest works outside the network: the patient has no member centre and only the guest sees who it is.
    ("woman-fistula", GUEST, "Ana Marković", datetime.date(1984, 6, 21), Sex.FEMALE, "DEMO-HR-730215", ""),
]

LEAD, MEMBER = PanelMembership.Role.LEAD, PanelMembership.Role.MEMBER
INVITED, ACCEPTED = PanelMembership.Status.INVITED, PanelMembership.Status.ACCEPTED

CASES = [
    {
        "key": "fistula-guest-draft",
        "owner": GUEST,
        "patient": "woman-fistula",
        "status": CaseStatus.DRAFT,
        "area": "fistulae",
        "title": "Recurrent vesicovaginal fistula after two transvaginal repairs",
        "icd10_code": "N82.0",
        "urgency": Urgency.ROUTINE,
        "summary": "<p>Vesicovaginal fistula after abdominal hysterectomy. Two transvaginal repairs failed; "
        "continuous leakage since. Cystoscopy: 1 cm supratrigonal fistula with a scarred margin.</p>",
        "question": "Would the panel advise an abdominal approach with an omental flap, or a third "
        "transvaginal repair with a Martius flap?",
        "no_documents": True,
    },
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
        "documents": [("letter", "Retrograde urethrogram report")],
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
        "no_documents": False,
        "documents": [("letter", "Voiding cystourethrogram and renal function summary"), ("photo", "Renal ultrasound")],
        # The coordinator has invited two experts; accepting starts the review.
        "panel": [("expert1@demo.example", LEAD, INVITED), ("expert2@demo.example", MEMBER, INVITED)],
        "notifications": [
            ("coordinator@demo.example", CaseEvent.SUBMITTED),
            ("expert1@demo.example", CaseEvent.PANEL_INVITATION),
            ("expert2@demo.example", CaseEvent.PANEL_INVITATION),
        ],
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
        "no_documents": False,
        "documents": [
            ("letter", "Histology report of the glans biopsy"),
            ("photo", "Clinical photograph of the lesion"),
            ("study", "CT abdomen and pelvis (staging)"),
        ],
        "panel": [("expert1@demo.example", LEAD, ACCEPTED), ("expert2@demo.example", MEMBER, ACCEPTED)],
        "contributions": [
            (
                "expert1@demo.example",
                "<p>The staging CT shows no enlarged inguinal or pelvic nodes. For a T1 lesion confined to the "
                "glans, <strong>glans resurfacing</strong> is organ-sparing and oncologically sound if frozen "
                "sections of the margin are clear.</p>",
                ["CT abdomen and pelvis (staging)"],
            ),
            (
                "expert2@demo.example",
                "<p>I agree with organ-sparing surgery. With clinically node-negative groins and a T1 lesion, "
                "we would offer <em>dynamic sentinel node biopsy</em> rather than surveillance if the grade is "
                "intermediate or high.</p><ul><li>Please confirm the grade and any lymphovascular invasion.</li></ul>",
                ["Histology report of the glans biopsy"],
            ),
        ],
        "notifications": [
            ("clinician@demo.example", CaseEvent.REVIEW_STARTED),
            ("clinician@demo.example", CaseEvent.CONTRIBUTION_POSTED),
            ("clinician@demo.example", CaseEvent.INFORMATION_REQUESTED),
            ("expert1@demo.example", CaseEvent.CONTRIBUTION_POSTED),
        ],
        "information_requests": [
            (
                "expert2@demo.example",
                "Could you tell us the histological grade and whether lymphovascular invasion was seen? "
                "The report does not say.",
            )
        ],
    },
    {
        "key": "bladder-neck-review",
        "patient": "boy-puv",
        "status": CaseStatus.IN_REVIEW,
        "area": "puv",
        "title": "Bladder neck obstruction suspected after valve ablation",
        "icd10_code": "N32.0",
        "urgency": Urgency.ROUTINE,
        "summary": "<p>Second opinion on a secondary bladder neck obstruction. Urodynamics show a high-pressure, "
        "poorly compliant bladder.</p>",
        "question": "Would the panel advise bladder neck incision, or medical treatment first?",
        "no_documents": True,
        "panel": [("expert2@demo.example", LEAD, ACCEPTED), ("expert1@demo.example", MEMBER, ACCEPTED)],
        "contributions": [
            (
                "expert2@demo.example",
                "<p>Before any incision I would try an alpha-blocker and timed voiding for three months, "
                "with repeat urodynamics.</p>",
                [],
            ),
        ],
    },
]


def build(context):
    User = get_user_model()
    owners = {
        email: User.objects.filter(email__iexact=email).select_related("clinician_profile").first()
        for email in (CLINICIAN, GUEST)
    }
    if owners[CLINICIAN] is None or owners[CLINICIAN].clinician_profile.member_centre_id is None:
        return
    english = Locale.objects.get(language_code="en")
    today = timezone.localdate()

    patients = {}
    for key, enrolled_by, name, born, sex, national_id, record_number in PATIENTS:
        owner = owners[enrolled_by]
        if owner is None:
            continue
        patient = Patient.objects.filter(uuid=_demo_uuid("patient", key)).first() or Patient(
            uuid=_demo_uuid("patient", key)
        )
        # A member clinician enrols for their centre; a guest's patient has none (services.patients).
        patient.owner_centre_id = owner.clinician_profile.member_centre_id
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
        owner = owners[spec.get("owner", CLINICIAN)]
        if spec["patient"] not in patients or owner is None:
            continue
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
        _documents(case, owner, patients[spec["patient"]], spec.get("documents", ()))
        _panel(case, spec.get("panel", ()))
        _discussion(case, owner, spec)
        _notifications(case, spec.get("notifications", ()))


def _user(email):
    return get_user_model().objects.filter(email__iexact=email).first()


def _panel(case, members):
    """Panel memberships as the spec says; written directly so loading the demo sends no e-mail."""
    coordinator = _user("coordinator@demo.example")
    now = timezone.now()
    for email, role, status in members:
        expert = _user(email)
        if expert is None:
            continue
        PanelMembership.objects.update_or_create(
            case=case,
            user=expert,
            defaults={
                "role": role,
                "status": status,
                "invited_by": coordinator,
                "answered_at": now - datetime.timedelta(days=2) if status != PanelMembership.Status.INVITED else None,
                # Already "sent", so the first digest after loading does not mail the demo experts.
                "invitation_emailed_at": now,
            },
        )


def _documents(case, owner, patient, documents):
    """Files through the real upload pipeline (checked, DICOM de-identified, previews), once per description."""
    from . import demo_files
    from .models import CaseDocument
    from .services.documents import add_document, process_upload

    for kind, description in documents:
        if CaseDocument.objects.filter(case=case, description=description).exists():
            continue
        if kind == "letter":
            content, name = demo_files.referral_letter_pdf(description, LETTER_LINES), "letter.pdf"
        elif kind == "photo":
            content, name = demo_files.clinical_photo_png(), "photo.png"
        else:  # a CT study exported under the patient's name, as PACS exports are
            content = demo_files.ct_study_zip(
                patient_name=patient.full_name.replace(" ", "^"),
                patient_id=patient.local_record_number,
                birth_date=patient.date_of_birth.strftime("%Y%m%d"),
            )
            name = "study.zip"
        upload = add_document(
            case, by=owner, file=io.BytesIO(content), size=len(content), description=description, client_name=name
        )
        if upload.status == upload.Status.PROCESSING:
            # Queued for a worker, or waiting for a commit that a test's transaction never makes: the demo
            # needs its files now. The claim in process_upload keeps a worker from doing it a second time.
            process_upload(upload.pk)
            upload.refresh_from_db()
        if upload.status != upload.Status.DONE:
            raise RuntimeError(f"Demo document refused: {upload.error_message}")


LETTER_LINES = [
    "Referral summary for the expert panel (demo content, invented).",
    "Findings are described without anything that identifies the patient.",
    "Histology: well-differentiated squamous cell carcinoma, margins clear.",
    "Imaging: no enlarged inguinal or pelvic lymph nodes.",
]


def _notifications(case, events):
    """Unread in-app notifications, as the services would have written them; one per recipient and event."""
    from .models import Notification

    for email, event in events:
        recipient = _user(email)
        if recipient is not None:
            Notification.objects.get_or_create(recipient=recipient, case=case, event=event)


def _discussion(case, owner, spec):
    """Contributions and requests for information with fixed UUIDs, so a second run changes nothing."""
    from .models import CaseDocument, Contribution, InformationRequest

    now = timezone.now()
    for index, (email, body, referenced) in enumerate(spec.get("contributions", ())):
        author = _user(email)
        if author is None:
            continue
        contribution, created = Contribution.objects.get_or_create(
            uuid=_demo_uuid("contribution", spec["key"], str(index)),
            defaults={
                "case": case,
                "author": author,
                "body": body,
                "created_at": now - datetime.timedelta(hours=30 - index * 5),
            },
        )
        if created and referenced:
            contribution.referenced_documents.set(CaseDocument.objects.filter(case=case, description__in=referenced))
    for index, (email, question) in enumerate(spec.get("information_requests", ())):
        requester = _user(email)
        if requester is None:
            continue
        InformationRequest.objects.get_or_create(
            uuid=_demo_uuid("information-request", spec["key"], str(index)),
            defaults={
                "case": case,
                "requested_by": requester,
                "question": question,
                "created_at": now - datetime.timedelta(hours=6),
            },
        )
