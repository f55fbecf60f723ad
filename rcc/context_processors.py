"""Variables every Jinja page needs (the Jinja backend runs these like Django's)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def layout(request: HttpRequest) -> dict[str, Any]:
    # GOV.UK's page template puts this nonce on its one inline script. django-csp's
    # lazy nonce is falsy until read, so read it here (str) or the template skips it.
    nonce = getattr(request, "csp_nonce", None)
    return {"cspNonce": str(nonce) if nonce is not None else ""}
