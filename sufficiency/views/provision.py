"""New-provision projects: the region's list, one project, recording, changing and moving
one through its stages (the region's analysts and commissioners)."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from rcc import access
from rcc.flows import form_page
from rcc.kit.tables import csv_response
from rcc.services import ServiceError
from sufficiency.forms.provision import ProjectForm, StageForm
from sufficiency.models.provision import ProvisionProject
from sufficiency.presenters import provision as presenters
from sufficiency.selectors import provision as selectors
from sufficiency.selectors.gaps import region_for
from sufficiency.services import provision as services

VIEW = access.VIEW_SUFFICIENCY
MANAGE = access.MANAGE_PROVISION


@require_GET
@permission_required(VIEW, raise_exception=True)
def projects(request: HttpRequest) -> HttpResponse:
    rows = selectors.projects(request.user)
    if request.GET.get("format") == "csv":
        return csv_response("provision-projects", presenters.pipeline_columns(), rows)
    return render(request, "sufficiency/strategy/projects.html", presenters.projects_page(rows))


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE, raise_exception=True)
def new_project(request: HttpRequest) -> HttpResponse:
    region = region_for(request.user)
    form = ProjectForm(request.POST or None, councils=selectors.councils(request.user))
    if request.method == "POST" and form.is_valid():
        project = services.create_project(
            region=region, data=form.cleaned_data, stage_on=timezone.localdate(), actor=request.user
        )
        return redirect("strategy:project", project_id=project.public_id)
    title, back = "Record a new-provision project", reverse("strategy:projects")
    return form_page(request, form, title=title, submit_text="Save", back_url=back)


@require_GET
@permission_required(VIEW, raise_exception=True)
def project(request: HttpRequest, project_id) -> HttpResponse:
    item = access.get_project_for_user(request.user, project_id)
    form = StageForm(initial={"stage_on": timezone.localdate()})
    can_manage = access.can(request.user, MANAGE)
    context = presenters.project_page(
        item, selectors.stage_changes(item), form=form, can_manage=can_manage
    )
    return render(request, "sufficiency/strategy/project.html", context)


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE, raise_exception=True)
def edit_project(request: HttpRequest, project_id) -> HttpResponse:
    item = access.get_project_for_user(request.user, project_id)
    councils = selectors.councils(request.user)
    form = ProjectForm(request.POST or None, instance=item, councils=councils)
    back = presenters.project_url(item)
    if request.method == "POST" and form.is_valid():
        item = access.get_project_for_user(request.user, project_id)  # unmodified
        services.update_project(project=item, data=form.cleaned_data, actor=request.user)
        return redirect(back)
    return form_page(request, form, title=f"Change {item.name}", submit_text="Save", back_url=back)


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE, raise_exception=True)
def project_stage(request: HttpRequest, project_id) -> HttpResponse:
    item = access.get_project_for_user(request.user, project_id)
    form = StageForm(request.POST or None, initial={"stage_on": timezone.localdate()})
    back = presenters.project_url(item)
    if request.method == "POST" and form.is_valid() and _moved(request, item, form):
        return redirect(back)
    title = f"Change the stage of {item.name}"
    return form_page(request, form, title=title, submit_text="Save", back_url=back)


def _moved(request: HttpRequest, item: ProvisionProject, form: StageForm) -> bool:
    """Move the project to the stage posted; a refusal becomes an error on the form."""
    data = form.cleaned_data
    try:
        services.change_stage(
            project=item,
            to_stage=data["stage"],
            stage_on=data["stage_on"],
            note=data["note"],
            actor=request.user,
        )
    except ServiceError as error:
        form.add_error("stage", str(error))
        return False
    return True
