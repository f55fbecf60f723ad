"""Sufficiency's API endpoints, mounted under /api/v1/ by rcc.api.urls."""

from rest_framework.routers import SimpleRouter

from sufficiency.api import aggregates, forecast, strategy

router = SimpleRouter()
router.register("forecasts", forecast.ForecastViewSet, basename="forecast")
router.register("forecast-figures", forecast.ForecastFigureViewSet, basename="forecast-figure")
router.register("strategies", strategy.StrategyViewSet, basename="strategy")
router.register("gap-tables", strategy.GapTableViewSet, basename="gap-table")
# Regional aggregates (counts and money, no child) for DfE and RCC staff
router.register("children-in-care", aggregates.ChildrenInCareViewSet, basename="children-in-care")
router.register("distance-bands", aggregates.DistanceBandsViewSet, basename="distance-bands")
router.register("weekly-costs", aggregates.WeeklyCostsViewSet, basename="weekly-costs")
router.register(
    "market-statistics", aggregates.MarketStatisticsViewSet, basename="market-statistics"
)

urlpatterns = router.urls
