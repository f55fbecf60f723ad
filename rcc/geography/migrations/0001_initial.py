"""The Postcode model moves here from placements; its table stays where it is (state only)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("placements", "0004_postcodes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Postcode",
                    fields=[
                        (
                            "postcode",
                            models.CharField(max_length=8, primary_key=True, serialize=False),
                        ),
                        (
                            "easting",
                            models.PositiveIntegerField(help_text="OS grid easting, metres"),
                        ),
                        (
                            "northing",
                            models.PositiveIntegerField(help_text="OS grid northing, metres"),
                        ),
                        (
                            "local_authority_code",
                            models.CharField(
                                blank=True,
                                db_index=True,
                                help_text="The council's GSS code (E08000001)",
                                max_length=9,
                            ),
                        ),
                    ],
                    options={"db_table": "placements_postcode"},
                ),
            ],
            database_operations=[],
        ),
    ]
