"""A provider's webhook endpoints and delivery log (ADR 0022), for provider-staff keys."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from providers.api.serializers import webhooks as serializers
from providers.services import webhooks as services
from rcc import access
from rcc.api.base import ReadOnlyViewSet
from rcc.api.idempotency import HEADER as IDEMPOTENCY_KEY
from rcc.api.idempotency import REUSED, idempotent
from rcc.services import ServiceError

UUID_PATTERN = "[0-9a-fA-F-]{32,36}"
PROBLEM = OpenApiResponse(description="A business rule said no; `detail` says why.")
FIELD_ERRORS = OpenApiResponse(description="Field errors: each field name maps to its messages.")
NOT_FOUND = OpenApiResponse(description="No such endpoint of your organisation.")


class WebhookEndpointViewSet(ReadOnlyViewSet):
    """Your organisation's webhook endpoints. Events: `referral.received`, `offer.decided`,
    `referral.deadline_approaching`; each POST is signed (see the provider API guide)."""

    permission = access.MANAGE_WEBHOOKS
    serializer_class = serializers.WebhookEndpointSerializer
    lookup_field = "public_id"
    lookup_url_kwarg = "endpoint_id"
    lookup_value_regex = UUID_PATTERN

    def get_queryset(self):
        return access.webhook_endpoints_for(self.request.user)

    @extend_schema(
        request=serializers.RegisterEndpointSerializer,
        responses={
            201: serializers.WebhookEndpointWithSecretSerializer,
            400: FIELD_ERRORS,
            409: PROBLEM,
            422: REUSED,
        },
        parameters=[IDEMPOTENCY_KEY],
    )
    @idempotent
    def create(self, request):
        """Register an endpoint (https). The answer holds its signing secret, once."""
        serializer = serializers.RegisterEndpointSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        provider = access.providers_for(request.user).first()
        try:
            endpoint, _ = services.register_endpoint(
                actor=request.user, provider=provider, url=serializer.validated_data["url"]
            )
        except ServiceError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        data = serializers.WebhookEndpointWithSecretSerializer(endpoint).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={
            200: serializers.WebhookEndpointWithSecretSerializer,
            404: NOT_FOUND,
            409: PROBLEM,
            422: REUSED,
        },
        parameters=[IDEMPOTENCY_KEY],
    )
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    @idempotent
    def rotate_secret(self, request, endpoint_id: str):
        """A new secret; the old one still signs (a second `v1=`) for 24 hours."""
        endpoint = self.get_object()
        try:
            endpoint, _ = services.rotate_secret(actor=request.user, endpoint=endpoint)
        except ServiceError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return Response(serializers.WebhookEndpointWithSecretSerializer(endpoint).data)

    @extend_schema(
        request=None,
        responses={200: serializers.WebhookEndpointSerializer, 404: NOT_FOUND, 422: REUSED},
        parameters=[IDEMPOTENCY_KEY],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def disable(self, request, endpoint_id: str):
        """Stop sending to this endpoint."""
        endpoint = self.get_object()
        services.disable_endpoint(actor=request.user, endpoint=endpoint)
        endpoint.refresh_from_db()
        return Response(serializers.WebhookEndpointSerializer(endpoint).data)


class WebhookDeliveryViewSet(ReadOnlyViewSet):
    """The delivery log: every event sent to your endpoints, its attempts and last answer."""

    permission = access.MANAGE_WEBHOOKS
    serializer_class = serializers.WebhookDeliverySerializer
    lookup_field = "public_id"
    lookup_url_kwarg = "delivery_id"
    lookup_value_regex = UUID_PATTERN

    def get_queryset(self):
        return access.webhook_deliveries_for(self.request.user)
