"""The public subscription form: address, preferred language, explicit consent, and a honeypot."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def language_choices():
    return list(settings.LANGUAGES)


def default_language():
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return current if current in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "form-control"}),
    )
    language = forms.ChoiceField(
        label=_("Preferred language"),
        help_text=_("Issues not yet translated into this language are sent in English."),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the network stores my e-mail address and preferred language to send me its newsletter. "
            "I can unsubscribe at any time with the link in every issue, and my address is then deleted."
        ),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Please give your consent, or we cannot send you the newsletter.")},
    )
    # Hidden from people (CSS), tempting for bots; a filled value means the
    # request is silently dropped with the same response as a real one.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()
        self.fields["language"].initial = default_language()

    def is_bot(self):
        return bool(self.cleaned_data.get("website"))
