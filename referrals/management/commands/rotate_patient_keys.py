"""Re-encrypt all patient identity with the first key in PATIENT_DATA_KEYS (MultiFernet.rotate).

Rotation: put the new key first, keep the old ones after it, run this
command, then remove the old keys. Safe to run more than once.
"""

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from referrals.crypto import rotate_token
from referrals.models import Patient
from referrals.models.cases import PATIENT_IDENTITY_FIELDS


def rotate_patient_keys():
    """Rotate every stored token; return the number of patients. Works on the raw tokens, never on plain text."""
    quote = connection.ops.quote_name
    table = quote(Patient._meta.db_table)
    columns = [quote(Patient._meta.get_field(name).column) for name in PATIENT_IDENTITY_FIELDS]
    pk_column = quote(Patient._meta.pk.column)
    # Identifiers come from the model's metadata, values are parameters.
    select_sql = f"SELECT {pk_column}, {', '.join(columns)} FROM {table}"  # noqa: S608
    update_sql = f"UPDATE {table} SET {', '.join(f'{c} = %s' for c in columns)} WHERE {pk_column} = %s"  # noqa: S608
    count = 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(select_sql)
        rows = cursor.fetchall()
        for pk, *tokens in rows:
            rotated = [rotate_token(token) if token else token for token in tokens]
            cursor.execute(update_sql, [*rotated, pk])
            count += 1
    return count


class Command(BaseCommand):
    help = "Re-encrypt patient identity with the current (first) PATIENT_DATA_KEYS key."

    def handle(self, *args, **options):
        count = rotate_patient_keys()
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted the identity of {count} patient(s)."))
