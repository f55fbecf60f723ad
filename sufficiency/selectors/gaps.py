"""Reads behind the gap analysis: the region's inputs as of its latest forecast (read once by
``inputs.load``), handed to the pure ``sufficiency.gaps``; and the settings behind one cell.

Every function takes a region the caller was already allowed to see (``region_for``) and
returns counts, never a child. Queries are a fixed number whatever the region's size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import Http404

from providers.models import NeedLevel, Setting
from rcc import access
from rcc.models import Region
from sufficiency import gaps
from sufficiency.models.forecast import ForecastRun
from sufficiency.models.provision import ProvisionProject
from sufficiency.selectors import inputs
from sufficiency.selectors.forecast import latest_run

NEED_LEVELS = tuple(NeedLevel.values)


def region_for(user: Any) -> Region:
    """The one region whose sufficiency the user works on (analysts and commissioners)."""
    if not access.can(user, access.VIEW_SUFFICIENCY):
        raise Http404
    region = access.regions_for(user).first()
    if region is None:
        raise Http404
    return region


@dataclass
class GapAnalysis:
    region: Region
    run: ForecastRun | None
    inputs: inputs.Inputs
    rows: list[gaps.GapTableRow] = field(default_factory=list)
    needs: list[gaps.NeedRow] = field(default_factory=list)

    @property
    def pipeline(self) -> list[ProvisionProject]:
        return self.inputs.projects

    @property
    def region_rows(self) -> list[gaps.GapTableRow]:
        return [row for row in self.rows if row.area == gaps.REGION]

    @property
    def council_rows(self) -> list[gaps.GapTableRow]:
        return [row for row in self.rows if row.area != gaps.REGION]


def gap_analysis(region: Region) -> GapAnalysis:
    run = latest_run(region)
    data = inputs.load(region, run)
    if run is None:
        return GapAnalysis(region, None, data)
    rows, needs = gaps.analyse(
        councils=list(data.councils),
        means=data.means,
        children=data.children,
        places=data.supply.places,
        vacancies=data.supply.vacancies,
        placed=data.placed,
        pipeline=data.planned,
        need_levels=NEED_LEVELS,
    )
    return GapAnalysis(region, run, data, rows, needs)


# Drilling down into one cell -----------------------------------------------------------------
@dataclass
class Cell:
    row: gaps.GapTableRow
    council_rows: list[gaps.GapTableRow]  # the region's cell: its councils' rows
    settings: list[Setting]
    carers: dict[str, int]
    children_now: int  # the council's children in the category on the forecast's day
    region_children_now: int
    projects: list[ProvisionProject]


def cell(analysis: GapAnalysis, *, area: str, category: str) -> Cell:
    """The numbers behind one (council, category) cell, or 404 for one not in the table."""
    found = [r for r in analysis.rows if r.area == area and r.category == category]
    if not found or analysis.run is None:
        raise Http404
    children = analysis.inputs.children
    in_region = sum(n for (_, c), n in children.items() if c == category)
    whole_region = area == gaps.REGION
    return Cell(
        row=found[0],
        council_rows=[r for r in analysis.council_rows if r.category == category]
        if whole_region
        else [],
        settings=cell_settings(analysis.region, area=area, category=category),
        carers=_carers(analysis.inputs.supply, area) if category == "fostering_other" else {},
        children_now=in_region if whole_region else children.get((area, category), 0),
        region_children_now=in_region,
        projects=[
            p
            for p in analysis.pipeline
            if p.category == category and area in (gaps.REGION, p.local_authority.name)
        ],
    )


def _carers(supply: inputs.Supply, area: str) -> dict[str, int]:
    """The approved foster carers counted in the area's places, and their places."""
    if area == gaps.REGION:
        places = supply.region_places()
        return {"count": sum(supply.carers.values()), "places": places.get(gaps.FOSTER_CARERS, 0)}
    places = supply.places.get(area, {})
    return {"count": supply.carers.get(area, 0), "places": places.get(gaps.FOSTER_CARERS, 0)}


def cell_settings(region: Region, *, area: str, category: str) -> list[Setting]:
    """The active settings whose places a cell counts, by name."""
    kinds = gaps.SETTING_TYPES_OF_CATEGORY[category]
    settings = Setting.objects.in_region(region.pk).active().filter(setting_type__in=kinds)
    if area != gaps.REGION:
        settings = settings.filter(local_authority__name=area)
    return list(settings.select_related("provider", "local_authority").order_by("name"))
