"""seed_demo: the real pathfinder councils, a sign-in per role, deterministic, national scale."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from rcc.models import LocalAuthority, Membership, Region, User
from rcc.roles import Role


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
    assert User.objects.count() == 10


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
