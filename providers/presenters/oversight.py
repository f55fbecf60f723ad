"""What the oversight pages show: the copy of the scrutiny, visit, concern and return forms."""

from __future__ import annotations

from providers.models import ProviderOrganisation, Setting


def flag_provider_page(provider: ProviderOrganisation) -> dict[str, str]:
    return {
        "title": "Flag for financial scrutiny",
        "caption": provider.name,
        "submit_text": "Flag provider",
    }


def setting_visit_page(setting: Setting) -> dict[str, str]:
    return {
        "title": "Record a quality monitoring visit",
        "caption": setting.name,
        "submit_text": "Save visit",
    }


def setting_concern_page(setting: Setting) -> dict[str, str]:
    return {"title": "Record a concern", "caption": setting.name, "submit_text": "Save concern"}


def financial_return_page(provider: ProviderOrganisation) -> dict[str, str]:
    return {
        "title": "Submit your annual financial return",
        "caption": provider.name,
        "submit_text": "Submit return",
        "intro": "RCCs use these figures to understand the market. Enter whole pounds.",
    }
