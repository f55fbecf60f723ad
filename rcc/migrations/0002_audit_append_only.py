"""On PostgreSQL the audit table refuses UPDATE and DELETE from anyone.

TRUNCATE is left to the table's owner (the test runner flushes with it); in
production the application's role is granted only INSERT and SELECT on this
table (docs/adr/0003). SQLite, the demo default, has no trigger.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION rcc_audit_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'rcc_auditevent is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER rcc_auditevent_no_update_delete
    BEFORE UPDATE OR DELETE ON rcc_auditevent
    FOR EACH ROW EXECUTE FUNCTION rcc_audit_is_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS rcc_auditevent_no_update_delete ON rcc_auditevent;
DROP FUNCTION IF EXISTS rcc_audit_is_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("rcc", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
