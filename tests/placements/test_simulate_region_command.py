"""`manage.py simulate_region` reads a region from the database, writes nothing, reports JSON."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from placements.models import Placement, Referral
from rcc.geography.models import Postcode
from tests.factories import LocalAuthorityFactory, RegionFactory, UserFactory
from tests.placements.factories import ChildFactory, ReferralFactory
from tests.providers.factories import SettingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    region = RegionFactory(slug="test-region")
    councils = [LocalAuthorityFactory(region=region) for _ in range(2)]
    for i in range(6):
        code = f"TS{i} 1AA"
        Postcode.objects.create(
            postcode=code, easting=380_000 + i * 8_000, northing=400_000, local_authority_code=""
        )
        SettingFactory(local_authority=councils[i % 2], postcode=code, takes_emergencies=True)
    author = UserFactory()
    for i in range(12):
        child = ChildFactory(local_authority=councils[i % 2], home_postcode=f"TS{i % 6} 1AA")
        kind = "emergency" if i % 4 == 0 else "planned"
        ReferralFactory(child=child, created_by=author, search_type=kind)
    return region


def test_all_policies_to_a_json_file(region, tmp_path):
    before = (Referral.objects.count(), Placement.objects.count())
    out = tmp_path / "results.json"
    call_command(
        "simulate_region",
        "--region=test-region",
        "--seed=2",
        "--days=60",
        "--referrals-per-year=150",
        f"--json={out}",
        stdout=StringIO(),
    )
    report = json.loads(out.read_text())
    assert set(report["policies"]) == {
        "status_quo",
        "one_at_a_time",
        "regional",
        "regional_patient",
    }
    figures = report["policies"]["regional"]
    assert 0 <= figures["within_20_miles"] <= 1
    assert report["sources"]["children"] == "resampled from the region's 12 referrals"
    assert (Referral.objects.count(), Placement.objects.count()) == before


def test_seeds_give_mean_and_spread(region):
    out = StringIO()
    call_command(
        "simulate_region",
        "--region=test-region",
        "--policy=regional",
        "--seeds=1-3",
        "--days=30",
        "--referrals-per-year=150",
        stdout=out,
    )
    report = json.loads(out.getvalue())
    assert report["seeds"] == [1, 2, 3]
    assert set(report["policies"]["regional"]["within_20_miles"]) == {"mean", "sd"}


def test_unknown_region_is_an_error():
    with pytest.raises(CommandError):
        call_command("simulate_region", "--region=nowhere", stdout=StringIO())
