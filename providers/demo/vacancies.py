"""Vacancies the providers report, some held, filled or withdrawn since."""

from __future__ import annotations

from datetime import timedelta

from providers.demo.data import DEMO_PROVIDER, FATES, NOTES, VACANCIES
from providers.demo.market import Market
from providers.models import Setting, Vacancy
from providers.services import vacancies


def report_vacancies(m: Market) -> None:
    """VACANCIES reports (the demo provider's two first), each with its fate."""
    eligible = [s for s in m.settings if s.status == Setting.Status.ACTIVE and s.urn is not None]
    demo = [s for s in eligible if s.provider.name == DEMO_PROVIDER][:2]
    others = m.rng.sample([s for s in eligible if s not in demo], VACANCIES - len(demo))
    fates = ["open", *m.rng.choices(FATES, weights=(75, 10, 8, 7), k=VACANCIES - 1)]
    for index, (setting, fate) in enumerate(zip(demo + others, fates, strict=True)):
        vacancy = _report(m, setting)
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


def _report(m: Market, setting: Setting) -> Vacancy:
    rng = m.rng
    available_from = m.today + timedelta(days=rng.randint(-14, 45))
    until = available_from + timedelta(days=rng.randint(28, 120))
    age_min = setting.age_min
    if setting.age_max - age_min > 4 and rng.random() < 0.4:
        age_min = rng.randint(age_min, setting.age_max - 3)
    needs = m.setting_needs[setting.pk]
    return vacancies.report_vacancy(
        actor=m.actor_for(setting.provider),
        setting=setting,
        places=min(rng.choice((1, 1, 1, 1, 2, 3)), setting.registered_places),
        available_from=available_from,
        available_until=until if rng.random() < 0.4 else None,
        age_min=age_min,
        age_max=setting.age_max,
        needs=rng.sample(needs, rng.randint(1, len(needs))),
        note=rng.choice(NOTES),
    )
