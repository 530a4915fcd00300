"""The database itself refuses UPDATE and DELETE on the audit table (PostgreSQL only).

SQLite, the embedded default, has no such need: it is never a production
database. The model's save()/delete() refuse changes on every database.
"""

from django.db import migrations

TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION referrals_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = 'referrals_auditevent is append-only: ' || TG_OP || ' refused';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER referrals_auditevent_no_update_delete
    BEFORE UPDATE OR DELETE ON referrals_auditevent
    FOR EACH ROW EXECUTE FUNCTION referrals_auditevent_append_only();
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS referrals_auditevent_no_update_delete ON referrals_auditevent;
DROP FUNCTION IF EXISTS referrals_auditevent_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER_SQL, params=None)  # None: no placeholder parsing


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [("referrals", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
