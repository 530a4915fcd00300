"""The upload form: what the file shows, and the file. Checking the file is the services' job, by its content."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .case_forms import BootstrapMixin


class DocumentUploadForm(BootstrapMixin, forms.Form):
    description = forms.CharField(
        label=_("What does the file show?"),
        max_length=200,
        help_text=_(
            "For example “MRI pelvis, October 2026” or “Histology report”. Nothing that identifies the patient."
        ),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "PDF, JPEG, PNG, DICOM (a single file or a zipped study), plain text or DOCX. "
            "DICOM is de-identified before it is stored."
        ),
        # The name the client sends may hold the patient's name; it is checked, never stored.
        max_length=255,
    )
