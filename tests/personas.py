"""Two tenants and a person in every role.

Home is Greater Manchester (Bolton for council roles, one provider); Away is the
South East (Kent, another provider). Everything Away carries MARKER in its text,
so a page that leaks another tenant's data shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django_otp import DEVICE_ID_SESSION_KEY

from rcc.models import AuditEvent, LocalAuthority, Region, User
from rcc.roles import SCOPE_OF_ROLE, Role, ScopeKind
from tests.factories import (
    AuditEventFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    ProviderFactory,
    RegionFactory,
    TOTPDeviceFactory,
    UserFactory,
)

MARKER = "ZZFOREIGN"


@dataclass
class Tenant:
    region: Region
    council: LocalAuthority
    provider: Any
    people: dict[str, User] = field(default_factory=dict)
    events: list[AuditEvent] = field(default_factory=list)
    market: dict[str, Any] = field(default_factory=dict)
    journey: dict[str, Any] = field(default_factory=dict)
    fostering: dict[str, Any] = field(default_factory=dict)
    sufficiency: dict[str, Any] = field(default_factory=dict)
    notifications: dict[str, Any] = field(default_factory=dict)


def make_person(role: str, tenant: Tenant, label: str = "") -> User:
    user = UserFactory(
        email=f"{label.lower()}{role}.{tenant.region.slug}@example.org",
        full_name=f"{label} {role} of {tenant.region.name}".strip(),
    )
    scope: dict[str, Any] = {}
    kind = SCOPE_OF_ROLE[role]
    if kind == ScopeKind.COUNCIL:
        scope["local_authority"] = tenant.council
    elif kind == ScopeKind.REGION:
        scope["region"] = tenant.region
    elif kind == ScopeKind.PROVIDER:
        scope["provider"] = tenant.provider
    MembershipFactory(user=user, role=role, **scope)
    TOTPDeviceFactory(user=user)
    return user


def make_tenant(slug: str, name: str, council: str, label: str = "") -> Tenant:
    # Region names are public (a provider sees which region runs a framework): no marker.
    region = RegionFactory(slug=slug, name=name)
    tenant = Tenant(
        region=region,
        council=LocalAuthorityFactory(name=f"{label} {council}".strip(), region=region),
        provider=ProviderFactory(name=f"{label} {name} Care Ltd".strip()),
    )
    for role in Role.values:
        if SCOPE_OF_ROLE[role] != ScopeKind.NATIONAL:
            tenant.people[role] = make_person(role, tenant, label)
    return tenant


def make_away_data(tenant: Tenant) -> None:
    """Records of the Away tenant that no Home person may see."""
    from tests.placements.factories import make_journey
    from tests.providers.factories import make_market

    tenant.market = make_market(tenant, label=MARKER)
    tenant.journey = make_journey(tenant, tenant.market, label=MARKER)
    from tests.placements.document_factories import add_documents

    add_documents(tenant.journey, tenant.people, label=MARKER)
    from placements.models import Ssda903Import, Ssda903Validation

    tenant.journey["ssda903_import"] = Ssda903Import.objects.create(
        local_authority=tenant.council,
        status=Ssda903Import.Status.REFUSED,
        file_names=[f"{MARKER}.csv"],
        errors=[{"file": f"{MARKER}.csv", "row": 2, "column": "CHILD", "reason": MARKER}],
        error_count=1,
    )
    tenant.journey["ssda903_validation"] = Ssda903Validation.objects.create(
        local_authority=tenant.council,
        year=2026,
        status=Ssda903Validation.Status.DONE,
        rules=[{"code": "101", "description": MARKER, "count": 1}],
        errors=[{"code": "101", "child": MARKER, "table": "Header", "row": 2, "fields": "SEX"}],
    )
    from tests.fostering.factories import make_fostering

    tenant.fostering = make_fostering(tenant, label=MARKER)
    from tests.sufficiency.factories import make_sufficiency

    tenant.sufficiency = make_sufficiency(tenant, label=MARKER)
    from providers.models import WebhookDelivery, WebhookEndpoint  # the provider API's webhooks

    endpoint = WebhookEndpoint.objects.create(
        provider=tenant.provider, url=f"https://{MARKER.lower()}.example/hook", secret=MARKER
    )
    tenant.market["webhook_endpoint"] = endpoint
    tenant.market["webhook_delivery"] = WebhookDelivery.objects.create(
        endpoint=endpoint, event="referral.received", payload={"marker": MARKER}
    )
    from placements.models import SimulationRun

    tenant.journey["simulation_run"] = SimulationRun.objects.create(
        region=tenant.region,
        seeds=[1],
        days=365,
        report={"seeds": [1], "days": 365, "policies": {MARKER: {"within_20_miles": 0.5}}},
    )
    actor = tenant.people[Role.SOCIAL_WORKER]
    tenant.events.append(
        AuditEventFactory(
            actor=actor,
            actor_email=actor.email,
            action=f"{MARKER.lower()}.viewed",
            object_type="rcc.user",
            object_id=MARKER,
            local_authority=tenant.council,
            region=tenant.region,
        )
    )
    from rcc.models import Notification

    # Every Away person has a notification of their own (each holds the marker).
    tenant.notifications = {
        role: Notification.objects.create(
            recipient=person,
            kind="referral_sent",
            title=f"{MARKER} notification",
            body=MARKER,
            link="/",
            dedupe_key=f"away:{role}",
        )
        for role, person in tenant.people.items()
    }


def sign_in(client, user: User) -> None:
    """Password and second factor, as the sign-in pages would leave the session."""
    client.force_login(user)
    device = user.totpdevice_set.filter(confirmed=True).first()
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
