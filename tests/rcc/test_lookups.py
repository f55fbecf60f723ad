"""AnyOf: a column among many values (one array parameter on PostgreSQL, IN elsewhere)."""

from __future__ import annotations

from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from rcc.geography.models import Postcode
from rcc.lookups import AnyOf
from rcc.models import Region


def test_it_finds_the_rows_among_the_values_and_nothing_for_none(db):
    made = [Region.objects.create(name=f"Region {n}", slug=f"region-{n}") for n in range(5)]
    wanted = [made[0].pk, made[3].pk, 999_999]
    found = Region.objects.filter(AnyOf(F("pk"), wanted)).order_by("pk")
    assert list(found) == [made[0], made[3]]
    assert list(Region.objects.filter(AnyOf(F("pk"), []))) == []


def test_text_values_and_one_parameter_on_postgresql(db):
    Postcode.objects.create(postcode="BL1 1AA", easting=1, northing=2)
    Postcode.objects.create(postcode="M1 1AE", easting=3, northing=4)
    with CaptureQueriesContext(connection) as queries:
        found = set(
            Postcode.objects.filter(AnyOf(F("postcode"), {"BL1 1AA", "ZZ9 9ZZ"})).values_list(
                "postcode", flat=True
            )
        )
    assert found == {"BL1 1AA"}
    if connection.vendor == "postgresql":
        assert "= ANY(" in queries[0]["sql"]
