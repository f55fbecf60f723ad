"""Regions, councils and one demo user for every role (the provider's, for the organisation
the providers' demo makes: passed in, as the ground floor imports no domain app)."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from django.db.models import Model
from django_otp.plugins.otp_totp.models import TOTPDevice

from rcc import services
from rcc.demo.geography import NATIONAL_COUNCILS, NATIONAL_REGIONS, PATHFINDERS
from rcc.models import LocalAuthority, Region, User
from rcc.roles import Role

DEMO_DOMAIN = "demo.rcc.example"


@dataclass(frozen=True)
class DemoSignIn:
    email: str
    role: str
    scope: str
    totp_secret_base32: str


def seed_geography(rng: random.Random, *, national: bool) -> None:
    for name, slug, lead, councils in PATHFINDERS:
        _region_with_councils(name, slug, lead, councils)
    if national:
        _synthetic_regions(rng)


def _region_with_councils(name: str, slug: str, lead: str, councils) -> Region:
    region, _ = Region.objects.get_or_create(slug=slug, defaults={"name": name})
    for la_name, gss, dfe in councils:
        LocalAuthority.objects.update_or_create(
            gss_code=gss, defaults={"name": la_name, "dfe_number": dfe, "region": region}
        )
    region.lead_council = LocalAuthority.objects.get(region=region, name=lead)
    region.save(update_fields=["lead_council"])
    return region


def _synthetic_regions(rng: random.Random) -> None:
    """Enough made-up regions and councils to reach England's 20 RCCs and 153 councils."""
    used = set(LocalAuthority.objects.values_list("dfe_number", flat=True))
    free_numbers = [f"{n:03d}" for n in range(200, 1000) if f"{n:03d}" not in used]
    missing = NATIONAL_COUNCILS - LocalAuthority.objects.count()
    regions = NATIONAL_REGIONS - len(PATHFINDERS)
    per_region = [missing // regions + (1 if i < missing % regions else 0) for i in range(regions)]
    serial = 0
    for index, count in enumerate(per_region, start=1):
        councils = []
        for _ in range(count):
            serial += 1
            councils.append(
                (f"Synthetic council {serial}", f"E0990{serial:04d}", free_numbers[serial])
            )
        lead = councils[rng.randrange(len(councils))][0]
        _region_with_councils(f"Synthetic region {index}", f"synthetic-{index}", lead, councils)


def _demo_key(seed: int, email: str) -> bytes:
    return hashlib.sha256(f"rcc-demo:{seed}:{email}".encode()).digest()[:20]


def seed_users(seed: int, *, provider: Model) -> tuple[str, list[DemoSignIn]]:
    """A sign-in per role; ``provider`` (a ProviderOrganisation) is the provider staff's scope."""
    rng = random.Random(seed)
    words = ["harbour", "meadow", "lantern", "orchard", "compass", "willow", "granite", "saffron"]
    password = "-".join(rng.sample(words, 3)) + f"-{rng.randrange(10, 99)}"
    gm = Region.objects.get(slug="greater-manchester")
    se = Region.objects.get(slug="south-east")
    people = [
        ("sw.bolton", "Amira Shah", Role.SOCIAL_WORKER, {"local_authority": _la("Bolton")}),
        ("tm.salford", "Dan Whitaker", Role.TEAM_MANAGER, {"local_authority": _la("Salford")}),
        ("data.bolton", "Hannah Lees", Role.DATA_OFFICER, {"local_authority": _la("Bolton")}),
        ("commissioner.gm", "Grace Okafor", Role.COMMISSIONER, {"region": gm}),
        ("commissioner.se", "Tom Elliott", Role.COMMISSIONER, {"region": se}),
        ("analyst.gm", "Priya Nair", Role.ANALYST, {"region": gm}),
        ("provider", "Lee Harding", Role.PROVIDER_STAFF, {"provider": provider}),
        ("hub.gm", "Sian Roberts", Role.HUB_OFFICER, {"region": gm}),
        ("partner.gm", "Dr Ruth Morgan", Role.PARTNER, {"region": gm}),
        ("dfe", "Oliver Grant", Role.DFE_ANALYST, {}),
        ("platform.admin", "Morgan Ellis", Role.PLATFORM_ADMIN, {}),
        # Added last so the people above keep their order: the Bolton social worker's own
        # manager (who approves her referrals and, as nominated officer, her placements) and
        # the South East's analyst beside its commissioner (who publishes its strategy).
        ("tm.bolton", "Joanne Kay", Role.TEAM_MANAGER, {"local_authority": _la("Bolton")}),
        ("analyst.se", "Sam Okoro", Role.ANALYST, {"region": se}),
    ]
    sign_ins = []
    for local, name, role, scope in people:
        email = f"{local}@{DEMO_DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = services.create_user(email=email, full_name=name, password=password, actor=None)
            membership = services.grant_membership(user=user, role=role, actor=None, **scope)
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
            membership = user.memberships.first()
        key = _demo_key(seed, email)
        TOTPDevice.objects.update_or_create(
            user=user, name="Demo authenticator", defaults={"key": key.hex(), "confirmed": True}
        )
        secret = _base32(key)
        sign_ins.append(
            DemoSignIn(email, membership.get_role_display(), membership.scope_label, secret)
        )
    return password, sign_ins


def _la(name: str) -> LocalAuthority:
    return LocalAuthority.objects.get(name=name)


def _base32(key: bytes) -> str:
    from base64 import b32encode

    return b32encode(key).decode()
