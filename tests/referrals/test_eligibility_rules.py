"""Every branch of the eligibility rules."""

import pytest

from referrals.eligibility import NOT_SURE, EligibilityAnswers, Outcome, Reason, assess

ELIGIBLE = dict(country="NL", condition="42", consent=True, effort=True, liability=True)


def test_all_criteria_met_is_eligible():
    result = assess(EligibilityAnswers(**ELIGIBLE))
    assert result.outcome == Outcome.ELIGIBLE
    assert result.reasons == [Reason.ALL_CRITERIA_MET]
    assert result.can_submit


@pytest.mark.parametrize("country", ["NO", "IS", "LI", "de", "MT"])
def test_eea_and_eu_countries_are_accepted_in_any_case(country):
    assert assess(EligibilityAnswers(**{**ELIGIBLE, "country": country})).outcome == Outcome.ELIGIBLE


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"country": "CH"}, Reason.COUNTRY_OUTSIDE_EU_EEA),
        ({"country": "GB"}, Reason.COUNTRY_OUTSIDE_EU_EEA),
        ({"country": ""}, Reason.COUNTRY_OUTSIDE_EU_EEA),
        ({"condition": ""}, Reason.CONDITION_OUTSIDE_NETWORK),
        ({"consent": False}, Reason.NO_CONSENT),
        ({"consent": None}, Reason.NO_CONSENT),
        ({"effort": False}, Reason.NO_EFFORT),
        ({"liability": False}, Reason.NO_LIABILITY_ACKNOWLEDGEMENT),
    ],
)
def test_each_unmet_criterion_makes_it_not_eligible(change, reason):
    result = assess(EligibilityAnswers(**{**ELIGIBLE, **change}))
    assert result.outcome == Outcome.NOT_ELIGIBLE
    assert result.reasons == [reason]
    assert not result.can_submit


def test_all_reasons_are_given_at_once():
    result = assess(EligibilityAnswers(country="US", condition="", consent=False, effort=False, liability=False))
    assert result.reasons == [
        Reason.COUNTRY_OUTSIDE_EU_EEA,
        Reason.CONDITION_OUTSIDE_NETWORK,
        Reason.NO_CONSENT,
        Reason.NO_EFFORT,
        Reason.NO_LIABILITY_ACKNOWLEDGEMENT,
    ]


def test_not_sure_of_the_condition_needs_coordinator_review():
    result = assess(EligibilityAnswers(**{**ELIGIBLE, "condition": NOT_SURE}))
    assert result.outcome == Outcome.NEEDS_REVIEW
    assert result.reasons == [Reason.CONDITION_UNSURE]
    assert result.can_submit


def test_not_sure_does_not_override_a_blocking_criterion():
    result = assess(EligibilityAnswers(**{**ELIGIBLE, "condition": NOT_SURE, "country": "CH"}))
    assert result.outcome == Outcome.NOT_ELIGIBLE
