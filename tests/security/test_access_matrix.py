"""Every URL the project defines, visited anonymously: public only if reviewed, otherwise sign-in, 403 or 404.

The test walks the whole resolver tree (Wagtail admin, allauth, every app),
builds a concrete path for each pattern and checks the answer. A new URL
that is not on PUBLIC_URL_NAMES and answers an anonymous visitor fails this
test until someone decides who may see it.
"""

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern

pytestmark = pytest.mark.django_db

# Reviewed: these answer anonymous visitors on purpose.
PUBLIC_URL_NAMES = {
    # site-wide
    "healthz",
    "robots_txt",
    "sitemap",
    "search",
    "wagtail_serve",  # public CMS pages; Wagtail applies page privacy itself
    "wagtaildocs_serve",  # public documents; Wagtail applies collection privacy itself
    "wagtaildocs_authenticate_with_password",
    "wagtailcore_authenticate_with_password",
    "set_language",
    # sign-in and recovery (allauth); /admin/login/ is allauth's login too
    "wagtailadmin_login_via_allauth",
    "wagtailcore_login_via_allauth",
    "account_login",
    "account_signup",
    "account_logout",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_confirm_email",
    "account_email_verification_sent",
    "account_inactive",
    "account_confirm_login_code",
    "account_request_login_code",
    "account_confirm_password_reset_code",
    "mfa_authenticate",  # the second step of a sign-in in progress
    "mfa_trust",
    "account_confirm_phone_verification_code",
    "account_confirm_email_verification_code",
    "account_signup_by_passkey",
    "mfa_signup_webauthn",
    "mfa_login_webauthn",
    # the Wagtail admin's own sign-in pages are routed to allauth or disabled
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",  # the admin's SVG icon sheet: static, no data
}
# Public pages of other parts of the portal, reviewed with their owners.
PUBLIC_URL_NAMES |= {
    "newsletters:one_click_unsubscribe",
    "newsletters:unsubscribe_one_click",
    "newsletters:feed",
    "referrals:referral_check",
}

SAMPLE_VALUES = ["1", str(uuid.UUID(int=1)), "x", "en", "x/", "1/"]
SIGN_IN_PATHS = ("/en/accounts/login/", "/admin/login/", "/en/accounts/2fa/authenticate/")


def _strip(regex):
    regex = regex[1:] if regex.startswith("^") else regex
    for end in ("\\Z", "$"):
        if regex.endswith(end):
            regex = regex[: -len(end)]
    return regex


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry.pattern, LocalePrefixPattern):
            piece = "en/"
        else:
            piece = _strip(entry.pattern.regex.pattern)
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + piece, ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            yield prefix + piece, name, entry


def _groups(regex):
    """Spans of the top-level capturing groups in ``regex``."""
    spans, depth, start, i = [], 0, None, 0
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            i += 2
            continue
        if char == "(":
            if depth == 0:
                start = i
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                end = i + 1
                while end < len(regex) and regex[end] in "?*+":
                    end += 1
                spans.append((start, end))
        i += 1
    return spans


def sample_path(regex):
    """A concrete path matching ``regex``: each group gets the first sample value its own pattern accepts."""
    parts, last = [], 0
    for start, end in _groups(regex):
        parts.append(regex[last:start])
        group = regex[start:end]
        inner = re.sub(r"^\((\?P<\w+>|\?:)?", "(", group)
        inner = inner.rstrip("?*+")
        choice = next((value for value in SAMPLE_VALUES if re.fullmatch(inner, value)), None)
        if choice is None:
            if group.endswith(("?", "*")):
                choice = ""
            else:
                return None
        parts.append(re.escape(choice))
        last = end
    parts.append(re.sub(r"(?<!\\)\.[*+]", "x", regex[last:]))
    literal = "".join(parts)
    text = re.sub(r"\\(.)", r"\1", literal)
    if re.search(r"[\[\]()*+?|^$]", text) or not re.fullmatch(regex, text):
        return None
    return "/" + text


def all_patterns():
    return list(_walk(get_resolver().url_patterns))


def test_the_walk_sees_the_whole_project():
    names = {name for _path, name, _entry in all_patterns()}
    for expected in [
        "referrals:workspace",
        "referrals:audit_log_csv",
        "account_login",
        "mfa_index",
        "wagtailadmin_home",
    ]:
        assert expected in names
    assert len(names) > 300  # the Wagtail admin alone has hundreds


def _is_refused(response):
    if response.status_code in (403, 404, 401):
        return True
    if response.status_code in (301, 302):
        location = response["Location"]
        return location.startswith(SIGN_IN_PATHS) or location.startswith(
            tuple("http://testserver" + p for p in SIGN_IN_PATHS)
        )
    return False


def test_every_non_public_url_refuses_anonymous_visitors(client):
    unchecked, exposed, shadowed = [], [], set()
    for regex, name, entry in all_patterns():
        if name in PUBLIC_URL_NAMES:
            continue
        path = sample_path(regex)
        if path is None:
            unchecked.append((name, regex))
            continue
        if resolve(path).func != entry.callback:
            shadowed.add(name)  # an earlier pattern answers this path; that one is checked itself
            continue
        response = client.get(path)
        if response.status_code == 405:
            response = client.post(path)
        if response.status_code == 301 and not _is_refused(response):
            # APPEND_SLASH and language redirects: follow to the real answer.
            response = client.get(response["Location"])
        if not _is_refused(response):
            exposed.append((name, path, response.status_code, response.get("Location")))
    assert exposed == [], "Anonymous visitors reach these URLs; add a check or review them into PUBLIC_URL_NAMES"
    assert unchecked == [], "Could not build a sample path for these patterns; extend SAMPLE_VALUES"
    # Deliberately shadowed: Wagtail's password-only login for private pages is answered by allauth.
    assert shadowed == {"wagtailcore_login"}


def test_allowlisted_names_exist():
    """A stale allowlist entry would hide nothing, but keeps the list honest."""
    names = {name for _path, name, _entry in all_patterns()}
    stale = PUBLIC_URL_NAMES - names
    # allauth features we do not enable (login by code, phone, passkeys) have no URLs.
    optional = {
        "account_confirm_login_code",
        "account_request_login_code",
        "account_confirm_phone_verification_code",
        "account_confirm_email_verification_code",
        "account_confirm_password_reset_code",
        "account_signup_by_passkey",
        "mfa_signup_webauthn",
        "mfa_login_webauthn",
        "mfa_trust",
        "set_language",
        "wagtaildocs_authenticate_with_password",
        "wagtailcore_authenticate_with_password",
        "newsletters:unsubscribe_one_click",
        "newsletters:feed",
        "referrals:referral_check",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
    }
    assert stale - optional == set()
