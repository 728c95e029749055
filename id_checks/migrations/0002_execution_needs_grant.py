"""No execution without a granted decision, in the database too.

A check constraint cannot look at another table, so triggers do it: an execution can only
be written under a decision that grants, and a decision with an execution cannot become a
refusal. The services refuse both first, with a Dutch message; these triggers stop any
write that bypasses them (raw SQL, bulk operations).
"""

from django.db import migrations

# Statements are fixed text (no input): granting outcomes are 'granted' and 'conditional'.
SQLITE = [
    """
    CREATE TRIGGER id_checks_execution_needs_grant_insert
    BEFORE INSERT ON id_checks_execution
    WHEN NOT EXISTS (
        SELECT 1 FROM id_checks_decision
        WHERE id = NEW.decision_id AND outcome IN ('granted', 'conditional')
    )
    BEGIN SELECT RAISE(ABORT, 'id_checks: an execution needs a granted decision'); END
    """,
    """
    CREATE TRIGGER id_checks_execution_needs_grant_update
    BEFORE UPDATE OF decision_id ON id_checks_execution
    WHEN NOT EXISTS (
        SELECT 1 FROM id_checks_decision
        WHERE id = NEW.decision_id AND outcome IN ('granted', 'conditional')
    )
    BEGIN SELECT RAISE(ABORT, 'id_checks: an execution needs a granted decision'); END
    """,
    """
    CREATE TRIGGER id_checks_decision_keeps_grant
    BEFORE UPDATE OF outcome ON id_checks_decision
    WHEN NEW.outcome NOT IN ('granted', 'conditional')
        AND EXISTS (SELECT 1 FROM id_checks_execution WHERE decision_id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'id_checks: an executed decision must stay a grant'); END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS id_checks_execution_needs_grant_insert",
    "DROP TRIGGER IF EXISTS id_checks_execution_needs_grant_update",
    "DROP TRIGGER IF EXISTS id_checks_decision_keeps_grant",
]

POSTGRESQL = [
    """
    CREATE FUNCTION id_checks_execution_needs_grant() RETURNS trigger AS $$
    BEGIN
        IF NOT EXISTS (
            SELECT 1 FROM id_checks_decision
            WHERE id = NEW.decision_id AND outcome IN ('granted', 'conditional')
        ) THEN
            RAISE EXCEPTION 'id_checks: an execution needs a granted decision'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE FUNCTION id_checks_decision_keeps_grant() RETURNS trigger AS $$
    BEGIN
        IF NEW.outcome NOT IN ('granted', 'conditional') AND EXISTS (
            SELECT 1 FROM id_checks_execution WHERE decision_id = NEW.id
        ) THEN
            RAISE EXCEPTION 'id_checks: an executed decision must stay a grant'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER id_checks_execution_needs_grant
    BEFORE INSERT OR UPDATE OF decision_id ON id_checks_execution
    FOR EACH ROW EXECUTE FUNCTION id_checks_execution_needs_grant()
    """,
    """
    CREATE TRIGGER id_checks_decision_keeps_grant
    BEFORE UPDATE OF outcome ON id_checks_decision
    FOR EACH ROW EXECUTE FUNCTION id_checks_decision_keeps_grant()
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS id_checks_decision_keeps_grant ON id_checks_decision",
    "DROP TRIGGER IF EXISTS id_checks_execution_needs_grant ON id_checks_execution",
    "DROP FUNCTION IF EXISTS id_checks_decision_keeps_grant()",
    "DROP FUNCTION IF EXISTS id_checks_execution_needs_grant()",
]

STATEMENTS = {
    "sqlite": (SQLITE, SQLITE_REVERSE),
    "postgresql": (POSTGRESQL, POSTGRESQL_REVERSE),
}


def run(direction: int):
    def execute(apps, schema_editor):
        # Other databases keep the rule in the services only.
        for statement in STATEMENTS.get(schema_editor.connection.vendor, ([], []))[direction]:
            schema_editor.execute(statement)

    return execute


class Migration(migrations.Migration):
    dependencies = [
        ("id_checks", "0001_authorisations"),
    ]

    operations = [
        migrations.RunPython(run(0), run(1)),
    ]
