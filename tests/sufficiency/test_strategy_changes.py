"""The strategy's "what changed" counts only the sections a person rewrote."""

from __future__ import annotations

import pytest

from rcc.models import AuditEvent
from rcc.roles import Role
from sufficiency import frozen
from sufficiency.models.strategy import SECTIONS
from sufficiency.services import strategy as services_strategy
from tests.sufficiency.test_strategy import _client, _forecast, _publish

WRITTEN = {
    "context": "Where children live.\nMost in Bolton.",
    "gaps": "Too few homes.\n\nAnd too far away.",
    "market": "Small homes, please.\n",
}


@pytest.fixture
def region_with_data(home):
    _forecast(home)
    return home


def _as_a_browser_posts(sections: dict[str, str]) -> dict[str, str]:
    """Every textarea comes back with CRLF line ends, as browsers send them."""
    return {key: text.replace("\n", "\r\n") for key, text in sections.items()}


def test_saving_one_rewritten_section_through_the_page_changes_one_section(region_with_data):
    home = region_with_data
    first = _publish(home, sections=WRITTEN)
    analyst = home.people[Role.ANALYST]
    draft = services_strategy.start_new_version(strategy=first.strategy, actor=analyst)
    posted = {key: first.sections.get(key, "") for key, _ in SECTIONS}
    posted["gaps"] = "Fewer gaps now.\nStill too far away."
    form = {**_as_a_browser_posts(posted), "market_summary": "Build small homes near Bolton."}
    response = _client(analyst).post(f"/sufficiency/versions/{draft.pk}/edit/", form)
    assert response.status_code == 302

    saved = AuditEvent.objects.filter(action="strategy.sections_saved").latest("id")
    assert saved.changed_fields == ["gaps"]
    draft.refresh_from_db()
    services_strategy.submit_version(version=draft, actor=analyst)
    second = services_strategy.approve_version(
        version=draft, comment="", actor=home.people[Role.COMMISSIONER]
    )
    assert second.changes["sections"] == ["gaps"]
    page = _client(analyst).get(f"/strategy/{home.region.slug}/{first.strategy_id}/v2/")
    assert "Sections rewritten: Gaps." in page.content.decode()


def test_line_ends_and_surrounding_space_are_not_a_change():
    before = {"context": "One.\nTwo.", "gaps": "Gaps.", "demand": ""}
    after = {"context": "One.\r\nTwo.\r\n", "gaps": " Gaps. ", "supply": ""}
    figures = {"gaps": [], "pipeline": [], "actions": []}
    assert frozen.changes(figures, before, figures, after)["sections"] == []
    after["gaps"] = "Fewer gaps."
    assert frozen.changes(figures, before, figures, after)["sections"] == ["gaps"]
