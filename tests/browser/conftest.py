"""Browser tests use the Playwright fixtures of tests/conftest.py (browser, page, demo_site, third_party_requests)."""
