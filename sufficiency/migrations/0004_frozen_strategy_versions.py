"""On PostgreSQL a published strategy version, its market position statement and every
approval decision and project stage row refuse UPDATE and DELETE (the services never try;
this holds against anything else). SQLite, the demo default, has no trigger. TRUNCATE (the
test runner's flush) is left alone.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION sufficiency_published_version_is_frozen() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'published' THEN
        RAISE EXCEPTION 'a published strategy version cannot change (%)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER sufficiency_strategyversion_frozen
    BEFORE UPDATE OR DELETE ON sufficiency_strategyversion
    FOR EACH ROW EXECUTE FUNCTION sufficiency_published_version_is_frozen();

CREATE OR REPLACE FUNCTION sufficiency_published_statement_is_frozen() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM sufficiency_strategyversion
               WHERE id = OLD.version_id AND status = 'published') THEN
        RAISE EXCEPTION 'the market position of a published version cannot change (%)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER sufficiency_marketpositionstatement_frozen
    BEFORE UPDATE OR DELETE ON sufficiency_marketpositionstatement
    FOR EACH ROW EXECUTE FUNCTION sufficiency_published_statement_is_frozen();

CREATE OR REPLACE FUNCTION sufficiency_rows_are_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER sufficiency_approvaldecision_append_only
    BEFORE UPDATE OR DELETE ON sufficiency_approvaldecision
    FOR EACH ROW EXECUTE FUNCTION sufficiency_rows_are_append_only();

CREATE TRIGGER sufficiency_provisionstagechange_append_only
    BEFORE UPDATE OR DELETE ON sufficiency_provisionstagechange
    FOR EACH ROW EXECUTE FUNCTION sufficiency_rows_are_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS sufficiency_strategyversion_frozen ON sufficiency_strategyversion;
DROP TRIGGER IF EXISTS sufficiency_marketpositionstatement_frozen
    ON sufficiency_marketpositionstatement;
DROP TRIGGER IF EXISTS sufficiency_approvaldecision_append_only ON sufficiency_approvaldecision;
DROP TRIGGER IF EXISTS sufficiency_provisionstagechange_append_only
    ON sufficiency_provisionstagechange;
DROP FUNCTION IF EXISTS sufficiency_published_version_is_frozen();
DROP FUNCTION IF EXISTS sufficiency_published_statement_is_frozen();
DROP FUNCTION IF EXISTS sufficiency_rows_are_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("sufficiency", "0003_strategy")]

    operations = [migrations.RunPython(forward, backward)]
