"""Fixtures for the guides tests.

Admin tests use ``admin_client_with_mfa`` from tests/conftest.py, the one
place that decides how editors sign in to /admin/ (with a second factor).
"""

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Generated and uploaded PDFs go to a temporary folder, not the project's media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
