"""
The referral eligibility rules (CONTENT-FACTS: "Referring a case").

Pure functions over the visitor's answers, so the public check, the referral
request form and the tests share one definition. Editors control the words
shown for each outcome (ReferralCheckPage); this module decides the outcome.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from home.countries import is_eu_eea

NOT_SURE = "not-sure"


class Outcome(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_REVIEW = "needs_review"


class Reason(StrEnum):
    """Why the outcome is what it is; each maps to an editor-controlled message."""

    COUNTRY_OUTSIDE_EU_EEA = "country_outside_eu_eea"
    CONDITION_OUTSIDE_NETWORK = "condition_outside_network"
    CONDITION_UNSURE = "condition_unsure"
    NO_CONSENT = "no_consent"
    NO_EFFORT = "no_effort"
    NO_LIABILITY_ACKNOWLEDGEMENT = "no_liability_acknowledgement"
    ALL_CRITERIA_MET = "all_criteria_met"


@dataclass(frozen=True)
class EligibilityAnswers:
    country: str = ""
    #: An ExpertiseArea translation key or id as a string, NOT_SURE, or "" for "none of these".
    condition: str = ""
    consent: bool | None = None
    effort: bool | None = None
    liability: bool | None = None


@dataclass(frozen=True)
class EligibilityResult:
    outcome: Outcome
    reasons: list[Reason] = field(default_factory=list)

    @property
    def can_submit(self):
        """Eligible and needs-review requests may be submitted; the coordinator decides the latter."""
        return self.outcome in {Outcome.ELIGIBLE, Outcome.NEEDS_REVIEW}


def assess(answers: EligibilityAnswers) -> EligibilityResult:
    """Every criterion is checked, so the visitor learns all that stands in the way at once."""
    blocking = []
    if not is_eu_eea(answers.country):
        blocking.append(Reason.COUNTRY_OUTSIDE_EU_EEA)
    if not answers.condition:
        blocking.append(Reason.CONDITION_OUTSIDE_NETWORK)
    if answers.consent is not True:
        blocking.append(Reason.NO_CONSENT)
    if answers.effort is not True:
        blocking.append(Reason.NO_EFFORT)
    if answers.liability is not True:
        blocking.append(Reason.NO_LIABILITY_ACKNOWLEDGEMENT)
    if blocking:
        return EligibilityResult(Outcome.NOT_ELIGIBLE, blocking)
    if answers.condition == NOT_SURE:
        return EligibilityResult(Outcome.NEEDS_REVIEW, [Reason.CONDITION_UNSURE])
    return EligibilityResult(Outcome.ELIGIBLE, [Reason.ALL_CRITERIA_MET])
