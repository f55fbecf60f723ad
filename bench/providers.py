"""The market at national scale: England's settings, vacancy reports and placements, then time
the pages commissioners use most.

Run with `make bench` (or `.venv/bin/python bench/providers.py [--scale 1|2|4] [--record]`);
DATABASE_URL selects the database (default a throwaway SQLite file; use an empty one). Prints one
line per page through ``bench/harness.py``; it is not a test and asserts nothing but a 200.

Volumes (DOMAIN.md): about 4,000 children's homes, 300 fostering agencies and 900 supported
accommodation services over England's 153 councils; 50,000 vacancy reports (about 10% still
open); 20,000 current placements with agreed weekly prices; ``--scale`` multiplies the
providers, settings, vacancy reports and placements. Rows are bulk-created: this measures
reading, not the services that write them.
"""

from __future__ import annotations

import io
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DEMO_MODE", "1")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rcc.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402

from bench import harness  # noqa: E402
from placements.demo.market import PLACEMENT_MIX  # noqa: E402
from placements.models import Placement  # noqa: E402
from providers.demo.data import BANDS, LOTS, PREMIUMS  # noqa: E402
from providers.models import (  # noqa: E402
    Framework,
    Lot,
    NeedCategory,
    ProviderOrganisation,
    Sector,
    Setting,
    SettingType,
    Vacancy,
)
from rcc.models import LocalAuthority, Region, User  # noqa: E402

HOME, IFA, SUPPORTED = SettingType.CHILDRENS_HOME, SettingType.IFA, SettingType.SUPPORTED
SETTINGS = {HOME: 4_000, IFA: 300, SUPPORTED: 900}
PLACES = {HOME: (1, 6), IFA: (20, 120), SUPPORTED: (4, 24)}
AGES = {HOME: (8, 17), IFA: (0, 17), SUPPORTED: (16, 17)}
PROVIDERS = 1_200
VACANCIES = 50_000
STATUSES = {"open": 10, "held": 3, "filled": 60, "withdrawn": 27}  # per cent of reports
PLACEMENTS = 20_000
PAGES = [
    "/market/vacancies/",
    "/market/vacancies/?setting_type=childrens_home&age=14",
    "/market/prices/",
]
RUNS = 20
BATCH = 2_000
COMMISSIONER = "commissioner.gm@demo.rcc.example"
# For information (no target): England's prices, which a platform administrator or DfE sees.
NATIONAL = ("platform.admin@demo.rcc.example", "/market/prices/")


def timed(label: str, fn) -> float:
    """Seconds of one run of something done once (seeding); printed, and returned."""
    start = time.perf_counter()
    fn()
    elapsed = time.perf_counter() - start
    print(f"{label}: {elapsed * 1000:.0f} ms (load {harness.load()})")
    return elapsed


def seed_market(rng: random.Random, scale: int = 1) -> None:
    councils = list(LocalAuthority.objects.order_by("gss_code"))
    weights = [rng.uniform(0.3, 2.0) for _ in councils]
    providers = _providers(rng, scale)
    made = _settings(rng, councils, weights, providers, scale)
    _vacancies(rng, made, scale)
    _placements(rng, councils, weights, made, scale)


def _providers(rng: random.Random, scale: int) -> list[tuple[ProviderOrganisation, float]]:
    """Many small providers and a few large ones (Pareto sizes); 84% private."""
    sectors = rng.choices(
        [Sector.PRIVATE, Sector.VOLUNTARY, Sector.LOCAL_AUTHORITY],
        weights=[84, 8, 8],
        k=PROVIDERS * scale,
    )
    rows = ProviderOrganisation.objects.bulk_create(
        ProviderOrganisation(name=f"Bench provider {n:04d} Ltd", sector=sector)
        for n, sector in enumerate(sectors)
    )
    return [(p, rng.paretovariate(1.2)) for p in rows]


def _settings(rng, councils, weights, providers, scale: int) -> list[Setting]:
    needs = list(NeedCategory.objects.order_by("code"))
    sizes = [size for _, size in providers]
    rows, serial = [], 0
    for setting_type, count in SETTINGS.items():
        for council in rng.choices(councils, weights=weights, k=count * scale):
            serial += 1
            rows.append(_setting(rng, setting_type, council, serial, providers, sizes))
    made = Setting.objects.bulk_create(rows, batch_size=BATCH)
    Through = Setting.needs.through
    links = [
        Through(setting_id=s.pk, needcategory_id=n.pk)
        for s in made
        for n in rng.sample(needs, rng.randint(1, 3))
    ]
    Through.objects.bulk_create(links, batch_size=BATCH)
    return made


def _setting(rng, setting_type, council, serial, providers, sizes) -> Setting:
    judgement = rng.choices([1, 2, 3, 4], weights=[16, 64, 15, 5])[0]
    low, high = AGES[setting_type]
    return Setting(
        provider=rng.choices(providers, weights=sizes)[0][0],
        name=f"Bench {SettingType(setting_type).label.lower()} {serial:05d}",
        urn=f"SC{950_000 + serial}",
        setting_type=setting_type,
        postcode=f"ZZ{serial % 99} 1AA",
        local_authority=council,
        registered_places=rng.randint(*PLACES[setting_type]),
        age_min=rng.randint(low, max(low, high - 4)) if setting_type == HOME else low,
        age_max=high,
        takes_emergencies=rng.random() < 0.3,
        latest_judgement=judgement,
        latest_inspection_on=timezone.localdate() - timedelta(days=rng.randint(30, 900)),
        status=Setting.Status.SUSPENDED if judgement == 4 and rng.random() < 0.3 else "active",
    )


def _vacancies(rng: random.Random, made: list[Setting], scale: int) -> None:
    today = timezone.localdate()
    active = [s for s in made if s.status == Setting.Status.ACTIVE]
    count = VACANCIES * scale
    statuses = rng.choices(list(STATUSES), weights=list(STATUSES.values()), k=count)
    rows = []
    for setting, status in zip(rng.choices(active, k=count), statuses, strict=True):
        days = rng.randint(-14, 60) if status in ("open", "held") else rng.randint(-730, -15)
        rows.append(
            Vacancy(
                setting=setting,
                places=1,
                available_from=today + timedelta(days=days),
                age_min=setting.age_min,
                age_max=setting.age_max,
                status=status,
            )
        )
    made = Vacancy.objects.bulk_create(rows, batch_size=BATCH)
    needs = list(NeedCategory.objects.order_by("code"))
    Through = Vacancy.needs.through
    links = [Through(vacancy_id=v.pk, needcategory_id=rng.choice(needs).pk) for v in made]
    Through.objects.bulk_create(links, batch_size=BATCH)


def _lots(today) -> dict[tuple[int, str, str], Lot]:
    """A live framework with the demo's six lots in every region that has none."""
    for region in Region.objects.exclude(frameworks__isnull=False).order_by("slug"):
        framework = Framework.objects.create(
            region=region,
            name=f"{region.name} placements DPS",
            starts_on=today - timedelta(days=365),
            ends_on=today + timedelta(days=3 * 365),
            status=Framework.Status.LIVE,
        )
        Lot.objects.bulk_create(
            Lot(framework=framework, name=f"{t} {n}", placement_type=t, need_level=n)
            for t, n, _ in LOTS
        )
    lots = Lot.objects.select_related("framework")
    return {(lot.framework.region_id, lot.placement_type, lot.need_level): lot for lot in lots}


def _placements(rng, councils, weights, settings_made: list[Setting], scale: int) -> None:
    today = timezone.localdate()
    lots = _lots(today)
    by_type: dict[str, list[Setting]] = {}
    for s in settings_made:
        by_type.setdefault(s.setting_type, []).append(s)
    types = [t for t in PLACEMENT_MIX if t in by_type]
    rows = []
    for council in rng.choices(councils, weights=weights, k=PLACEMENTS * scale):
        setting_type = rng.choices(types, weights=[PLACEMENT_MIX[t][0] for t in types])[0]
        levels = PLACEMENT_MIX[setting_type][1]
        need = rng.choices(list(levels), weights=list(levels.values()))[0]
        lot = lots.get((council.region_id, setting_type, need))
        framework = lot is not None and rng.random() < 0.7
        price = rng.randint(*BANDS[(setting_type, need)])
        if not framework:
            price *= rng.uniform(*PREMIUMS.get(setting_type, (1.0, 1.0)))
        setting = rng.choice(by_type[setting_type])
        rows.append(
            Placement(
                local_authority=council,
                setting=setting,
                provider_id=setting.provider_id,
                lot=lot if framework else None,
                placement_type=setting_type,
                need_level=need,
                route=Placement.Route.FRAMEWORK if framework else Placement.Route.SPOT,
                agreed_weekly_cost=Decimal(round(price)),
                start_date=today - timedelta(days=rng.randint(7, 1000)),
            )
        )
    Placement.objects.bulk_create(rows, batch_size=BATCH)


def signed_in(email: str) -> Client:
    """Signed in with a verified second factor, as bench/run.py does."""
    user = User.objects.get(email=email)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = user.totpdevice_set.get().persistent_id
    session.save()
    return client


def measure(report: harness.Report, client: Client, url: str, label: str = "") -> None:
    """One row: the page's min / median / max over RUNS requests after one to warm up, and the
    SQL queries of one more (session, user, MFA and permission lookups included)."""
    reset_queries()  # DEBUG keeps only the last 9,000 queries; seeding ran more
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)

    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    report.time(label or url, get, RUNS, note=f"{len(queries)} SQL queries")


def main() -> None:
    args = harness.arguments(__doc__.splitlines()[0])
    scale = args.scale
    global RUNS
    RUNS = args.rounds or RUNS
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    timed(
        "seed_demo --scale national",
        lambda: call_command("seed_demo", "--scale", "national", stdout=io.StringIO()),
    )
    timed("bulk-create the national market", lambda: seed_market(random.Random(2025), scale))
    report = harness.Report("providers", "The market pages (`bench/providers.py`)", scale)
    report.note(
        f"{Setting.objects.count():,} settings, {Vacancy.objects.count():,} vacancy reports "
        f"({Vacancy.objects.open().count():,} open), {Placement.objects.count():,} placements"
    )
    gm = Region.objects.get(slug="greater-manchester")
    in_gm = {"local_authority__region": gm}
    open_gm = Vacancy.objects.open().filter(setting__local_authority__region=gm).count()
    report.note(
        f"Greater Manchester: {Setting.objects.filter(**in_gm).count():,} settings, "
        f"{open_gm:,} open vacancies, {Placement.objects.filter(**in_gm).count():,} placements"
    )
    report.note(f"database: {connection.vendor}; targets: under 150 ms at the median")
    client = signed_in(COMMISSIONER)
    for url in PAGES:
        measure(report, client, url, f"{url} (GM commissioner)")
    email, url = NATIONAL
    measure(report, signed_in(email), url, f"{url} (platform admin, all England, no target)")
    report.finish(args.record)


if __name__ == "__main__":
    main()
