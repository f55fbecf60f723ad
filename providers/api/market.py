"""The read-only market API for RCC staff and DfE (API key in the Authorization header)."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from providers import prices
from providers.api.serializers import market as serializers
from providers.models import Application, Setting, Vacancy
from providers.selectors.frameworks import framework_applications
from providers.selectors.market import price_observations
from providers.selectors.register import provider_register, settings_search
from providers.selectors.vacancies import vacancy_search
from rcc import access
from rcc.api.base import ListOnlyViewSet, ReadOnlyViewSet


class SettingFilter(django_filters.FilterSet):
    council = django_filters.CharFilter(field_name="local_authority__gss_code")

    class Meta:
        model = Setting
        fields = ["setting_type", "status", "latest_judgement", "council"]


class VacancyFilter(django_filters.FilterSet):
    council = django_filters.CharFilter(field_name="setting__local_authority__gss_code")
    setting_type = django_filters.CharFilter(field_name="setting__setting_type")
    age = django_filters.NumberFilter(method="filter_age")

    class Meta:
        model = Vacancy
        fields = ["status", "setting_type", "council", "age"]

    def filter_age(self, queryset, name, value):
        return queryset.filter(age_min__lte=value, age_max__gte=value)


class ProviderViewSet(ReadOnlyViewSet):
    """Provider organisations the caller's scope covers."""

    permission = access.USE_MARKET_API
    serializer_class = serializers.ProviderSerializer
    filterset_fields = ["sector"]
    lookup_url_kwarg = "provider_id"

    def get_queryset(self):
        return provider_register(self.request.user)


class SettingViewSet(ReadOnlyViewSet):
    """Settings (homes, agencies, services) in the caller's region, or all for DfE."""

    permission = access.USE_MARKET_API
    serializer_class = serializers.SettingSerializer
    filterset_class = SettingFilter
    lookup_field = "public_id"
    lookup_url_kwarg = "setting_id"

    def get_queryset(self):
        return settings_search(self.request.user).prefetch_related("needs")


class VacancyViewSet(ReadOnlyViewSet):
    """Vacancies reported by settings in scope."""

    permission = access.USE_MARKET_API
    serializer_class = serializers.VacancySerializer
    filterset_class = VacancyFilter
    lookup_field = "public_id"
    lookup_url_kwarg = "vacancy_id"

    def get_queryset(self):
        return vacancy_search(self.request.user).prefetch_related("needs")


class FrameworkMembershipViewSet(ReadOnlyViewSet):
    """Providers admitted to framework lots."""

    permission = access.USE_MARKET_API
    serializer_class = serializers.FrameworkMembershipSerializer
    lookup_url_kwarg = "application_id"

    def get_queryset(self):
        return framework_applications(self.request.user).filter(status=Application.Status.ADMITTED)


class PriceStatisticsViewSet(ListOnlyViewSet):
    """Agreed weekly prices of current placements: quartiles by placement type and need level."""

    permission = access.USE_MARKET_API
    serializer_class = serializers.PriceStatisticsSerializer
    pagination_class = None

    @extend_schema(responses=serializers.PriceStatisticsSerializer(many=True))
    def list(self, request, *args, **kwargs):
        segments = prices.segment_statistics(price_observations(request.user))
        return Response(self.get_serializer(segments, many=True).data)

    def get_queryset(self):
        return settings_search(self.request.user).none()  # for schema generation only
