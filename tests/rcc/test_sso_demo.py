"""The demo's council sign-in: Bolton's provider row and its people, as ``make demo`` seeds
them, work against the demo's OpenID provider (the same identities scripts/demo_idp.py serves)."""

from __future__ import annotations

import random
from urllib.parse import urlparse

from django.test import Client

from rcc import demo
from rcc.demo import sso_identities
from rcc.models import AccessRequest, IdentityProvider
from tests.sso_idp import running_provider


def _sign_in(client: Client, idp, sub: str, email: str):
    start = client.post("/account/sign-in/council/", {"email": email})
    back = urlparse(idp.authorize(start.url, sub))
    return client.get(f"{back.path}?{back.query}")


def test_the_demo_signs_in_bolton_staff_through_bolton_provider(db):
    demo.seed_geography(random.Random(1), national=False)
    demo.seed_single_sign_on()
    lines = demo.seed_single_sign_on()  # twice, as a second `make demo` would
    assert all(claims["email"] in "\n".join(lines) for _, claims in sso_identities.IDENTITIES)
    provider = IdentityProvider.objects.get()
    assert (provider.issuer, provider.email_domains) == (
        sso_identities.ISSUER,
        sso_identities.DOMAIN,
    )
    with running_provider(users=sso_identities.IDENTITIES) as idp:
        IdentityProvider.objects.update(issuer=idp.url)
        jo = _sign_in(Client(), idp, "jo.parry", f"jo.parry@{sso_identities.DOMAIN}")
        assert jo.url == "/"
        chris = _sign_in(Client(), idp, "chris.hale", f"chris.hale@{sso_identities.DOMAIN}")
        assert chris.url.startswith("/account/two-factor/")
        alex = _sign_in(Client(), idp, "alex.morgan", f"alex.morgan@{sso_identities.DOMAIN}")
        assert "Your request has been sent" in alex.content.decode()
    assert AccessRequest.objects.get().email == f"alex.morgan@{sso_identities.DOMAIN}"
