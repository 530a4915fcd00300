"""A case exported as a pseudonymised PDF summary (issue 7 §8: exports are read-audited like every view).

The export is what a clinician files in the local record or takes into a meeting:
the case as the panel sees it, its documents (by reference and checksum, not their
content), the panel and the discussion. It never carries the patient's identity,
whoever exports it: a file travels further than a page, and the pseudonym is enough
for the owner's centre to find the patient in its own records.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from guides.pdf import render_pdf, rich_text_paragraphs

from .files import format_size
from .models import PanelMembership
from .services import discussion as discussion_services
from .services import panels as panel_services


def _person(user):
    name = user.get_full_name() or user.email
    centre = getattr(getattr(user, "clinician_profile", None), "member_centre", None)
    return f"{name}, {centre}" if centre else name


def _when(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def case_summary_blocks(case):
    """The export's content as guides.pdf blocks (plain text; render_pdf escapes it)."""
    patient = case.patient
    codes = ", ".join(code for code in (f"ORPHA:{case.orphacode}" if case.orphacode else "", case.icd10_code) if code)
    blocks = [("heading", _("Patient"))]
    add = blocks.append
    add(("paragraph", _("Pseudonym %(pseudonym)s · age band %(age_band)s · sex: %(sex)s") % {
        "pseudonym": patient.pseudonym, "age_band": patient.get_age_band_display(), "sex": patient.get_sex_display(),
    }))  # fmt: skip
    add(("heading", _("Case")))
    add(("paragraph", _("Status: %(status)s · urgency: %(urgency)s") % {
        "status": case.get_status_display(), "urgency": case.get_urgency_display(),
    }))  # fmt: skip
    add(("paragraph", _("Expertise area: %(area)s (%(workstream)s)") % {
        "area": case.expertise_area.name, "workstream": case.workstream.name,
    }))  # fmt: skip
    add(("paragraph", _("Diagnosis: %(codes)s") % {"codes": codes or "—"}))
    if case.submitted_at:
        add(("paragraph", _("Submitted: %(when)s") % {"when": _when(case.submitted_at)}))
    add(("heading", _("Question for the panel")))
    add(("paragraph", case.question or "—"))
    add(("heading", _("Clinical summary")))
    blocks += [("paragraph", text) for text in rich_text_paragraphs(case.clinical_summary)] or [("paragraph", "—")]

    add(("heading", _("Documents")))
    documents = list(case.documents.defer("metadata").order_by("uploaded_at", "pk"))
    for document in documents:
        kind, size = document.get_file_type_display(), format_size(document.size)
        add(("paragraph", f"{document.reference} · {document.description} · {kind} · {size}"))
        add(("note", f"SHA-256 {document.sha256}"))
    if not documents:
        add(("paragraph", _("No documents.")))

    add(("heading", _("Panel")))
    members = [row for row in panel_services.panel_rows(case) if row.status == PanelMembership.Status.ACCEPTED]
    for row in members:
        add(("paragraph", f"{_person(row.user)} ({row.get_role_display()})"))
    if not members:
        add(("paragraph", _("No panel yet.")))

    add(("heading", _("Discussion")))
    contributions = list(discussion_services.contributions_for_page(case))
    for contribution in contributions:
        add(("note", f"{_person(contribution.author)} · {_when(contribution.created_at)}"))
        blocks += [("paragraph", text) for text in rich_text_paragraphs(contribution.body)]
    if not contributions:
        add(("paragraph", _("No contributions yet.")))
    for request in discussion_services.information_requests_for_page(case):
        add(("note", _("Request for information from %(person)s · %(when)s") % {
            "person": _person(request.requested_by), "when": _when(request.created_at),
        }))  # fmt: skip
        add(("paragraph", request.question))
        add(("paragraph", _("Answer: %(answer)s") % {"answer": request.answer} if request.answer
             else _("Not answered yet.")))  # fmt: skip

    add(("note", _(
        "Pseudonymised summary: it names the patient by pseudonym only. Advice from the panel supports the "
        "treating clinician, who keeps the legal responsibility for the patient."
    )))  # fmt: skip
    return blocks


def case_summary_pdf(case, *, exported_by):
    title = _("Case %(reference)s: %(title)s") % {"reference": case.reference, "title": case.title}
    subtitle = _("Exported on %(when)s by %(person)s") % {"when": _when(timezone.now()), "person": _person(exported_by)}
    return render_pdf(title, case_summary_blocks(case), subtitle=subtitle, language=get_language() or "en")
