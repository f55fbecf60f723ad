"""The read-only forecast API for RCC staff and DfE (API key in the Authorization header)."""

from __future__ import annotations

import django_filters

from rcc import access
from rcc.api.base import ListOnlyViewSet, ReadOnlyViewSet
from sufficiency.api.serializers import forecast as serializers
from sufficiency.models.forecast import ForecastFigure
from sufficiency.selectors import forecast as selectors


class ForecastFigureFilter(django_filters.FilterSet):
    run = django_filters.NumberFilter(field_name="run_id", required=True)

    class Meta:
        model = ForecastFigure
        fields = ["run", "category", "age_band", "week"]


class ForecastViewSet(ReadOnlyViewSet):
    """The newest baseline forecast of each region in scope (RCC staff: their own; DfE: all).

    A run's detail is any finished run in scope, baseline or scenario."""

    permission = access.USE_MARKET_API
    serializer_class = serializers.ForecastRunSerializer
    lookup_url_kwarg = "run_id"

    def get_queryset(self):
        if self.action == "list":
            return selectors.api_latest_baselines(self.request.user)
        return selectors.api_runs(self.request.user)


class ForecastFigureViewSet(ListOnlyViewSet):
    """Weekly figures of one run (``?run=<id>``): by age band x category, with "all" totals."""

    permission = access.USE_MARKET_API
    serializer_class = serializers.ForecastFigureSerializer
    filterset_class = ForecastFigureFilter
    pagination_class = ReadOnlyViewSet.pagination_class

    def list(self, request, *args, **kwargs):
        if "run" in request.query_params:  # another region's run: 404, as for a missing one
            access.get_api_run_for_user(request.user, request.query_params["run"])
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.api_figures(self.request.user)
