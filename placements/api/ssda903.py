"""The SSDA903 return by API: one table of one collection year, for one council or for every
council in the key's scope, as the return's CSV (exact columns, DD/MM/YYYY) or as JSON.

Both formats stream: rows are read in chunks and written one by one, so the national
episodes table of a year never sits in memory. The rows come from the one 903 export service
(``placements.services.ssda903.export_table``, which ``manage.py export_903`` calls too): each
request leaves one audit event, written when its stream ends, with the number of rows sent
(``rcc.exports``). Who may export which councils is decided in ``rcc.access`` (DfE analysts
and administrators: every council; RCC staff: their region's; another region's council is not
found).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import Http404, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request

from placements.presenters import ssda903 as presenters
from placements.selectors import ssda903 as selectors
from placements.services import ssda903 as services
from placements.ssda903 import specs
from rcc import access
from rcc.api.base import JsonOnly, KeyedAPIView

FORMATS = ("json", "csv")


class ExportQuerySerializer(serializers.Serializer):
    format = serializers.ChoiceField(
        choices=FORMATS, default="json", help_text="`csv`: the return's file; `json`: the rows."
    )


class ExportJsonSerializer(serializers.Serializer):
    table = serializers.ChoiceField(choices=list(specs.TABLES))
    year = serializers.IntegerField(help_text="The year the collection year ends (2026: 2025/26)")
    collection_year = serializers.CharField(help_text="As the DfE writes it, e.g. 2025/26")
    councils = serializers.ListField(child=serializers.CharField(), help_text="GSS codes")
    columns = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField(allow_blank=True)),
        help_text="One object per row: column -> value, as in the CSV (dates DD/MM/YYYY)",
    )


PATH_PARAMETERS = [
    OpenApiParameter(
        "year",
        {"type": "integer", "minimum": 0},
        OpenApiParameter.PATH,
        description=f"Collection year by its end ({specs.FIRST_YEAR}-{specs.LAST_YEAR})",
    ),
    OpenApiParameter("table", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(specs.TABLES)),
]
RESPONSES = {
    (200, "application/json"): ExportJsonSerializer,
    (200, "text/csv"): OpenApiResponse(
        OpenApiTypes.STR, description="The table's CSV file, header line first"
    ),
}


class _Export903(KeyedAPIView):
    permission = access.EXPORT_903
    content_negotiation_class = JsonOnly

    def _export(self, request: Request, year: int, table: str, council=None):
        fmt = _format(request)  # a bad ?format= is a 400 before a bad year or table's 404
        columns = _columns_or_404(table, year)
        councils = selectors.councils_to_export(request.user, council)
        rows = services.export_table(
            actor=request.user,
            councils=councils,
            year=year,
            table=table,
            fmt=fmt,
            council=council,
            key_prefix=getattr(request.auth, "prefix", ""),
        )
        if fmt == "csv":
            return _csv_response(columns, rows, presenters.export_name(year, table, council))
        return _json_response(rows, table=table, year=year, councils=councils, columns=columns)


def _format(request: Request) -> str:
    query = ExportQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data["format"]


def _columns_or_404(table: str, year: int) -> list[str]:
    try:
        return selectors.columns_for(table, specs.check_year(year))
    except (KeyError, ValueError):
        raise Http404 from None  # no such table or year


def _csv_response(columns: list[str], rows: Iterable, name: str) -> StreamingHttpResponse:
    # CSV: tuples of cells in column order (no dict per row).
    lines = selectors.csv_lines(columns, rows)
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _json_response(rows: Iterable, *, table: str, year: int, councils, columns: list[str]):
    codes = selectors.gss_codes(councils)
    head = presenters.export_head(table=table, year=year, councils=codes, columns=columns)
    lines = presenters.json_lines(head, rows)
    return StreamingHttpResponse(lines, content_type="application/json")


class CouncilExportView(_Export903):
    @extend_schema(
        operation_id="ssda903_council_export",
        parameters=[
            *PATH_PARAMETERS,
            OpenApiParameter(
                "gss_code",
                {"type": "string", "pattern": r"^E\d{8}$"},
                OpenApiParameter.PATH,
                description="The council's ONS GSS code",
            ),
            ExportQuerySerializer,
        ],
        responses=RESPONSES,
        description="One 903 table of one council for one collection year (1 April to "
        "31 March), streamed. A council outside the key's scope is not found.",
    )
    def get(self, request: Request, year: int, table: str, gss_code: str):
        council = access.get_council_for_903_export(request.user, gss_code)
        return self._export(request, year, table, council)


class ScopeExportView(_Export903):
    @extend_schema(
        operation_id="ssda903_scope_export",
        parameters=[*PATH_PARAMETERS, ExportQuerySerializer],
        responses=RESPONSES,
        description="One 903 table for every council in the key's scope (a region, or "
        "England for DfE), council by council, streamed. Child ids are unique within a "
        "council only.",
    )
    def get(self, request: Request, year: int, table: str):
        return self._export(request, year, table)
