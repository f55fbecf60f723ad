"""The referral journey API, scoped exactly like the pages (API key in the Authorization header).

Council and RCC staff read the referrals, offers and placements of their scope; provider
staff read the minimised referrals sent to them and answer them through the same services
the pages call.
"""

from __future__ import annotations

from collections.abc import Callable

import django_filters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from placements.api.serializers import referrals as serializers
from placements.models import Offer, Placement, Referral
from placements.selectors import providers as provider_selectors
from placements.selectors import referrals as selectors
from placements.services import offers as services
from rcc import access
from rcc.api.base import ReadOnlyViewSet
from rcc.api.idempotency import HEADER as IDEMPOTENCY_KEY
from rcc.api.idempotency import REUSED, idempotent
from rcc.services import ServiceError

UUID_PATTERN = "[0-9a-fA-F-]{32,36}"


class ReferralFilter(django_filters.FilterSet):
    council = django_filters.CharFilter(field_name="local_authority__gss_code")

    class Meta:
        model = Referral
        fields = ["status", "search_type", "council"]


class OfferFilter(django_filters.FilterSet):
    council = django_filters.CharFilter(field_name="referral__local_authority__gss_code")
    referral = django_filters.UUIDFilter(field_name="referral__public_id")

    class Meta:
        model = Offer
        fields = ["status", "council", "referral"]


class PlacementFilter(django_filters.FilterSet):
    council = django_filters.CharFilter(field_name="local_authority__gss_code")

    class Meta:
        model = Placement
        fields = ["status", "route", "council"]


class ReferralViewSet(ReadOnlyViewSet):
    """Referrals of the caller's council (social workers, team managers) or region
    (commissioners, once submitted). The child appears by case ID only."""

    permission = access.VIEW_REFERRAL_QUEUE
    serializer_class = serializers.ReferralSerializer
    filterset_class = ReferralFilter
    lookup_field = "public_id"
    lookup_url_kwarg = "referral_id"
    lookup_value_regex = UUID_PATTERN

    def get_queryset(self):
        return selectors.referral_queue(self.request.user).prefetch_related("needs")


class OfferViewSet(ReadOnlyViewSet):
    """Providers' offers and declines for the referrals in the caller's scope."""

    permission = access.VIEW_REFERRAL_QUEUE
    serializer_class = serializers.OfferSerializer
    filterset_class = OfferFilter
    lookup_field = "public_id"
    lookup_url_kwarg = "offer_id"
    lookup_value_regex = UUID_PATTERN

    def get_queryset(self):
        return (
            access.offers_for(self.request.user)
            .select_related("referral__local_authority", "vacancy")
            .order_by("made_at", "id")
        )


class PlacementViewSet(ReadOnlyViewSet):
    """Placements of the caller's council or region."""

    permission = access.VIEW_REFERRAL_QUEUE
    serializer_class = serializers.PlacementSerializer
    filterset_class = PlacementFilter
    lookup_field = "public_id"
    lookup_url_kwarg = "placement_id"
    lookup_value_regex = UUID_PATTERN

    def get_queryset(self):
        return (
            access.placements_for(self.request.user)
            .select_related("referral", "offer", "child")
            .order_by("-start_date", "id")
        )


PROBLEM = OpenApiResponse(
    serializers.ProblemSerializer, description="A business rule said no; `detail` says why."
)
FIELD_ERRORS = OpenApiResponse(description="Field errors: each field name maps to its messages.")
NOT_FOUND = OpenApiResponse(description="No such referral was sent to your organisation.")


class ReceivedReferralViewSet(ReadOnlyViewSet):
    """Referrals sent to the caller's provider organisation, minimised: no name, date of
    birth, case ID, address, full postcode or school."""

    permission = access.RESPOND_TO_REFERRALS
    serializer_class = serializers.ReceivedReferralSerializer
    lookup_url_kwarg = "distribution_id"
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        received = provider_selectors.received_referrals(self.request.user)
        return received.prefetch_related("referral__needs")

    @extend_schema(
        request=serializers.MakeOfferSerializer,
        responses={
            201: serializers.ResponseSerializer,
            400: FIELD_ERRORS,
            404: NOT_FOUND,
            409: PROBLEM,
            422: REUSED,
        },
        parameters=[IDEMPOTENCY_KEY],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def offer(self, request: Request, distribution_id: str) -> Response:
        """Offer one of your settings (optionally a vacancy of it) at a weekly price."""
        distribution = self.get_object()
        data = _validated(serializers.MakeOfferSerializer, request)
        return _respond(
            lambda: services.make_offer(actor=request.user, distribution=distribution, **data)
        )

    @extend_schema(
        request=serializers.DeclineSerializer,
        responses={
            201: serializers.ResponseSerializer,
            400: FIELD_ERRORS,
            404: NOT_FOUND,
            409: PROBLEM,
            422: REUSED,
        },
        parameters=[IDEMPOTENCY_KEY],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def decline(self, request: Request, distribution_id: str) -> Response:
        """Decline the referral, with a reason."""
        distribution = self.get_object()
        data = _validated(serializers.DeclineSerializer, request)
        return _respond(
            lambda: services.decline(actor=request.user, distribution=distribution, **data)
        )


def _validated(serializer_class: type, request: Request) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)  # 400 with field errors
    return dict(serializer.validated_data)


def _respond(act: Callable[[], Offer]) -> Response:
    try:
        offer = act()
    except ServiceError as error:
        return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
    return Response(serializers.ResponseSerializer(offer).data, status=status.HTTP_201_CREATED)
