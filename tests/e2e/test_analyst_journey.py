"""From the forecast to a published sufficiency strategy, in a real browser.

Given a region with four years of children's care histories and its nightly forecast,
when the analyst opens the forecast, runs and saves a scenario and compares it with the
baseline, then drafts a strategy and sends it for approval, and the commissioner
approves it, then anyone can read it on the public page and download it as a PDF.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from datetime import timedelta

from django.utils import timezone

from placements.models import CareEpisode, Child
from rcc.roles import Role
from sufficiency.models.forecast import ForecastRun
from sufficiency.models.strategy import StrategyVersion
from sufficiency.services import forecast as services
from tests.e2e.conftest import sign_in
from tests.factories import PASSWORD
from tests.providers.factories import SettingFactory

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
PLACES = ("U4", "U4", "U1", "K2", "K3", "P1", "A5")


def _care_histories(council, today, children: int = 60) -> None:
    """Children entering care over the four years to today, some moving placement once."""
    rng = random.Random(7)
    kids = Child.objects.bulk_create(
        Child(
            local_authority=council,
            case_id=f"E2E-{i}",
            name=f"Forecast Child {i}",
            date_of_birth=today - timedelta(days=rng.randrange(2 * 365, 17 * 365)),
            sex="female",
            ethnicity="WBRI",
            legal_status="C2",
            home_postcode="BL1 1AA",
        )
        for i in range(children)
    )
    episodes = []
    for child in kids:
        start = today - timedelta(days=rng.randrange(30, 4 * 365))
        middle = start + timedelta(days=rng.randrange(20, 400))
        end = middle + timedelta(days=rng.randrange(20, 600))
        for begins, ends in ((start, middle), (middle, end if end < today else None)):
            if begins < today:
                episodes.append(
                    CareEpisode(
                        child=child,
                        start_date=begins,
                        end_date=ends,
                        legal_status="C2",
                        placement_type=rng.choice(PLACES),
                        placement_provider="PR4",
                    )
                )
    CareEpisode.objects.bulk_create(episodes)


def test_analyst_forecasts_and_publishes_a_strategy(home, person, tmp_path):
    # Given care histories, a children's home, and last night's forecast for the region
    today = timezone.localdate()
    _care_histories(home.council, today)
    SettingFactory(provider=home.provider, local_authority=home.council, registered_places=5)
    assert services.run_forecast(region=home.region, as_of=today).status == "done"

    # When the analyst opens the forecast (every chart followed by its table)
    analyst = person("analyst")
    sign_in(analyst, home.people[Role.ANALYST], PASSWORD)
    analyst.click("Forecasts", role="link", then="forecast", exact=True)
    assert analyst.heading() == "Demand forecast: Greater Manchester"
    answer = analyst.page.locator("#forecast-answer").inner_text()
    assert "In 12 months we expect about" in answer  # the first screen: what to expect
    assert "how accurate" in answer or "within" in answer  # and how far to trust it
    assert analyst.page.locator("figure svg").count() >= 3

    # and runs a scenario with fewer entries into residential care, which is saved
    analyst.click("Run a scenario", role="link", then="scenario-form")
    analyst.fill("Scenario name", "fewer-residential-entries")
    analyst.fill("Entries into residential", "0.8")
    analyst.click("Run scenario", then="scenario")
    scenario = ForecastRun.objects.get(scenario="fewer-residential-entries")
    assert scenario.status == ForecastRun.Status.DONE
    analyst.click("Compare with the baseline", role="link", then="scenario-against-baseline")
    analyst.visit("/forecasts/runs/", "runs")  # the list of runs, kept as a bookmark
    assert "fewer-residential-entries" in analyst.text()

    # and drafts the region's sufficiency strategy and sends it for approval
    analyst.click("Sufficiency", role="link", then="sufficiency", exact=True)
    analyst.click("Start a strategy", role="link", then="strategy-form")
    analyst.fill("Title", "Greater Manchester sufficiency strategy")
    analyst.fill("Period", "2026 to 2029")
    analyst.click("Save", then="strategy-draft")
    analyst.click("Write the sections", role="link", then="sections-form")
    analyst.fill("Context", "Where the region's children in care live, and why.", exact=True)
    analyst.fill("Gaps", "Too few children's homes near Bolton.", exact=True)
    analyst.fill("Market position statement: the message to providers", "Build small homes.")
    analyst.click("Save", then="sections-saved")
    analyst.click("Send for approval", then="sent-for-approval")

    # Then the commissioner approves and publishes it
    commissioner = person("commissioner")
    sign_in(commissioner, home.people[Role.COMMISSIONER], PASSWORD)
    commissioner.click("Sufficiency", role="link", then="sufficiency", exact=True)
    commissioner.click(re.compile(r"^Draft started"), role="link", then="strategy-to-approve")
    commissioner.click("Approve or return", role="link", then="decide")
    commissioner.choose("Approve and publish")
    commissioner.click("Save", then="published")
    version = StrategyVersion.objects.get(strategy__title="Greater Manchester sufficiency strategy")
    assert version.is_published and version.number == 1

    # and anyone can read it on the public page
    public = person("public")
    public.visit("/strategy/", "public-strategies")
    public.click("Greater Manchester", role="link", then="public-strategy")
    assert public.heading() == "Greater Manchester sufficiency strategy"
    assert "Too few children's homes near Bolton." in public.text()

    # and download it as a PDF that shows the same strategy
    link = public.page.get_by_role("link", name="Download this strategy as a PDF")
    response = public.context.request.get(link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "strategy.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(
        [PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())  # lines wrap where the installed fonts make them
    assert "Greater Manchester sufficiency strategy" in text
    assert "Too few children's homes near Bolton." in text
