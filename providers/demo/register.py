"""The register: the pathfinders' providers and their settings with Ofsted's inspection history,
and the two inadequate homes suspended."""

from __future__ import annotations

from datetime import date

from providers.demo.data import (
    COUNCIL,
    DEMO_HOMES,
    DEMO_PROVIDER,
    DEMO_PROVIDER_URN,
    KINDS,
    PLAN,
    PROFILES,
    PROVIDERS,
    SECURE_HOMES,
    STREETS,
    WORDS,
    T,
    draw_sexes,
    inspection_history,
)
from providers.demo.market import Market, Org
from providers.models import (
    NeedCategory,
    OfstedInspection,
    ProviderGroup,
    ProviderOrganisation,
    Sexes,
)
from providers.services import register
from rcc.demo.geography import COUNCILS, REGIONS
from rcc.models import LocalAuthority


def demo_provider() -> ProviderOrganisation:
    """The demo provider user's organisation: made before the users, whose sign-in needs it."""
    provider, _ = ProviderOrganisation.objects.get_or_create(
        name=DEMO_PROVIDER, defaults={"ofsted_provider_urn": DEMO_PROVIDER_URN}
    )
    return provider


def register_providers(m: Market) -> list[Org]:
    """The independent and voluntary providers, then each council as a provider."""
    orgs = []
    for name, group, sector, kinds, regions, weight in PROVIDERS:
        owner = ProviderGroup.objects.get_or_create(name=group)[0] if group else None
        provider = register.create_provider(
            actor=None,
            name=name,
            sector=sector,
            group=owner,
            companies_house_number=f"{m.rng.randint(1_000_000, 15_999_999):08d}",
            ofsted_provider_urn=m.urns.pop(),
        )
        orgs.append(Org(provider, kinds, tuple(REGIONS[r] for r in regions.split()), weight))
    for la_name, (org_name, *_, size) in COUNCILS.items():
        provider = register.create_provider(actor=None, name=org_name, sector=COUNCIL)
        kinds = "HLX" if la_name in SECURE_HOMES else "HL"
        orgs.append(Org(provider, kinds, (), size, m.councils[la_name]))
    return orgs


def register_settings(m: Market, orgs: list[Org]) -> None:
    """The demo provider's homes, then every kind of setting as PLAN says; their inspections."""
    demo = ProviderOrganisation.objects.get(name=DEMO_PROVIDER)
    for name, council in DEMO_HOMES:
        _setting(m, demo, T.CHILDRENS_HOME, m.councils[council], name=name, good=True)
    for kind, sector, count, one_each in PLAN:
        pool = [o for o in orgs if kind in o.kinds and sector in (None, o.provider.sector)]
        picks = list(pool) if one_each else []
        picks += m.rng.choices(pool, weights=[o.weight for o in pool], k=count - len(picks))
        for org in picks:
            _setting(m, org.provider, KINDS[kind], org.council or _council_for(m, org))
    OfstedInspection.objects.bulk_create(m.inspections)
    inadequate = [s for s in m.settings if s.latest_judgement == 4]
    for setting in inadequate[:2]:
        register.suspend_setting(
            actor=m.commissioners[setting.local_authority.region_id],
            setting=setting,
            reason=f"Judged inadequate by Ofsted on {_day(setting.latest_inspection_on)}: "
            "no new referrals until a monitoring visit finds the home safe.",
        )


def _day(on: date) -> str:
    return f"{on.day} {on:%B %Y}"


def _council_for(m: Market, org: Org) -> LocalAuthority:
    slug = m.rng.choice(org.regions)
    councils = [la for la in m.councils.values() if la.region.slug == slug]
    return m.rng.choices(councils, weights=[COUNCILS[la.name][-1] for la in councils])[0]


def _setting(
    m: Market,
    provider: ProviderOrganisation,
    setting_type: str,
    council: LocalAuthority,
    *,
    name: str = "",
    good: bool = False,
) -> None:
    rng, profile = m.rng, PROFILES[setting_type]
    _, lat, lon, spread, _, _ = COUNCILS[council.name]
    history = inspection_history(rng, m.today, rng.choice(profile.inspections), good)
    age_min, age_max = rng.choice(profile.ages)
    emergencies, parent_and_child, siblings, uasc = profile.flags
    data = {
        "name": name or _name(m, provider, setting_type, council),
        "urn": None if setting_type == T.LA_FOSTERING else m.urns.pop(),
        "setting_type": setting_type,
        "address": f"{rng.randint(1, 180)} {rng.choice(WORDS)} {rng.choice(STREETS)}",
        "postcode": m.postcodes.pick(rng, council.name, council.gss_code),
        "latitude": round(lat + rng.uniform(-spread, spread), 5),
        "longitude": round(lon + rng.uniform(-spread, spread) * 1.6, 5),
        "local_authority": council,
        "registered_places": rng.choice(profile.places),
        "age_min": age_min,
        "age_max": age_max,
        "sexes": draw_sexes(rng) if setting_type == T.CHILDRENS_HOME else Sexes.MIXED,
        "takes_emergencies": rng.random() < emergencies,
        "takes_parent_and_child": rng.random() < parent_and_child,
        "takes_sibling_groups": rng.random() < siblings,
        "takes_uasc": rng.random() < uasc,
        "latest_judgement": history[0][1] if history else None,
        "latest_inspection_on": history[0][0] if history else None,
    }
    needs = _needs(m, profile.needs.split())
    if provider.name == DEMO_PROVIDER:
        data, needs = _open_to_most(m, data, needs)
    actor = m.commissioners[council.region_id]
    setting = register.create_setting(actor=actor, provider=provider, data=data, needs=needs)
    m.settings.append(setting)
    m.setting_needs[setting.pk] = needs
    m.inspections += [
        OfstedInspection(setting=setting, inspected_on=on, overall_judgement=judgement)
        for on, judgement in history
    ]


def _open_to_most(m: Market, data: dict, needs: list[NeedCategory]):
    """The demo provider's homes take most children (ages 8 to 17, boys and girls, in an
    emergency, with the commonest needs), so a new referral made in the demo reaches the demo
    provider's portal. Applied after the draws, so the rest of the market stays as it was."""
    data = {**data, "age_min": 8, "age_max": 17, "sexes": Sexes.MIXED, "takes_emergencies": True}
    wanted = [m.needs[code] for code in ("EBD", "MH") if code in m.needs]
    return data, [*needs, *(n for n in wanted if n not in needs)]


def _name(
    m: Market, provider: ProviderOrganisation, setting_type: str, council: LocalAuthority
) -> str:
    if setting_type == T.LA_FOSTERING:
        return f"{council.name} Fostering Service"
    if setting_type == T.IFA:
        base = f"{provider.name.removesuffix(' Ltd')}, {council.name} office"
        candidates = [base] + [f"{base} {n}" for n in range(2, 10)]
        name = next(c for c in candidates if c not in m.names)
    else:
        suffixes = PROFILES[setting_type].suffixes
        name = f"{m.rng.choice(WORDS)} {m.rng.choice(suffixes)}"
        while name in m.names:
            name = f"{m.rng.choice(WORDS)} {m.rng.choice(suffixes)}"
    m.names.add(name)
    return name


def _needs(m: Market, codes: list[str]) -> list[NeedCategory]:
    usual, others = codes[0], codes[1:]
    chosen = m.rng.sample(others, m.rng.choice((0, 0, 1, 1, 2)))
    if m.rng.random() < 0.9 or not chosen:
        chosen.insert(0, usual)
    return [m.needs[code] for code in chosen]
