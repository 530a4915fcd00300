"""What the access-matrix tests share: the roles the rules distinguish, and how an answer is read.

Each test file lists, per URL, the expected answer for each role in ROLES order:
200/201/… = that status; 403 = can open the case but not do this; 404 = the case (or
object) does not exist for this user; "login" = signed out and sent to sign in (the
expired guest); "redirect" = allowed, then sent on.
"""

from django.urls import reverse

from referrals.services.consent import withdraw_consent

LOGIN, REDIRECT = "login", "redirect"
ROLES = [
    "owner",
    "colleague",
    "panel_member",
    "panel_lead",
    "invited",
    "unrelated",
    "expired_guest",
    "coordinator",
    "panel_member_after_withdrawal",
    "owner_after_withdrawal",
]


def matrix_cases(expected, roles=ROLES):
    """(url name, role, expected answer) for every row of ``expected`` (url name → (method, row, …))."""
    return [(name, role, answer) for name, (_method, row, *_rest) in expected.items()
            for role, answer in zip(roles, row, strict=True)]  # fmt: skip


def matrix_ids(cases):
    return [f"{name}-{role}" for name, role, _answer in cases]


def user_for(world, role):
    """The world's user for ``role``; the *_after_withdrawal roles first withdraw the patient's care consent."""
    if role.endswith("_after_withdrawal"):
        withdraw_consent(world.care_consent, by=world.owner)
        role = role.removesuffix("_after_withdrawal")
    return getattr(world, role)


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_answer(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif expected == REDIRECT:
        assert response.status_code == 302
        assert not response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected
