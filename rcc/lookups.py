"""``AnyOf``: a column among many values, sent as one parameter where the database allows.

``filter(pk__in=ids)`` writes one placeholder per value; with hundreds of ids the driver then
spends longer splitting and quoting the query (psycopg caches only queries of up to 50
parameters) than PostgreSQL spends running it. ``AnyOf(F("setting_id"), ids)`` sends the ids as
one array (``= ANY(%s)``, which PostgreSQL plans exactly as the ``IN`` list it rewrites to); other
databases get the ``IN`` list. The values go to the database as given (ints, strings): they are
not converted by the field one by one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import BooleanField, Lookup


class AnyOf(Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def __init__(self, lhs: Any, values: Iterable[Any]) -> None:
        super().__init__(lhs, list(values))

    @property
    def output_field(self):
        return BooleanField()

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = self.rhs  # as the database takes them (ids, strings): not converted one by one
        if not values:
            return "1 = 0", []
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*lhs_params, values]
        placeholders = ", ".join(["%s"] * len(values))
        return f"{lhs} IN ({placeholders})", [*lhs_params, *values]
