"""Medical documents and imaging attached to a case, and the resumable uploads that bring them in (issue 7 §4).

Files live in private storage under server-generated names; nothing the
client sent (its file name, its MIME type) is kept except the extension,
which only serves to spot a file whose name and content disagree. A
``DocumentUpload`` collects the chunks of one file; once complete, the file
is checked by content, DICOM is de-identified, and only then does a
``CaseDocument`` exist.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cases import Case, get_private_storage


class DocumentType(models.TextChoices):
    """The allow-list of file types (referrals/files/detect.py decides by content)."""

    PDF = "pdf", _("PDF document")
    JPEG = "jpeg", _("JPEG image")
    PNG = "png", _("PNG image")
    DICOM = "dicom", _("DICOM image")
    DICOM_ZIP = "dicom_zip", _("DICOM study (zip)")
    TEXT = "text", _("Plain text")
    DOCX = "docx", _("Word document (DOCX)")


IMAGING_TYPES = (DocumentType.DICOM, DocumentType.DICOM_ZIP)
PREVIEWABLE_TYPES = (DocumentType.JPEG, DocumentType.PNG, DocumentType.DICOM, DocumentType.DICOM_ZIP)


def document_upload_to(instance, filename):
    # ``filename`` is already server-made ("document.pdf"); only its extension is used.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"cases/{instance.case.uuid.hex}/{uuid.uuid4().hex}.{extension}"


def preview_upload_to(instance, filename):
    return f"cases/{instance.case.uuid.hex}/previews/{uuid.uuid4().hex}.png"


class CaseDocumentQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("uploaded_by").defer("metadata")


class CaseDocument(models.Model):
    class ScanStatus(models.TextChoices):
        NOT_SCANNED = "not_scanned", _("Not scanned (scanning is off)")
        CLEAN = "clean", _("Scanned, no threat found")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    description = models.CharField(
        _("description"),
        max_length=200,
        help_text=_(
            "What the file shows, for example “MRI pelvis, October 2026”. Nothing that identifies the patient."
        ),
    )
    file = models.FileField(storage=get_private_storage, upload_to=document_upload_to, max_length=255)
    file_type = models.CharField(_("type"), max_length=12, choices=DocumentType.choices)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    preview = models.FileField(storage=get_private_storage, upload_to=preview_upload_to, max_length=255, blank=True)
    # Non-identifying facts about the file (DICOM modality, number of instances, image size).
    metadata = models.JSONField(default=dict, blank=True)
    scan_status = models.CharField(max_length=12, choices=ScanStatus.choices, default=ScanStatus.NOT_SCANNED)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = CaseDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
        indexes = [models.Index(fields=["case", "uploaded_at"])]

    def __str__(self):
        return f"{self.case.reference} {self.reference}"

    @property
    def reference(self):
        return f"DOC-{self.uuid.hex[:8].upper()}"

    @property
    def is_imaging(self):
        return self.file_type in IMAGING_TYPES

    @property
    def download_name(self):
        # A neutral name: references only, never the patient or the client's file name.
        extension = self.file.name.rsplit(".", 1)[-1] if "." in self.file.name else "bin"
        return f"{self.case.reference}-{self.reference}.{extension}"


class DocumentUpload(models.Model):
    """One file arriving in chunks. Chunks are objects in private storage, so any web process can take the next one."""

    class Status(models.TextChoices):
        RECEIVING = "receiving", _("Uploading")
        PROCESSING = "processing", _("Checking the file")
        DONE = "done", _("Added to the case")
        REJECTED = "rejected", _("Refused")
        FAILED = "failed", _("Failed")

    FINISHED = (Status.DONE, Status.REJECTED, Status.FAILED)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="uploads")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    description = models.CharField(_("description"), max_length=200)
    # Messages about a refused file are written in the language the uploader used.
    language = models.CharField(max_length=12, default=settings.LANGUAGE_CODE)
    # Only the extension of the client's file name: the name itself may hold the patient's name.
    client_extension = models.CharField(max_length=16, blank=True)
    declared_size = models.PositiveBigIntegerField()
    received = models.PositiveBigIntegerField(default=0)
    chunk_count = models.PositiveIntegerField(default=0)
    # Set from the first chunk's bytes, so an oversize or disallowed file is refused early.
    sniffed_family = models.CharField(max_length=12, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RECEIVING, db_index=True)
    # When a worker took the completed upload to check it (one worker at a time; see services/documents.py).
    processing_started_at = models.DateTimeField(null=True, blank=True)
    error_code = models.CharField(max_length=30, blank=True)
    error_message = models.TextField(blank=True)
    document = models.OneToOneField(
        CaseDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="upload"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("document upload")
        verbose_name_plural = _("document uploads")

    def __str__(self):
        return f"{self.case.reference} upload {self.uuid.hex[:8]} ({self.status})"

    @property
    def is_finished(self):
        return self.status in self.FINISHED

    def chunk_name(self, index):
        return f"uploads/{self.uuid.hex}/{index:06d}.part"
