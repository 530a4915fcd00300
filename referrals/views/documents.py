"""/<lang>/cases/<uuid>/documents/… and …/uploads/…: documents and imaging of a case (issue 7 §4).

The upload page works without JavaScript (one multipart POST, which Django
streams to disk); with JavaScript, static/referrals/upload.js sends the file
in chunks to the small JSON protocol below, shows a progress bar and resumes
after a network break:

- ``POST uploads/`` {description, size, name} → 201 {upload, status_url, complete_url, chunk_size, offset}
- ``PUT uploads/<id>/`` with ``Upload-Offset`` and the chunk as the body → 200 {offset}; 409 {offset} when out of step
- ``GET uploads/<id>/`` → {status, offset, size, error, document_url}
- ``POST uploads/<id>/complete/`` → 202 {status…}; ``DELETE uploads/<id>/`` cancels

Downloads and previews are served only here, after the permission check,
with an access-log entry, as attachments that no browser will render as a page.
"""

import io
import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import files
from ..document_forms import DocumentUploadForm
from ..models import CaseDocument, DocumentUpload
from ..models.cases import CaseAccessAction
from ..services import documents as document_services
from ..services.cases import log_case_access
from .case_lookup import WORKSPACE, case_with_details, form_errors_to, messages_from, require, visible_case
from .guards import workspace_view

DOWNLOAD_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # Nothing in a clinical file may run, load or be framed, even if a browser were to render it.
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def can_add_documents(user, case):
    return case.status in document_services.UPLOADABLE_STATUSES and user.has_perm("referrals.add_case_document", case)


def case_detail_context(request, case):
    """The documents section of the case page: one page of documents, the uploads still being checked."""
    page = Paginator(case.documents.for_list(), settings.CASE_DOCUMENTS_PER_PAGE).get_page(
        request.GET.get("documents_page")
    )
    can_add = can_add_documents(request.user, case)
    return {
        "documents_page": page,
        "can_add_documents": can_add,
        "uploads_in_progress": (
            list(case.uploads.filter(status=DocumentUpload.Status.PROCESSING, created_by=request.user))
            if can_add
            else []
        ),
    }


def _document(case, document_uuid):
    return get_object_or_404(CaseDocument.objects.select_related("uploaded_by"), uuid=document_uuid, case=case)


def _upload(request, case, upload_uuid):
    # Only the clinician who started an upload can see or continue it.
    return get_object_or_404(DocumentUpload, uuid=upload_uuid, case=case, created_by=request.user)


# --- The upload page (works without JavaScript) ----------------------------------------------------------


@workspace_view(WORKSPACE)
def document_new(request, uuid):
    case = case_with_details(request, uuid)
    require(request, "referrals.add_case_document", case)
    if case.status not in document_services.UPLOADABLE_STATUSES:
        messages.error(request, _("Documents can no longer be added to this case."))
        return redirect("referrals:case_detail", uuid=case.uuid)
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            upload = document_services.add_document(
                case, by=request.user, request=request, file=uploaded, size=uploaded.size,
                description=form.cleaned_data["description"], client_name=uploaded.name,
            )  # fmt: skip
        except files.UploadRejected as error:
            form.add_error("file", error.messages)
        except ValidationError as error:
            form_errors_to(form, error)
        else:
            if upload.status == DocumentUpload.Status.DONE:
                messages.success(request, _("The file was checked and added to the case."))
                return redirect("referrals:document_detail", uuid=case.uuid, document_uuid=upload.document.uuid)
            if upload.status in (DocumentUpload.Status.REJECTED, DocumentUpload.Status.FAILED):
                form.add_error("file", upload.error_message)
            else:
                messages.info(request, _("The file arrived and is being checked. It appears on the case when ready."))
                return redirect("referrals:case_detail", uuid=case.uuid)
    log_case_access(request, CaseAccessAction.UPLOAD_FORM, case=case)
    return render(
        request,
        "referrals/cases/document_new.html",
        {
            "case": case,
            "form": form,
            "chunk_size": settings.CASE_UPLOAD_CHUNK_SIZE,
            "max_size": document_services.max_upload_size(),
            "limits": {
                "document": settings.CASE_DOCUMENT_MAX_SIZE,
                "imaging": settings.CASE_IMAGING_MAX_SIZE,
            },
        },
    )


# --- The chunked upload protocol (JSON) --------------------------------------------------------------------


def _json_error(message, status, **extra):
    return JsonResponse({"error": message, **extra}, status=status)


def _upload_state(request, case, upload):
    state = {
        "upload": str(upload.uuid),
        "status": upload.status,
        "status_label": upload.get_status_display(),
        "offset": upload.received,
        "size": upload.declared_size,
        "chunk_size": settings.CASE_UPLOAD_CHUNK_SIZE,
        "status_url": reverse("referrals:upload_chunk", kwargs={"uuid": case.uuid, "upload_uuid": upload.uuid}),
        "complete_url": reverse("referrals:upload_complete", kwargs={"uuid": case.uuid, "upload_uuid": upload.uuid}),
        "error": upload.error_message,
    }
    if upload.status == DocumentUpload.Status.DONE and upload.document_id:
        state["document_url"] = reverse(
            "referrals:document_detail", kwargs={"uuid": case.uuid, "document_uuid": upload.document.uuid}
        )
    return state


def _validation_message(error):
    if hasattr(error, "error_dict"):
        return " ".join(message for messages_ in error.message_dict.values() for message in messages_)
    return " ".join(error.messages)


@require_POST
@workspace_view(WORKSPACE)
def upload_create(request, uuid):
    case = visible_case(request, uuid)
    require(request, "referrals.add_case_document", case)
    try:
        data = json.loads(request.body or b"{}") if request.content_type == "application/json" else request.POST
        size = int(data.get("size") or 0)
    except (ValueError, TypeError):
        return _json_error(_("The request could not be read."), 400)
    try:
        upload = document_services.start_upload(
            case, by=request.user, request=request, size=size,
            description=str(data.get("description") or ""), client_name=str(data.get("name") or ""),
        )  # fmt: skip
    except ValidationError as error:
        fields = error.message_dict if hasattr(error, "error_dict") else {}
        return _json_error(_validation_message(error), 400, fields=fields)
    return JsonResponse(_upload_state(request, case, upload), status=201)


@require_http_methods(["GET", "HEAD", "PUT", "PATCH", "DELETE"])
@workspace_view(WORKSPACE)
def upload_chunk(request, uuid, upload_uuid):
    case = visible_case(request, uuid)
    require(request, "referrals.add_case_document", case)
    upload = _upload(request, case, upload_uuid)
    if request.method in ("GET", "HEAD"):
        response = JsonResponse(_upload_state(request, case, upload))
        response["Upload-Offset"] = str(upload.received)
        return response
    if request.method == "DELETE":
        upload = document_services.cancel_upload(upload, by=request.user, request=request)
        return JsonResponse(_upload_state(request, case, upload))
    try:
        offset = int(request.headers.get("Upload-Offset", ""))
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _json_error(_("The chunk must say where it starts (Upload-Offset) and how long it is."), 400)
    try:
        upload = document_services.receive_chunk(
            upload, by=request.user, offset=offset, stream=request, length=length, request=request
        )
    except document_services.UploadOffsetMismatch as error:
        return _json_error(error.messages[0], 409, offset=error.offset)
    except files.UploadRejected as error:
        upload.refresh_from_db()
        return JsonResponse({**_upload_state(request, case, upload), "error": " ".join(error.messages)}, status=422)
    except PermissionDenied:
        raise
    except ValidationError as error:
        upload.refresh_from_db()
        return _json_error(_validation_message(error), 400, code=error.code, offset=upload.received)
    response = JsonResponse(_upload_state(request, case, upload))
    response["Upload-Offset"] = str(upload.received)
    return response


@require_POST
@workspace_view(WORKSPACE)
def upload_complete(request, uuid, upload_uuid):
    case = visible_case(request, uuid)
    require(request, "referrals.add_case_document", case)
    upload = _upload(request, case, upload_uuid)
    try:
        document_services.complete_upload(upload, by=request.user, request=request)
    except ValidationError as error:
        upload.refresh_from_db()
        return _json_error(_validation_message(error), 400, offset=upload.received)
    upload.refresh_from_db()
    return JsonResponse(_upload_state(request, case, upload), status=202)


# --- Reading documents ---------------------------------------------------------------------------------------


@workspace_view(WORKSPACE)
def document_detail(request, uuid, document_uuid):
    case = case_with_details(request, uuid)
    document = _document(case, document_uuid)
    log_case_access(request, CaseAccessAction.VIEW_DOCUMENT, case=case, obj=document)
    return render(
        request,
        "referrals/cases/document_detail.html",
        {
            "case": case,
            "document": document,
            # upload.js comes here with ?added=1 once the file is stored (the form upload uses a message).
            "just_added": request.GET.get("added") == "1",
            "can_delete": (
                case.status in document_services.DELETABLE_STATUSES
                and request.user.has_perm("referrals.delete_case_document", case)
            ),
        },
    )


def private_file_response(field, *, filename, content_type):
    """A clinical file as an attachment that no browser renders, runs or frames, streamed from private storage."""
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return attachment_response(handle, filename=filename, content_type=content_type)


def attachment_response(content, *, filename, content_type):
    """An open file, or bytes made on request (an export), as an attachment no browser renders, runs or frames."""
    handle = io.BytesIO(content) if isinstance(content, bytes) else content
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    for header, value in DOWNLOAD_HEADERS.items():
        response[header] = value
    return response


@workspace_view(WORKSPACE)
def document_download(request, uuid, document_uuid):
    case = visible_case(request, uuid)
    document = _document(case, document_uuid)
    log_case_access(request, CaseAccessAction.DOWNLOAD_DOCUMENT, case=case, obj=document)
    return private_file_response(document.file, filename=document.download_name, content_type=document.content_type)


@workspace_view(WORKSPACE)
def document_preview(request, uuid, document_uuid):
    case = visible_case(request, uuid)
    document = _document(case, document_uuid)
    if not document.preview:
        raise Http404
    log_case_access(request, CaseAccessAction.PREVIEW_DOCUMENT, case=case, obj=document)
    return private_file_response(
        document.preview, filename=f"{case.reference}-{document.reference}-preview.png", content_type="image/png"
    )


@workspace_view(WORKSPACE)
def document_delete(request, uuid, document_uuid):
    case = case_with_details(request, uuid)
    require(request, "referrals.delete_case_document", case)
    document = _document(case, document_uuid)
    if case.status not in document_services.DELETABLE_STATUSES:
        messages.error(request, _("Documents can only be removed before the panel starts its review."))
        return redirect("referrals:document_detail", uuid=case.uuid, document_uuid=document.uuid)
    if request.method == "POST":
        try:
            document_services.delete_document(document, by=request.user, request=request)
        except ValidationError as error:
            messages_from(request, error)
            return redirect("referrals:document_detail", uuid=case.uuid, document_uuid=document.uuid)
        messages.success(request, _("The document was removed from the case."))
        return redirect("referrals:case_detail", uuid=case.uuid)
    log_case_access(request, CaseAccessAction.VIEW_DOCUMENT, case=case, obj=document)
    return render(
        request,
        "referrals/cases/case_confirm.html",
        {
            "case": case,
            "title": _("Remove the document"),
            "question": _("Remove “%(description)s” from the case? The file is deleted.")
            % {"description": document.description},
            "button": _("Remove the document"),
            "danger": True,
        },
    )
