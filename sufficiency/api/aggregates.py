"""Regional aggregates for DfE and RCC staff (API key in the Authorization header).

Counts and money by region and council, never a child; each endpoint reads one figures scope
of ``rcc.access`` (RCC staff: their region; DfE and administrators: every region).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema

from rcc import access, exports
from rcc.api.base import ListOnlyViewSet, ReadOnlyViewSet
from sufficiency.api.serializers import aggregates as serializers
from sufficiency.selectors import aggregates as selectors


class _AggregateViewSet(ListOnlyViewSet):
    permission = access.USE_AGGREGATES_API
    pagination_class = ReadOnlyViewSet.pagination_class
    figures: Callable[..., list[Any]]
    query_serializer: type = serializers.FiguresQuerySerializer

    def get_queryset(self):
        return access.regions_for_figures(self.request.user).none()  # for the schema only

    def list(self, request, *args, **kwargs):
        options = self._options(request)
        rows = type(self).figures(request.user, **options)
        self._record(request, options, len(rows))
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _options(self, request) -> dict[str, Any]:
        """The validated query parameters (400 with the parameter's messages); ``on``, when
        the figures describe a day, defaults to today."""
        query = self.query_serializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        options = dict(query.validated_data)
        if "on" in query.fields:
            options.setdefault("on", timezone.localdate())
        return options

    def _record(self, request, options: dict[str, Any], rows: int) -> None:
        """One export event per request, with every row of every page."""
        membership = access.acting_membership(request.user)
        exports.record_export(
            actor=request.user,
            export=exports.Export(
                dataset=self.basename,
                options=options,
                region=membership.region if membership else None,
            ),
            rows=rows,
            key_prefix=getattr(request.auth, "prefix", ""),
        )


def _documented(serializer: type, description: str, query: type | None = None) -> Any:
    return extend_schema(
        parameters=[query or serializers.FiguresQuerySerializer],
        responses=serializer(many=True),
        description=description,
    )


class ChildrenInCareViewSet(_AggregateViewSet):
    serializer_class = serializers.CareCountSerializer
    figures = staticmethod(selectors.children_in_care)

    @_documented(
        serializers.CareCountSerializer,
        "Children in care on a day by council, placement category, age band and legal status "
        "(non-zero cells only), from open 903 episodes.",
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class DistanceBandsViewSet(_AggregateViewSet):
    serializer_class = serializers.DistanceBandsSerializer
    figures = staticmethod(selectors.distance_bands)

    @_documented(
        serializers.DistanceBandsSerializer,
        "Placements current on a day by council: under or over 20 miles from home (or "
        "unknown), and inside or outside the child's council.",
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class WeeklyCostsViewSet(_AggregateViewSet):
    serializer_class = serializers.WeeklyCostsSerializer
    figures = staticmethod(selectors.weekly_costs)

    @_documented(
        serializers.WeeklyCostsSerializer,
        "Agreed weekly costs of placements current on a day, by region and placement type: "
        "count, total, mean and median, overall, on framework and spot.",
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class MarketStatisticsViewSet(_AggregateViewSet):
    serializer_class = serializers.MarketStatisticsSerializer
    figures = staticmethod(selectors.market_statistics)
    query_serializer = serializers.RegionQuerySerializer

    @_documented(
        serializers.MarketStatisticsSerializer,
        "Provider market now, by region and setting type: providers, active settings, "
        "registered places, open vacancies and Ofsted judgements.",
        serializers.RegionQuerySerializer,
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)
