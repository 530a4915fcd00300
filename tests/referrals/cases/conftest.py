"""Fixtures of the case tests: private files in a temporary folder, and the World of roles."""

import pytest

from .factories import World


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "public"


@pytest.fixture
def world(db):
    return World()
