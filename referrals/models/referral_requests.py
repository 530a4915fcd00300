"""
Referrals from outside the network: the public eligibility check page (whose
words editors control), the national contact point directory, and the
referral requests that reach the coordinator's triage queue.
"""

import uuid

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from home.countries import COUNTRY_CHOICES, country_name
from home.models import BasePage
from home.network import ExpertiseArea, Workstream


class NationalContactPoint(TranslatableMixin, models.Model):
    """A country's national contact point for the ERNs (Board of Member States), entered by editors."""

    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES)
    name = models.CharField(_("name"), max_length=255)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    panels = [
        FieldPanel("country"),
        FieldPanel("name"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("website"),
        FieldPanel("notes"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["country"]
        verbose_name = _("national contact point")
        verbose_name_plural = _("national contact points")
        constraints = [
            models.UniqueConstraint(fields=["country", "locale"], name="one_contact_point_per_country_and_locale")
        ]

    def __str__(self):
        return f"{self.name} ({self.country})"

    @property
    def country_name(self):
        return country_name(self.country)


def _yes(value):
    return {"yes": True, "no": False}.get(value)


def _text(default):
    return models.TextField(default=default, blank=True)


class ReferralCheckPage(RoutablePageMixin, BasePage):
    """`/en/refer/`: the guided eligibility check and the referral request form.

    Every sentence a visitor reads here is a field, so editors control the
    words and wagtail-localize translates them. The rules themselves live in
    referrals/eligibility.py.
    """

    introduction = RichTextField(
        blank=True,
        default="<p>Check in a few steps whether the network can advise on your patient. It takes about two "
        "minutes. Do not enter anything that identifies the patient.</p>",
    )
    country_question = _text("In which country is the treating hospital?")
    country_help = _text("The network advises clinicians in the member states of the EU and the EEA.")
    condition_question = _text("What is the patient's condition?")
    condition_help = _text(
        "Search by name or synonym. If you are not sure whether it falls within the network's expertise, "
        "choose “not sure” and the coordinator will review it."
    )
    contact_point_question = _text("Have you asked your national contact point?")
    contact_point_text = _text(
        "Each member state has a national contact point for the European Reference Networks. Please also ask "
        "them about the referral process in your country."
    )
    consent_question = _text("Will you obtain the patient's full informed consent?")
    consent_text = _text(
        "If the referral is accepted, you must obtain the patient's full informed consent to share their data "
        "with the panel, using the network's consent form."
    )
    effort_question = _text("Can you upload the patient's medical information?")
    effort_text = _text(
        "The panel needs the relevant medical information, including imaging, to discuss the case. Uploading "
        "it takes some time."
    )
    liability_question = _text("Do you acknowledge who stays responsible for the patient?")
    liability_text = _text(
        "The network gives expert advice only. All legal liability and responsibility for the patient stays "
        "with the treating clinician and the hospital where the patient lives."
    )
    result_eligible = _text("Your patient's case can be referred to the network.")
    result_needs_review = _text(
        "The network's coordinator needs to review whether the condition falls within the network's expertise. "
        "You can submit the request now."
    )
    result_not_eligible = _text("The network cannot take this referral.")
    reason_country = _text("The network can only advise treating hospitals in EU or EEA member states.")
    reason_condition = _text("The condition does not fall within the network's expertise areas.")
    reason_consent = _text("The patient's informed consent is required before any data is shared.")
    reason_effort = _text("The panel cannot advise without the patient's medical information and imaging.")
    reason_liability = _text("The network can only advise when the treating clinician keeps responsibility.")
    alternative_route = RichTextField(
        blank=True,
        default="<p>Ask your national contact point about other routes to expert care, or contact the "
        "network's helpdesk if you are unsure.</p>",
    )
    request_introduction = _text(
        "Tell us about yourself and your question. The coordinator triages requests, usually within five "
        "working days; urgent requests first."
    )
    no_identifiers_warning = _text(
        "Do not include anything that identifies the patient: no name, date of birth, national identification "
        "number, address, e-mail address or phone number. Describe the case with age, sex and clinical facts."
    )
    submitted_text = _text(
        "Please confirm your e-mail address with the link we have sent you. Your request reaches the "
        "coordinator once it is confirmed."
    )
    verified_text = _text("Thank you. Your request is now with the network's coordinator.")

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        MultiFieldPanel([FieldPanel("country_question"), FieldPanel("country_help")], heading=_("Step 1: country")),
        MultiFieldPanel(
            [FieldPanel("condition_question"), FieldPanel("condition_help")], heading=_("Step 2: condition")
        ),
        MultiFieldPanel(
            [FieldPanel("contact_point_question"), FieldPanel("contact_point_text")],
            heading=_("Step 3: national contact point"),
        ),
        MultiFieldPanel([FieldPanel("consent_question"), FieldPanel("consent_text")], heading=_("Step 4: consent")),
        MultiFieldPanel([FieldPanel("effort_question"), FieldPanel("effort_text")], heading=_("Step 5: effort")),
        MultiFieldPanel(
            [FieldPanel("liability_question"), FieldPanel("liability_text")], heading=_("Step 6: liability")
        ),
        MultiFieldPanel(
            [
                FieldPanel("result_eligible"),
                FieldPanel("result_needs_review"),
                FieldPanel("result_not_eligible"),
                FieldPanel("reason_country"),
                FieldPanel("reason_condition"),
                FieldPanel("reason_consent"),
                FieldPanel("reason_effort"),
                FieldPanel("reason_liability"),
                FieldPanel("alternative_route"),
            ],
            heading=_("Results"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("request_introduction"),
                FieldPanel("no_identifiers_warning"),
                FieldPanel("submitted_text"),
                FieldPanel("verified_text"),
            ],
            heading=_("Referral request"),
        ),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("referral check page")

    def get_meta_description(self):
        return self.search_description or self.result_eligible

    # --- the guided check -------------------------------------------------
    # Answers live in the session, so every step works without JavaScript and
    # the visitor can go back without losing them.

    STEPS = ["country", "condition", "contact-point", "consent", "effort", "liability"]
    SESSION_KEY = "referral_check"

    def answers(self, request):
        return dict(request.session.get(self.SESSION_KEY, {}))

    def save_answer(self, request, name, value):
        answers = self.answers(request)
        answers[name] = value
        request.session[self.SESSION_KEY] = answers

    def step_url(self, step):
        return self.url + self.reverse_subpage("step", kwargs={"step": step})

    def eligibility(self, request):
        from referrals.eligibility import EligibilityAnswers, assess

        answers = self.answers(request)
        condition = answers.get("condition", "")
        return assess(
            EligibilityAnswers(
                country=answers.get("country", ""),
                condition="" if condition == "none" else condition,
                consent=_yes(answers.get("consent")),
                effort=_yes(answers.get("effort")),
                liability=_yes(answers.get("liability")),
            )
        )

    def step_texts(self, step):
        return {
            "country": (self.country_question, self.country_help),
            "condition": (self.condition_question, self.condition_help),
            "contact-point": (self.contact_point_question, self.contact_point_text),
            "consent": (self.consent_question, self.consent_text),
            "effort": (self.effort_question, self.effort_text),
            "liability": (self.liability_question, self.liability_text),
        }[step]

    @path("")
    def start(self, request):
        return self.render(request)

    @path("step/<slug:step>/", name="step")
    def step(self, request, step):
        from referrals.views import referral_check

        if step not in self.STEPS:
            raise Http404
        return referral_check.step(self, request, step)

    @path("result/", name="result")
    def result(self, request):
        from referrals.views import referral_check

        return referral_check.result(self, request)

    @path("request/", name="request")
    def request_form(self, request):
        from referrals.views import referral_check

        return referral_check.request_form(self, request)

    @path("submitted/", name="submitted")
    def submitted(self, request):
        return self.render(request, template="referrals/referral_check_submitted.html")

    # Signed tokens contain ":", which Wagtail's page paths do not allow, so
    # they travel in the query string.
    @path("confirm/", name="confirm")
    def confirm(self, request):
        from referrals.views import referral_check

        return referral_check.confirm(self, request, request.GET.get("token", ""))

    @path("answer/", name="answer")
    def answer(self, request):
        from referrals.views import referral_check

        return referral_check.answer(self, request, request.GET.get("token", ""))


def _reference_number():
    """A short, unguessable reference the clinician quotes; never used in a URL."""
    return "REF-" + uuid.uuid4().hex[:8].upper()


class ReferralRequestQuerySet(models.QuerySet):
    def in_queue(self):
        """Verified requests only: unverified e-mail addresses never reach the coordinator."""
        return self.exclude(status=ReferralRequest.Status.UNVERIFIED)

    def for_queue(self):
        return self.in_queue().select_related("expertise_area", "workstream", "assigned_to")


class ReferralRequest(models.Model):
    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("E-mail not yet confirmed")
        NEW = "new", _("New")
        ASSIGNED = "assigned", _("Assigned to a workstream lead")
        INFO_REQUESTED = "info_requested", _("More information requested")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    class Urgency(models.TextChoices):
        ROUTINE = "routine", _("Routine")
        URGENT = "urgent", _("Urgent")

    OPEN_STATUSES = (Status.NEW, Status.ASSIGNED, Status.INFO_REQUESTED)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("reference"), max_length=16, unique=True, default=_reference_number, editable=False)
    clinician_name = models.CharField(_("your name"), max_length=200)
    email = models.EmailField(_("professional e-mail"))
    hospital = models.CharField(_("hospital"), max_length=255)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES)
    specialty = models.CharField(_("specialty"), max_length=120)
    expertise_area = models.ForeignKey(
        ExpertiseArea, verbose_name=_("expertise area"), null=True, blank=True, on_delete=models.SET_NULL
    )
    workstream = models.ForeignKey(
        Workstream, verbose_name=_("workstream"), null=True, blank=True, on_delete=models.SET_NULL
    )
    condition_unsure = models.BooleanField(_("condition not sure"), default=False)
    clinical_question = models.TextField(_("clinical question"), max_length=2000)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    urgency_reason = models.TextField(_("reason for urgency"), max_length=1000, blank=True)
    eligibility_outcome = models.CharField(max_length=20, editable=False)
    language = models.CharField(max_length=12, default=settings.LANGUAGE_CODE, editable=False)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UNVERIFIED)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_referrals",
    )
    decision_message = models.TextField(_("message to the clinician"), blank=True)
    info_response = models.TextField(_("clinician's answer"), blank=True)
    guest_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    verified_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReferralRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("referral request")
        verbose_name_plural = _("referral requests")
        indexes = [models.Index(fields=["status", "urgency", "created_at"])]

    def __str__(self):
        return self.reference

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def submitted_at(self):
        return self.verified_at or self.created_at
