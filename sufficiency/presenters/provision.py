"""Display of new-provision projects: the names of their stages, need levels and types, and
the pipeline's columns (the same serve the page, the PDF and the CSV, read from live projects
or from a version's frozen rows), and the project pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.urls import reverse

from providers.models.choices import NeedLevel, SettingType
from rcc.kit.format import money
from rcc.kit.tables import Column, number
from sufficiency.models.provision import ProvisionProject, Stage
from sufficiency.presenters.forecast import category_name, count

STAGE_NAMES = dict(Stage.choices)
NEED_NAMES = dict(NeedLevel.choices)
TYPE_NAMES = dict(SettingType.choices)


def value(row: Any, name: str) -> Any:
    """A field of a row, whether a version's frozen dict or a live object."""
    return row[name] if isinstance(row, dict) else getattr(row, name)


def day(when: str | date | None) -> str:
    if not when:
        return "Not set"
    when = date.fromisoformat(when) if isinstance(when, str) else when
    return f"{when.day} {when:%B %Y}"


TEMPLATE_HELPERS = SimpleNamespace(day=day, count=count)  # ``show`` in the templates


def pipeline_columns(link: bool = False) -> list[Column]:
    return [
        Column("Project", lambda p: value(p, "name"), link=project_url if link else None),
        Column("Council", lambda p: _council(p)),
        Column("Category", lambda p: category_name(value(p, "category"))),
        Column("Need level", lambda p: NEED_NAMES.get(value(p, "need_level"), "")),
        Column("Type", lambda p: TYPE_NAMES.get(value(p, "provision_type"), "")),
        number("Places", lambda p: value(p, "places")),
        Column("Stage", lambda p: STAGE_NAMES.get(value(p, "stage"), value(p, "stage"))),
        Column("Expected to open", lambda p: day(value(p, "expected_open_on"))),
        number("Capital cost", lambda p: money(Decimal(str(value(p, "capital_cost"))))),
        number(
            "Revenue cost a year", lambda p: money(Decimal(str(value(p, "annual_revenue_cost"))))
        ),
        Column("Partner", lambda p: value(p, "partner")),
    ]


def _council(project: Any) -> str:
    if isinstance(project, dict):
        return project["council"]
    return project.local_authority.name


def project_url(project: ProvisionProject) -> str:
    return reverse("strategy:project", kwargs={"project_id": project.public_id})


# Pages ---------------------------------------------------------------------------------------
def projects_page(rows: Any) -> dict[str, Any]:
    return {
        "title": "New-provision projects",
        "rows": rows,
        "columns": pipeline_columns(link=True),
    }


def project_page(
    project: ProvisionProject, changes: Any, *, form: Any, can_manage: bool
) -> dict[str, Any]:
    return {
        "title": project.name,
        "project": project,
        "changes": changes,
        "rows": [project],
        "columns": pipeline_columns(),
        "form": form,
        "can_manage": can_manage,
        "show": TEMPLATE_HELPERS,
    }
