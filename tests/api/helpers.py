"""API clients acting with a freshly issued key."""

from __future__ import annotations

from django.test import Client

from rcc.services import issue_api_key


def key_client(person, name: str = "test") -> Client:
    _, secret = issue_api_key(actor=None, membership=person.memberships.get(), name=name)
    return Client(HTTP_AUTHORIZATION=f"Api-Key {secret}")
