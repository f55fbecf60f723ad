"""The back office (Django admin): platform administrators hold its model permissions."""

from __future__ import annotations

import rules
from django.apps import apps

from rcc.access.predicates import is_platform_admin

BACK_OFFICE_APPS = (
    "rcc",
    "geography",
    "providers",
    "placements",
    "sufficiency",
    "fostering",
    "otp_totp",
    "axes",
)


def register_back_office_permissions() -> None:
    """Platform administrators hold the admin's model permissions; nobody else does.

    No account is a Django superuser: a superuser passes every permission check,
    whatever role they are acting in.
    """
    for label in BACK_OFFICE_APPS:
        if label not in apps.app_configs:
            continue
        rules.set_perm(label, is_platform_admin)
        for model in apps.get_app_config(label).get_models():
            for action in model._meta.default_permissions:
                rules.set_perm(f"{label}.{action}_{model._meta.model_name}", is_platform_admin)
