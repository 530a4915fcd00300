"""Security baseline: CSP (exact directive sets), framing, sniffing, caching of signed-in pages."""

import pytest

pytestmark = pytest.mark.django_db


def parse_csp(header):
    policy = {}
    for directive in header.split(";"):
        parts = directive.strip().split()
        if parts:
            policy[parts[0]] = parts[1:]
    return policy


def test_public_pages_send_the_strict_csp(client, home_page):
    response = client.get("/en/")
    assert response.status_code == 200
    policy = parse_csp(response["Content-Security-Policy"])
    nonce = [source for source in policy["script-src"] if source.startswith("'nonce-")]
    assert len(nonce) == 1
    assert policy == {
        "default-src": ["'self'"],
        "script-src": ["'self'", nonce[0]],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
    # The nonce in the header is the one the page's scripts carry.
    assert f'nonce="{nonce[0][7:-1]}"' in response.content.decode()


def test_no_unsafe_inline_outside_the_admin(client, home_page):
    header = client.get("/en/")["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header


def test_admin_gets_its_own_looser_policy_without_nonce(client, home_page):
    response = client.get("/admin/", follow=False)
    policy = parse_csp(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert not any(source.startswith("'nonce-") for source in policy["script-src"])
    assert "blob:" in policy["img-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_baseline_headers(client, home_page):
    response = client.get("/en/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert len(response["X-Request-ID"]) >= 8


def test_anonymous_public_pages_may_be_cached(client, home_page):
    response = client.get("/en/")
    assert "no-store" not in response.get("Cache-Control", "")


def test_signed_in_pages_are_never_stored(client, home_page, user):
    client.force_login(user)
    response = client.get("/en/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_wagtail_password_only_login_is_not_reachable(client, home_page):
    # PITFALLS: /admin/login/ must be allauth's login, not Wagtail's password form.
    response = client.get("/admin/login/")
    assert response.status_code in {200, 302}
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]
    else:
        assert b'name="login"' in response.content or b"account_login" in response.content


def test_admin_redirects_anonymous_to_allauth_login(client, home_page):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
