"""Discover every URL the project serves and fill its arguments with another tenant's objects.

Nothing here lists pages by hand: patterns come from the URL conf, so a new page
is walked as soon as it is routed. A pattern whose argument this registry does not
know fails the walk, naming the argument: register how to find the Away tenant's
object for it (``FOREIGN_ARGUMENTS``) in the same change that adds the page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Pages anyone may see without signing in are marked so on the view itself
# (``login_not_required``); the walk reads that mark (Route.public) rather than a list here.

# How to fill a URL argument from the Away tenant (see tests/personas.py).
ForeignArgument = Callable[[Any], Any]
FOREIGN_ARGUMENTS: dict[str, ForeignArgument] = {
    # The market (providers app)
    "provider_id": lambda away: away.provider.pk,
    "setting_id": lambda away: away.market["setting"].public_id,
    "vacancy_id": lambda away: away.market["vacancy"].public_id,
    "framework_id": lambda away: away.market["framework"].pk,
    "lot_id": lambda away: away.market["lot"].pk,
    "application_id": lambda away: away.market["application"].pk,
    "endpoint_id": lambda away: away.market["webhook_endpoint"].public_id,
    "delivery_id": lambda away: away.market["webhook_delivery"].public_id,
    # The referral journey (placements app)
    "child_id": lambda away: away.journey["child"].public_id,
    "referral_id": lambda away: away.journey["referral"].public_id,
    "offer_id": lambda away: away.journey["offer"].public_id,
    "distribution_id": lambda away: away.journey["distribution"].pk,
    "placement_id": lambda away: away.journey["placement"].public_id,
    "approval_id": lambda away: away.journey["approval"].pk,
    "import_id": lambda away: away.journey["ssda903_import"].pk,
    "validation_id": lambda away: away.journey["ssda903_validation"].pk,
    "document_id": lambda away: away.journey["document"].public_id,
    # The fostering hub
    "region_slug": lambda away: away.region.slug,
    "enquiry_id": lambda away: away.fostering["enquiry"].public_id,
    "applicant_id": lambda away: away.fostering["applicant"].public_id,
    "carer_id": lambda away: away.fostering["carer"].public_id,
    "event_id": lambda away: away.fostering["event"].pk,
    # Partner datasets and forecasts (sufficiency app)
    "partner_kind": lambda away: "remands",
    "dataset_id": lambda away: away.sufficiency["dataset"].pk,
    "run_id": lambda away: away.sufficiency["run"].pk,
    # The sufficiency strategy (published versions are public by design: no marker in them)
    "project_id": lambda away: away.sufficiency["project"].public_id,
    "strategy_id": lambda away: away.sufficiency["strategy"].pk,
    "version_id": lambda away: away.sufficiency["draft"].pk,
    "action_id": lambda away: away.sufficiency["action"].pk,
    "number": lambda away: away.sufficiency["published"].number,
    "published_version_id": lambda away: away.sufficiency["published"].pk,
    # The 903 export by API
    "year": lambda away: 2026,
    "table": lambda away: "episodes",
    "gss_code": lambda away: away.council.gss_code,
    # API keys (platform administrators only)
    "key_id": lambda away: _away_api_key(away).pk,
    # Notifications: a person's own only (the Away social worker's)
    "notification_id": lambda away: away.notifications["social_worker"].public_id,
    # Accounts
    "uidb64": lambda away: "MQ",
    "token": lambda away: "set-password",
    # Django admin: every admin page is for platform administrators only.
    "app_label": lambda away: "rcc",
    "object_id": lambda away: str(away.people["social_worker"].pk),
    "id": lambda away: str(away.people["social_worker"].pk),
    # django-otp's device pages (``<int:pk>/config/``): the Away social worker's own device, not a
    # user's pk that may match no device once other tests have moved the sequences on.
    "pk": lambda away: str(_away_device(away).pk),
    "content_type_id": lambda away: "1",
    "url": lambda away: "rcc/user/",
}


def _away_device(away: Any) -> Any:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=away.people["social_worker"]).order_by("pk").first()


def _away_api_key(away: Any) -> Any:
    """A key of the Away commissioner, named with the marker (made once per walk)."""
    from rcc.models import ApiKey
    from rcc.services import issue_api_key

    membership = away.people["commissioner"].memberships.get()
    key = ApiKey.objects.filter(membership=membership).first()
    if key is None:
        key, _ = issue_api_key(actor=None, membership=membership, name=f"{away.council} key")
    return key


@dataclass(frozen=True)
class Route:
    name: str
    arguments: tuple[str, ...]
    public: bool = False

    def url(self, away: Any) -> str:
        missing = [a for a in self.arguments if a not in FOREIGN_ARGUMENTS]
        if missing:
            raise AssertionError(
                f"{self.name} takes {missing}: add them to FOREIGN_ARGUMENTS (tests/access_walk.py)"
            )
        kwargs = {a: FOREIGN_ARGUMENTS[a](away) for a in self.arguments}
        return reverse(self.name, kwargs=kwargs)


def _walk(patterns, namespace: str = "") -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            prefix = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry.url_patterns, prefix)
        elif isinstance(entry, URLPattern):
            if not entry.name:
                continue  # only the admin's catch-all, which answers like its siblings
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            arguments = tuple(entry.pattern.regex.groupindex)
            public = not getattr(entry.callback, "login_required", True)
            # API endpoints authenticate themselves (no sign-in page); only those marked
            # ``public_api`` (published strategies) answer without a key.
            api = name.startswith("api:")
            yield Route(name, arguments, public and (not api or _public_api(entry.callback)))


def _public_api(callback: Any) -> bool:
    return bool(getattr(callback, "public_api", False))


def all_routes() -> list[Route]:
    seen: dict[str, Route] = {}
    for route in _walk(get_resolver().url_patterns):
        seen.setdefault(route.name, route)
    return sorted(seen.values(), key=lambda r: r.name)
