"""Factories for the market, and a whole market for one tenant."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from placements.models import Placement
from providers.models import (
    AdmissionRound,
    Application,
    Concern,
    FinancialReturn,
    Framework,
    Lot,
    NeedLevel,
    RateCard,
    ScrutinyFlag,
    Setting,
    SettingType,
    Vacancy,
)
from tests.factories import LocalAuthorityFactory, ProviderFactory


class SettingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Setting

    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Setting {n}")
    urn = factory.Sequence(lambda n: f"SC{700000 + n}")
    setting_type = SettingType.CHILDRENS_HOME
    local_authority = factory.SubFactory(LocalAuthorityFactory)
    registered_places = 4
    age_min = 8
    age_max = 17


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy

    setting = factory.SubFactory(SettingFactory)
    available_from = factory.LazyFunction(timezone.localdate)
    age_min = 10
    age_max = 17


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    name = factory.Sequence(lambda n: f"Framework {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=100))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=1000))
    status = Framework.Status.LIVE


class LotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lot

    framework = factory.SubFactory(FrameworkFactory)
    name = factory.Sequence(lambda n: f"Lot {n}")
    placement_type = SettingType.CHILDRENS_HOME
    need_level = NeedLevel.CORE


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdmissionRound

    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=20))


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    placement_type = SettingType.CHILDRENS_HOME
    need_level = NeedLevel.CORE
    route = Placement.Route.SPOT
    agreed_weekly_cost = Decimal("5000")
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))


def make_market(tenant: Any, label: str = "") -> dict[str, Any]:
    """A small market in the tenant's region; text carries ``label`` where it is private."""
    people = tenant.people
    setting = SettingFactory(
        provider=tenant.provider, local_authority=tenant.council, name=f"{label} Oak House".strip()
    )
    framework = FrameworkFactory(region=tenant.region, name=f"{tenant.region.name} framework")
    lot = LotFactory(framework=framework, name=f"{tenant.region.name} children's homes, core")
    round_ = RoundFactory(framework=framework)
    application = Application.objects.create(
        round=round_,
        lot=lot,
        provider=tenant.provider,
        proposed_weekly_price=Decimal("5100"),
        statement=f"{label} statement".strip(),
        status=Application.Status.ADMITTED,
    )
    market = {
        "setting": setting,
        "vacancy": VacancyFactory(setting=setting, note=f"{label} note".strip()),
        "framework": framework,
        "lot": lot,
        "round": round_,
        "application": application,
        "rate": RateCard.objects.create(
            lot=lot,
            provider=tenant.provider,
            need_level=NeedLevel.CORE,
            weekly_price=Decimal("5050"),
            valid_from=timezone.localdate() - timedelta(days=50),
        ),
        "placement": PlacementFactory(
            local_authority=tenant.council,
            setting=setting,
            provider=tenant.provider,
            lot=lot,
            route=Placement.Route.FRAMEWORK,
            agreed_weekly_cost=Decimal("5050"),
        ),
        "return": FinancialReturn.objects.create(
            provider=tenant.provider,
            year=2025,
            turnover=Decimal("1000000"),
            operating_profit=Decimal("150000"),
            ebitda=Decimal("200000"),
        ),
        "flag": ScrutinyFlag.objects.create(
            provider=tenant.provider,
            region=tenant.region,
            reason=f"{label} high margin".strip(),
            raised_by=people["commissioner"],
        ),
        "concern": Concern.objects.create(
            setting=setting,
            region=tenant.region,
            severity=Concern.Severity.HIGH,
            summary=f"{label} concern".strip(),
            recorded_by=people["commissioner"],
        ),
    }
    return market
