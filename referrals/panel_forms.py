"""Forms of the panel and discussion pages: inviting an expert, answering an invitation, the discussion.

Forms only collect and check input; referrals/services/panels.py and
services/discussion.py act on it. Experts are chosen by their profile's UUID
and documents by theirs, so no sequential id appears in a page.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .case_forms import BootstrapMixin
from .models import CaseDocument
from .services.panels import eligible_experts

CONTRIBUTION_HELP = _(
    "Plain text is fine: blank lines start a new paragraph. You may also use simple HTML: paragraphs, "
    "line breaks, bold, italics, lists, headings (h3, h4) and quotations. Anything else (links, images, "
    "scripts, styles) is removed. Write nothing that identifies the patient."
)


def expert_label(user):
    name = user.get_full_name() or user.email
    profile = getattr(user, "clinician_profile", None)
    centre = profile.member_centre if profile is not None else None
    return f"{name} — {centre}" if centre is not None else name


class ExpertChoiceField(forms.ModelChoiceField):
    """A user chosen by their clinician profile's UUID."""

    def label_from_instance(self, user):
        count = getattr(user, "open_case_count", None)
        if count is None:
            return expert_label(user)
        cases = ngettext("%(count)d open case", "%(count)d open cases", count) % {"count": count}
        return f"{expert_label(user)} ({cases})"

    def prepare_value(self, value):
        profile = getattr(value, "clinician_profile", None)
        if profile is not None:
            return str(profile.uuid)
        return super().prepare_value(value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.queryset.get(clinician_profile__uuid=value)
        except (ValueError, ValidationError, self.queryset.model.DoesNotExist):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None


class InviteExpertForm(BootstrapMixin, forms.Form):
    expert = ExpertChoiceField(
        label=_("Invite another expert"),
        queryset=None,
        empty_label=_("Choose an expert"),
        help_text=_("Every member clinician at another centre who is not yet on the panel."),
        error_messages={"invalid_choice": _("This expert cannot be invited: choose one from the list.")},
    )
    as_lead = forms.BooleanField(label=_("Make this expert the panel lead"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = eligible_experts(case)


class InvitationAnswerForm(BootstrapMixin, forms.Form):
    ACCEPT, DECLINE = "accept", "decline"

    # Set by the button pressed; the page has no other control for it.
    decision = forms.ChoiceField(
        choices=[(ACCEPT, _("Accept")), (DECLINE, _("Decline"))],
        widget=forms.HiddenInput,
        error_messages={"required": _("Choose to accept or to decline.")},
    )
    reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by whoever invited you and the panel lead."),
    )


class DocumentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, document):
        return f"{document.description} ({document.reference}, {document.get_file_type_display()})"


class ContributionForm(BootstrapMixin, forms.Form):
    body = forms.CharField(
        label=_("Your contribution"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text=CONTRIBUTION_HELP,
    )
    documents = DocumentChoiceField(
        label=_("Documents you refer to"),
        queryset=CaseDocument.objects.none(),
        to_field_name="uuid",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Only documents of this case can be referred to.")},
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this case's documents can be chosen at all; the service checks again.
        self.fields["documents"].queryset = CaseDocument.objects.filter(case_id=case.pk).defer("metadata")
        self.fields["documents"].widget.attrs["class"] = "form-check-input"


class InformationRequestForm(BootstrapMixin, forms.Form):
    question = forms.CharField(
        label=_("What does the panel need to know?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("The referring clinician and their centre read this. Ask nothing that identifies the patient."),
    )


class InformationAnswerForm(BootstrapMixin, forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=8000,
        help_text=_("The expert panel reads this. Write nothing that identifies the patient."),
    )
