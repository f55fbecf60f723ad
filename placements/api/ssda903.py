"""The SSDA903 return by API: one table of one collection year, for one council or for every
council in the key's scope, as the return's CSV (exact columns, DD/MM/YYYY) or as JSON.

Both formats stream: rows are read in chunks and written one by one, so the national
episodes table of a year never sits in memory. Each request leaves one audit event, written
when its stream ends, with the number of rows sent (``rcc.exports``). Who may export which
councils is decided in ``rcc.access`` (DfE analysts and administrators: every council; RCC
staff: their region's; another region's council is not found).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from django.http import Http404, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request

from placements.selectors import ssda903 as selectors_903
from placements.ssda903 import specs
from rcc import access
from rcc.api import JsonOnly, KeyedAPIView
from rcc.exports import Export, audited_stream

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
        query = ExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        fmt = query.validated_data["format"]
        try:
            columns = selectors_903.columns_for(table, specs.check_year(int(year)))
        except (KeyError, ValueError):
            raise Http404 from None  # no such table or year
        if council is not None:
            councils = access.councils_for_903_export(request.user).filter(pk=council.pk)
        else:
            councils = access.councils_for_903_export(request.user)
        membership = access.acting_membership(request.user)
        export = Export(
            dataset=f"ssda903.{table}",
            options={"year": year, "council": council.gss_code if council else "all in scope"},
            format=fmt,
            local_authority=council,
            region=membership.region if membership and council is None else None,
        )
        # CSV: tuples of cells in column order (no dict per row); JSON: an object per row.
        read = selectors_903.export_cells if fmt == "csv" else selectors_903.export_rows
        rows = audited_stream(
            read(councils=councils, year=int(year), table=table),
            actor=request.user,
            export=export,
            key_prefix=getattr(request.auth, "prefix", ""),
        )
        name = f"ssda903-{year}-{table}-{council.gss_code if council else 'all'}"
        if fmt == "csv":
            response = StreamingHttpResponse(
                selectors_903.csv_lines(columns, rows), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
            return response
        codes = list(councils.values_list("gss_code", flat=True))
        head = {
            "table": table,
            "year": int(year),
            "collection_year": specs.year_label(int(year)),
            "councils": codes,
            "columns": columns,
        }
        return StreamingHttpResponse(_json_lines(head, rows), content_type="application/json")


def _json_lines(head: dict, rows: Iterable[dict[str, str]]) -> Iterator[str]:
    """``head`` with a ``rows`` array, one row per chunk of text."""
    yield json.dumps(head)[:-1] + ', "rows": ['
    separator = "\n"
    for row in rows:
        yield separator + json.dumps(row)
        separator = ",\n"
    yield "\n]}\n"


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
