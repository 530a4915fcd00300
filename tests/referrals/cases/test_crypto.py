"""Patient identity is encrypted at rest and survives a key rotation; pseudonyms are random and unique."""

import re
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from referrals.models import Patient
from referrals.models.cases import generate_pseudonym
from tests.referrals.factories import make_centre, make_user

from .factories import SENTINEL_BIRTH_DATE, SENTINEL_NAME, SENTINEL_NATIONAL_ID, SENTINEL_RECORD_NUMBER, make_patient

pytestmark = pytest.mark.django_db

PSEUDONYM = re.compile(r"^EUG-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$")


def _raw_row(patient):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT full_name, date_of_birth, national_id, local_record_number FROM referrals_patient WHERE id = %s",
            [patient.pk],
        )
        return cursor.fetchone()


@pytest.fixture
def patient():
    centre = make_centre()
    return make_patient(centre=centre, by=make_user(email="enroller@example.org"))


def test_the_database_holds_no_plaintext_identity(patient):
    raw = _raw_row(patient)
    joined = " ".join(raw)
    for secret in (
        SENTINEL_NAME,
        SENTINEL_NATIONAL_ID,
        SENTINEL_RECORD_NUMBER,
        SENTINEL_BIRTH_DATE.isoformat(),
        "2011",
    ):
        assert secret not in joined
    assert all(value.startswith("gAAAA") for value in raw)  # Fernet tokens


def test_identity_reads_back_as_plain_values(patient):
    again = Patient.objects.get(pk=patient.pk)
    assert again.full_name == SENTINEL_NAME
    assert again.date_of_birth == SENTINEL_BIRTH_DATE
    assert again.national_id == SENTINEL_NATIONAL_ID


def test_rotation_new_key_first_still_reads_old_rows_and_rotate_reencrypts(settings):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.PATIENT_DATA_KEYS = [old_key]
    patient = make_patient(centre=make_centre(), by=make_user(email="enroller@example.org"))
    old_token = _raw_row(patient)[0]

    settings.PATIENT_DATA_KEYS = [new_key, old_key]
    assert Patient.objects.get(pk=patient.pk).full_name == SENTINEL_NAME
    call_command("rotate_patient_keys", stdout=__import__("io").StringIO())
    new_token = _raw_row(patient)[0]
    assert new_token != old_token
    assert Fernet(new_key.encode()).decrypt(new_token.encode()).decode() == SENTINEL_NAME

    # The old key can now go.
    settings.PATIENT_DATA_KEYS = [new_key]
    again = Patient.objects.get(pk=patient.pk)
    assert (again.full_name, again.date_of_birth) == (SENTINEL_NAME, SENTINEL_BIRTH_DATE)


def test_a_wrong_key_fails_loudly_without_revealing_the_token(settings, patient):
    settings.PATIENT_DATA_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(ImproperlyConfigured) as error:
        Patient.objects.get(pk=patient.pk)
    assert "gAAAA" not in str(error.value)


def test_production_settings_refuse_to_start_without_patient_data_keys():
    # Everything else production requires is provided, so only the missing key can stop it.
    env = {
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "portal.example.org",
        "MFA_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "PATH": "/usr/bin:/bin",
    }
    code = "import portal.settings.production"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=".")  # noqa: S603
    assert result.returncode != 0
    assert "PATIENT_DATA_KEYS must be set" in result.stderr
    env["PATIENT_DATA_KEYS"] = Fernet.generate_key().decode()
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=".")  # noqa: S603
    assert "PATIENT_DATA_KEYS" not in result.stderr


def test_pseudonyms_have_the_documented_format():
    for _ in range(500):
        assert PSEUDONYM.match(generate_pseudonym())


def test_pseudonyms_are_unique_and_not_derived_from_identity():
    centre, user = make_centre(), make_user(email="enroller@example.org")
    patients = [make_patient(centre=centre, by=user) for _ in range(30)]  # identical identity every time
    pseudonyms = {patient.pseudonym for patient in patients}
    assert len(pseudonyms) == 30
    assert all(PSEUDONYM.match(p) for p in pseudonyms)


def test_a_pseudonym_clash_draws_again(monkeypatch):
    centre, user = make_centre(), make_user(email="enroller@example.org")
    first = make_patient(centre=centre, by=user)
    draws = iter([first.pseudonym, first.pseudonym, "EUG-ABCD-EF"])
    monkeypatch.setattr("referrals.models.cases.generate_pseudonym", lambda: next(draws))
    second = make_patient(centre=centre, by=user)
    assert second.pseudonym == "EUG-ABCD-EF"
