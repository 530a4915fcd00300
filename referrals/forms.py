"""Forms of the workspace: access requests, coordinator decisions, and single-use TOTP codes."""

import datetime

from allauth.account.internal.flows.login import record_authentication
from allauth.core import context
from allauth.core.internal.cryptokit import normalize_user_code
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.forms import ActivateTOTPForm as BaseActivateTOTPForm
from django import forms
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from home.network import ExpertiseArea, MemberCentre

from .models import AccessRequest, AuditAction, Role
from .models.accounts import GRANTABLE_ROLES

# ---- Second factor ----------------------------------------------------------


class SingleUseTOTPMixin:
    """Reject a TOTP code that was already accepted, for as long as the window accepts it.

    allauth marks a used code for one period (30 s), yet with a tolerance of
    one step a code stays valid for three periods: without this, a code seen
    over a shoulder could be replayed 31–89 seconds later.
    """

    def _used_key(self, code):
        return f"ern.mfa.totp-used:{self.user.pk}:{normalize_user_code(code)}"

    def clean_code(self):
        code = self.cleaned_data.get("code", "")
        if cache.get(self._used_key(code)):
            raise get_mfa_adapter().validation_error("incorrect_code")
        code = super().clean_code()
        if self.authenticator.type == Authenticator.Type.TOTP:
            window = mfa_settings.TOTP_PERIOD * (2 * mfa_settings.TOTP_TOLERANCE + 2)
            cache.set(self._used_key(code), True, timeout=window)
        return code


class ActivateTOTPForm(BaseActivateTOTPForm):
    """Activation checks a code from the new device: that completes the session's second-factor step.

    So after setting up their app the user goes straight on to the page they
    asked for, without typing a second code. The code is also marked used.
    """

    def clean_code(self):
        code = super().clean_code()
        window = mfa_settings.TOTP_PERIOD * (2 * mfa_settings.TOTP_TOLERANCE + 2)
        cache.set(f"ern.mfa.totp-used:{self.user.pk}:{normalize_user_code(code)}", True, timeout=window)
        record_authentication(context.request, self.user, method="mfa", type="totp", reauthenticated=True)
        return code


class SingleUseTOTPAuthenticateForm(SingleUseTOTPMixin, AuthenticateForm):
    pass


class SingleUseTOTPReauthenticateForm(SingleUseTOTPMixin, ReauthenticateForm):
    pass


# ---- Access requests ----------------------------------------------------------

OUTSIDE_NETWORK = "outside"


def _default_locale_rows(model):
    """Source-language rows (what we link to), labelled in the visitor's language when translated."""
    default = Locale.get_default()
    rows = list(model.objects.filter(locale=default))
    active = Locale.get_active()
    if active.pk != default.pk:
        names = dict(
            model.objects.filter(locale=active, translation_key__in=[row.translation_key for row in rows]).values_list(
                "translation_key", "name"
            )
        )
        for row in rows:
            row.name = names.get(row.translation_key, row.name)
    return rows


class AccessRequestForm(forms.Form):
    member_centre = forms.ChoiceField(
        label=_("Member centre"),
        help_text=_("The hospital of the network where you work, or “outside the network”."),
    )
    profession = forms.CharField(label=_("Profession"), max_length=120, help_text=_("For example: urologist."))
    specialty = forms.CharField(label=_("Specialty"), max_length=120, help_text=_("For example: paediatric urology."))
    expertise_areas = forms.MultipleChoiceField(
        label=_("Expertise areas you work in"), widget=forms.CheckboxSelectMultiple, required=False
    )
    registration_number = forms.CharField(label=_("Professional registration number"), max_length=64)
    justification = forms.CharField(
        label=_("Why do you need access?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few sentences are enough. Do not include any patient information."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.centres = {str(centre.pk): centre for centre in _default_locale_rows(MemberCentre)}
        self.fields["member_centre"].choices = [
            ("", _("Choose your centre")),
            (OUTSIDE_NETWORK, _("Outside the network")),
            *[(pk, str(centre)) for pk, centre in self.centres.items()],
        ]
        self.areas = {str(area.pk): area for area in _default_locale_rows(ExpertiseArea)}
        self.fields["expertise_areas"].choices = [(pk, area.name) for pk, area in self.areas.items()]

    @classmethod
    def initial_from(cls, access_request):
        if access_request is None:
            return {}
        centre = OUTSIDE_NETWORK if access_request.outside_network else access_request.member_centre_id
        return {
            "member_centre": str(centre) if centre else "",
            "profession": access_request.profession,
            "specialty": access_request.specialty,
            "expertise_areas": [str(pk) for pk in access_request.expertise_areas.values_list("pk", flat=True)],
            "registration_number": access_request.registration_number,
            "justification": access_request.justification,
        }

    def request_data(self):
        centre = self.cleaned_data["member_centre"]
        return {
            "member_centre": self.centres.get(centre),
            "outside_network": centre == OUTSIDE_NETWORK,
            "profession": self.cleaned_data["profession"],
            "specialty": self.cleaned_data["specialty"],
            "registration_number": self.cleaned_data["registration_number"],
            "justification": self.cleaned_data["justification"],
        }

    def selected_areas(self):
        return [self.areas[pk] for pk in self.cleaned_data["expertise_areas"]]


class AccessDecisionForm(forms.Form):
    APPROVE, REJECT, ASK = "approve", "reject", "ask"
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (APPROVE, _("Approve")),
            (REJECT, _("Reject")),
            (ASK, _("Ask for more information")),
        ],
    )
    role = forms.ChoiceField(
        label=_("Role to grant"),
        required=False,
        choices=[("", "—"), *[(role.value, role.label) for role in GRANTABLE_ROLES]],
    )
    guest_expires_on = forms.DateField(
        label=_("Guest access expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Only for guest clinicians."),
    )
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you reject or ask for more information."),
    )

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == self.APPROVE:
            if not data.get("role"):
                self.add_error("role", _("Choose the role to grant."))
            elif data["role"] == Role.GUEST_CLINICIAN and not data.get("guest_expires_on"):
                self.add_error("guest_expires_on", _("A guest account needs an expiry date."))
        if decision in {self.REJECT, self.ASK} and not data.get("message", "").strip():
            self.add_error("message", _("Write a message to the applicant."))
        expires = data.get("guest_expires_on")
        if expires and expires <= timezone.localdate():
            self.add_error("guest_expires_on", _("Choose a date in the future."))
        return data


class ExtendGuestForm(forms.Form):
    until = forms.DateField(label=_("New expiry date"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until <= timezone.localdate():
            raise forms.ValidationError(_("Choose a date in the future."))
        if until > timezone.localdate() + datetime.timedelta(days=366):
            raise forms.ValidationError(_("Guest access can be extended by one year at most."))
        return until


class BootstrapFilterForm(forms.Form):
    """GET filter forms above lists, styled without crispy (they are laid out in a row)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class AccessRequestFilterForm(BootstrapFilterForm):
    status = forms.ChoiceField(label=_("Status"), required=False)
    centre = forms.ChoiceField(label=_("Member centre"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *AccessRequest.Status.choices]
        self.fields["centre"].choices = [
            ("", _("All centres")),
            (OUTSIDE_NETWORK, _("Outside the network")),
            *[(str(centre.pk), str(centre)) for centre in _default_locale_rows(MemberCentre)],
        ]


class AuditFilterForm(BootstrapFilterForm):
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.CharField(label=_("Actor e-mail contains"), required=False, max_length=254)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions")), *AuditAction.choices]


class AccountSearchForm(BootstrapFilterForm):
    q = forms.CharField(label=_("E-mail contains"), required=False, max_length=254)
    role = forms.ChoiceField(label=_("Role"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("All roles")), *Role.choices]
