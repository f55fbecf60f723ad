"""A provider offers supply, in a real browser: a vacancy, then a framework application.

Given a provider with a children's home on the register and a regional framework with an
admission round open, when provider staff report a vacancy and apply to the framework's
lot, and the commissioner admits them, then the commissioner sees the vacancy and the
provider sees that they are admitted.
"""

from __future__ import annotations

from django.utils import timezone

from providers.models import Application
from rcc.roles import Role
from tests.e2e.conftest import sign_in
from tests.factories import PASSWORD
from tests.providers.factories import FrameworkFactory, LotFactory, RoundFactory, SettingFactory


def test_provider_staff_report_a_vacancy_and_join_a_framework(home, person):
    # Given a home on the register and a framework with a round open for applications
    SettingFactory(provider=home.provider, local_authority=home.council, name="Ash Lodge")
    framework = FrameworkFactory(region=home.region, name="Greater Manchester residential 2026")
    LotFactory(framework=framework, name="Children's homes, core needs")
    RoundFactory(framework=framework)

    # When provider staff sign in and report a vacancy at Ash Lodge
    provider = person("provider staff")
    sign_in(provider, home.people[Role.PROVIDER_STAFF], PASSWORD)
    provider.click("Your organisation", role="link", then="portal", exact=True)
    provider.click("Report a vacancy", role="button", then="vacancy-form")
    provider.select("Setting", "Ash Lodge")
    provider.fill("Places", "2")
    provider.fill("Free from", timezone.localdate().isoformat())
    provider.fill("Youngest age", "11")
    provider.fill("Oldest age", "16")
    provider.click("Report vacancy", then="vacancy-reported")
    assert "Ash Lodge: 2 places" in provider.text()

    # and apply to the framework's lot from the portal
    provider.click("Children's homes, core needs", role="link", then="lot")
    provider.click("Apply to this lot", role="button", then="application-form")
    provider.fill("Your proposed weekly price (£)", "5150")
    provider.fill("How you meet the lot's requirements", "Two homes rated good, therapeutic staff.")
    provider.click("Submit application", then="application-submitted")

    # Then the commissioner sees the vacancy, evaluates the application and admits them
    commissioner = person("commissioner")
    sign_in(commissioner, home.people[Role.COMMISSIONER], PASSWORD)
    commissioner.click("Vacancies", role="link", then="vacancies", exact=True)
    assert "Ash Lodge" in commissioner.text()
    commissioner.click("Frameworks", role="link", then="frameworks", exact=True)
    commissioner.click("Greater Manchester residential 2026", role="link", then="framework")
    commissioner.click("Children's homes, core needs", role="link", then="lot")
    commissioner.open_row(home.provider.name, then="application")
    commissioner.choose("Start evaluation")
    commissioner.click("Record decision", then="application-under-evaluation")
    commissioner.choose("Admit to the framework")
    commissioner.click("Record decision", then="application-admitted")
    application = Application.objects.get(provider=home.provider)
    assert application.status == Application.Status.ADMITTED

    # and the provider's portal shows them admitted
    provider.click("Your organisation", role="link", then="portal-admitted", exact=True)
    assert "Admitted" in provider.text()
