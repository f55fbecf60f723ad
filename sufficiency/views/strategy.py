"""Drafting and approving the strategy (the region's analysts draft, commissioners decide),
its actions, and the region's headline measures over time."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rcc import access
from rcc.flows import form_page
from rcc.kit.tables import csv_response
from rcc.services import ServiceError
from sufficiency.forms.strategy import ActionForm, DecisionForm, SectionsForm, StrategyForm
from sufficiency.models.strategy import StrategyVersion
from sufficiency.presenters import pdf
from sufficiency.presenters import strategy as presenters
from sufficiency.selectors import strategy as selectors
from sufficiency.selectors.gaps import region_for
from sufficiency.services import strategy as services

VIEW = access.VIEW_SUFFICIENCY
DRAFT = access.DRAFT_STRATEGY
APPROVE = access.APPROVE_STRATEGY


@require_GET
@permission_required(VIEW, raise_exception=True)
def strategies(request: HttpRequest) -> HttpResponse:
    actions = selectors.actions(request.user)
    if request.GET.get("format") == "csv":
        return csv_response("strategy-actions", presenters.action_columns(), actions)
    context = presenters.strategies_page(
        selectors.strategies(request.user),
        selectors.versions(request.user),
        actions,
        can_draft=access.can(request.user, DRAFT),
    )
    return render(request, "sufficiency/strategy/strategies.html", context)


@require_http_methods(["GET", "POST"])
@permission_required(DRAFT, raise_exception=True)
def new_strategy(request: HttpRequest) -> HttpResponse:
    region = region_for(request.user)
    form = StrategyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        version = services.create_strategy(region=region, actor=request.user, **form.cleaned_data)
        return redirect("strategy:version", version_id=version.pk)
    title, back = "Start a sufficiency strategy", reverse("strategy:strategies")
    return form_page(request, form, title=title, submit_text="Save", back_url=back)


@require_POST
@permission_required(DRAFT, raise_exception=True)
def new_version(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = access.get_strategy_for_user(request.user, strategy_id)
    try:
        version = services.start_new_version(strategy=strategy, actor=request.user)
    except ServiceError as error:
        return _refused(request, str(error), reverse("strategy:strategies"))
    return redirect("strategy:version", version_id=version.pk)


def _refused(request: HttpRequest, message: str, back: str) -> HttpResponse:
    context = presenters.refused_page(message, back)
    return render(request, "sufficiency/strategy/refused.html", context, status=409)


@require_GET
@permission_required(VIEW, raise_exception=True)
def version(request: HttpRequest, version_id: int) -> HttpResponse:
    item = access.get_version_for_user(request.user, version_id)
    download = request.GET.get("format")
    if download in presenters.DOWNLOADS:
        suffix = f"{item.strategy.region.slug}-{item.pk}"
        return csv_response(*presenters.download(item, download, suffix))
    context = presenters.version_page(
        item,
        selectors.decisions(item),
        can_draft=access.can(request.user, DRAFT),
        can_approve=access.can(request.user, APPROVE),
    )
    return render(request, "sufficiency/strategy/version.html", context)


@require_GET
@permission_required(VIEW, raise_exception=True)
def version_pdf(request: HttpRequest, version_id: int) -> HttpResponse:
    item = access.get_version_for_user(request.user, version_id)
    return pdf.response(request, item, market=request.GET.get("part") == "market")


@require_http_methods(["GET", "POST"])
@permission_required(DRAFT, raise_exception=True)
def edit_version(request: HttpRequest, version_id: int) -> HttpResponse:
    item = access.get_version_for_user(request.user, version_id)
    back = presenters.version_url(item)
    initial = {**item.sections, "market_summary": item.market_position.summary}
    form = SectionsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _saved(request, item, form):
        return redirect(back)
    title = f"Write the sections of {item.strategy.title}"
    return form_page(request, form, title=title, submit_text="Save", back_url=back)


def _saved(request: HttpRequest, item: StrategyVersion, form: SectionsForm) -> bool:
    """Save the sections posted; a refusal becomes an error on the form."""
    try:
        services.save_sections(
            version=item,
            sections=form.sections(),
            summary=form.cleaned_data["market_summary"].strip(),
            actor=request.user,
        )
    except ServiceError as error:
        form.add_error(None, str(error))
        return False
    return True


def _act(request: HttpRequest, version_id: int, service) -> HttpResponse:
    item = access.get_version_for_user(request.user, version_id)
    back = presenters.version_url(item)
    try:
        service(version=item, actor=request.user)
    except ServiceError as error:
        return _refused(request, str(error), back)
    return redirect(back)


@require_POST
@permission_required(DRAFT, raise_exception=True)
def refresh(request: HttpRequest, version_id: int) -> HttpResponse:
    return _act(request, version_id, services.refresh_figures)


@require_POST
@permission_required(DRAFT, raise_exception=True)
def submit(request: HttpRequest, version_id: int) -> HttpResponse:
    return _act(request, version_id, services.submit_version)


@require_http_methods(["GET", "POST"])
@permission_required(APPROVE, raise_exception=True)
def decide(request: HttpRequest, version_id: int) -> HttpResponse:
    item = access.get_version_for_user(request.user, version_id)
    back = presenters.version_url(item)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _decided(request, item, form):
        return redirect(back)
    title = f"Approve or return {item.strategy.title}"
    intro = presenters.DECIDE_INTRO
    return form_page(request, form, title=title, submit_text="Save", back_url=back, intro=intro)


def _decided(request: HttpRequest, item: StrategyVersion, form: DecisionForm) -> bool:
    """Approve (publish) or return the version; a refusal becomes an error on the form."""
    data = form.cleaned_data
    approve = data["decision"] == "approve"
    service = services.approve_version if approve else services.return_version
    try:
        service(version=item, comment=data["comment"], actor=request.user)
    except ServiceError as error:
        form.add_error("decision", str(error))
        return False
    return True


# Actions -------------------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
@permission_required(DRAFT, raise_exception=True)
def new_action(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = access.get_strategy_for_user(request.user, strategy_id)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_action(strategy=strategy, data=form.cleaned_data, actor=request.user)
        return redirect("strategy:strategies")
    title, back = f"Add an action to {strategy.title}", reverse("strategy:strategies")
    return form_page(request, form, title=title, submit_text="Save", back_url=back)


@require_http_methods(["GET", "POST"])
@permission_required(DRAFT, raise_exception=True)
def edit_action(request: HttpRequest, action_id: int) -> HttpResponse:
    action = access.get_action_for_user(request.user, action_id)
    form = ActionForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        action = access.get_action_for_user(request.user, action_id)
        services.update_action(action=action, data=form.cleaned_data, actor=request.user)
        return redirect("strategy:strategies")
    title, back = f"Change the action: {action.title}", reverse("strategy:strategies")
    return form_page(request, form, title=title, submit_text="Save", back_url=back)


# Measures ------------------------------------------------------------------------------------
@require_GET
@permission_required(VIEW, raise_exception=True)
def measures(request: HttpRequest) -> HttpResponse:
    region = region_for(request.user)
    rows = selectors.measure_rows(region)
    if request.GET.get("format") == "csv":
        return csv_response(f"measures-{region.slug}", presenters.measure_columns(), rows)
    overdue = selectors.open_actions_overdue(request.user)
    context = presenters.measures_page(region, rows, overdue)
    return render(request, "sufficiency/strategy/measures.html", context)
