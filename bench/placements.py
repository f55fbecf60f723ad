"""The referral journey at national scale: time the shortlist and the pages of the journey.

Run with `make bench` (or `.venv/bin/python bench/placements.py [--scale 1|2|4] [--reuse]
[--record]`); DATABASE_URL selects the database (default a throwaway SQLite file; an empty one,
or with ``--reuse`` one this script seeded before, at the same scale). Prints one line per
measurement through ``bench/harness.py``; it is not a test and asserts nothing but a 200 and
that the shortlist is the same as the implementation before issue 19 gave
(``tests/placements/shortlist_reference.py``).

Seeds England's market as `bench/providers.py` does (its code, imported), then Greater
Manchester's postcodes (the real ONS directory, so distances are worked as in production) and
2,000 of its referrals (times ``--scale``) with their trail, distributions, offers, declines
and placements.
Times `placements.selectors.referrals.shortlist` for one Bolton child (target: under 50 ms at
the median) and, as the GM commissioner, `/referrals/`, the offer comparison of a referral with
5 offers, the outcomes page and the shortlist page (target: under 150 ms). Rows are
bulk-created: this measures reading.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

# Importing bench.providers sets the environment and calls django.setup(), so it comes before
# any model (isort puts it there too).
from bench import harness
from bench import providers as market
from placements.models import Child, Distribution, Offer, Placement, Referral, ReferralStatusChange
from placements.models.choices import DeclineReason
from placements.selectors import referrals as selectors
from providers.models import NeedCategory, Setting
from rcc.geography.models import Postcode
from rcc.geography.services import import_postcodes
from rcc.kit.ages import birthday_in
from rcc.models import LocalAuthority, Region, User
from tests.placements import shortlist_reference

GM = "greater-manchester"
GM_POSTCODE_AREAS = ["BL", "M", "OL", "SK", "WN"]
REFERRALS = 2_000
OFFERS = 5
RUNS = 20
SHORTLIST_TARGET_MS = 50
# Per cent of the region's referrals in each status (a year and a half of work).
STATUSES = {
    "draft": 4,
    "awaiting_approval": 4,
    "approved": 4,
    "sent": 15,
    "offers_received": 20,
    "offer_accepted": 5,
    "placed": 40,
    "withdrawn": 5,
    "closed_unmet": 3,
}
SENT = {"sent", "offers_received", "offer_accepted", "placed", "withdrawn", "closed_unmet"}
CHOSEN = {"offer_accepted", "placed"}
AUTHOR = "sw.bolton@demo.rcc.example"


class Postcodes:
    """Real postcodes of GM's councils (all unitary: the directory names them directly)."""

    def __init__(self, rng: random.Random, councils: list[LocalAuthority]) -> None:
        self.rng = rng
        rows = Postcode.objects.filter(local_authority_code__in=[c.gss_code for c in councils])
        self.of: dict[str, list[str]] = {}
        for postcode, code in rows.order_by("postcode").values_list(
            "postcode", "local_authority_code"
        ):
            self.of.setdefault(code, []).append(postcode)

    def pick(self, council: LocalAuthority) -> str:
        return self.rng.choice(self.of[council.gss_code])


def gm_postcodes(rng: random.Random, gm: Region) -> Postcodes:
    """Real postcodes for GM's bench settings (bench/providers.py makes up ZZ ones)."""
    import_postcodes(areas=GM_POSTCODE_AREAS)
    postcodes = Postcodes(rng, list(LocalAuthority.objects.filter(region=gm)))
    settings = list(
        Setting.objects.filter(local_authority__region=gm).select_related("local_authority")
    )
    for s in settings:
        s.postcode = postcodes.pick(s.local_authority)
    Setting.objects.bulk_update(settings, ["postcode"], batch_size=market.BATCH)
    return postcodes


class Journey:
    """Bulk-made referrals of one region, with what happened to each."""

    def __init__(self, rng: random.Random, gm: Region, postcodes: Postcodes) -> None:
        self.rng = rng
        self.now = timezone.now()
        self.author = User.objects.get(email=AUTHOR)
        self.councils = list(LocalAuthority.objects.filter(region=gm).order_by("name"))
        self.postcodes = postcodes
        settings = Setting.objects.filter(local_authority__region=gm, status="active")
        self.settings_of: dict[int, list[Setting]] = {}
        for s in settings.order_by("pk"):
            self.settings_of.setdefault(s.provider_id, []).append(s)
        self.providers = sorted(self.settings_of)

    def seed(self, count: int) -> None:
        statuses = self.rng.choices(list(STATUSES), weights=list(STATUSES.values()), k=count)
        children = Child.objects.bulk_create(
            (self._child(n) for n in range(count)), batch_size=market.BATCH
        )
        referrals = Referral.objects.bulk_create(
            (self._referral(c, s) for c, s in zip(children, statuses, strict=True)),
            batch_size=market.BATCH,
        )
        trail = [
            ReferralStatusChange(
                referral=r, from_status="draft", to_status="awaiting_approval",
                changed_at=r.submitted_at, changed_by=self.author,
            )
            for r in referrals
            if r.submitted_at
        ]  # fmt: skip
        ReferralStatusChange.objects.bulk_create(trail, batch_size=market.BATCH)
        distributions = self._distributions([r for r in referrals if r.status in SENT])
        offers = self._offers(distributions)
        self._placements([o for o in offers if o.status == Offer.Status.ACCEPTED])

    def _child(self, n: int) -> Child:
        council = self.rng.choice(self.councils)
        return Child(
            local_authority=council,
            case_id=f"BENCH{n:05d}",
            name=f"Bench child {n:05d}",
            date_of_birth=self.now.date() - timedelta(days=self.rng.randint(8 * 365, 17 * 365)),
            sex=self.rng.choice(["male", "female"]),
            ethnicity="WBRI",
            legal_status=self.rng.choice(["C1", "C2", "V2"]),
            home_postcode=self.postcodes.pick(council),
        )

    def _referral(self, child: Child, status: str) -> Referral:
        created = self.now - timedelta(days=self.rng.randint(1, 540), hours=self.rng.randint(0, 23))
        submitted = created + timedelta(hours=self.rng.randint(2, 72))
        return Referral(
            child=child,
            local_authority_id=child.local_authority_id,
            status=status,
            search_type="emergency" if self.rng.random() < 0.2 else "planned",
            latest_start_date=(created + timedelta(days=self.rng.randint(7, 60))).date(),
            residential_suitability="preferred",
            created_by=self.author,
            created_at=created,
            submitted_at=None if status == "draft" else submitted,
        )

    def _distributions(self, referrals: list[Referral]) -> list[Distribution]:
        rows = []
        for referral in referrals:
            sent_at = referral.submitted_at + timedelta(hours=self.rng.randint(4, 48))
            for rank, provider_id in enumerate(self.rng.sample(self.providers, 4)):
                answered = (rank == 0 and referral.status in CHOSEN) or self.rng.random() < 0.8
                rows.append(
                    Distribution(
                        referral=referral,
                        provider_id=provider_id,
                        sent_at=sent_at,
                        respond_by=sent_at + timedelta(days=3),
                        sent_by=self.author,
                        responded_at=sent_at + timedelta(hours=self.rng.randint(1, 96))
                        if answered
                        else None,
                    )
                )
        return Distribution.objects.bulk_create(rows, batch_size=market.BATCH)

    def _offers(self, distributions: list[Distribution]) -> list[Offer]:
        rows, chosen = [], set()
        for d in distributions:
            if d.responded_at is None:
                continue
            referral = d.referral
            first = referral.status in CHOSEN and referral.pk not in chosen
            if not first and self.rng.random() < 0.55:
                reason = self.rng.choice(DeclineReason.values)
                rows.append(self._offer(d, Offer.Status.DECLINED, decline_reason=reason))
                continue
            setting = self.rng.choice(self.settings_of[d.provider_id])
            status = "accepted" if first else "not_chosen" if referral.status in CHOSEN else "made"
            chosen.add(referral.pk)
            rows.append(self._offer(d, status, setting=setting, weekly_price=self.price()))
        return Offer.objects.bulk_create(rows, batch_size=market.BATCH)

    def _offer(self, d: Distribution, status: str, **fields) -> Offer:
        start = (d.responded_at + timedelta(days=self.rng.randint(2, 21))).date()
        return Offer(
            referral=d.referral,
            distribution=d,
            status=status,
            made_at=d.responded_at,
            start_date=min(start, self.now.date()),
            **fields,
        )

    def price(self) -> Decimal:
        return Decimal(self.rng.randrange(4_200, 9_800, 50))

    def _placements(self, accepted: list[Offer]) -> None:
        rows = []
        for offer in accepted:
            referral, setting = offer.referral, offer.setting
            ended = self.rng.random() < 0.3
            length = timedelta(days=self.rng.randint(10, 400))
            end = (
                offer.start_date + length
                if ended and offer.start_date + length < self.now.date()
                else None
            )
            rows.append(
                Placement(
                    child_id=referral.child_id,
                    referral=referral,
                    offer=offer,
                    local_authority_id=referral.local_authority_id,
                    setting=setting,
                    provider_id=setting.provider_id,
                    placement_type=setting.setting_type,
                    need_level="core",
                    route=Placement.Route.SPOT,
                    status=Placement.Status.ENDED if end else Placement.Status.ACTIVE,
                    agreed_weekly_cost=offer.weekly_price,
                    miles_from_home=None if self.rng.random() < 0.1 else self.rng.uniform(0, 60),
                    start_date=offer.start_date,
                    end_date=end,
                    unplanned_ending=end is not None and self.rng.random() < 0.4,
                )
            )
        Placement.objects.bulk_create(rows, batch_size=market.BATCH)


def bench_referral(journey: Journey, user: User) -> Referral:
    """A Bolton 14-year-old, residential preferred, planned: the referral that gets timed."""
    bolton = next(c for c in journey.councils if c.name == "Bolton")
    today = timezone.localdate()
    child = Child.objects.create(
        local_authority=bolton,
        case_id="BENCH-TIMED",
        name="Timed child",
        date_of_birth=birthday_in(today, today.year - 14) - timedelta(days=40),
        sex="female",
        ethnicity="WBRI",
        legal_status="C2",
        home_postcode=journey.postcodes.pick(bolton),
    )
    referral = Referral.objects.create(
        child=child,
        local_authority=bolton,
        status=Referral.Status.SENT,
        search_type="planned",
        latest_start_date=today + timedelta(days=21),
        residential_suitability="preferred",
        supported_suitability="suitable",
        created_by=journey.author,
        submitted_at=timezone.now(),
    )
    referral.needs.set(NeedCategory.objects.order_by("code")[:1])
    return selectors.referral_detail(user, referral.public_id)


def time_shortlist(report: harness.Report, user: User, referral: Referral):
    """The shortlist, checked against the implementation before issue 19, then timed."""
    result, settings = selectors.shortlist(user, referral)
    same = shortlist_reference.same(
        (result, settings), shortlist_reference.shortlist(user, referral)
    )
    assert same, "the shortlist differs from the implementation before issue 19"
    reset_queries()  # DEBUG keeps only the last 9,000 queries; seeding ran more
    with CaptureQueriesContext(connection) as queries:
        selectors.shortlist(user, referral)
    note = (
        f"{len(queries)} SQL queries; {len(settings):,} settings considered, "
        f"{len(result.matches)} matches; same result as before issue 19: {same}"
    )
    stats = report.time(
        f"`shortlist()` (target {SHORTLIST_TARGET_MS} ms)",
        lambda: selectors.shortlist(user, referral),
        RUNS,
        note=note,
    )
    report.pair(
        "`shortlist()` interleaved with the implementation before issue 19",
        {
            "now": lambda: selectors.shortlist(user, referral) and None,
            "before": lambda: shortlist_reference.shortlist(user, referral) and None,
        },
        RUNS,
        unit="ms",
    )
    verdict = "meets" if stats.median * 1000 <= SHORTLIST_TARGET_MS else "MISSES"
    print(f"shortlist(): {verdict} the {SHORTLIST_TARGET_MS} ms target at the median")
    return result, settings


def offers_for(journey: Journey, referral: Referral, result, settings) -> None:
    """Offers from the providers of the best matches, as if sent and answered."""
    sent = timezone.now() - timedelta(hours=30)
    providers = list(dict.fromkeys(settings[m.setting_id].provider_id for m in result.matches))
    for n, provider_id in enumerate(providers[:OFFERS]):
        setting = next(
            s for m in result.matches if (s := settings[m.setting_id]).provider_id == provider_id
        )
        distribution = Distribution.objects.create(
            referral=referral,
            provider_id=provider_id,
            sent_at=sent,
            respond_by=sent + timedelta(days=3),
            sent_by=journey.author,
            responded_at=sent + timedelta(hours=2 + n),
        )
        Offer.objects.create(
            referral=referral,
            distribution=distribution,
            setting=setting,
            weekly_price=journey.price(),
            start_date=referral.latest_start_date,
            made_at=distribution.responded_at,
        )
    Referral.objects.filter(pk=referral.pk).update(status=Referral.Status.OFFERS_RECEIVED)


def seed(rng: random.Random, scale: int) -> tuple[Journey, Region]:
    market.timed(
        "seed_demo --scale national",
        lambda: call_command("seed_demo", "--scale", "national", stdout=io.StringIO()),
    )
    market.timed("bulk-create the national market", lambda: market.seed_market(rng, scale))
    gm = Region.objects.get(slug=GM)
    postcodes = None

    def place():
        nonlocal postcodes
        postcodes = gm_postcodes(rng, gm)

    market.timed("import GM postcodes, place GM settings", place)
    journey = Journey(rng, gm, postcodes)
    market.timed(f"{REFERRALS * scale:,} GM referrals", lambda: journey.seed(REFERRALS * scale))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # as autovacuum would soon after a bulk load
            cursor.execute("ANALYZE")
    return journey, gm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="a database this script seeded")
    args = harness.arguments("", parser)
    global RUNS
    RUNS = args.rounds or RUNS
    django_settings.ALLOWED_HOSTS = ["*"]
    rng = random.Random(2025)
    call_command("migrate", verbosity=0)
    gm = Region.objects.filter(slug=GM).first()
    timed = Referral.objects.filter(child__case_id="BENCH-TIMED").first()
    if not (args.reuse and timed):
        journey, gm = seed(rng, args.scale)
    else:
        journey = Journey(rng, gm, Postcodes(rng, list(LocalAuthority.objects.filter(region=gm))))
    title = "The referral journey (`bench/placements.py`)"
    report = harness.Report("placements", title, args.scale)
    report.note(
        f"{Referral.objects.filter(local_authority__region=gm).count():,} GM referrals, "
        f"{Distribution.objects.count():,} distributions, {Offer.objects.count():,} offers, "
        f"{Placement.objects.filter(local_authority__region=gm).count():,} GM placements "
        f"({Setting.objects.filter(local_authority__region=gm).count():,} GM settings); "
        f"database: {connection.vendor}"
    )
    user = User.objects.get(email=market.COMMISSIONER)
    if timed is None or not args.reuse:
        referral = bench_referral(journey, user)
        result, settings = time_shortlist(report, user, referral)
        offers_for(journey, referral, result, settings)
    else:
        referral = selectors.referral_detail(user, timed.public_id)
        time_shortlist(report, user, referral)
    client = market.signed_in(market.COMMISSIONER)
    for url in ("/referrals/", f"/referrals/{referral.public_id}/offers/", "/outcomes/"):
        market.measure(report, client, url, url.replace(str(referral.public_id), "<id>"))
    market.measure(
        report,
        client,
        f"/referrals/{referral.public_id}/shortlist/",
        "/referrals/<id>/shortlist/ (target 150 ms)",
    )
    report.finish(args.record)


if __name__ == "__main__":
    main()
