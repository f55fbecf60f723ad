"""Seed a throwaway database for the resilience tests and print what they need as JSON.

Run in a subprocess with the stack's environment (``python -m tests.resilience.seed``): one
region with its people, market, referrals, fostering hub and three years of care histories,
plus signed-in, second-factor-verified sessions for the staff whose pages are busiest.
"""

from __future__ import annotations

import json
import os
import random
from datetime import timedelta


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rcc.settings")
    import django

    django.setup()

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone
    from django_otp import DEVICE_ID_SESSION_KEY

    from placements.models import CareEpisode, Child
    from rcc.roles import Role
    from tests.fostering.factories import make_fostering
    from tests.personas import make_tenant
    from tests.placements.factories import make_journey
    from tests.providers.factories import make_market

    tenant = make_tenant("home-region", "Greater Manchester", "Bolton")
    tenant.market = make_market(tenant)
    make_journey(tenant, tenant.market)
    make_fostering(tenant)

    # Three years of care histories, so the nightly forecast has something to fit.
    rng = random.Random(7)
    today = timezone.localdate()
    kids = Child.objects.bulk_create(
        Child(
            local_authority=tenant.council,
            case_id=f"R-{i}",
            name=f"Resilience Child {i}",
            date_of_birth=today - timedelta(days=rng.randrange(2 * 365, 17 * 365)),
            sex="female",
            ethnicity="WBRI",
            legal_status="C2",
            home_postcode="BL1 1AA",
        )
        for i in range(120)
    )
    episodes = []
    for child in kids:
        start = today - timedelta(days=rng.randrange(30, 4 * 365))
        end = start + timedelta(days=rng.randrange(20, 800))
        episodes.append(
            CareEpisode(
                child=child,
                start_date=start,
                end_date=end if end < today else None,
                placement_type=rng.choice(["U4", "U4", "U1", "K2", "K3", "P1", "A5"]),
                placement_provider="PR4",
                legal_status="C2",
            )
        )
    CareEpisode.objects.bulk_create(episodes)

    sessions = {}
    now = timezone.now().isoformat()
    for role in (Role.SOCIAL_WORKER, Role.COMMISSIONER):
        user = tenant.people[role]
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[DEVICE_ID_SESSION_KEY] = user.totpdevice_set.get(confirmed=True).persistent_id
        session["signed_in_at"] = now
        session["seen_at"] = now
        session.create()
        sessions[role] = session.session_key
    print(
        json.dumps(
            {
                "region_id": tenant.region.pk,
                "region_slug": tenant.region.slug,
                "child_id": str(kids[0].public_id),
                "child_name": kids[0].name,
                "sessions": sessions,
            }
        )
    )


if __name__ == "__main__":
    main()
