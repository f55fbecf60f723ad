"""The region's gap analysis, one cell's numbers, the headline measures, and the
new-provision projects (the region's analysts and commissioners)."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from rcc import access
from rcc.services import ServiceError
from rcc.tables import csv_response
from sufficiency.forms.strategy import ProjectForm, StageForm
from sufficiency.presenters import strategy as show
from sufficiency.selectors import gaps as selectors_gaps
from sufficiency.selectors import provision as selectors_provision
from sufficiency.selectors import strategy as selectors_strategy
from sufficiency.services import provision as services_provision

VIEW = access.VIEW_SUFFICIENCY
MANAGE = access.MANAGE_PROVISION


@require_GET
@permission_required(VIEW, raise_exception=True)
def gap_analysis(request: HttpRequest) -> HttpResponse:
    region = selectors_gaps.region_for(request.user)
    analysis = selectors_gaps.gap_analysis(region)
    download = request.GET.get("format")
    if download == "csv":
        return csv_response(f"gaps-{region.slug}", show.gap_csv_columns(), analysis.rows)
    if download == "needs-csv":
        return csv_response(f"gaps-by-need-{region.slug}", show.need_columns(), analysis.needs)
    if download == "pipeline-csv":
        return csv_response(f"pipeline-{region.slug}", show.pipeline_columns(), analysis.pipeline)
    return render(
        request,
        "sufficiency/strategy/gaps.html",
        {
            "title": f"Gap analysis: {region.name}",
            "analysis": analysis,
            "chart": show.gap_chart(analysis.rows) if analysis.rows else "",
            "region_columns": show.gap_columns(cell_link=True),
            "council_columns": show.gap_columns(cell_link=True),
            "need_columns": show.need_columns(),
            "pipeline_columns": show.pipeline_columns(link=True),
            "show": show,
        },
    )


@require_GET
@permission_required(VIEW, raise_exception=True)
def gap_cell(request: HttpRequest) -> HttpResponse:
    region = selectors_gaps.region_for(request.user)
    analysis = selectors_gaps.gap_analysis(region)
    area, category = request.GET.get("area", ""), request.GET.get("category", "")
    cell = selectors_gaps.cell(analysis, area=area, category=category)
    if request.GET.get("format") == "csv":
        return csv_response(f"settings-{area}-{category}", show.setting_columns(), cell.settings)
    return render(
        request,
        "sufficiency/strategy/cell.html",
        {
            "title": f"{area}: {show.category_name(category)}",
            "analysis": analysis,
            "cell": cell,
            "columns": show.gap_columns(cell_link=True),
            "pipeline_columns": show.pipeline_columns(link=True),
            "show": show,
        },
    )


@require_GET
@permission_required(VIEW, raise_exception=True)
def measures(request: HttpRequest) -> HttpResponse:
    region = selectors_gaps.region_for(request.user)
    rows = selectors_strategy.measure_rows(region)
    if request.GET.get("format") == "csv":
        return csv_response(f"measures-{region.slug}", show.measure_columns(), rows)
    return render(
        request,
        "sufficiency/strategy/measures.html",
        {
            "title": f"Sufficiency measures: {region.name}",
            "rows": rows,
            "columns": show.measure_columns(),
            "chart": show.measure_chart(rows),
            "overdue": selectors_strategy.open_actions_overdue(request.user),
        },
    )


# Projects ------------------------------------------------------------------------------------
@require_GET
@permission_required(VIEW, raise_exception=True)
def projects(request: HttpRequest) -> HttpResponse:
    rows = selectors_provision.projects(request.user)
    if request.GET.get("format") == "csv":
        return csv_response("provision-projects", show.pipeline_columns(), rows)
    return render(
        request,
        "sufficiency/strategy/projects.html",
        {
            "title": "New-provision projects",
            "rows": rows,
            "columns": show.pipeline_columns(link=True),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE, raise_exception=True)
def new_project(request: HttpRequest) -> HttpResponse:
    region = selectors_gaps.region_for(request.user)
    form = ProjectForm(request.POST or None, councils=selectors_provision.councils(request.user))
    if request.method == "POST" and form.is_valid():
        project = services_provision.create_project(
            region=region, data=form.cleaned_data, stage_on=timezone.localdate(), actor=request.user
        )
        return redirect("strategy:project", project_id=project.public_id)
    return _form(request, form, "Record a new-provision project", reverse("strategy:projects"))


def _form(request: HttpRequest, form, title: str, back: str, **extra) -> HttpResponse:
    context = {"title": title, "form": form, "submit_text": "Save", "back_url": back, **extra}
    return render(request, "form_page.html", context)


@require_GET
@permission_required(VIEW, raise_exception=True)
def project(request: HttpRequest, project_id) -> HttpResponse:
    item = selectors_provision.get_project_for_user(request.user, project_id)
    return render(
        request,
        "sufficiency/strategy/project.html",
        {
            "title": item.name,
            "project": item,
            "changes": selectors_provision.stage_changes(item),
            "rows": [item],
            "columns": show.pipeline_columns(),
            "form": StageForm(initial={"stage_on": timezone.localdate()}),
            "can_manage": access.can(request.user, MANAGE),
            "show": show,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE, raise_exception=True)
def edit_project(request: HttpRequest, project_id) -> HttpResponse:
    item = selectors_provision.get_project_for_user(request.user, project_id)
    councils = selectors_provision.councils(request.user)
    form = ProjectForm(request.POST or None, instance=item, councils=councils)
    back = reverse("strategy:project", kwargs={"project_id": item.public_id})
    if request.method == "POST" and form.is_valid():
        item = selectors_provision.get_project_for_user(request.user, project_id)  # unmodified
        services_provision.update_project(project=item, data=form.cleaned_data, actor=request.user)
        return redirect(back)
    return _form(request, form, f"Change {item.name}", back)


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE, raise_exception=True)
def project_stage(request: HttpRequest, project_id) -> HttpResponse:
    item = selectors_provision.get_project_for_user(request.user, project_id)
    form = StageForm(request.POST or None, initial={"stage_on": timezone.localdate()})
    back = reverse("strategy:project", kwargs={"project_id": item.public_id})
    if request.method == "POST" and form.is_valid():
        try:
            services_provision.change_stage(
                project=item,
                to_stage=form.cleaned_data["stage"],
                stage_on=form.cleaned_data["stage_on"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
            return redirect(back)
        except ServiceError as error:
            form.add_error("stage", str(error))
    return _form(request, form, f"Change the stage of {item.name}", back)
