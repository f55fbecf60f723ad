"""The fostering hub's API endpoints (aggregates only), mounted under /api/v1/ by rcc.api.urls."""

from rest_framework.routers import SimpleRouter

from fostering.api import funnel

router = SimpleRouter()
router.register("fostering-funnel", funnel.FosteringFunnelViewSet, basename="fostering-funnel")
router.register("carer-capacity", funnel.CarerCapacityViewSet, basename="carer-capacity")

urlpatterns = router.urls
