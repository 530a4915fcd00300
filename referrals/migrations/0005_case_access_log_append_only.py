"""The database itself refuses UPDATE and DELETE on the case access log (PostgreSQL only), as 0002 does for AuditEvent.

The model's save()/delete() and its queryset refuse changes on every database.
"""

from django.db import migrations

TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION referrals_caseaccesslog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'referrals_caseaccesslog is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER referrals_caseaccesslog_no_update_delete
    BEFORE UPDATE OR DELETE ON referrals_caseaccesslog
    FOR EACH ROW EXECUTE FUNCTION referrals_caseaccesslog_append_only();
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS referrals_caseaccesslog_no_update_delete ON referrals_caseaccesslog;
DROP FUNCTION IF EXISTS referrals_caseaccesslog_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER_SQL, params=None)  # None: psycopg must not read % as a placeholder


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [("referrals", "0004_cases")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
