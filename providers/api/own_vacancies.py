"""A provider's own vacancies through the provider API (ADR 0022): the portal's services."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers as drf
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from providers.api.serializers import market
from providers.api.serializers import webhooks as serializers
from providers.services import vacancies as services
from rcc import access
from rcc.api.base import ReadOnlyViewSet
from rcc.api.idempotency import HEADER as IDEMPOTENCY_KEY
from rcc.api.idempotency import REUSED, idempotent
from rcc.services import ServiceError

PROBLEM = OpenApiResponse(description="A business rule said no; `detail` says why.")
FIELD_ERRORS = OpenApiResponse(description="Field errors: each field name maps to its messages.")
NOT_FOUND = OpenApiResponse(description="No such vacancy of your organisation.")
WRITE = {400: FIELD_ERRORS, 404: NOT_FOUND, 409: PROBLEM, 422: REUSED}


class OwnVacancyViewSet(ReadOnlyViewSet):
    """Your organisation's vacancies: report one, withdraw one."""

    permission = access.USE_PROVIDER_PORTAL
    serializer_class = market.VacancySerializer
    lookup_field = "public_id"
    lookup_url_kwarg = "vacancy_id"
    lookup_value_regex = "[0-9a-fA-F-]{32,36}"

    def get_queryset(self):
        return access.vacancies_for(self.request.user).prefetch_related("needs")

    @extend_schema(
        request=serializers.ReportVacancySerializer,
        responses={201: market.VacancySerializer, **WRITE},
        parameters=[IDEMPOTENCY_KEY],
    )
    @idempotent
    def create(self, request):
        """Report a vacancy of one of your active settings."""
        data = _valid(serializers.ReportVacancySerializer, request)
        setting = access.get_setting_for_user(request.user, data.pop("setting"))
        return _act(lambda: services.report_vacancy(actor=request.user, setting=setting, **data))

    @extend_schema(
        request=serializers.WithdrawVacancySerializer,
        responses={201: market.VacancySerializer, **WRITE},
        parameters=[IDEMPOTENCY_KEY],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def withdraw(self, request, vacancy_id: str):
        """Withdraw a vacancy, with a reason."""
        vacancy = self.get_object()
        data = _valid(serializers.WithdrawVacancySerializer, request)
        return _act(lambda: services.withdraw_vacancy(actor=request.user, vacancy=vacancy, **data))


def _valid(serializer_class: type[drf.Serializer], request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _act(act) -> Response:
    try:
        vacancy = act()
    except ServiceError as error:
        return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
    return Response(market.VacancySerializer(vacancy).data, status=status.HTTP_201_CREATED)
