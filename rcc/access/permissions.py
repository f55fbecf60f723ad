"""Permission constants: what a person may do, named once and asked the same way everywhere."""

from __future__ import annotations

# The ground floor
VIEW_DASHBOARD = "rcc.view_dashboard"
VIEW_AUDIT_LOG = "rcc.view_audit_log"
USE_ADMIN = "rcc.use_admin"
MANAGE_USERS = "rcc.manage_users"
MANAGE_API_KEYS = "rcc.manage_api_keys"  # issue, rotate and revoke every key
VIEW_API_DOCS = "rcc.view_api_docs"  # the API's reference page, for roles that may hold a key
# The market (providers app)
SEARCH_SUPPLY = "providers.search_supply"  # settings and vacancies, read-only
VIEW_MARKET = "providers.view_market"  # register, prices, scrutiny, frameworks
MANAGE_REGISTER = "providers.manage_register"  # providers, settings, Ofsted, quality, suspensions
MANAGE_FRAMEWORKS = "providers.manage_frameworks"  # frameworks, lots, rounds, decisions, rates
USE_PROVIDER_PORTAL = "providers.use_portal"
USE_MARKET_API = "providers.use_market_api"  # read-only market API (RCC staff and DfE)
EDIT_SETTING = "providers.edit_setting"  # object permission
VIEW_FRAMEWORKS = "providers.read_frameworks"  # RCC staff (their region's), providers (live ones)
VIEW_SETTING = (
    "providers.read_setting"  # council and RCC staff, providers (not Django's view_setting)
)
# The referral journey (placements app)
VIEW_CHILDREN = "placements.view_children"
MANAGE_CHILDREN = "placements.manage_children"  # add children, write referrals, choose offers
APPROVE = "placements.approve"  # nominated officer: referrals, out-of-area and high-cost
TAKE_UASC_REFERRAL = "placements.take_uasc_referral"
VIEW_REFERRAL_QUEUE = "placements.view_referral_queue"
SEND_REFERRALS = "placements.send_referrals"
NEGOTIATE = "placements.negotiate"
RESPOND_TO_REFERRALS = "placements.respond"  # provider staff
ATTACH_DOCUMENTS = "placements.attach_documents"  # social workers, to their council's referrals
RELEASE_DOCUMENTS = "placements.release_documents"  # to a provider the referral was sent to
MESSAGE_ON_REFERRALS = "placements.message_on_referrals"  # a referral's thread with a provider
EXPORT_903 = "placements.export_903"  # child-level 903 tables of councils in scope
IMPORT_903 = "placements.import_903"  # upload a council's 903 return and see its reports
# The fostering hub
WORK_FOSTERING_HUB = "fostering.work_hub"  # enquiries, applicants, carers, support offer
VIEW_FOSTERING_FUNNEL = "fostering.view_funnel"  # aggregates only
USE_FOSTERING_API = "fostering.use_api"  # aggregates only (RCC roles and DfE)
# Partners' quarterly datasets (sufficiency app): aggregates only
UPLOAD_PARTNER_DATA = "sufficiency.upload_partner_data"
VIEW_PARTNER_DATA = "sufficiency.view_partner_data"
# The sufficiency strategy: gap analysis, new provision, drafts (region's analysts and
# commissioners); analysts draft, commissioners approve. Published versions are public.
VIEW_SUFFICIENCY = "sufficiency.view_sufficiency"
MANAGE_PROVISION = "sufficiency.manage_provision"
DRAFT_STRATEGY = "sufficiency.draft_strategy"
APPROVE_STRATEGY = "sufficiency.approve_strategy"
USE_AGGREGATES_API = "sufficiency.use_aggregates_api"  # counts and money by region and council
# The provider API (ADR 0022): a provider's own webhook endpoints and delivery log
MANAGE_WEBHOOKS = "providers.manage_webhooks"
