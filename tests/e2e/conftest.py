"""Journeys in a real browser: headless Debian Chromium driven by Playwright against the app.

The app is served by pytest-django's ``live_server`` (a real HTTP server in a thread, on the
test database: SQLite locally, PostgreSQL in CI); each journey's people and records are made
with the test factories, and each person signs in through the pages with a password and the
current code of their authenticator (TOTP).

Every page a journey visits goes through ``Person.check``, which fails the journey on:
- any axe-core violation (axe is bundled with axe-playwright-python, so it runs offline);
- a chart (an ``<svg>`` in a ``<figure>``, or an ``svg.rcc-chart``) not followed by a
  ``<table>`` with a ``<caption>`` before the next chart;
- a console error or a Content Security Policy violation in the browser;
- a request to any host but the app's own (127.0.0.1 / localhost);
and keeps a full-page screenshot in ``test-artifacts/screenshots/<journey>/<nn>-<page>.png``.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings as django_settings
from django.db import connections

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
# Quiet on a closed network: no component updates, sync, QUIC or background fetches.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
ARTEFACTS = Path(django_settings.BASE_DIR) / "test-artifacts" / "screenshots"
OWN_HOSTS = {"127.0.0.1", "localhost"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}

# Reports a CSP violation to the console, where the collector below sees it, whatever the
# browser's own wording. Playwright adds it through the DevTools protocol, which the page's
# CSP does not govern.
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
});
"""

# Every rule axe-core has (none switched off); only the violations come back.
_RUN_AXE = """
axe.run(document, {resultTypes: ["violations"]}).then(r => ({violations: r.violations}))
"""


@cache
def _axe_source() -> str:
    """axe-core as axe-playwright-python bundles it: no download, no network."""
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


# For each chart: the first <table> after it in document order, unless another chart
# comes first. A chart with no such table, or a table without a caption, is reported.
_CHARTS_WITHOUT_TABLES = """
() => {
  const charts = [...document.querySelectorAll("figure")].filter(f => f.querySelector("svg"));
  for (const svg of document.querySelectorAll("svg.rcc-chart")) {
    if (!svg.closest("figure")) charts.push(svg);
  }
  const after = (a, b) => a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING;
  const tables = [...document.querySelectorAll("table")];
  const problems = [];
  charts.sort((a, b) => (after(a, b) ? -1 : 1));
  charts.forEach((chart, i) => {
    const next = charts[i + 1];
    const table = tables.find(t => after(chart, t) && !chart.contains(t));
    const label = (chart.querySelector("title, figcaption") || chart).textContent.trim();
    if (!table || (next && after(next, table))) {
      problems.push(`chart "${label.slice(0, 80)}" is not followed by a data table`);
    } else if (!table.caption || !table.caption.textContent.trim()) {
      problems.push(`the table after chart "${label.slice(0, 80)}" has no caption`);
    }
  });
  return problems;
}
"""


@pytest.fixture(autouse=True)
def _sync_playwright_beside_the_orm(monkeypatch):
    """Playwright's sync API keeps an asyncio loop on this thread, so Django's guard against
    ORM calls from async code would refuse the test's own (synchronous) factory calls."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser(_sync_playwright_beside_the_orm):
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"The browser journeys need Chromium at {CHROMIUM}: "
            "`apt-get install -y chromium` (Debian), or set E2E_CHROMIUM to its path. "
            "Never `playwright install`: it downloads from the internet."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()
        # Connections the test opened while Playwright's loop ran are not the ones pytest-django
        # closes afterwards; left open, PostgreSQL refuses to drop the test database.
        connections.close_all()


@dataclass
class Journey:
    """One journey's screenshots folder and page counter, shared by the people in it."""

    name: str
    folder: Path
    pages: int = 0
    visited: list[str] = field(default_factory=list)

    def next_shot(self, who: str, page: str) -> Path:
        self.pages += 1
        slug = re.sub(r"[^a-z0-9]+", "-", f"{who}-{page}".lower()).strip("-")
        return self.folder / f"{self.pages:02d}-{slug}.png"


class Person:
    """Someone at their own browser (their own cookies), checked on every page they see."""

    def __init__(self, browser, journey: Journey, base_url: str, who: str, viewport=None):
        self.journey, self.base_url, self.who = journey, base_url, who
        self.context = browser.new_context(
            base_url=base_url, viewport=viewport or DESKTOP, locale="en-GB"
        )
        self.context.set_default_timeout(10_000)  # a missing button fails fast
        self.context.set_default_navigation_timeout(60_000)  # a forecast computes in its request
        self.context.add_init_script(_CSP_LISTENER)
        self.context.add_init_script(_axe_source())  # in every page, outside its CSP
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.foreign_requests: list[str] = []
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        self.page.on("request", self._on_request)

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"console error on {self.page.url}: {message.text}")

    def _on_request(self, request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("data", "blob", "about"):
            return
        if url.hostname not in OWN_HOSTS:
            self.foreign_requests.append(request.url)

    # Acting ---------------------------------------------------------------------------
    def visit(self, path: str, name: str):
        response = self.page.goto(path)
        assert response is not None and response.ok, f"GET {path}: {response and response.status}"
        self.check(name)
        return response

    def click(
        self,
        name,
        *,
        role: str = "button",
        then: str,
        exact: bool = False,
        errors_expected: bool = False,
    ) -> None:
        """Press a button (or follow a link) and check the page it leads to."""
        self.page.get_by_role(role, name=name, exact=exact).click()
        self.page.wait_for_load_state()
        self.check(then, errors_expected=errors_expected)

    def open_row(self, text: str, *, then: str) -> None:
        """Follow the (first) link in the table row that shows ``text``."""
        row = self.page.get_by_role("row").filter(has_text=text)
        row.get_by_role("link").first.click()
        self.page.wait_for_load_state()
        self.check(then)

    def fill(self, label: str, value: str, *, exact: bool = False) -> None:
        self.page.get_by_label(label, exact=exact).fill(value)

    def choose(self, label: str, *, exact: bool = False) -> None:
        self.page.get_by_label(label, exact=exact).check()

    def choose_in(self, question: str, answer: str) -> None:
        """Pick one answer of a question asked as a fieldset (radios or checkboxes)."""
        group = self.page.get_by_role("group", name=question)
        group.get_by_label(answer, exact=True).check()

    def select(self, label: str, option: str) -> None:
        self.page.get_by_label(label).select_option(label=option)

    def text(self) -> str:
        return self.page.locator("body").inner_text()

    def heading(self) -> str:
        return self.page.locator("h1").first.inner_text()

    # Checking -------------------------------------------------------------------------
    def check(self, name: str, *, errors_expected: bool = False) -> None:
        """The checks every page passes; a screenshot is kept whatever the outcome. A GOV.UK
        error summary fails the page unless the step expects one."""
        page = self.page
        shot = self.journey.next_shot(self.who, name)
        page.screenshot(path=str(shot), full_page=True)
        self.journey.visited.append(page.url)
        problems = []
        if not errors_expected and page.locator(".govuk-error-summary").count():
            problems.append("the page shows an error summary:\n" + self._error_summary())
        from axe_playwright_python.base import AxeResults

        results = AxeResults(page.evaluate(_RUN_AXE))
        if results.violations_count:
            problems.append("axe violations:\n" + results.generate_report())
        problems += page.evaluate(_CHARTS_WITHOUT_TABLES)
        problems += self.errors
        problems += [f"request to another host: {url}" for url in self.foreign_requests]
        self.errors.clear()
        self.foreign_requests.clear()
        assert not problems, f"{page.url} ({shot.name}):\n" + "\n".join(problems)

    def _error_summary(self) -> str:
        summary = self.page.locator(".govuk-error-summary")
        return summary.inner_text() if summary.count() else ""

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def journey(request) -> Journey:
    name = request.node.name.removeprefix("test_")
    folder = ARTEFACTS / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return Journey(name=name, folder=folder)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.e2e_failed = report.failed
    return report


@pytest.fixture
def person(request, browser, journey, live_server) -> Iterator:
    """``person("social worker")`` opens a new browser window (own cookies) for someone."""
    people: list[Person] = []

    def _open(who: str, viewport=None) -> Person:
        someone = Person(browser, journey, live_server.url, who, viewport)
        people.append(someone)
        return someone

    yield _open
    failed = getattr(request.node, "e2e_failed", False)
    for someone in people:
        if failed:  # where each person was when a step failed (a missing button, say)
            shot = journey.folder / f"failed-{someone.who.replace(' ', '-')}.png"
            someone.page.screenshot(path=str(shot), full_page=True)
        someone.close()


def current_code(user) -> str:
    """What the person's authenticator app shows now (their confirmed TOTP device)."""
    from django_otp.oath import TOTP

    device = user.totpdevice_set.get(confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def sign_in(someone: Person, user, password: str) -> None:
    """Email and password, then the security code, as the person would type them."""
    someone.visit("/account/sign-in/", "sign-in")
    someone.fill("Email address", user.email)
    someone.fill("Password", password)
    someone.click("Sign in", then="security-code")
    assert someone.heading() == "Enter your security code"
    someone.fill("Security code", current_code(user))
    someone.click("Continue", then="dashboard")
    assert someone.heading() == "What needs your action", someone.text()[:2000]
