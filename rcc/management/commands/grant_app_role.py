"""Give the role the web and worker processes connect as exactly what the application needs.

The tables' owner (who runs migrations) keeps every right; the application role may read and
write every table but may only read and add audit events: UPDATE, DELETE and TRUNCATE on
``rcc_auditevent`` are not granted (C32; ADR 0003). Run after each ``migrate``:
``manage.py grant_app_role rcc_app``. PostgreSQL only.
"""

from __future__ import annotations

import re

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from rcc.models import AuditEvent

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class Command(BaseCommand):
    help = "Grant the application's database role its rights (audit rows: SELECT and INSERT only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("role", help="the PostgreSQL role the application connects as")

    def handle(self, *args, role: str, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Roles and grants need PostgreSQL.")
        if not _IDENTIFIER.match(role):
            raise CommandError("The role must be a lower-case PostgreSQL identifier.")
        audit = AuditEvent._meta.db_table
        statements = [
            f"GRANT USAGE ON SCHEMA public TO {role}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
            f"REVOKE UPDATE, DELETE, TRUNCATE ON {audit} FROM {role}",
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone() is None:
                raise CommandError(f"No role {role}: create it first (CREATE ROLE {role} LOGIN).")
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(f"{role} may read and write every table; {audit}: SELECT and INSERT.")
