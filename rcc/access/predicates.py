"""Predicates over the acting membership, and the rules that join them to permissions.

Views, templates, the API, panels and notifications ask ``can(user, PERMISSION)``; none of them
tests a role itself.
"""

from __future__ import annotations

from typing import Any

import rules

from rcc.access import permissions as p
from rcc.access.membership import acting_role
from rcc.roles import Role


def _acts_as(*roles: str) -> rules.Predicate:
    @rules.predicate(name=f"acts_as({', '.join(roles)})")
    def predicate(user: Any) -> bool:
        return acting_role(user) in roles

    return predicate


is_social_worker = _acts_as(Role.SOCIAL_WORKER)
is_team_manager = _acts_as(Role.TEAM_MANAGER)
is_data_officer = _acts_as(Role.DATA_OFFICER)
is_commissioner = _acts_as(Role.COMMISSIONER)
is_analyst = _acts_as(Role.ANALYST)
is_provider_staff = _acts_as(Role.PROVIDER_STAFF)
is_hub_officer = _acts_as(Role.HUB_OFFICER)
is_partner = _acts_as(Role.PARTNER)
is_dfe_analyst = _acts_as(Role.DFE_ANALYST)
is_platform_admin = _acts_as(Role.PLATFORM_ADMIN)
has_any_role = _acts_as(*Role.values)

is_council_staff = is_social_worker | is_team_manager
is_rcc_staff = is_commissioner | is_analyst


RULES = {
    p.VIEW_DASHBOARD: has_any_role,
    p.VIEW_AUDIT_LOG: is_platform_admin | is_commissioner,
    p.USE_ADMIN: is_platform_admin,
    p.MANAGE_USERS: is_platform_admin,
    p.SEARCH_SUPPLY: is_council_staff | is_rcc_staff | is_platform_admin,
    p.VIEW_MARKET: is_rcc_staff | is_platform_admin,
    p.MANAGE_REGISTER: is_commissioner,
    p.MANAGE_FRAMEWORKS: is_commissioner,
    p.USE_PROVIDER_PORTAL: is_provider_staff,
    p.USE_MARKET_API: is_rcc_staff | is_dfe_analyst | is_platform_admin,
    p.VIEW_FRAMEWORKS: is_rcc_staff | is_platform_admin | is_provider_staff,
    p.VIEW_SETTING: is_council_staff | is_rcc_staff | is_platform_admin | is_provider_staff,
    p.VIEW_CHILDREN: is_council_staff | is_commissioner,
    p.MANAGE_CHILDREN: is_social_worker,
    p.APPROVE: is_team_manager,
    p.TAKE_UASC_REFERRAL: is_team_manager,
    p.VIEW_REFERRAL_QUEUE: is_commissioner | is_council_staff,
    p.SEND_REFERRALS: is_commissioner | is_social_worker,
    p.NEGOTIATE: is_commissioner,
    p.RESPOND_TO_REFERRALS: is_provider_staff,
    p.ATTACH_DOCUMENTS: is_social_worker,
    p.RELEASE_DOCUMENTS: is_commissioner | is_social_worker,
    p.MESSAGE_ON_REFERRALS: is_commissioner | is_social_worker | is_provider_staff,
    p.WORK_FOSTERING_HUB: is_hub_officer,
    p.VIEW_FOSTERING_FUNNEL: is_hub_officer | is_rcc_staff | is_platform_admin,
    p.USE_FOSTERING_API: is_hub_officer | is_rcc_staff | is_dfe_analyst | is_platform_admin,
    p.UPLOAD_PARTNER_DATA: is_partner,
    p.VIEW_PARTNER_DATA: is_partner | is_rcc_staff | is_platform_admin,
    p.VIEW_SUFFICIENCY: is_rcc_staff,
    p.MANAGE_PROVISION: is_rcc_staff,
    p.DRAFT_STRATEGY: is_analyst,
    p.APPROVE_STRATEGY: is_commissioner,
    p.USE_AGGREGATES_API: is_rcc_staff | is_dfe_analyst | is_platform_admin,
    p.EXPORT_903: is_rcc_staff | is_dfe_analyst | is_platform_admin,
    p.IMPORT_903: is_data_officer | is_analyst,
    p.MANAGE_API_KEYS: is_platform_admin,
    # The roles rcc.roles.API_ROLES lets hold a key.
    p.VIEW_API_DOCS: (
        is_council_staff | is_rcc_staff | is_provider_staff | is_dfe_analyst | is_platform_admin
    ),
}
for _permission, _predicate in RULES.items():
    rules.add_perm(_permission, _predicate)


def can(user: Any, permission: str, obj: Any = None) -> bool:
    return bool(user.has_perm(permission, obj))


rules.add_perm(p.MANAGE_WEBHOOKS, is_provider_staff)  # ADR 0022: a provider's own webhooks
RULES[p.MANAGE_WEBHOOKS] = is_provider_staff
