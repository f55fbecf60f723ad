"""The DfE fetches a council's SSDA903 return over HTTP with an API key.

Given a child in care in Bolton, when the platform administrator issues an API key for the
DfE analyst on the API keys page, and the analyst reads the API reference, and the DfE's
client asks for the 2025/26 episodes table with the key in the Authorization header, then it
gets the return's CSV with the child's episode; without the key, or with a signed-in
browser's cookie instead of a key, it gets nothing.
"""

from __future__ import annotations

from datetime import date

from placements.models import CareEpisode
from placements.selectors import ssda903 as selectors_903
from rcc.exports import ACTION as EXPORTED
from rcc.models import AuditEvent
from rcc.roles import Role
from tests.e2e.conftest import sign_in
from tests.factories import PASSWORD
from tests.placements.factories import ChildFactory


def test_dfe_fetches_a_903_export_with_an_api_key(home, national, person):
    # Given a child in care in Bolton this collection year, and a key for the DfE's client
    child = ChildFactory(local_authority=home.council, case_id="BOL-903", mother="0")
    CareEpisode.objects.create(
        child=child,
        start_date=date(2025, 6, 1),
        reason_new_episode="S",
        legal_status="C2",
        category_of_need="N1",
        placement_type="U4",
        placement_provider="PR1",
        placement_postcode="BL1 1AA",
        home_postcode="BL2 2BB",
    )
    dfe = national[Role.DFE_ANALYST]
    url = f"/api/v1/ssda903/2026/episodes/{home.council.gss_code}/?format=csv"

    # When the platform administrator issues a key for the DfE analyst, shown once
    admin = person("platform admin")
    sign_in(admin, national[Role.PLATFORM_ADMIN], PASSWORD)
    admin.click("API keys", role="link", then="api-keys", exact=True)
    admin.click("Issue a key", role="link", then="issue-key-form")
    who = admin.page.get_by_label("Whose key, acting as what")
    who.select_option(value=str(dfe.memberships.get().pk))
    admin.fill("Name of the key", "DfE 903 client")
    admin.click("Issue key", then="key-issued")
    shown = admin.page.get_by_label("The API key").inner_text()
    key = shown.removeprefix("Authorization: Api-Key ").strip()

    # and the DfE analyst reads how to call the 903 export in the API reference
    analyst = person("dfe analyst")
    sign_in(analyst, dfe, PASSWORD)
    analyst.click("API reference", role="link", then="api-reference", exact=True)
    assert "ssda903" in analyst.text()

    # and the DfE's client asks for the episodes table with the key in the Authorization header
    client = person("dfe client")
    response = client.context.request.get(url, headers={"Authorization": f"Api-Key {key}"})

    # Then it gets the return's CSV: the year's columns, then the child's episode
    assert response.status == 200, response.text()
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    lines = response.text().splitlines()
    assert lines[0] == ",".join(selectors_903.columns_for("episodes", 2026))
    assert lines[1].startswith("BOL-903,01/06/2025,S,C2,N1,U4,PR1")
    assert AuditEvent.objects.filter(actor=dfe, action=EXPORTED).count() == 1

    # and without a key, or with only a signed-in browser's session, nothing is sent
    assert client.context.request.get(url).status in (401, 403)
    assert analyst.context.request.get(url).status in (401, 403)  # signed in, but no key
