from django.db import migrations

from core.roles import sync_role_permissions


class Migration(migrations.Migration):
    """The independent assessment gets its own permission, held by the new role
    "Onafhankelijk beoordelaar" and by administrators, not by police staff (issue 14)."""

    dependencies = [
        ("recommendations", "0005_action_responsible"),
        # Run after every app's permissions exist, so the new role gets all of its own.
        ("training", "0006_coverage_counts"),
        ("id_checks", "0004_authorisation_evaluation_responsible"),
        ("profiling_followup", "0003_frozen_report_pdf"),
        ("reminders", "0001_profiles_and_deliveries"),
        ("accounts", "0002_user_history"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="recommendation",
            options={
                "ordering": ["theme__position", "code"],
                "permissions": [("set_independent_status", "Can set the independent assessment")],
                "verbose_name": "recommendation",
                "verbose_name_plural": "recommendations",
            },
        ),
        migrations.RunPython(sync_role_permissions, migrations.RunPython.noop),
    ]
