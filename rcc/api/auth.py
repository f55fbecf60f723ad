"""API-key authentication for DRF (its own module: DRF settings import it while loading)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication

from rcc.models import ApiKey
from rcc.services import check_api_key, mark_api_key_used


class ApiKeyAuthentication(BaseAuthentication):
    """``Authorization: Api-Key rcc_<prefix>_<secret>``; never a session cookie."""

    keyword = "Api-Key"

    def authenticate(self, request) -> tuple[Any, ApiKey] | None:
        header = request.headers.get("Authorization", "")
        if not header.startswith(f"{self.keyword} "):
            return None
        key = check_api_key(header[len(self.keyword) + 1 :].strip())
        if key is None:
            raise exceptions.AuthenticationFailed("Invalid or revoked API key.")
        mark_api_key_used(key)
        user = key.membership.user
        user._acting_membership_id = key.membership_id  # the key acts in its own membership
        return user, key

    def authenticate_header(self, request) -> str:
        return self.keyword


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "rcc.api.auth.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Api-Key rcc_<prefix>_<secret>`",
        }
