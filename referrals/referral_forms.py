"""Forms of the public referral check and request. Each step is its own small form."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from home.countries import COUNTRY_CHOICES
from home.network import ExpertiseArea

from .eligibility import NOT_SURE
from .identifiers import identifier_messages
from .models.referral_requests import ReferralRequest

OUTSIDE = "outside"
NONE_OF_THESE = "none"

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def sorted_country_choices():
    """Countries sorted by their name in the active language."""
    return sorted(((code, str(name)) for code, name in COUNTRY_CHOICES), key=lambda item: item[1])


class CountryStepForm(forms.Form):
    country = forms.ChoiceField(label=_("Country of the treating hospital"))

    def __init__(self, *args, question="", help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["country"]
        field.label = question or field.label
        field.help_text = help_text
        field.choices = [("", _("Choose a country")), *sorted_country_choices(), (OUTSIDE, _("Another country"))]


def matching_areas(query, locale=None):
    """Expertise areas of the active language whose name or synonyms contain ``query``."""
    areas = ExpertiseArea.objects.filter(locale=locale or Locale.get_active()).select_related("workstream")
    if query:
        areas = areas.filter(
            Q(name__icontains=query) | Q(synonyms__icontains=query) | Q(workstream__name__icontains=query)
        )
    return areas.order_by("workstream__sort_order", "workstream__name", "sort_order", "name")


class ConditionStepForm(forms.Form):
    condition = forms.ChoiceField(label=_("The patient's condition"), widget=forms.RadioSelect)

    def __init__(self, *args, question="", help_text="", areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["condition"]
        field.label = question or field.label
        field.help_text = help_text
        field.choices = [
            *[(str(area.pk), f"{area.name} ({area.workstream.name})") for area in areas],
            (NOT_SURE, _("I am not sure whether it falls within the network's expertise")),
            (NONE_OF_THESE, _("None of these")),
        ]


class AcknowledgeStepForm(forms.Form):
    """Steps 3–6: a yes/no answer to one question."""

    answer = forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect)

    def __init__(self, *args, question="", help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].label = question
        self.fields["answer"].help_text = help_text


class ReferralRequestForm(forms.ModelForm):
    # A field people never see; bots that fill every field reveal themselves.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    class Meta:
        model = ReferralRequest
        fields = [
            "clinician_name",
            "email",
            "hospital",
            "country",
            "specialty",
            "clinical_question",
            "urgency",
            "urgency_reason",
        ]
        widgets = {
            "clinical_question": forms.Textarea(attrs={"rows": 6, "maxlength": 2000}),
            "urgency_reason": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
            "urgency": forms.RadioSelect,
        }

    def __init__(self, *args, warning="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Choose a country")), *sorted_country_choices()]
        self.fields["clinical_question"].help_text = warning
        self.fields["email"].help_text = _("Your professional address. We send a link to confirm it.")
        self.fields["urgency_reason"].help_text = _("Required for urgent requests.")
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("urgency") == ReferralRequest.Urgency.URGENT
            and not (cleaned.get("urgency_reason") or "").strip()
        ):
            self.add_error("urgency_reason", _("Please say why the request is urgent."))
        for name in ("clinical_question", "urgency_reason", "hospital", "specialty"):
            findings = identifier_messages(cleaned.get(name) or "")
            if findings:
                message = _("Please remove anything that could identify the patient. %(details)s") % {
                    "details": " ".join(finding.message for finding in findings)
                }
                self.add_error(name, ValidationError(message, code="patient_identifier"))
        return cleaned

    @property
    def is_bot(self):
        return bool(self.data.get("website"))


class InformationAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6, "maxlength": 4000})
    )

    def __init__(self, *args, warning="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].help_text = warning

    def clean_answer(self):
        answer = self.cleaned_data["answer"]
        findings = identifier_messages(answer)
        if findings:
            raise ValidationError(
                _("Please remove anything that could identify the patient. %(details)s")
                % {"details": " ".join(finding.message for finding in findings)},
                code="patient_identifier",
            )
        return answer
