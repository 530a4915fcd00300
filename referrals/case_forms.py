"""Forms of the case pages: enrolment, the case itself, consent records, and the coordinator's reject reason.

Forms only collect and check input; the services in referrals/services/ act on it.
"""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.network import ExpertiseArea

from .models import Case, ConsentPurpose
from .models.cases import Sex


class DateInput(forms.DateInput):
    input_type = "date"


class BootstrapMixin:
    """Bootstrap classes on every widget, so the templates can render fields one by one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()


def _not_in_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("The date cannot be in the future."))
    return value


class PatientEnrolmentForm(BootstrapMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DateInput)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    national_id = forms.CharField(label=_("National identifier"), max_length=64, required=False)
    local_record_number = forms.CharField(label=_("Local record number"), max_length=64, required=False)

    def clean_date_of_birth(self):
        return _not_in_future(self.cleaned_data["date_of_birth"])


class ExpertiseAreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.workstream.name} — {obj.name}"


class CaseForm(BootstrapMixin, forms.ModelForm):
    expertise_area = ExpertiseAreaChoiceField(
        label=_("Workstream and expertise area"), queryset=ExpertiseArea.objects.none()
    )

    class Meta:
        model = Case
        fields = [
            "title",
            "expertise_area",
            "orphacode",
            "icd10_code",
            "clinical_summary",
            "question",
            "urgency",
            "no_documents",
        ]
        widgets = {
            "clinical_summary": forms.Textarea(attrs={"rows": 8}),
            "question": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "orphacode": _("For example ORPHA:93929. Give an ORPHAcode, an ICD-10 code or both."),
            "icd10_code": _("For example Q64.1."),
            "clinical_summary": _(
                "You may use simple formatting (paragraphs, lists, bold, italics). Nothing that identifies the patient."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Cases point at the network's source rows (default language), whatever the page language.
        self.fields["expertise_area"].queryset = (
            ExpertiseArea.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            .select_related("workstream")
            .order_by("workstream__sort_order", "workstream__name", "sort_order")
        )

    def clean_orphacode(self):
        return self.cleaned_data["orphacode"].strip().upper().replace("ORPHA :", "ORPHA:")

    def clean_icd10_code(self):
        return self.cleaned_data["icd10_code"].strip().upper()

    def clean(self):
        data = super().clean()
        if not data.get("orphacode") and not data.get("icd10_code") and not self.errors:
            raise forms.ValidationError(_("Give an ORPHAcode, an ICD-10 code or both."))
        return data


class ConsentRecordForm(BootstrapMixin, forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    given_on = forms.DateField(label=_("Date consent was given"), widget=DateInput)
    form_language = forms.ChoiceField(label=_("Language of the consent form"), choices=settings.LANGUAGES)
    form_version = forms.CharField(
        label=_("Version of the consent form"),
        max_length=20,
        required=False,
        help_text=_("Leave empty if the patient signed the current version in that language."),
    )
    signed_form = forms.FileField(
        label=_("Signed consent form (optional)"),
        required=False,
        help_text=_("PDF, JPEG or PNG. Kept in private storage, visible to your centre only."),
    )

    def clean_given_on(self):
        return _not_in_future(self.cleaned_data["given_on"])


class WithdrawConsentForm(BootstrapMixin, forms.Form):
    withdrawn_on = forms.DateField(label=_("Date consent was withdrawn"), widget=DateInput)

    def clean_withdrawn_on(self):
        return _not_in_future(self.cleaned_data["withdrawn_on"])


class RejectCaseForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for the rejection"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
