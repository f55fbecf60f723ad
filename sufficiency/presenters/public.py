"""The published strategy's public pages: a published version never changes, so the body of
its page is rendered once and cached under the version's own key (its PDFs are cached by
``pdf``); the page around it is rendered each time, so its security nonce and sign-in bar stay
right."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from rcc.models import Region
from sufficiency.models.strategy import StrategyVersion
from sufficiency.presenters.provision import day
from sufficiency.presenters.strategy import document

VERSION_SECONDS = 30 * 24 * 60 * 60


def body(version: StrategyVersion, template: str) -> SafeString:
    """The published version's body, rendered once: it never changes."""

    def build() -> str:
        return render_to_string(f"sufficiency/strategy/{template}", document(version))

    html = cache.get_or_set(f"strategy-html:{version.pk}:{template}", build, VERSION_SECONDS)
    return mark_safe(html)  # noqa: S308 (our own template's output, escaped as it rendered)


def download_suffix(version: StrategyVersion) -> str:
    return f"{version.strategy.region.slug}-v{version.number}"


def regions_page(regions: Any) -> dict[str, Any]:
    return {"title": "Regional sufficiency strategies", "regions": list(regions)}


def versions_page(region: Region, versions: list[StrategyVersion]) -> dict[str, Any]:
    return {
        "title": f"Every published version: {region.name}",
        "region": region,
        "versions": versions,
        "day": day,
    }


def version_page(version: StrategyVersion, *, latest: bool) -> dict[str, Any]:
    return {
        "title": version.strategy.title,
        "latest": latest,
        "body": body(version, "_document.html"),
        "changes_body": body(version, "_changes.html"),
        **document(version),
    }


def market_page(version: StrategyVersion) -> dict[str, Any]:
    return {
        "title": f"Market position statement: {version.strategy.region.name}",
        "market": version.market_position,
        "body": body(version, "_market_public.html"),
        **document(version),
    }
