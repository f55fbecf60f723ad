"""The market's API endpoints, mounted under /api/v1/ by rcc.api.urls."""

from rest_framework.routers import SimpleRouter

from providers.api import market, own_vacancies, webhooks

router = SimpleRouter()
router.register("providers", market.ProviderViewSet, basename="provider")
router.register("settings", market.SettingViewSet, basename="setting")
router.register("vacancies", market.VacancyViewSet, basename="vacancy")
router.register(
    "framework-memberships", market.FrameworkMembershipViewSet, basename="framework-membership"
)
router.register("price-statistics", market.PriceStatisticsViewSet, basename="price-statistics")

urlpatterns = router.urls

# The provider API's webhooks (ADR 0022)
_webhooks = SimpleRouter()
_webhooks.register(
    "webhook-endpoints", webhooks.WebhookEndpointViewSet, basename="webhook-endpoint"
)
_webhooks.register(
    "webhook-deliveries", webhooks.WebhookDeliveryViewSet, basename="webhook-delivery"
)
_webhooks.register("own-vacancies", own_vacancies.OwnVacancyViewSet, basename="own-vacancy")
urlpatterns += _webhooks.urls
