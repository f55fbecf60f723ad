"""Single sign-on over OpenID Connect, one provider per council or region (ADR 0023):
``client`` speaks the protocol, ``selectors`` find the provider and the member, ``services``
decide and record."""

from rcc.sso.client import (
    SESSION_ID_TOKEN,
    SESSION_PROVIDER,
    SignInFailed,
    asserts_mfa,
    finish,
    logout_url,
    start,
)
from rcc.sso.selectors import active_provider, provider_for_email, sign_in_origins
from rcc.sso.services import (
    approve_access_request,
    approve_roles,
    decide,
    decline_access_request,
    record_failure,
    verify_by_provider,
)

__all__ = [
    "SESSION_ID_TOKEN",
    "SESSION_PROVIDER",
    "SignInFailed",
    "active_provider",
    "approve_access_request",
    "approve_roles",
    "asserts_mfa",
    "decide",
    "decline_access_request",
    "finish",
    "logout_url",
    "provider_for_email",
    "record_failure",
    "sign_in_origins",
    "start",
    "verify_by_provider",
]
