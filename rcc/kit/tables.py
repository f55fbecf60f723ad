"""One description of a table serves its HTML page and its CSV download."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from rcc import exports

PAGE_SIZE = 50


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    link: Callable[[Any], str] | None = None
    numeric: bool = False
    # The CSV's value when the page shows a label for a code: the CSV keeps the raw value.
    raw: Callable[[Any], Any] | None = None

    def text(self, row: Any) -> str:
        value = self.value(row)
        return "" if value is None else str(value)

    def csv_text(self, row: Any) -> str:
        value = (self.raw or self.value)(row)
        return "" if value is None else str(value)


def number(header: str, value: Callable[[Any], Any]) -> Column:
    """A right-aligned column of figures."""
    return Column(header, value, numeric=True)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(filename: str, columns: Sequence[Column], rows: Iterable[Any]):
    """Stream rows as CSV, with the same columns as the page's table."""
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow([c.header for c in columns])
        for row in rows:
            yield writer.writerow([_safe_cell(c.csv_text(row)) for c in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


# A cell starting with one of these may run as a formula in a spreadsheet (OWASP CSV
# injection): a tab or carriage return is skipped by some importers before the formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(text: str) -> str:
    signed_number = text[:1] in ("+", "-") and _is_number(text)
    return f"'{text}" if text[:1] in FORMULA_STARTS and not signed_number else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def render_list(
    request: HttpRequest,
    *,
    title: str,
    rows: Any,
    columns: Sequence[Column],
    csv_name: str,
    filter_form: Any = None,
    template: str = "list.html",
    extra: dict[str, Any] | None = None,
    audited: bool = False,
) -> HttpResponse:
    """A filtered, paginated table with its CSV download (``?format=csv``).

    ``audited``: the list identifies people, so each download is one audit event with
    its row count (``rcc.exports.audited_list``)."""
    if request.GET.get("format") == "csv" and (filter_form is None or filter_form.is_valid()):
        rows = rows.iterator(chunk_size=2000) if hasattr(rows, "iterator") else rows
        if audited:
            options = {k: v for k, v in request.GET.items() if k not in ("format", "page")}
            rows = exports.audited_list(rows, actor=request.user, name=csv_name, options=options)
        return csv_response(csv_name, columns, rows)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    context = {
        "title": title,
        "page": page,
        "columns": columns,
        "form": filter_form,
        "query": query.urlencode(),
        **(extra or {}),
    }
    return render(request, template, context)
