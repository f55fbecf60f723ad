"""Vacancies the providers report, some held, filled or withdrawn since."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from providers.demo.data import DEMO_PROVIDER, FATES, NOTES, VACANCIES
from providers.demo.market import Market
from providers.models import ProviderOrganisation, Setting, Vacancy
from providers.services import vacancies
from rcc.demo.tenancy import DEMO_DOMAIN
from rcc.models import User


def report_vacancies(m: Market) -> None:
    """VACANCIES reports (the demo provider's two first), each with its fate."""
    eligible = [s for s in m.settings if s.status == Setting.Status.ACTIVE and s.urn is not None]
    demo = [s for s in eligible if s.provider.name == DEMO_PROVIDER][:2]
    others = m.rng.sample([s for s in eligible if s not in demo], VACANCIES - len(demo))
    fates = ["open", *m.rng.choices(FATES, weights=(75, 10, 8, 7), k=VACANCIES - 1)]
    for index, (setting, fate) in enumerate(zip(demo + others, fates, strict=True)):
        vacancy = _report(m, setting, open_now=setting in demo)
        if setting in demo:
            fate = "open"  # the demo provider's places stay open for a new referral to find
        commissioner = m.commissioners[setting.local_authority.region_id]
        if fate in ("held", "filled"):
            reference = f"OFFER-{index + 1:05d}"
            vacancies.hold_vacancy(actor=commissioner, vacancy=vacancy, reference=reference)
            if fate == "filled":
                vacancies.fill_vacancy(actor=commissioner, vacancy=vacancy, reference=reference)
        elif fate == "withdrawn":
            reason = "The place was filled by a child from outside the region."
            vacancies.withdraw_vacancy(
                actor=m.actor_for(setting.provider), vacancy=vacancy, reason=reason
            )


def _report(m: Market, setting: Setting, *, open_now: bool = False) -> Vacancy:
    """A vacancy drawn from ``m.rng``; ``open_now`` (the demo provider's) overrides the draws
    after they are made (so the rest stays as it was): open from today with no end, for every
    age and need the setting takes."""
    rng = m.rng
    available_from = m.today + timedelta(days=rng.randint(-14, 45))
    until = available_from + timedelta(days=rng.randint(28, 120))
    age_min = setting.age_min
    if setting.age_max - age_min > 4 and rng.random() < 0.4:
        age_min = rng.randint(age_min, setting.age_max - 3)
    needs = m.setting_needs[setting.pk]
    places = min(rng.choice((1, 1, 1, 1, 2, 3)), setting.registered_places)
    available_until = until if rng.random() < 0.4 else None
    chosen = rng.sample(needs, rng.randint(1, len(needs)))
    note = rng.choice(NOTES)
    if open_now:
        available_from, available_until = m.today, None
        age_min, chosen = setting.age_min, list(needs)
    return vacancies.report_vacancy(
        actor=m.actor_for(setting.provider),
        setting=setting,
        places=places,
        available_from=available_from,
        available_until=available_until,
        age_min=age_min,
        age_max=setting.age_max,
        needs=chosen,
        note=note,
    )


def keep_demo_places_open() -> None:
    """A place open from today in each of the demo provider's homes that has none left (the
    demo's past referrals fill them), so a referral made in the demo reaches its portal."""
    provider = ProviderOrganisation.objects.filter(name=DEMO_PROVIDER).first()
    staff = User.objects.filter(email=f"provider@{DEMO_DOMAIN}").first()
    if provider is None:
        return
    for setting in Setting.objects.filter(provider=provider).order_by("pk"):
        if Vacancy.objects.open().filter(setting=setting).exists():
            continue
        vacancies.report_vacancy(
            actor=staff,
            setting=setting,
            places=1,
            available_from=timezone.localdate(),
            available_until=None,
            age_min=setting.age_min,
            age_max=setting.age_max,
            needs=list(setting.needs.order_by("code")),
            note="Reported for the demo: open for a new referral.",
        )
