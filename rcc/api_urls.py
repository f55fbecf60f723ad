"""The API: versioned endpoints and the OpenAPI schema (for API-key holders only)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from fostering import api as fostering_api
from placements.api import referrals as placements_api
from placements.api import ssda903 as ssda903_api
from providers import api as providers_api
from rcc import access
from rcc.api import HasPermission
from rcc.api_auth import ApiKeyAuthentication
from sufficiency import aggregates_api
from sufficiency import api as sufficiency_api
from sufficiency import api_strategy as strategy_api

router = SimpleRouter()
router.register("providers", providers_api.ProviderViewSet, basename="provider")
router.register("settings", providers_api.SettingViewSet, basename="setting")
router.register("vacancies", providers_api.VacancyViewSet, basename="vacancy")
router.register(
    "framework-memberships",
    providers_api.FrameworkMembershipViewSet,
    basename="framework-membership",
)
router.register(
    "price-statistics", providers_api.PriceStatisticsViewSet, basename="price-statistics"
)

router.register("referrals", placements_api.ReferralViewSet, basename="referral")
router.register("offers", placements_api.OfferViewSet, basename="offer")
router.register("placements", placements_api.PlacementViewSet, basename="placement")
router.register(
    "received-referrals", placements_api.ReceivedReferralViewSet, basename="received-referral"
)
router.register(
    "fostering-funnel", fostering_api.FosteringFunnelViewSet, basename="fostering-funnel"
)
router.register("carer-capacity", fostering_api.CarerCapacityViewSet, basename="carer-capacity")
router.register("forecasts", sufficiency_api.ForecastViewSet, basename="forecast")
router.register(
    "forecast-figures", sufficiency_api.ForecastFigureViewSet, basename="forecast-figure"
)
router.register("strategies", strategy_api.StrategyViewSet, basename="strategy")
router.register("gap-tables", strategy_api.GapTableViewSet, basename="gap-table")

# Regional aggregates (counts and money, no child) for DfE and RCC staff
router.register(
    "children-in-care", aggregates_api.ChildrenInCareViewSet, basename="children-in-care"
)
router.register("distance-bands", aggregates_api.DistanceBandsViewSet, basename="distance-bands")
router.register("weekly-costs", aggregates_api.WeeklyCostsViewSet, basename="weekly-costs")
router.register(
    "market-statistics", aggregates_api.MarketStatisticsViewSet, basename="market-statistics"
)


class SchemaView(SpectacularAPIView):
    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasPermission]
    permission = access.VIEW_API_DOCS  # every role that may hold a key

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        view.login_required = False
        return view


ssda903_patterns = [
    path("<int:year>/<slug:table>/", ssda903_api.ScopeExportView.as_view(), name="ssda903"),
    path(
        "<int:year>/<slug:table>/<str:gss_code>/",
        ssda903_api.CouncilExportView.as_view(),
        name="ssda903-council",
    ),
]

urlpatterns = [
    path("v1/ssda903/", include(ssda903_patterns)),
    path("v1/", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="schema"),
]
