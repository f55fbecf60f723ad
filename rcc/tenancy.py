"""How a tenant-scoped row says whom it belongs to.

A model whose rows belong to a council, a region or a provider organisation declares it::

    class Child(models.Model):
        tenancy = Tenancy(council="local_authority")

Each field is a lookup path from the model to a foreign key (``"child__local_authority"``).
``rcc.access`` scopes any queryset of the model from this declaration, so the ground floor
never imports a domain model; ``manage.py lint_scoping`` finds the scoped models by it, so a
new model cannot escape the lint.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Tenancy:
    council: str | None = None
    region: str | None = None
    provider: str | None = None

    @property
    def region_path(self) -> str | None:
        """The path to the region: declared, or through the council."""
        if self.region:
            return self.region
        return f"{self.council}__region" if self.council else None


def tenancy_of(model: Any) -> Tenancy | None:
    declared = getattr(model, "tenancy", None)
    return declared if isinstance(declared, Tenancy) else None
