"""The market's API endpoints, mounted under /api/v1/ by rcc.api.urls."""

from rest_framework.routers import SimpleRouter

from providers.api import market

router = SimpleRouter()
router.register("providers", market.ProviderViewSet, basename="provider")
router.register("settings", market.SettingViewSet, basename="setting")
router.register("vacancies", market.VacancyViewSet, basename="vacancy")
router.register(
    "framework-memberships", market.FrameworkMembershipViewSet, basename="framework-membership"
)
router.register("price-statistics", market.PriceStatisticsViewSet, basename="price-statistics")

urlpatterns = router.urls
