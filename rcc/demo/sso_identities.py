"""The demo's council sign-in: Bolton's OpenID provider (``scripts/demo_idp.py`` runs it on
127.0.0.1 beside the demo) and the people it knows. Plain data, no Django: the provider's
script reads this file too."""

from __future__ import annotations

import os

PORT = int(os.environ.get("DEMO_IDP_PORT", "8020"))
ISSUER = f"http://127.0.0.1:{PORT}"
DOMAIN = "bolton.demo.rcc.example"
CLIENT_ID = "rcc-demo"
CLIENT_SECRET = "demo-only-client-secret"

# (subject at the provider, claims). Jo has a Bolton membership here and signs in with the
# provider's multi-factor check; Alex works at Bolton but has no role here yet (an access
# request); Chris has a membership but the provider asserts a password only (TOTP follows).
IDENTITIES = [
    (
        "jo.parry",
        {
            "email": f"jo.parry@{DOMAIN}",
            "email_verified": True,
            "name": "Jo Parry",
            "amr": ["pwd", "mfa"],
        },
    ),
    (
        "alex.morgan",
        {
            "email": f"alex.morgan@{DOMAIN}",
            "email_verified": True,
            "name": "Alex Morgan",
            "amr": ["pwd", "mfa"],
        },
    ),
    (
        "chris.hale",
        {
            "email": f"chris.hale@{DOMAIN}",
            "email_verified": True,
            "name": "Chris Hale",
            "amr": ["pwd"],
        },
    ),
]
MEMBERS = {"jo.parry", "chris.hale"}
