"""THE one place that says who may see and do what.

One module per domain, none importing a domain app: models are named by label and scoped
from the tenancy each declares (``rcc.tenancy``). Three kinds of thing live here, and views,
templates, the API, panels and selectors ask them the same way:
- permission constants (``VIEW_AUDIT_LOG``) in ``permissions``, evaluated by django-rules
  predicates (``predicates``) against the user's *acting* membership (``membership``);
- queryset scopes (``children_for(user)``): the only entry points selectors use for
  tenant-scoped tables;
- ``get_<thing>_for_user`` helpers that raise the same 404 for "missing" and "not yours".

This face hands the names on, so callers write ``access.children_for(user)``.
"""

# ruff: noqa: F401

from rcc.access.backoffice import (
    BACK_OFFICE_APPS,
    register_back_office_permissions,
)
from rcc.access.core import (
    api_keys_for,
    audit_events_for,
    councils_for,
    get_api_key_for_user,
    get_audit_event_for_user,
    memberships_for_api_keys,
    people_who_can,
    regions_for,
    roles_with,
    users_for,
)
from rcc.access.fostering import (
    applicants_for,
    carers_for,
    enquiries_for,
    fostering_region_for_figures,
    get_applicant_for_user,
    get_carer_for_user,
    get_enquiry_for_user,
    get_support_event_for_user,
    support_events_for,
)
from rcc.access.membership import (
    NATIONAL_ROLES,
    acting_membership,
    acting_role,
    choose_membership,
    council_id,
    is_national,
    memberships_of,
    provider_id,
    region_id,
)
from rcc.access.permissions import (
    APPROVE,
    APPROVE_STRATEGY,
    DRAFT_STRATEGY,
    EDIT_SETTING,
    EXPORT_903,
    IMPORT_903,
    MANAGE_API_KEYS,
    MANAGE_CHILDREN,
    MANAGE_FRAMEWORKS,
    MANAGE_PROVISION,
    MANAGE_REGISTER,
    MANAGE_USERS,
    MANAGE_WEBHOOKS,
    NEGOTIATE,
    RESPOND_TO_REFERRALS,
    SEARCH_SUPPLY,
    SEND_REFERRALS,
    TAKE_UASC_REFERRAL,
    UPLOAD_PARTNER_DATA,
    USE_ADMIN,
    USE_AGGREGATES_API,
    USE_FOSTERING_API,
    USE_MARKET_API,
    USE_PROVIDER_PORTAL,
    VIEW_API_DOCS,
    VIEW_AUDIT_LOG,
    VIEW_CHILDREN,
    VIEW_DASHBOARD,
    VIEW_FOSTERING_FUNNEL,
    VIEW_FRAMEWORKS,
    VIEW_MARKET,
    VIEW_PARTNER_DATA,
    VIEW_REFERRAL_QUEUE,
    VIEW_SETTING,
    VIEW_SUFFICIENCY,
    WORK_FOSTERING_HUB,
)
from rcc.access.placements import (
    UASC_OPEN_STATUSES,
    approvals_for,
    can_take_referral,
    children_for,
    councils_for_903_export,
    councils_for_903_import,
    distributions_for,
    get_child_for_user,
    get_council_for_903_export,
    get_distribution_for_user,
    get_offer_for_user,
    get_placement_for_user,
    get_referral_for_user,
    get_referral_to_act_on,
    get_ssda903_import_for_user,
    get_ssda903_validation_for_user,
    offers_for,
    placements_for,
    referrals_for,
    referrals_to_act_on,
    ssda903_imports_for,
    ssda903_validations_for,
)
from rcc.access.predicates import (
    RULES,
    can,
    has_any_role,
    is_analyst,
    is_commissioner,
    is_council_staff,
    is_data_officer,
    is_dfe_analyst,
    is_hub_officer,
    is_partner,
    is_platform_admin,
    is_provider_staff,
    is_rcc_staff,
    is_social_worker,
    is_team_manager,
)
from rcc.access.providers import (
    applications_for,
    concerns_for,
    financial_returns_for,
    frameworks_for,
    get_application_for_user,
    get_framework_for_user,
    get_lot_for_user,
    get_provider_for_user,
    get_setting_for_user,
    get_vacancy_for_user,
    lots_for,
    providers_for,
    quality_visits_for,
    rate_cards_for,
    rounds_for,
    scrutiny_flags_for,
    setting_is_in_scope,
    settings_for,
    vacancies_for,
)
from rcc.access.scoping import (
    audit_denied,
    get,
    in_council,
    in_region,
    model,
    objects,
    of_provider,
)
from rcc.access.sufficiency import (
    care_episodes_for_figures,
    forecast_runs_for,
    get_action_for_user,
    get_api_run_for_user,
    get_dataset_for_user,
    get_project_for_user,
    get_run_for_user,
    get_strategy_for_user,
    get_version_for_user,
    partner_datasets_for,
    placements_for_figures,
    provision_projects_for,
    regions_for_figures,
    settings_for_figures,
    strategies_for,
    strategy_actions_for,
    strategy_versions_for,
)
from rcc.access.webhooks import (
    get_webhook_endpoint_for_user,
    webhook_deliveries_for,
    webhook_endpoints_for,
)
