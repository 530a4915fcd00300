"""Fixtures for the FAQ tests.

``admin_client_with_mfa`` and ``superuser`` come from tests/conftest.py: the
brief asked for a FAQ-local force_login fixture, but the shared one now exists
and is the single place that knows how admin tests pass the second factor.
"""
