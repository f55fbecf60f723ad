"""seed_demo: the real pathfinder councils, a sign-in per role, deterministic, national scale;
children with 903 histories, referrals in every state, real postcodes once imported."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Q

from placements.models import CareEpisode, Child, Distribution, Offer, PlacementApproval, Referral
from providers.models import Setting
from rcc.geography.models import Postcode
from rcc.models import LocalAuthority, Membership, Region, User
from rcc.roles import Role

FOSTERING = {"U1", "U2", "U3", "U4", "U5", "U6"}
RESIDENTIAL_OR_SUPPORTED = {"K2", "R1", "K1", "S1", "K3", "H5"}
OTHER = {"P1", "A3", "A4", "A5", "A6", "Z1", "Z11", "Z12", "Z13", "Z14"}


def _seed(settings, capsys, *args) -> str:
    settings.DEMO_MODE = True
    call_command("seed_demo", *args)
    return capsys.readouterr().out


def test_it_seeds_the_real_councils_of_both_pathfinders(settings, capsys, db):
    _seed(settings, capsys, "--seed", "1")
    gm = Region.objects.get(slug="greater-manchester")
    se = Region.objects.get(slug="south-east")
    assert gm.councils.count() == 10 and se.councils.count() == 19
    bolton = LocalAuthority.objects.get(name="Bolton")
    assert (bolton.gss_code, bolton.dfe_number, bolton.region) == ("E08000001", "350", gm)
    assert LocalAuthority.objects.get(name="West Sussex").gss_code == "E10000032"
    assert se.lead_council.name == "West Sussex"


def test_it_prints_one_sign_in_for_every_role(settings, capsys, db):
    out = _seed(settings, capsys)
    assert {m.role for m in Membership.objects.all()} == set(Role.values)
    for user in User.objects.all():
        assert user.email in out
    assert not User.objects.filter(is_superuser=True).exists()
    assert not User.objects.filter(email__regex=r"^(admin|root|test)@").exists()


def test_the_same_seed_gives_the_same_sign_ins(settings, capsys, db):
    first = _seed(settings, capsys, "--seed", "7")
    again = _seed(settings, capsys, "--seed", "7")
    assert first == again
    assert User.objects.count() == 15  # a sign-in per README persona, and two council SSO people


def test_national_scale_makes_20_regions_and_153_councils(settings, capsys, db):
    _seed(settings, capsys, "--scale", "national")
    assert Region.objects.count() == 20
    assert LocalAuthority.objects.count() == 153
    assert all(r.lead_council_id for r in Region.objects.all())


def test_it_refuses_to_run_outside_demo_mode(settings, db):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="DEMO_MODE"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_demo_users_can_sign_in_with_the_printed_password(settings, capsys, client, db):
    out = _seed(settings, capsys, "--seed", "3")
    password = out.split("password for all: ")[1].split(")")[0]
    response = client.post(
        "/account/sign-in/", {"username": "sw.bolton@demo.rcc.example", "password": password}
    )
    assert response.status_code == 302
    page = client.get("/account/two-factor/")
    assert "Demonstration only: the current code is" in page.content.decode()


def test_it_seeds_children_with_903_histories_in_the_expected_mix(settings, capsys, db):
    _seed(settings, capsys, "--seed", "1")
    for slug in ("greater-manchester", "south-east"):
        assert Child.objects.filter(local_authority__region__slug=slug).count() == 2_000
    children = Child.objects.annotate(
        episodes_count=Count("episodes"), open_count=Count("episodes", Q(episodes__end_date=None))
    )
    assert all(1 <= c.episodes_count <= 7 for c in children)  # 1-6, and one more if placed
    assert all(c.open_count <= 1 for c in children)
    assert children.filter(open_count=1).count() > 0.85 * 4_000
    assert 0.04 < Child.objects.filter(is_uasc=True).count() / 4_000 < 0.08
    statuses = Counter(Child.objects.values_list("legal_status", flat=True))
    assert [status for status, _ in statuses.most_common(3)] == ["C2", "V2", "C1"]
    assert {"J1", "L1", "L2"} <= set(statuses)
    open_places = Counter(
        CareEpisode.objects.filter(end_date=None).values_list("placement_type", flat=True)
    )
    total = sum(open_places.values())
    assert set(open_places) <= FOSTERING | RESIDENTIAL_OR_SUPPORTED | OTHER
    assert 0.55 <= sum(open_places[c] for c in FOSTERING) / total <= 0.75
    assert 0.1 <= sum(open_places[c] for c in RESIDENTIAL_OR_SUPPORTED) / total <= 0.25


def test_episodes_end_as_the_903_records_them(settings, capsys, db):
    _seed(settings, capsys, "--seed", "1")
    changes = CareEpisode.objects.filter(reason_ceased="X1")
    assert changes.exists()
    # Every move has its reason; only a change of legal status alone (RNE L) has none.
    for episode in changes.filter(reason_place_change=""):
        following = CareEpisode.objects.filter(child=episode.child, start_date=episode.end_date)
        assert following.get().reason_new_episode == "L"
    reasons = set(changes.values_list("reason_place_change", flat=True))
    assert {"CARPL", "CREQB", "CHILD", "STAND"} <= reasons  # planned, and some breakdowns
    assert not CareEpisode.objects.filter(end_date=None).exclude(reason_place_change="").exists()
    assert not CareEpisode.objects.filter(start_date__lt="2019-04-01").exists()
    providers = set(CareEpisode.objects.values_list("placement_provider", flat=True))
    assert providers <= {"PR0", "PR1", "PR2", "PR3", "PR4", "PR5", ""}
    with_parents = CareEpisode.objects.filter(placement_type="P1")
    assert not with_parents.exclude(placement_provider="PR0").exists()


def test_it_makes_referrals_in_every_status_through_the_services(settings, capsys, db):
    _seed(settings, capsys, "--seed", "1")
    assert set(Referral.objects.values_list("status", flat=True)) == set(Referral.Status.values)
    for slug in ("greater-manchester", "south-east"):
        assert 50 <= Referral.objects.filter(local_authority__region__slug=slug).count() <= 70
    for referral in Referral.objects.prefetch_related("trail"):
        trail = [change.to_status for change in referral.trail.all()]
        assert trail[0] == "draft" and trail[-1] == referral.status
    for referral in Referral.objects.filter(status="offers_received"):
        assert 2 <= referral.offers.filter(status="made").count() <= 4
    for referral in Referral.objects.filter(status__in=["offer_accepted", "placed"]):
        assert referral.offers.filter(status="accepted").count() == 1
        assert referral.placements.count() == 1
    placed = Referral.objects.filter(status="placed")
    assert CareEpisode.objects.filter(placement__referral__in=placed, end_date=None).count() == (
        placed.count()
    )


def test_the_demo_users_have_work_waiting_for_them(settings, capsys, db):
    _seed(settings, capsys, "--seed", "1")
    social_worker = User.objects.get(email="sw.bolton@demo.rcc.example")
    bolton = Referral.objects.filter(created_by=social_worker, local_authority__name="Bolton")
    assert {"draft", "awaiting_approval", "sent", "offers_received", "placed"} <= set(
        bolton.values_list("status", flat=True)
    )
    to_compare = bolton.filter(status="offers_received").annotate(
        made=Count("offers", Q(offers__status="made"))
    )
    assert max(to_compare.values_list("made", flat=True)) >= 2
    unanswered = Distribution.objects.filter(
        provider__name="Pennine Children's Homes Ltd",
        responded_at=None,
        referral__status__in=["sent", "offers_received"],
    )
    assert unanswered.count() >= 2
    salford = Referral.objects.filter(local_authority__name="Salford")
    assert salford.filter(status="awaiting_approval").count() >= 3
    approvals = PlacementApproval.objects.filter(
        placement__local_authority__name="Salford", status="requested", kind="out_of_area"
    ).select_related("placement__setting__local_authority__region")
    assert approvals.exists()
    for approval in approvals:  # placed in another Greater Manchester council
        council = approval.placement.setting.local_authority
        assert (council.name != "Salford", council.region.slug) == (True, "greater-manchester")


def _counts() -> dict:
    return {
        "children": list(
            Child.objects.order_by("local_authority__name", "case_id").values_list(
                "case_id", "name", "date_of_birth", "legal_status", "home_postcode"
            )
        ),
        "episodes": Counter(CareEpisode.objects.values_list("placement_type", "end_date")),
        "referrals": Counter(Referral.objects.values_list("local_authority__name", "status")),
        "offers": Counter(Offer.objects.values_list("status", "setting__name", "weekly_price")),
        "distributions": Distribution.objects.count(),
    }


def test_the_same_seed_gives_the_same_children_and_referrals(settings, capsys, db):
    with transaction.atomic():
        first, counts = _seed(settings, capsys, "--seed", "5"), _counts()
        transaction.set_rollback(True)
    assert not Child.objects.exists()
    assert _seed(settings, capsys, "--seed", "5") == first
    assert _counts() == counts
    assert _seed(settings, capsys, "--seed", "5") == first  # seeding again adds nothing
    assert _counts() == counts


def test_settings_and_children_get_real_postcodes_once_imported(settings, capsys, db):
    oldham = ["OL1 1AA", "OL4 2BB", "OL8 3CC"]
    maidstone = ["ME14 1AA", "ME15 2BB"]  # Kent's postcodes carry its districts' codes
    for postcode in oldham:
        Postcode.objects.create(
            postcode=postcode, easting=393000, northing=405000, local_authority_code="E08000004"
        )
    for postcode in maidstone:
        Postcode.objects.create(
            postcode=postcode, easting=576000, northing=155000, local_authority_code="E07000110"
        )
    _seed(settings, capsys, "--seed", "1")
    moorcroft = Setting.objects.get(name="Moorcroft House")  # the demo provider's, in Oldham
    assert moorcroft.postcode in oldham
    assert (moorcroft.latitude, moorcroft.longitude) != (None, None)
    kent = Setting.objects.filter(local_authority__name="Kent")
    assert kent.exists() and set(kent.values_list("postcode", flat=True)) <= set(maidstone)
    homes = set(
        Child.objects.filter(local_authority__name="Oldham").values_list("home_postcode", flat=True)
    )
    assert homes <= set(oldham)
    assert not set(
        Setting.objects.filter(local_authority__name="Bolton").values_list("postcode", flat=True)
    ) & set(oldham + maidstone)  # Bolton has none imported: made up, as before


def test_make_demo_imports_postcodes_only_into_an_empty_table(db):
    Postcode.objects.create(
        postcode="BL1 1AA", easting=371000, northing=409000, local_authority_code="E08000001"
    )
    out = StringIO()
    call_command("import_postcodes", "--regions", "--if-empty", stdout=out)
    assert "skipped" in out.getvalue()
    assert Postcode.objects.count() == 1
