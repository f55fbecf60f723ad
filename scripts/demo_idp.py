"""The demo's OpenID provider for Bolton (oidc-provider-mock) on 127.0.0.1, with the demo's
council identities (rcc/demo/sso_identities.py). For the local demo only: it signs anyone in
who picks a name on its page."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import werkzeug.serving
from oidc_provider_mock import User, app

spec = importlib.util.spec_from_file_location(
    "sso_identities", Path(__file__).resolve().parents[1] / "rcc" / "demo" / "sso_identities.py"
)
demo = importlib.util.module_from_spec(spec)
spec.loader.exec_module(demo)

if __name__ == "__main__":
    users = [User(sub=sub, claims=claims) for sub, claims in demo.IDENTITIES]
    provider = app(require_nonce=True, user_claims=users)
    print(f"Bolton's demo OpenID provider: {demo.ISSUER}")
    werkzeug.serving.run_simple("127.0.0.1", demo.PORT, provider, threaded=True)
