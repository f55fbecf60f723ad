"""The Postcode model moves to the ground floor (rcc.geography); the table stays (state only)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("placements", "0006_ssda903"),
        ("geography", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Postcode")],
            database_operations=[],
        ),
    ]
