"""/<lang>/cases/…: patients, cases, consent records and the case access log (issue 7).

Views stay thin: they find the object through the access rules, call one
service and render. A case is always looked up in
``Case.objects.visible_to(user)``: anyone outside it gets 404, whatever the
URL. Who may *do* something on a visible case is a ``rules`` permission
(403 when missing). Every page that shows a case, a patient or a file writes
exactly one access-log entry.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..case_export import case_summary_pdf
from ..case_forms import (
    CaseForm,
    ConsentRecordForm,
    PatientEnrolmentForm,
    RejectCaseForm,
    WithdrawConsentForm,
)
from ..dashboard import ALL
from ..models import Case, CaseAccessLog, CaseStatus, ConsentRecord
from ..models.cases import CaseAccessAction
from ..services import cases as case_services
from ..services.consent import record_consent, withdraw_consent
from ..services.patients import enrol_patient
from . import discussion, documents, panels, workspace
from .case_lookup import WORKSPACE, case_with_details, form_errors_to, messages_from, patient_for, require
from .documents import attachment_response, private_file_response
from .guards import workspace_view

# --- Patients ----------------------------------------------------------------------------


@workspace_view(WORKSPACE)
def patient_new(request):
    if not request.user.has_perm("referrals.enrol_patient"):
        raise PermissionDenied
    form = PatientEnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        patient = enrol_patient(by=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("Patient %(pseudonym)s enrolled.") % {"pseudonym": patient.pseudonym})
        return redirect("referrals:patient_detail", uuid=patient.uuid)
    return render(request, "referrals/cases/patient_form.html", {"form": form})


@workspace_view(WORKSPACE)
def patient_detail(request, uuid):
    patient = patient_for(request, uuid)
    case_services.log_case_access(request, CaseAccessAction.VIEW_PATIENT, patient=patient)
    cases = Case.objects.visible_to(request.user).filter(patient=patient).select_related("expertise_area__workstream")
    return render(
        request,
        "referrals/cases/patient_detail.html",
        {
            "patient": patient,
            "show_identity": True,  # only the owner's centre gets this far
            "cases": cases,
            "consent_records": patient.consent_records.all(),
            "can_open_case": request.user.has_perm("referrals.open_case_for_patient", patient),
        },
    )


# --- Cases -------------------------------------------------------------------------------


@workspace_view(WORKSPACE)
def case_list(request):
    # The dashboard's "all cases I can see" section at its older address, for existing links.
    return workspace.render_dashboard(request, default_section=ALL)


@workspace_view(WORKSPACE)
def case_new(request):
    patient = patient_for(request, request.GET.get("patient", ""))
    require(request, "referrals.open_case_for_patient", patient)
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            case = case_services.create_case(patient, by=request.user, request=request, **fields)
        except ValidationError as error:
            form_errors_to(form, error)
        else:
            messages.success(request, _("Case %(reference)s created as a draft.") % {"reference": case.reference})
            return redirect("referrals:case_detail", uuid=case.uuid)
    return render(request, "referrals/cases/case_form.html", {"form": form, "patient": patient, "case": None})


@workspace_view(WORKSPACE)
def case_detail(request, uuid):
    case = case_with_details(request, uuid)
    user = request.user
    case_services.log_case_access(request, CaseAccessAction.VIEW_CASE, case=case)
    manages = user.has_perm("referrals.manage_consent", case)
    context = {
        "case": case,
        "patient": case.patient,
        "show_identity": user.has_perm("referrals.view_patient_identity", case.patient),
        "can": {
            "edit": manages and case.status in case_services.EDITABLE_STATUSES,
            "consent": manages,
            "submit": manages and case.status == CaseStatus.DRAFT,
            "withdraw": manages and case.status in case_services.WITHDRAWABLE_STATUSES,
            "reject": user.has_perm("referrals.reject_case", case) and case.status in case_services.REJECTABLE_STATUSES,
            "access_log": user.has_perm("referrals.view_case_access_log", case),
        },
    }
    if manages:
        context["checklist"] = case_services.submission_checklist(case)
        context["consent_records"] = case.patient.consent_records.all()
    # Each part of the page brings its own context, from the module that owns it.
    context.update(documents.case_detail_context(request, case))
    context.update(panels.case_detail_context(request, case))
    context.update(discussion.case_detail_context(request, case))
    return render(request, "referrals/cases/case_detail.html", context)


@workspace_view(WORKSPACE)
def case_edit(request, uuid):
    case = case_with_details(request, uuid)
    require(request, "referrals.edit_case", case)
    if case.status not in case_services.EDITABLE_STATUSES:
        messages.error(request, _("A case can only be changed before the panel starts its review."))
        return redirect("referrals:case_detail", uuid=case.uuid)
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        # The form wrote its values onto the instance; the service compares against the stored ones.
        case.refresh_from_db()
        try:
            case_services.update_case(case, by=request.user, request=request, **fields)
        except ValidationError as error:
            form_errors_to(form, error)
        else:
            messages.success(request, _("The case was saved."))
            return redirect("referrals:case_detail", uuid=case.uuid)
    case_services.log_case_access(request, CaseAccessAction.EDIT_FORM, case=case)
    return render(request, "referrals/cases/case_form.html", {"form": form, "patient": case.patient, "case": case})


def _confirm(request, case, *, title, question, button, service, done_message, form=None, danger=False):
    """A confirmation page for one life-cycle step; POST runs the step's service."""
    if request.method == "POST" and (form is None or form.is_valid()):
        kwargs = form.cleaned_data if form is not None else {}
        try:
            service(case, by=request.user, request=request, **kwargs)
        except ValidationError as error:
            messages_from(request, error)
        else:
            messages.success(request, done_message)
        return redirect("referrals:case_detail", uuid=case.uuid)
    checklist = case_services.submission_checklist(case) if service is case_services.submit_case else None
    return render(
        request,
        "referrals/cases/case_confirm.html",
        {
            "case": case,
            "title": title,
            "question": question,
            "button": button,
            "form": form,
            "checklist": checklist,
            "danger": danger,
        },
    )


@workspace_view(WORKSPACE)
def case_submit(request, uuid):
    case = case_with_details(request, uuid)
    require(request, "referrals.submit_case", case)
    return _confirm(
        request,
        case,
        title=_("Submit the case"),
        question=_("Submit this case to the network? The coordinator will then form an expert panel."),
        button=_("Submit the case"),
        service=case_services.submit_case,
        done_message=_("The case was submitted."),
    )


@workspace_view(WORKSPACE)
def case_withdraw(request, uuid):
    case = case_with_details(request, uuid)
    require(request, "referrals.withdraw_case", case)
    return _confirm(
        request,
        case,
        title=_("Withdraw the case"),
        question=_("Withdraw this case? The panel will stop working on it. This cannot be undone."),
        button=_("Withdraw the case"),
        service=case_services.withdraw_case,
        done_message=_("The case was withdrawn."),
        danger=True,
    )


@workspace_view(WORKSPACE)
def case_reject(request, uuid):
    case = case_with_details(request, uuid)
    require(request, "referrals.reject_case", case)
    return _confirm(
        request,
        case,
        title=_("Reject the case"),
        question=_("The referring clinician sees the reason you give."),
        button=_("Reject the case"),
        service=case_services.reject_case,
        done_message=_("The case was rejected."),
        form=RejectCaseForm(request.POST or None),
        danger=True,
    )


# --- Consent -------------------------------------------------------------------------------


@workspace_view(WORKSPACE)
def case_consent(request, uuid):
    case = case_with_details(request, uuid)
    require(request, "referrals.manage_consent", case)
    form = ConsentRecordForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            record_consent(case.patient, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            form_errors_to(form, error)
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect("referrals:case_consent", uuid=case.uuid)
    case_services.log_case_access(request, CaseAccessAction.VIEW_CONSENT, case=case)
    return render(
        request,
        "referrals/cases/case_consent.html",
        {
            "case": case,
            "patient": case.patient,
            "form": form,
            "consent_records": case.patient.consent_records.select_related("recorded_by", "withdrawn_by"),
            "withdraw_form": WithdrawConsentForm(),
        },
    )


def _consent_record(case, consent_uuid):
    return get_object_or_404(ConsentRecord, uuid=consent_uuid, patient_id=case.patient_id)


@require_POST
@workspace_view(WORKSPACE)
def consent_withdraw(request, uuid, consent_uuid):
    case = case_with_details(request, uuid)
    require(request, "referrals.manage_consent", case)
    record = _consent_record(case, consent_uuid)
    form = WithdrawConsentForm(request.POST)
    if form.is_valid():
        try:
            withdraw_consent(record, by=request.user, request=request, withdrawn_on=form.cleaned_data["withdrawn_on"])
        except ValidationError as error:
            messages_from(request, error)
        else:
            messages.success(request, _("The withdrawal of consent was recorded."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("referrals:case_consent", uuid=case.uuid)


@workspace_view(WORKSPACE)
def consent_form_download(request, uuid, consent_uuid):
    case = case_with_details(request, uuid)
    require(request, "referrals.manage_consent", case)
    record = _consent_record(case, consent_uuid)
    if not record.signed_form:
        raise Http404
    case_services.log_case_access(request, CaseAccessAction.DOWNLOAD_CONSENT_FORM, case=case, obj=record)
    extension = record.signed_form.name.rsplit(".", 1)[-1]
    # A neutral name: the pseudonym, never the patient.
    return private_file_response(
        record.signed_form,
        filename=f"{case.patient.pseudonym}-consent-{record.purpose}.{extension}",
        content_type=record.signed_form_content_type or "application/octet-stream",
    )


@workspace_view(WORKSPACE)
def case_export(request, uuid):
    """The case as a pseudonymised PDF summary, for anyone who can open it; read-audited like the page."""
    case = case_with_details(request, uuid)
    content = case_summary_pdf(case, exported_by=request.user)
    case_services.log_case_access(request, CaseAccessAction.EXPORT_CASE, case=case)
    return attachment_response(content, filename=f"{case.reference}-summary.pdf", content_type="application/pdf")


# --- Read audit ------------------------------------------------------------------------------


@workspace_view(WORKSPACE)
def case_access_log(request, uuid):
    case = case_with_details(request, uuid)
    require(request, "referrals.view_case_access_log", case)
    case_services.log_case_access(request, CaseAccessAction.VIEW_ACCESS_LOG, case=case)
    entries = CaseAccessLog.objects.filter(case=case).order_by("-created_at", "-pk")
    page = Paginator(entries, settings.CASE_ACCESS_LOG_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "referrals/cases/case_access_log.html", {"case": case, "page_obj": page})
