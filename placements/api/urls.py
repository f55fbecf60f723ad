"""The referral journey's and the 903 return's API endpoints, mounted under /api/v1/ by
rcc.api.urls."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from placements.api import referrals, ssda903

router = SimpleRouter()
router.register("referrals", referrals.ReferralViewSet, basename="referral")
router.register("offers", referrals.OfferViewSet, basename="offer")
router.register("placements", referrals.PlacementViewSet, basename="placement")
router.register(
    "received-referrals", referrals.ReceivedReferralViewSet, basename="received-referral"
)

ssda903_patterns = [
    path("<int:year>/<slug:table>/", ssda903.ScopeExportView.as_view(), name="ssda903"),
    path(
        "<int:year>/<slug:table>/<str:gss_code>/",
        ssda903.CouncilExportView.as_view(),
        name="ssda903-council",
    ),
]

urlpatterns = [path("ssda903/", include(ssda903_patterns)), *router.urls]
