"""The steps of the public referral check (served by ReferralCheckPage's routes)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from home.network import ExpertiseArea
from portal import ratelimit

from ..eligibility import NOT_SURE, Outcome, Reason
from ..models.referral_requests import NationalContactPoint, ReferralRequest
from ..referral_forms import (
    NONE_OF_THESE,
    AcknowledgeStepForm,
    ConditionStepForm,
    CountryStepForm,
    InformationAnswerForm,
    ReferralRequestForm,
    matching_areas,
)
from ..services.referral_requests import (
    ANSWER_SALT,
    ExpiredToken,
    InvalidToken,
    TriageError,
    answer_information_request,
    referral_for_token,
    submit_referral_request,
    verify_referral_request,
)

ANSWER_FIELD = {"contact-point": "contact_point", "consent": "consent", "effort": "effort", "liability": "liability"}


def contact_point_for(country):
    if not country:
        return None
    points = NationalContactPoint.objects.filter(country=country)
    return points.filter(locale=Locale.get_active()).first() or points.filter(locale=Locale.get_default()).first()


def _render(page, request, template, status=200, **context):
    return TemplateResponse(request, template, {**page.get_context(request), "page": page, **context}, status=status)


def step(page, request, step_name):
    index = page.STEPS.index(step_name)
    answers = page.answers(request)
    question, help_text = page.step_texts(step_name)
    source = request.POST if request.method == "POST" else None
    context = {"step_name": step_name, "step_number": index + 1, "step_count": len(page.STEPS)}
    context["back_url"] = page.step_url(page.STEPS[index - 1]) if index else page.url

    if step_name == "country":
        form = CountryStepForm(source, initial=answers, question=question, help_text=help_text)
    elif step_name == "condition":
        query = request.GET.get("q", "").strip()[:100]
        areas = list(matching_areas(query))
        chosen = answers.get("condition", "")
        if chosen and chosen not in {NOT_SURE, NONE_OF_THESE} and not any(str(a.pk) == chosen for a in areas):
            # Keep the earlier choice visible when going back after a search.
            areas += list(ExpertiseArea.objects.filter(pk=chosen).select_related("workstream"))
        form = ConditionStepForm(source, initial=answers, question=question, help_text=help_text, areas=areas)
        context.update(search_query=query, match_count=len(areas))
    else:
        field = ANSWER_FIELD[step_name]
        form = AcknowledgeStepForm(
            source, initial={"answer": answers.get(field)}, question=question, help_text=help_text
        )
        if step_name == "contact-point":
            context["contact_point"] = contact_point_for(answers.get("country"))
        if step_name == "consent":
            context["consent_forms_page"] = _consent_forms_page(page)

    if request.method == "POST" and form.is_valid():
        if step_name in ("country", "condition"):
            page.save_answer(request, step_name.replace("-", "_"), form.cleaned_data[step_name])
        else:
            page.save_answer(request, ANSWER_FIELD[step_name], form.cleaned_data["answer"])
        if index + 1 < len(page.STEPS):
            return redirect(page.step_url(page.STEPS[index + 1]))
        return redirect(page.url + page.reverse_subpage("result"))
    return _render(page, request, "referrals/referral_check_step.html", form=form, **context)


def _consent_forms_page(page):
    from wagtail.models import Page

    consent = Page.objects.live().filter(slug="consent-forms", locale=Locale.get_active()).first()
    return consent or Page.objects.live().filter(slug="consent-forms", locale=Locale.get_default()).first()


REASON_FIELDS = {
    Reason.COUNTRY_OUTSIDE_EU_EEA: "reason_country",
    Reason.CONDITION_OUTSIDE_NETWORK: "reason_condition",
    Reason.NO_CONSENT: "reason_consent",
    Reason.NO_EFFORT: "reason_effort",
    Reason.NO_LIABILITY_ACKNOWLEDGEMENT: "reason_liability",
}


def _unanswered_step(page, request):
    answers = page.answers(request)
    keys = {"country": "country", "condition": "condition", **ANSWER_FIELD}
    for step_name in page.STEPS:
        if not answers.get(keys[step_name]):
            return step_name
    return None


def result(page, request):
    missing = _unanswered_step(page, request)
    if missing:
        return redirect(page.step_url(missing))
    outcome = page.eligibility(request)
    headline = {
        Outcome.ELIGIBLE: page.result_eligible,
        Outcome.NEEDS_REVIEW: page.result_needs_review,
        Outcome.NOT_ELIGIBLE: page.result_not_eligible,
    }[outcome.outcome]
    reasons = [getattr(page, REASON_FIELDS[reason]) for reason in outcome.reasons if reason in REASON_FIELDS]
    answers = page.answers(request)
    return _render(
        page,
        request,
        "referrals/referral_check_result.html",
        result=outcome,
        headline=headline,
        reasons=reasons,
        contact_point=contact_point_for(answers.get("country")),
        back_url=page.step_url(page.STEPS[-1]),
    )


def request_form(page, request):
    missing = _unanswered_step(page, request)
    if missing:
        return redirect(page.step_url(missing))
    outcome = page.eligibility(request)
    if not outcome.can_submit:
        return redirect(page.url + page.reverse_subpage("result"))
    answers = page.answers(request)
    condition = answers.get("condition", "")
    area = None
    if condition not in {NOT_SURE, NONE_OF_THESE, ""}:
        area = ExpertiseArea.objects.filter(pk=condition).select_related("workstream").first()

    initial = {"country": answers.get("country")}
    form = ReferralRequestForm(
        request.POST if request.method == "POST" else None, initial=initial, warning=page.no_identifiers_warning
    )
    if request.method == "POST":
        if form.is_bot:
            # Look successful to the bot; store and send nothing.
            return redirect(page.url + page.reverse_subpage("submitted"))
        if not ratelimit.allow_request(request, "referral-request", settings.REFERRAL_REQUEST_RATE):
            messages.error(request, _("Too many requests from your network. Please try again in an hour."))
        elif form.is_valid():
            submit_referral_request(
                form,
                area=area,
                condition_unsure=condition == NOT_SURE,
                outcome=outcome.outcome.value,
                language=translation.get_language(),
                verify_url_for=lambda token: request.build_absolute_uri(
                    page.url + page.reverse_subpage("confirm") + "?" + urlencode({"token": token})
                ),
            )
            request.session.pop(page.SESSION_KEY, None)
            return redirect(page.url + page.reverse_subpage("submitted"))
    return _render(
        page,
        request,
        "referrals/referral_check_request.html",
        form=form,
        area=area,
        result=outcome,
        back_url=page.url + page.reverse_subpage("result"),
    )


def confirm(page, request, token):
    try:
        referral, newly = verify_referral_request(token)
    except ExpiredToken:
        return _render(page, request, "referrals/referral_check_confirmed.html", problem="expired", status=400)
    except InvalidToken:
        return _render(page, request, "referrals/referral_check_confirmed.html", problem="invalid", status=400)
    return _render(page, request, "referrals/referral_check_confirmed.html", referral=referral, already=not newly)


def answer(page, request, token):
    """The clinician answers the coordinator's question through the signed link."""
    try:
        referral = referral_for_token(token, ANSWER_SALT, settings.REFERRAL_ANSWER_MAX_AGE)
    except ExpiredToken:
        return _render(page, request, "referrals/referral_check_answer.html", problem="expired", status=400)
    except InvalidToken:
        return _render(page, request, "referrals/referral_check_answer.html", problem="invalid", status=400)
    if referral.status != ReferralRequest.Status.INFO_REQUESTED:
        return _render(page, request, "referrals/referral_check_answer.html", problem="closed", referral=referral)
    form = InformationAnswerForm(request.POST or None, warning=page.no_identifiers_warning)
    if request.method == "POST" and form.is_valid():
        try:
            answer_information_request(token, answer=form.cleaned_data["answer"])
        except TriageError:
            return _render(page, request, "referrals/referral_check_answer.html", problem="closed", referral=referral)
        return _render(page, request, "referrals/referral_check_answer.html", done=True, referral=referral)
    return _render(page, request, "referrals/referral_check_answer.html", form=form, referral=referral)
