"""THE one place that says who may see and do what.

Three kinds of thing live here, and views, templates, API and selectors ask them
the same way:
- permission constants (``VIEW_AUDIT_LOG``), evaluated by django-rules predicates
  against the user's *acting* membership (a person may hold more than one);
- queryset scopes (``audit_events_for(user)``): the only entry points selectors
  use for tenant-scoped tables;
- ``get_<thing>_for_user`` helpers that raise the same 404 for "missing" and
  "not yours".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import rules
from django.db.models import Q, QuerySet
from django.http import Http404

from rcc.models import AuditEvent, LocalAuthority, Membership, Region, User
from rcc.roles import Role

# Permission constants -------------------------------------------------------------
VIEW_DASHBOARD = "rcc.view_dashboard"
VIEW_AUDIT_LOG = "rcc.view_audit_log"
USE_ADMIN = "rcc.use_admin"
MANAGE_USERS = "rcc.manage_users"
# The market (providers app)
SEARCH_SUPPLY = "providers.search_supply"  # settings and vacancies, read-only
VIEW_MARKET = "providers.view_market"  # register, prices, scrutiny, frameworks
MANAGE_REGISTER = "providers.manage_register"  # providers, settings, Ofsted, quality, suspensions
MANAGE_FRAMEWORKS = "providers.manage_frameworks"  # frameworks, lots, rounds, decisions, rates
USE_PROVIDER_PORTAL = "providers.use_portal"
USE_MARKET_API = "providers.use_market_api"  # read-only market API (RCC staff and DfE)
# The referral journey (placements app)
VIEW_CHILDREN = "placements.view_children"
MANAGE_CHILDREN = "placements.manage_children"  # add children, write referrals, choose offers
APPROVE = "placements.approve"  # nominated officer: referrals, out-of-area and high-cost
VIEW_REFERRAL_QUEUE = "placements.view_referral_queue"
SEND_REFERRALS = "placements.send_referrals"
NEGOTIATE = "placements.negotiate"
RESPOND_TO_REFERRALS = "placements.respond"  # provider staff
# The fostering hub
WORK_FOSTERING_HUB = "fostering.work_hub"  # enquiries, applicants, carers, support offer
VIEW_FOSTERING_FUNNEL = "fostering.view_funnel"  # aggregates only
USE_FOSTERING_API = "fostering.use_api"  # aggregates only (RCC roles and DfE)
EDIT_SETTING = "providers.edit_setting"  # object permission
# Partners' quarterly datasets (sufficiency app): aggregates only
UPLOAD_PARTNER_DATA = "sufficiency.upload_partner_data"
VIEW_PARTNER_DATA = "sufficiency.view_partner_data"
# The sufficiency strategy: gap analysis, new provision, drafts (region's analysts and
# commissioners); analysts draft, commissioners approve. Published versions are public.
VIEW_SUFFICIENCY = "sufficiency.view_sufficiency"
MANAGE_PROVISION = "sufficiency.manage_provision"
DRAFT_STRATEGY = "sufficiency.draft_strategy"
APPROVE_STRATEGY = "sufficiency.approve_strategy"
# The DfE and regional API (issue 7)
USE_AGGREGATES_API = "sufficiency.use_aggregates_api"  # counts and money by region and council
EXPORT_903 = "placements.export_903"  # child-level 903 tables of councils in scope
IMPORT_903 = "placements.import_903"  # upload a council's 903 return and see its reports
MANAGE_API_KEYS = "rcc.manage_api_keys"  # issue, rotate and revoke every key
VIEW_API_DOCS = "rcc.view_api_docs"  # the API's reference page, for roles that may hold a key

_SESSION_KEY = "acting_membership_id"

# Tables whose rows belong to a tenant (a council, region or provider). Views and API
# modules must not query these directly: they go through the scopes below
# (``manage.py lint_scoping`` enforces it). Apps add their models as they arrive.
TENANT_SCOPED_MODELS: set[str] = {
    "rcc.AuditEvent",
    "rcc.Membership",
    "rcc.User",
    "rcc.LocalAuthority",
    "providers.ProviderOrganisation",
    "providers.Setting",
    "providers.Vacancy",
    "providers.Framework",
    "providers.Lot",
    "providers.AdmissionRound",
    "providers.Application",
    "providers.RateCard",
    "providers.FinancialReturn",
    "providers.ScrutinyFlag",
    "providers.QualityVisit",
    "providers.Concern",
    "placements.Placement",
    "rcc.ApiKey",
    "placements.Child",
    "placements.CareEpisode",
    "placements.Referral",
    "placements.Distribution",
    "placements.Offer",
    "placements.PlacementApproval",
    "placements.Ssda903Import",
    "fostering.Enquiry",
    "fostering.Applicant",
    "fostering.ApprovedCarer",
    "fostering.SupportEvent",
    "sufficiency.PartnerDataset",
    "sufficiency.PartnerFigure",
    "sufficiency.ProvisionProject",
    "sufficiency.ProvisionStageChange",
    "sufficiency.Strategy",
    "sufficiency.StrategyVersion",
    "sufficiency.StrategyAction",
    "sufficiency.MarketPositionStatement",
    "sufficiency.ApprovalDecision",
}


# The acting membership -------------------------------------------------------------
def memberships_of(user: Any) -> list[Membership]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user).select_related(
                "local_authority__region", "region", "provider"
            )
        )
        user._memberships = cached
    return cached


def acting_membership(user: Any, session: Mapping[str, Any] | None = None) -> Membership | None:
    """The membership the user is acting in now: their choice this session, else their first."""
    if session is not None:
        user._acting_membership_id = session.get(_SESSION_KEY)
    memberships = memberships_of(user)
    chosen = getattr(user, "_acting_membership_id", None)
    for membership in memberships:
        if membership.pk == chosen:
            return membership
    return memberships[0] if memberships else None


def choose_membership(session: Any, user: User, membership_id: int) -> Membership:
    """Switch the acting membership to one of the user's own (404 for anyone else's)."""
    for membership in memberships_of(user):
        if membership.pk == membership_id:
            session[_SESSION_KEY] = membership.pk
            user._acting_membership_id = membership.pk
            return membership
    raise Http404


def acting_role(user: Any) -> str | None:
    membership = acting_membership(user)
    return membership.role if membership else None


# Predicates ---------------------------------------------------------------------------
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

rules.add_perm(VIEW_DASHBOARD, has_any_role)
rules.add_perm(VIEW_AUDIT_LOG, is_platform_admin | is_commissioner)
rules.add_perm(USE_ADMIN, is_platform_admin)
rules.add_perm(MANAGE_USERS, is_platform_admin)

is_council_staff = is_social_worker | is_team_manager
is_rcc_staff = is_commissioner | is_analyst


@rules.predicate
def setting_is_in_scope(user: Any, setting: Any) -> bool:
    return setting is not None and settings_for(user).filter(pk=setting.pk).exists()


rules.add_perm(SEARCH_SUPPLY, is_council_staff | is_rcc_staff | is_platform_admin)
rules.add_perm(VIEW_MARKET, is_rcc_staff | is_platform_admin)
rules.add_perm(MANAGE_REGISTER, is_commissioner)
rules.add_perm(MANAGE_FRAMEWORKS, is_commissioner)
rules.add_perm(USE_PROVIDER_PORTAL, is_provider_staff)
rules.add_perm(USE_MARKET_API, is_rcc_staff | is_dfe_analyst | is_platform_admin)
rules.add_perm(VIEW_CHILDREN, is_council_staff | is_commissioner)
rules.add_perm(MANAGE_CHILDREN, is_social_worker)
rules.add_perm(APPROVE, is_team_manager)
TAKE_UASC_REFERRAL = "placements.take_uasc_referral"
rules.add_perm(TAKE_UASC_REFERRAL, is_team_manager)
rules.add_perm(VIEW_REFERRAL_QUEUE, is_commissioner | is_council_staff)
rules.add_perm(SEND_REFERRALS, is_commissioner | is_social_worker)
rules.add_perm(NEGOTIATE, is_commissioner)
rules.add_perm(RESPOND_TO_REFERRALS, is_provider_staff)
rules.add_perm(WORK_FOSTERING_HUB, is_hub_officer)
rules.add_perm(VIEW_FOSTERING_FUNNEL, is_hub_officer | is_rcc_staff | is_platform_admin)
rules.add_perm(
    USE_FOSTERING_API, is_hub_officer | is_rcc_staff | is_dfe_analyst | is_platform_admin
)
rules.add_perm(EDIT_SETTING, (is_commissioner | is_provider_staff) & setting_is_in_scope)
rules.add_perm(UPLOAD_PARTNER_DATA, is_partner)
rules.add_perm(VIEW_PARTNER_DATA, is_partner | is_rcc_staff | is_platform_admin)
rules.add_perm(VIEW_SUFFICIENCY, is_rcc_staff)
rules.add_perm(MANAGE_PROVISION, is_rcc_staff)
rules.add_perm(DRAFT_STRATEGY, is_analyst)
rules.add_perm(APPROVE_STRATEGY, is_commissioner)
rules.add_perm(USE_AGGREGATES_API, is_rcc_staff | is_dfe_analyst | is_platform_admin)
rules.add_perm(EXPORT_903, is_rcc_staff | is_dfe_analyst | is_platform_admin)
rules.add_perm(IMPORT_903, is_data_officer | is_analyst)
rules.add_perm(MANAGE_API_KEYS, is_platform_admin)
# The roles rcc.api_keys.API_ROLES lets hold a key.
rules.add_perm(
    VIEW_API_DOCS,
    is_council_staff | is_rcc_staff | is_provider_staff | is_dfe_analyst | is_platform_admin,
)


def can(user: Any, permission: str, obj: Any = None) -> bool:
    return bool(user.has_perm(permission, obj))


# Queryset scopes ---------------------------------------------------------------------
def councils_for(user: Any) -> QuerySet[LocalAuthority]:
    membership = acting_membership(user)
    councils = LocalAuthority.objects.select_related("region")
    if membership is None:
        return councils.none()
    if membership.local_authority_id:
        return councils.filter(pk=membership.local_authority_id)
    if membership.region_id:
        return councils.filter(region_id=membership.region_id)
    if membership.role in (Role.PLATFORM_ADMIN, Role.DFE_ANALYST):
        return councils
    return councils.none()


def regions_for(user: Any) -> QuerySet[Region]:
    membership = acting_membership(user)
    if membership is None:
        return Region.objects.none()
    region_id = membership.region_id_in_scope
    if region_id:
        return Region.objects.filter(pk=region_id)
    if membership.role in (Role.PLATFORM_ADMIN, Role.DFE_ANALYST):
        return Region.objects.all()
    return Region.objects.none()


def audit_events_for(user: Any) -> QuerySet[AuditEvent]:
    """Admins see the whole trail; a commissioner sees their region's events."""
    events = AuditEvent.objects.select_related("local_authority", "region")
    if not can(user, VIEW_AUDIT_LOG):
        return events.none()
    membership = acting_membership(user)
    if membership.role == Role.PLATFORM_ADMIN:
        return events
    return events.filter(
        Q(region_id=membership.region_id) | Q(local_authority__region_id=membership.region_id)
    )


def _region_id(user: Any) -> int | None:
    membership = acting_membership(user)
    return membership.region_id_in_scope if membership else None


def _is_national(user: Any) -> bool:
    return acting_role(user) in (Role.PLATFORM_ADMIN, Role.DFE_ANALYST)


def _provider_id(user: Any) -> int | None:
    membership = acting_membership(user)
    return membership.provider_id if membership else None


def settings_for(user: Any) -> QuerySet:
    """Provider staff: their own settings. Council and RCC staff: settings in their region."""
    from providers.models import Setting

    settings = Setting.objects.select_related("provider", "local_authority")
    if is_provider_staff(user):
        return settings.filter(provider_id=_provider_id(user))
    if _is_national(user):
        return settings
    if (is_council_staff | is_rcc_staff)(user):
        return settings.filter(local_authority__region_id=_region_id(user))
    return settings.none()


def vacancies_for(user: Any) -> QuerySet:
    from providers.models import Vacancy

    return Vacancy.objects.filter(setting__in=settings_for(user).values("pk")).select_related(
        "setting__provider", "setting__local_authority"
    )


def providers_for(user: Any) -> QuerySet:
    """Provider staff: their own organisation. RCC staff: providers with a setting in the
    region or an application to one of its frameworks."""
    from providers.models import ProviderOrganisation

    providers = ProviderOrganisation.objects.select_related("group")
    if is_provider_staff(user):
        return providers.filter(pk=_provider_id(user))
    if _is_national(user):
        return providers
    if is_rcc_staff(user):
        region_id = _region_id(user)
        return providers.filter(
            Q(settings__local_authority__region_id=region_id)
            | Q(applications__lot__framework__region_id=region_id)
        ).distinct()
    return providers.none()


def frameworks_for(user: Any) -> QuerySet:
    """RCC staff: their region's frameworks. Providers: every live framework (public notices)."""
    from providers.models import Framework

    frameworks = Framework.objects.select_related("region")
    if _is_national(user):
        return frameworks
    if is_rcc_staff(user):
        return frameworks.filter(region_id=_region_id(user))
    if is_provider_staff(user):
        return frameworks.filter(status=Framework.Status.LIVE)
    return frameworks.none()


def lots_for(user: Any) -> QuerySet:
    from providers.models import Lot

    return Lot.objects.filter(framework__in=frameworks_for(user).values("pk")).select_related(
        "framework"
    )


def rounds_for(user: Any) -> QuerySet:
    from providers.models import AdmissionRound

    return AdmissionRound.objects.filter(
        framework__in=frameworks_for(user).values("pk")
    ).select_related("framework")


def applications_for(user: Any) -> QuerySet:
    """Providers: their own applications. RCC staff: applications to their region's lots."""
    from providers.models import Application

    applications = Application.objects.select_related("lot__framework", "provider", "round")
    if is_provider_staff(user):
        return applications.filter(provider_id=_provider_id(user))
    if _is_national(user):
        return applications
    if is_rcc_staff(user):
        return applications.filter(lot__framework__region_id=_region_id(user))
    return applications.none()


def rate_cards_for(user: Any) -> QuerySet:
    from providers.models import RateCard

    rates = RateCard.objects.select_related("lot__framework", "provider")
    if is_provider_staff(user):
        return rates.filter(provider_id=_provider_id(user))
    if _is_national(user):
        return rates
    if is_rcc_staff(user):
        return rates.filter(lot__framework__region_id=_region_id(user))
    return rates.none()


def financial_returns_for(user: Any) -> QuerySet:
    from providers.models import FinancialReturn

    returns = FinancialReturn.objects.select_related("provider__group")
    if is_provider_staff(user):
        return returns.filter(provider_id=_provider_id(user))
    if is_rcc_staff(user) or _is_national(user):
        return returns.filter(provider__in=providers_for(user).values("pk"))
    return returns.none()


def _region_records(model: Any, user: Any) -> QuerySet:
    records = model.objects.all()
    if is_platform_admin(user):
        return records
    if is_rcc_staff(user):
        return records.filter(region_id=_region_id(user))
    return records.none()


def scrutiny_flags_for(user: Any) -> QuerySet:
    from providers.models import ScrutinyFlag

    return _region_records(ScrutinyFlag, user).select_related("provider", "raised_by")


def quality_visits_for(user: Any) -> QuerySet:
    from providers.models import QualityVisit

    return _region_records(QualityVisit, user).select_related("setting", "recorded_by")


def concerns_for(user: Any) -> QuerySet:
    from providers.models import Concern

    return _region_records(Concern, user).select_related("setting", "recorded_by")


def placements_for(user: Any) -> QuerySet:
    """Council staff: their council's placements. RCC staff: their region's. Providers: theirs."""
    from placements.models import Placement

    placements = Placement.objects.select_related("setting", "provider", "local_authority", "lot")
    if _is_national(user):
        return placements
    if is_provider_staff(user):
        return placements.filter(provider_id=_provider_id(user))
    if is_council_staff(user):
        membership = acting_membership(user)
        return placements.filter(local_authority_id=membership.local_authority_id)
    if is_rcc_staff(user):
        return placements.filter(local_authority__region_id=_region_id(user))
    return placements.none()


def _council_id(user: Any) -> int | None:
    membership = acting_membership(user)
    return membership.local_authority_id if membership else None


def children_for(user: Any) -> QuerySet:
    """Council staff: their council's children. Commissioners: the region's. Providers: only
    children placed with them through an accepted offer. Nobody else."""
    from placements.models import Child, Placement

    children = Child.objects.select_related("local_authority")
    if is_council_staff(user):
        return children.filter(local_authority_id=_council_id(user))
    if is_commissioner(user):
        return children.filter(local_authority__region_id=_region_id(user))
    if is_provider_staff(user):
        placed = Placement.objects.filter(
            provider_id=_provider_id(user), offer__isnull=False
        ).exclude(status=Placement.Status.CANCELLED)
        return children.filter(pk__in=placed.values("child_id"))
    return children.none()


UASC_OPEN_STATUSES = ("approved", "sent", "offers_received")


def referrals_for(user: Any) -> QuerySet:
    """Council staff: their council's referrals. Commissioners: the region's, once submitted.
    Providers never get referrals, only minimised distributions (``distributions_for``)."""
    from placements.models import Referral

    referrals = Referral.objects.select_related("child", "local_authority__region")
    if is_council_staff(user):
        # A UASC referral offered region-wide is open to every council of the region.
        return referrals.filter(
            Q(local_authority_id=_council_id(user))
            | Q(
                region_wide=True,
                local_authority__region_id=_region_id(user),
                status__in=UASC_OPEN_STATUSES,
            )
        )
    if is_commissioner(user):
        return referrals.filter(local_authority__region_id=_region_id(user)).exclude(
            status=Referral.Status.DRAFT
        )
    return referrals.none()


def referrals_to_act_on(user: Any) -> QuerySet:
    """Referrals the user may change: as ``referrals_for``, less other councils' region-wide
    UASC referrals, which another council may only read and take."""
    referrals = referrals_for(user)
    if is_council_staff(user):
        return referrals.filter(local_authority_id=_council_id(user))
    return referrals


def get_referral_to_act_on(user: Any, public_id: Any) -> Any:
    return _get(referrals_to_act_on(user), public_id=public_id)


def distributions_for(user: Any) -> QuerySet:
    """Providers: the referrals sent to their organisation."""
    from placements.models import Distribution

    distributions = Distribution.objects.select_related("referral", "provider")
    if is_provider_staff(user):
        return distributions.filter(provider_id=_provider_id(user))
    return distributions.filter(referral__in=referrals_to_act_on(user).values("pk"))


def offers_for(user: Any) -> QuerySet:
    from placements.models import Offer

    offers = Offer.objects.select_related("distribution__provider", "setting", "referral")
    if is_provider_staff(user):
        return offers.filter(distribution__provider_id=_provider_id(user))
    return offers.filter(referral__in=referrals_to_act_on(user).values("pk"))


def approvals_for(user: Any) -> QuerySet:
    from placements.models import PlacementApproval

    approvals = PlacementApproval.objects.select_related("placement__child", "placement__setting")
    if is_council_staff(user):
        return approvals.filter(placement__local_authority_id=_council_id(user))
    return approvals.none()


def get_child_for_user(user: Any, public_id: Any) -> Any:
    """A child in scope, or 404; asking for another council's child is itself audited."""
    try:
        return _get(children_for(user), public_id=public_id)
    except Http404:
        _audit_denied(user, "placements.child", public_id)
        raise


def _audit_denied(user: Any, object_type: str, object_id: Any) -> None:
    from rcc import audit

    audit.record(
        actor=user, action="access.denied", object_type=object_type, object_id=str(object_id)[:64]
    )


def get_referral_for_user(user: Any, public_id: Any) -> Any:
    return _get(referrals_for(user), public_id=public_id)


def get_distribution_for_user(user: Any, pk: Any) -> Any:
    return _get(distributions_for(user), pk=pk)


def get_offer_for_user(user: Any, public_id: Any) -> Any:
    return _get(offers_for(user), public_id=public_id)


def get_placement_for_user(user: Any, public_id: Any) -> Any:
    return _get(placements_for(user), public_id=public_id)


def enquiries_for(user: Any) -> QuerySet:
    """Hub officers: every fostering enquiry of their region (routed to a council or not)."""
    from fostering.models import Enquiry

    enquiries = Enquiry.objects.select_related("routed_to", "region")
    if is_hub_officer(user):
        return enquiries.filter(region_id=_region_id(user))
    return enquiries.none()


def applicants_for(user: Any) -> QuerySet:
    from fostering.models import Applicant

    return Applicant.objects.filter(enquiry__in=enquiries_for(user).values("pk")).select_related(
        "enquiry__routed_to"
    )


def carers_for(user: Any) -> QuerySet:
    """Hub officers: approved carers of their region's councils."""
    from fostering.models import ApprovedCarer

    carers = ApprovedCarer.objects.select_related("local_authority")
    if is_hub_officer(user):
        return carers.filter(local_authority__region_id=_region_id(user))
    return carers.none()


def support_events_for(user: Any) -> QuerySet:
    from fostering.models import SupportEvent

    if is_hub_officer(user):
        return SupportEvent.objects.filter(region_id=_region_id(user))
    return SupportEvent.objects.none()


def fostering_region_for_figures(user: Any) -> QuerySet[Region]:
    """Regions whose fostering aggregates the user may see (no personal data)."""
    if not can(user, VIEW_FOSTERING_FUNNEL) and not can(user, USE_FOSTERING_API):
        return Region.objects.none()
    return regions_for(user)


def partner_datasets_for(user: Any) -> QuerySet:
    """Partners, commissioners and analysts: their region's datasets. Admins: every region's."""
    from sufficiency.models import PartnerDataset

    datasets = PartnerDataset.objects.select_related("region", "uploaded_by")
    if not can(user, VIEW_PARTNER_DATA):
        return datasets.none()
    if is_platform_admin(user):
        return datasets
    return datasets.filter(region_id=_region_id(user))


def provision_projects_for(user: Any) -> QuerySet:
    """The region's analysts and commissioners: their region's new-provision projects."""
    from sufficiency.models import ProvisionProject

    projects = ProvisionProject.objects.select_related("region", "local_authority")
    if not can(user, VIEW_SUFFICIENCY):
        return projects.none()
    return projects.filter(region_id=_region_id(user))


def strategies_for(user: Any) -> QuerySet:
    """The region's analysts and commissioners: their region's strategies, drafts included.
    Everyone else reads published versions only (``sufficiency.selectors_public``)."""
    from sufficiency.models import Strategy

    strategies = Strategy.objects.select_related("region")
    if not can(user, VIEW_SUFFICIENCY):
        return strategies.none()
    return strategies.filter(region_id=_region_id(user))


def strategy_versions_for(user: Any) -> QuerySet:
    from sufficiency.models import StrategyVersion

    return StrategyVersion.objects.filter(
        strategy__in=strategies_for(user).values("pk")
    ).select_related("strategy__region", "created_by")


def strategy_actions_for(user: Any) -> QuerySet:
    from sufficiency.models import StrategyAction

    return StrategyAction.objects.filter(
        strategy__in=strategies_for(user).values("pk")
    ).select_related("strategy")


def get_enquiry_for_user(user: Any, public_id: Any) -> Any:
    return _get(enquiries_for(user), public_id=public_id)


def get_applicant_for_user(user: Any, public_id: Any) -> Any:
    return _get(applicants_for(user), public_id=public_id)


def get_carer_for_user(user: Any, public_id: Any) -> Any:
    return _get(carers_for(user), public_id=public_id)


def get_support_event_for_user(user: Any, pk: Any) -> Any:
    return _get(support_events_for(user), pk=pk)


def _get(queryset: QuerySet, **lookup: Any) -> Any:
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_setting_for_user(user: Any, public_id: Any) -> Any:
    return _get(settings_for(user), public_id=public_id)


def get_vacancy_for_user(user: Any, public_id: Any) -> Any:
    return _get(vacancies_for(user), public_id=public_id)


def get_provider_for_user(user: Any, pk: Any) -> Any:
    return _get(providers_for(user), pk=pk)


def get_framework_for_user(user: Any, pk: Any) -> Any:
    return _get(frameworks_for(user), pk=pk)


def get_lot_for_user(user: Any, pk: Any) -> Any:
    return _get(lots_for(user), pk=pk)


def get_application_for_user(user: Any, pk: Any) -> Any:
    return _get(applications_for(user), pk=pk)


def regions_for_figures(user: Any) -> QuerySet[Region]:
    """Regions whose aggregates (counts and money, no child) the user may read by API."""
    if not can(user, USE_AGGREGATES_API):
        return Region.objects.none()
    return regions_for(user)


def care_episodes_for_figures(user: Any) -> QuerySet:
    """903 episodes of the children of councils in ``regions_for_figures``: for counting only,
    never to show a child."""
    from placements.models import CareEpisode

    regions = regions_for_figures(user).values("pk")
    return CareEpisode.objects.filter(child__local_authority__region__in=regions)


def placements_for_figures(user: Any) -> QuerySet:
    """Placements of the councils in ``regions_for_figures`` (counts and costs only)."""
    from placements.models import Placement

    regions = regions_for_figures(user).values("pk")
    return Placement.objects.filter(local_authority__region__in=regions)


def settings_for_figures(user: Any) -> QuerySet:
    """Settings located in ``regions_for_figures`` (market statistics)."""
    from providers.models import Setting

    regions = regions_for_figures(user).values("pk")
    return Setting.objects.filter(local_authority__region__in=regions)


def councils_for_903_export(user: Any) -> QuerySet[LocalAuthority]:
    """Councils whose 903 tables the user may export: their region's (RCC staff) or every
    council (DfE analysts, platform administrators)."""
    if not can(user, EXPORT_903):
        return LocalAuthority.objects.none()
    return councils_for(user)


def get_council_for_903_export(user: Any, gss_code: Any) -> LocalAuthority:
    """A council in ``councils_for_903_export``, or 404 (also for another region's)."""
    return _get(councils_for_903_export(user), gss_code=gss_code)


def councils_for_903_import(user: Any) -> QuerySet[LocalAuthority]:
    """Councils whose 903 return the user may import: a data officer's own council, an RCC
    analyst's region's councils."""
    if not can(user, IMPORT_903):
        return LocalAuthority.objects.none()
    return councils_for(user)


def ssda903_imports_for(user: Any) -> QuerySet:
    """The 903 imports of the councils the user may import for."""
    from placements.models import Ssda903Import

    councils = councils_for_903_import(user).values("pk")
    return Ssda903Import.objects.filter(local_authority__in=councils).select_related(
        "local_authority", "started_by"
    )


def get_ssda903_import_for_user(user: Any, pk: Any) -> Any:
    return _get(ssda903_imports_for(user), pk=pk)


def api_keys_for(user: Any) -> QuerySet:
    """Platform administrators: every API key. Nobody else manages keys."""
    from rcc.models import ApiKey

    keys = ApiKey.objects.select_related(
        "membership__user",
        "membership__local_authority",
        "membership__region",
        "membership__provider",
        "created_by",
    )
    if not can(user, MANAGE_API_KEYS):
        return keys.none()
    return keys


def get_api_key_for_user(user: Any, pk: Any) -> Any:
    return _get(api_keys_for(user), pk=pk)


def memberships_for_api_keys(user: Any) -> QuerySet[Membership]:
    """Memberships a platform administrator may issue a key for (active users only)."""
    if not can(user, MANAGE_API_KEYS):
        return Membership.objects.none()
    return Membership.objects.filter(user__is_active=True).select_related(
        "user", "local_authority", "region", "provider"
    )


def users_for(user: Any) -> QuerySet[User]:
    if not can(user, MANAGE_USERS):
        return User.objects.none()
    return User.objects.all()


# get_<thing>_for_user ----------------------------------------------------------------
def get_audit_event_for_user(user: Any, public_id: Any) -> AuditEvent:
    return _get(audit_events_for(user), public_id=public_id)


# The back office (Django admin) ------------------------------------------------------
BACK_OFFICE_APPS = (
    "rcc",
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
    from django.apps import apps

    for label in BACK_OFFICE_APPS:
        if not apps.is_installed(apps.get_app_config(label).name):
            continue
        rules.set_perm(label, is_platform_admin)
        for model in apps.get_app_config(label).get_models():
            for action in model._meta.default_permissions:
                rules.set_perm(f"{label}.{action}_{model._meta.model_name}", is_platform_admin)
