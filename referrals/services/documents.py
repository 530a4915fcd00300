"""Documents and imaging for a case (issue 7 §4): resumable chunked uploads, checking, storing, removing.

The life of one file:

1. ``start_upload`` — the owner's side announces a file (its size, a
   description, the client's file name, of which only the extension is kept).
2. ``receive_chunk`` — each chunk is streamed to its own object in private
   storage, so any web process behind the load balancer can take the next one
   and a broken connection costs one chunk, never the file. The first chunk's
   bytes are sniffed: a disallowed type or an oversize file is refused at once.
3. ``complete_upload`` — queues ``process_upload`` (a Celery task; in-process
   without a broker), which assembles the chunks on local disk, checks the
   file by content, scans it, de-identifies DICOM (only the de-identified copy
   is kept), makes a preview and only then creates the ``CaseDocument``.

Every step reads and writes in fixed-size pieces: memory does not grow with
the file. A refused file leaves nothing behind but the audit entry.
"""

import hashlib
import logging
import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .. import files
from ..audit import record_event
from ..models import AuditAction, CaseDocument, CaseEvent, CaseStatus, DocumentUpload
from ..models.cases import get_private_storage
from .notifications import notify

logger = logging.getLogger(__name__)

COPY_BUFFER = 1024 * 1024
# Documents can be added until the panel gives its outcome; removed only before the panel sees them.
UPLOADABLE_STATUSES = (CaseStatus.DRAFT, CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW)
DELETABLE_STATUSES = (CaseStatus.DRAFT, CaseStatus.SUBMITTED)


class UploadOffsetMismatch(ValidationError):
    """The chunk does not start where the server's copy ends; the client resumes from ``offset``."""

    def __init__(self, offset):
        super().__init__(_("The upload is at another position; continue from byte %(offset)s.") % {"offset": offset})
        self.offset = offset


def max_upload_size():
    return max(settings.CASE_DOCUMENT_MAX_SIZE, settings.CASE_IMAGING_MAX_SIZE)


def _require_uploadable(case, by):
    if not by.has_perm("referrals.add_case_document", case):
        raise PermissionDenied
    if case.status not in UPLOADABLE_STATUSES:
        raise ValidationError(_("Documents can no longer be added to this case."), code="wrong_status")


# --- 1. Starting an upload ------------------------------------------------------------------


def start_upload(case, *, by, size, description, client_name="", request=None):
    _require_uploadable(case, by)
    description = (description or "").strip()
    errors = {}
    if not description:
        errors["description"] = _("Say what the file shows, for example “MRI pelvis, October 2026”.")
    elif len(description) > 200:
        errors["description"] = _("Keep the description under 200 characters.")
    try:
        files.validate_client_name(client_name or "")
    except ValidationError as error:
        errors["file"] = error.messages
    if not errors.get("file"):
        if not size or size <= 0:
            errors["file"] = _("The file is empty.")
        elif size > max_upload_size():
            errors["file"] = _("The file is larger than %(limit)s, the largest file the portal accepts.") % {
                "limit": files.format_size(max_upload_size())
            }
    if errors:
        raise ValidationError(errors)
    extension = os.path.splitext(client_name or "")[1].lower()[:16]
    return DocumentUpload.objects.create(
        case=case,
        created_by=by,
        description=description,
        client_extension=extension,
        declared_size=size,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )


# --- 2. Receiving chunks -----------------------------------------------------------------------


def _spool(stream, length):
    """Copy exactly ``length`` bytes of ``stream`` to a temporary file on disk; None if the stream ends early."""
    spool = tempfile.TemporaryFile(dir=settings.CASE_UPLOAD_WORK_DIR)  # noqa: SIM115 - returned open
    remaining = length
    while remaining:
        piece = stream.read(min(COPY_BUFFER, remaining))
        if not piece:
            spool.close()
            return None
        spool.write(piece)
        remaining -= len(piece)
    spool.seek(0)
    return spool


def _refuse(upload, error, *, request=None):
    """Mark an upload refused, with the clinician's message, and delete every byte of it."""
    upload.status = DocumentUpload.Status.REJECTED
    upload.error_code = (error.code or "invalid")[:30] if hasattr(error, "code") else "invalid"
    upload.error_message = " ".join(error.messages)
    upload.save(update_fields=["status", "error_code", "error_message", "updated_at"])
    delete_chunks(upload)
    record_event(
        AuditAction.DOCUMENT_REFUSED, actor=upload.created_by, target=upload.case, request=request,
        reason=upload.error_code,
    )  # fmt: skip


def receive_chunk(upload, *, by, offset, stream, length, request=None):
    """Store one chunk that starts at byte ``offset``; return the upload with its new ``received``.

    Raises UploadOffsetMismatch when the client is out of step (it then resumes
    from the server's offset), ValidationError for a chunk that cannot be taken,
    and files.UploadRejected when the file is refused (the upload is then over).
    """
    if upload.created_by_id != by.pk:
        raise PermissionDenied
    _require_uploadable(upload.case, by)
    if upload.status != DocumentUpload.Status.RECEIVING:
        raise ValidationError(_("This upload is finished; start a new one."), code="finished")
    if offset != upload.received:
        raise UploadOffsetMismatch(upload.received)
    if length <= 0:
        raise ValidationError(_("The chunk is empty."), code="empty_chunk")
    if length > settings.CASE_UPLOAD_CHUNK_SIZE:
        raise ValidationError(_("The chunk is larger than the server accepts."), code="chunk_too_large")
    if offset + length > upload.declared_size:
        raise ValidationError(_("The file is larger than announced."), code="too_long")

    spool = _spool(stream, length)
    if spool is None:
        # The connection broke mid-chunk: nothing of it is kept, the client sends it again.
        raise ValidationError(_("The chunk arrived incomplete; send it again."), code="incomplete_chunk")
    try:
        if offset == 0:
            _check_first_bytes(upload, spool.read(8192))
            spool.seek(0)
        storage = get_private_storage()
        name = upload.chunk_name(upload.chunk_count)
        if storage.exists(name):
            # Left over from an attempt that died before it was counted.
            storage.delete(name)
        saved = storage.save(name, File(spool, name=os.path.basename(name)))
    except files.UploadRejected as error:
        with transaction.atomic():
            _refuse(DocumentUpload.objects.select_for_update().get(pk=upload.pk), error, request=request)
        raise
    finally:
        spool.close()

    with transaction.atomic():
        current = DocumentUpload.objects.select_for_update().get(pk=upload.pk)
        if current.status != DocumentUpload.Status.RECEIVING or current.received != offset or saved != name:
            # A concurrent request for the same bytes won; this copy is not needed.
            if saved != name:
                storage.delete(saved)
            raise UploadOffsetMismatch(current.received)
        current.received = offset + length
        current.chunk_count += 1
        current.sniffed_family = upload.sniffed_family or current.sniffed_family
        current.save(update_fields=["received", "chunk_count", "sniffed_family", "updated_at"])
    return current


def _check_first_bytes(upload, head):
    """Refuse a disallowed type or a file over its type's limit from the first chunk, before the rest arrives."""
    detected = files.sniff(head)
    if detected is None:
        raise files.refusal_for_head(head)
    limit = files.size_limit(detected.family)
    if upload.declared_size > limit:
        raise files.UploadRejected(
            _("The file is larger than %(limit)s, the limit for this type of file.")
            % {"limit": files.format_size(limit)},
            code="too_large",
        )
    upload.sniffed_family = detected.family


def add_document(case, *, by, file, size, description, client_name="", request=None):
    """A whole file at once (the form upload without JavaScript, the demo loader): the same steps as the browser's.

    ``file`` is any readable binary file (Django's upload handler has already streamed a form upload to disk).
    Returns the upload; without a broker its processing has run by the time this returns.
    """
    upload = start_upload(case, by=by, size=size, description=description, client_name=client_name, request=request)
    offset = 0
    while offset < upload.declared_size:
        length = min(settings.CASE_UPLOAD_CHUNK_SIZE, upload.declared_size - offset)
        upload = receive_chunk(upload, by=by, offset=offset, stream=file, length=length, request=request)
        offset = upload.received
    complete_upload(upload, by=by, request=request)
    upload.refresh_from_db()
    return upload


# --- 3. Completing, checking and storing -------------------------------------------------------------


@transaction.atomic
def complete_upload(upload, *, by, request=None):
    upload = DocumentUpload.objects.select_for_update().select_related("case").get(pk=upload.pk)
    if upload.created_by_id != by.pk:
        raise PermissionDenied
    if upload.status != DocumentUpload.Status.RECEIVING:
        return upload  # completing twice is harmless: the client may retry after a network break
    _require_uploadable(upload.case, by)
    if upload.received != upload.declared_size:
        raise ValidationError(
            _("The upload is not complete yet: %(received)s of %(size)s bytes arrived.")
            % {"received": upload.received, "size": upload.declared_size},
            code="incomplete",
        )
    upload.status = DocumentUpload.Status.PROCESSING
    upload.save(update_fields=["status", "updated_at"])
    from ..case_tasks import process_document_upload

    process_document_upload.delay_on_commit(upload.pk)
    return upload


def _assemble(upload, target):
    """Concatenate the chunks into ``target`` on local disk, in fixed-size pieces; return the bytes written."""
    storage = get_private_storage()
    digest_size = 0
    with open(target, "wb") as out:
        for index in range(upload.chunk_count):
            with storage.open(upload.chunk_name(index), "rb") as chunk:
                shutil.copyfileobj(chunk, out, COPY_BUFFER)
        digest_size = out.tell()
    return digest_size


def process_upload(upload_id):
    """Check, scan, de-identify, preview and store one completed upload. Runs once per upload."""
    # Claim the upload in one UPDATE, so a redelivered task does not process it twice; a claim older than
    # CASE_UPLOAD_CLAIM_TIMEOUT belonged to a worker that died, and may be taken over.
    now = timezone.now()
    stale = now - timezone.timedelta(seconds=settings.CASE_UPLOAD_CLAIM_TIMEOUT)
    claimed = (
        DocumentUpload.objects.filter(pk=upload_id, status=DocumentUpload.Status.PROCESSING)
        .filter(Q(processing_started_at__isnull=True) | Q(processing_started_at__lt=stale))
        .update(processing_started_at=now)
    )
    if not claimed:
        return None
    upload = DocumentUpload.objects.select_related("case__patient", "created_by").get(pk=upload_id)

    workdir = Path(tempfile.mkdtemp(prefix="ern-upload-", dir=settings.CASE_UPLOAD_WORK_DIR))
    try:
        source = workdir / "upload"
        if _assemble(upload, source) != upload.declared_size:
            raise files.UploadRejected(_("The upload is incomplete; send the file again."), code="incomplete")
        with translation.override(upload.language):
            try:
                processed = files.process_upload(
                    source,
                    client_name=f"upload{upload.client_extension}",
                    workdir=workdir,
                    pseudonym=upload.case.patient.pseudonym,
                )
            except files.UploadRejected as error:
                with transaction.atomic():
                    _refuse(DocumentUpload.objects.select_for_update().get(pk=upload.pk), error)
                return None
        return _store(upload, processed)
    except Exception:
        # Nothing about the file or the patient in the log: the upload's id says enough to find it.
        logger.exception("Processing upload %s failed", upload.uuid)
        with transaction.atomic(), translation.override(upload.language):
            current = DocumentUpload.objects.select_for_update().get(pk=upload.pk)
            current.status = DocumentUpload.Status.FAILED
            current.error_code = "failed"
            current.error_message = _("The file could not be processed. Please try again or contact the helpdesk.")
            current.save(update_fields=["status", "error_code", "error_message", "updated_at"])
        delete_chunks(upload)
        return None
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _store(upload, processed):
    detected = processed.detected
    document = CaseDocument(
        case=upload.case,
        description=upload.description,
        file_type=detected.key,
        content_type=detected.content_type,
        size=processed.size,
        sha256=processed.sha256,
        metadata=processed.metadata,
        scan_status=CaseDocument.ScanStatus.CLEAN if processed.scan.scanned else CaseDocument.ScanStatus.NOT_SCANNED,
        uploaded_by=upload.created_by,
    )
    stored = []
    try:
        with open(processed.path, "rb") as handle:
            document.file.save(f"document{detected.extension}", File(handle), save=False)
        stored.append(document.file.name)
        if processed.preview_path is not None:
            with open(processed.preview_path, "rb") as handle:
                document.preview.save("preview.png", File(handle), save=False)
            stored.append(document.preview.name)
        with transaction.atomic():
            current = DocumentUpload.objects.select_for_update().get(pk=upload.pk)
            if current.status != DocumentUpload.Status.PROCESSING:
                raise RuntimeError("upload is no longer processing")
            document.save()
            current.document = document
            current.status = DocumentUpload.Status.DONE
            current.save(update_fields=["document", "status", "updated_at"])
            record_event(
                AuditAction.DOCUMENT_ADDED, actor=upload.created_by, target=upload.case,
                document=str(document.uuid), file_type=document.file_type, size=document.size,
                sha256=document.sha256,
            )  # fmt: skip
            if upload.case.status == CaseStatus.IN_REVIEW:
                notify(upload.case, CaseEvent.DOCUMENT_ADDED, actor=upload.created_by)
    except BaseException:
        storage = get_private_storage()
        for name in stored:
            storage.delete(name)
        raise
    delete_chunks(upload)
    return document


def delete_chunks(upload):
    storage = get_private_storage()
    for index in range(upload.chunk_count + 1):  # +1: a chunk written but not yet counted
        name = upload.chunk_name(index)
        if storage.exists(name):
            storage.delete(name)


@transaction.atomic
def cancel_upload(upload, *, by, request=None):
    if upload.created_by_id != by.pk:
        raise PermissionDenied
    upload = DocumentUpload.objects.select_for_update().get(pk=upload.pk)
    if upload.status == DocumentUpload.Status.RECEIVING:
        delete_chunks(upload)
        upload.status = DocumentUpload.Status.FAILED
        upload.error_code = "cancelled"
        upload.error_message = _("The upload was cancelled.")
        upload.save(update_fields=["status", "error_code", "error_message", "updated_at"])
    return upload


# --- Housekeeping (Celery beat) -------------------------------------------------------------------


def tidy_uploads(now=None):
    """Delete the chunks of uploads abandoned half-way, and hand checks that a dead worker left back to a worker.

    Chunks are pieces of a patient's file: they must not stay in storage because a browser was closed.
    Returns (abandoned, requeued).
    """
    from ..case_tasks import process_document_upload

    now = now or timezone.now()
    idle = now - timezone.timedelta(seconds=settings.CASE_UPLOAD_ABANDON_AFTER)
    abandoned = 0
    for upload in DocumentUpload.objects.filter(status=DocumentUpload.Status.RECEIVING, updated_at__lt=idle):
        with transaction.atomic():
            current = DocumentUpload.objects.select_for_update().get(pk=upload.pk)
            if current.status != DocumentUpload.Status.RECEIVING or current.updated_at >= idle:
                continue
            delete_chunks(current)
            with translation.override(current.language):
                current.status = DocumentUpload.Status.FAILED
                current.error_code = "abandoned"
                current.error_message = _("The upload was not finished and has been discarded. Upload the file again.")
            current.save(update_fields=["status", "error_code", "error_message", "updated_at"])
            abandoned += 1
    stale = now - timezone.timedelta(seconds=settings.CASE_UPLOAD_CLAIM_TIMEOUT)
    stuck = DocumentUpload.objects.filter(status=DocumentUpload.Status.PROCESSING).filter(
        Q(processing_started_at__lt=stale) | Q(processing_started_at__isnull=True, updated_at__lt=stale)
    )
    requeued = 0
    for upload_id in stuck.values_list("pk", flat=True):
        process_document_upload.delay(upload_id)
        requeued += 1
    return abandoned, requeued


# --- Removing a document -------------------------------------------------------------------------------


@transaction.atomic
def delete_document(document, *, by, request=None):
    case = document.case
    if not by.has_perm("referrals.delete_case_document", case):
        raise PermissionDenied
    if case.status not in DELETABLE_STATUSES:
        raise ValidationError(
            _("Documents can only be removed before the panel starts its review."), code="wrong_status"
        )
    names = [name for name in (document.file.name, document.preview.name) if name]
    reference = str(document.uuid)
    DocumentUpload.objects.filter(document=document).delete()
    document.delete()
    record_event(AuditAction.DOCUMENT_DELETED, actor=by, target=case, request=request, document=reference)
    storage = get_private_storage()
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


def sha256_of(storage_file):
    """Re-compute a stored file's checksum (used by tests and integrity checks), streaming."""
    digest = hashlib.sha256()
    with storage_file.open("rb") as handle:
        for piece in iter(lambda: handle.read(COPY_BUFFER), b""):
            digest.update(piece)
    return digest.hexdigest()
