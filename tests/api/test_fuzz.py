"""Schemathesis fuzzes every operation of the project's own schema with two keys of different
scope: a Greater Manchester commissioner (one region) and a DfE analyst (England).

For every generated request it checks: no server error, a status code and content type the
schema documents for the operation, a body and headers that conform to it, and, for the
regional key, nothing of the other region (the Away tenant's MARKER) in any answer. The
regional key also requests every operation with the other region's objects in its path
parameters. Bounded (a few examples per operation, no deadline) to run in CI in a minute or
two. Uses schemathesis 4's Python API: a schema loaded from the WSGI app, a Hypothesis
strategy per operation, ``Case.call`` and ``Case.validate_response``.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import schemathesis
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from placements.models import CareEpisode
from rcc.roles import Role
from rcc.services import issue_api_key
from rcc.wsgi import application
from tests.access_walk import FOREIGN_ARGUMENTS
from tests.personas import MARKER

EXAMPLES = 10
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
FUZZ = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,  # the same requests every run: a failure in CI reproduces locally
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def _headers(person) -> dict[str, str]:
    _, secret = issue_api_key(actor=None, membership=person.memberships.get(), name="fuzz")
    return {"Authorization": f"Api-Key {secret}"}


def _away_in_care(away) -> None:
    """An Away child in care, so the 903 and aggregate answers have something to leak."""
    CareEpisode.objects.create(
        child=away.journey["child"],
        start_date=timezone.localdate() - timedelta(days=60),
        legal_status="C2",
        placement_type="K2",
        placement_provider="PR4",
    )


def _no_foreign_data(case, response) -> None:
    assert MARKER not in response.text, f"{case.method} {case.formatted_path} leaked: {MARKER}"


@pytest.mark.parametrize(
    "role",
    [Role.COMMISSIONER, Role.DFE_ANALYST, Role.PROVIDER_STAFF],  # + the provider API
)
def test_the_api_keeps_its_schema_and_its_scope_under_fuzzing(
    role, home, away, national, settings, keep_db_connection
):
    settings.API_REQUESTS_PER_MINUTE = 100_000  # the rate itself is tested elsewhere
    _away_in_care(away)
    person = home.people[role] if role in home.people else national[role]
    headers = _headers(person)
    regional = role != Role.DFE_ANALYST  # a region's or a provider's key: no Away data
    schema = schemathesis.openapi.from_wsgi(
        "/api/schema/?format=json", application, headers=headers
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25
    statuses: set[int] = set()
    for operation in operations:
        statuses |= _fuzz(operation, headers, regional)
        if regional and operation.path_parameters:
            foreign = {p.name: FOREIGN_ARGUMENTS[p.name](away) for p in operation.path_parameters}
            statuses |= _fuzz(operation, headers, regional, path_parameters=foreign)
    assert {200, 404} <= statuses, statuses  # answers were reached, not only refusals
    if not regional:  # the national key does see the Away data the regional one must not
        body = Client(**{"HTTP_AUTHORIZATION": headers["Authorization"]}).get(
            "/api/v1/children-in-care/"
        )
        assert MARKER in body.content.decode()


def _fuzz(operation, headers, regional, path_parameters=None) -> set[int]:
    statuses: set[int] = set()

    @FUZZ
    @given(case=operation.as_strategy(path_parameters=path_parameters))
    def run(case) -> None:
        response = case.call(headers=headers)
        statuses.add(response.status_code)
        case.validate_response(response, checks=CHECKS, headers=headers)
        if regional:
            _no_foreign_data(case, response)

    run()
    return statuses
