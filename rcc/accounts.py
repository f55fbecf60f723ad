"""No default or shared accounts (C13): every account is one named person's.

``create_user`` refuses the addresses of shared or default accounts, and a database check
(``manage.py check --database default``) reports any active one that got in another way.
"""

from __future__ import annotations

from django.core import checks

SHARED_LOCAL_PARTS = frozenset(
    {
        "admin",
        "administrator",
        "root",
        "test",
        "testing",
        "demo",
        "guest",
        "user",
        "shared",
        "office",
        "team",
        "info",
        "support",
        "superuser",
        "sysadmin",
    }
)


def is_shared_address(email: str) -> bool:
    local = email.strip().lower().partition("@")[0]
    return local in SHARED_LOCAL_PARTS


@checks.register(checks.Tags.database)
def no_shared_accounts(app_configs=None, databases=None, **kwargs) -> list[checks.CheckMessage]:
    if not databases or "default" not in databases:
        return []
    from django.db import connections

    from rcc.models import User

    if User._meta.db_table not in connections["default"].introspection.table_names():
        return []  # not migrated yet (``migrate`` runs the database checks first)

    from rcc.selectors import active_emails

    shared = [email for email in active_emails() if is_shared_address(email)]
    return [
        checks.Error(
            f"Active shared or default account {email}: accounts must be personal.",
            hint="Deactivate it and give each person their own account.",
            id="rcc.E001",
        )
        for email in shared
    ]
