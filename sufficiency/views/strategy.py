"""Drafting and approving the strategy (the region's analysts draft, commissioners decide)."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rcc import access
from rcc.services import ServiceError
from rcc.tables import csv_response
from sufficiency.forms.strategy import ActionForm, DecisionForm, SectionsForm, StrategyForm
from sufficiency.presenters import pdf
from sufficiency.presenters import strategy as show
from sufficiency.selectors import gaps as selectors_gaps
from sufficiency.selectors import strategy as selectors_strategy
from sufficiency.services import strategy as services_strategy

VIEW = access.VIEW_SUFFICIENCY
DRAFT = access.DRAFT_STRATEGY
APPROVE = access.APPROVE_STRATEGY


def _form(request: HttpRequest, form, title: str, back: str, **extra) -> HttpResponse:
    context = {"title": title, "form": form, "submit_text": "Save", "back_url": back, **extra}
    return render(request, "form_page.html", context)


@require_GET
@permission_required(VIEW, raise_exception=True)
def strategies(request: HttpRequest) -> HttpResponse:
    if request.GET.get("format") == "csv":
        return csv_response(
            "strategy-actions", show.action_columns(), selectors_strategy.actions(request.user)
        )
    return render(
        request,
        "sufficiency/strategy/strategies.html",
        {
            "title": "Sufficiency strategy",
            "strategies": list(selectors_strategy.strategies(request.user)),
            "versions": list(selectors_strategy.versions(request.user)),
            "actions": list(selectors_strategy.actions(request.user)),
            "action_columns": show.action_columns(link=access.can(request.user, DRAFT)),
            "can_draft": access.can(request.user, DRAFT),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(DRAFT, raise_exception=True)
def new_strategy(request: HttpRequest) -> HttpResponse:
    region = selectors_gaps.region_for(request.user)
    form = StrategyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        version = services_strategy.create_strategy(
            region=region, actor=request.user, **form.cleaned_data
        )
        return redirect("strategy:version", version_id=version.pk)
    return _form(request, form, "Start a sufficiency strategy", reverse("strategy:strategies"))


@require_POST
@permission_required(DRAFT, raise_exception=True)
def new_version(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = selectors_strategy.get_strategy_for_user(request.user, strategy_id)
    try:
        version = services_strategy.start_new_version(strategy=strategy, actor=request.user)
    except ServiceError as error:
        return _refused(request, str(error), reverse("strategy:strategies"))
    return redirect("strategy:version", version_id=version.pk)


def _refused(request: HttpRequest, message: str, back: str) -> HttpResponse:
    return render(
        request,
        "sufficiency/strategy/refused.html",
        {"title": "That could not be done", "message": message, "back_url": back},
        status=409,
    )


@require_GET
@permission_required(VIEW, raise_exception=True)
def version(request: HttpRequest, version_id: int) -> HttpResponse:
    item = selectors_strategy.get_version_for_user(request.user, version_id)
    download = request.GET.get("format")
    if download in show.DOWNLOADS:
        name, columns, rows = show.DOWNLOADS[download]
        return csv_response(
            f"{name}-{item.strategy.region.slug}-{item.pk}", columns(), rows(item.figures)
        )
    return render(
        request,
        "sufficiency/strategy/version.html",
        {
            "title": item.strategy.title,
            "decisions": list(selectors_strategy.decisions(item)),
            "can_draft": access.can(request.user, DRAFT),
            "can_approve": access.can(request.user, APPROVE),
            "market": item.market_position,
            **show.document(item),
        },
    )


@require_GET
@permission_required(VIEW, raise_exception=True)
def version_pdf(request: HttpRequest, version_id: int) -> HttpResponse:
    item = selectors_strategy.get_version_for_user(request.user, version_id)
    return pdf.response(request, item, market=request.GET.get("part") == "market")


@require_http_methods(["GET", "POST"])
@permission_required(DRAFT, raise_exception=True)
def edit_version(request: HttpRequest, version_id: int) -> HttpResponse:
    item = selectors_strategy.get_version_for_user(request.user, version_id)
    back = reverse("strategy:version", kwargs={"version_id": item.pk})
    initial = {**item.sections, "market_summary": item.market_position.summary}
    form = SectionsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services_strategy.save_sections(
                version=item,
                sections=form.sections(),
                summary=form.cleaned_data["market_summary"].strip(),
                actor=request.user,
            )
            return redirect(back)
        except ServiceError as error:
            form.add_error(None, str(error))
    return _form(request, form, f"Write the sections of {item.strategy.title}", back)


def _act(request: HttpRequest, version_id: int, service) -> HttpResponse:
    item = selectors_strategy.get_version_for_user(request.user, version_id)
    back = reverse("strategy:version", kwargs={"version_id": item.pk})
    try:
        service(version=item, actor=request.user)
    except ServiceError as error:
        return _refused(request, str(error), back)
    return redirect(back)


@require_POST
@permission_required(DRAFT, raise_exception=True)
def refresh(request: HttpRequest, version_id: int) -> HttpResponse:
    return _act(request, version_id, services_strategy.refresh_figures)


@require_POST
@permission_required(DRAFT, raise_exception=True)
def submit(request: HttpRequest, version_id: int) -> HttpResponse:
    return _act(request, version_id, services_strategy.submit_version)


@require_http_methods(["GET", "POST"])
@permission_required(APPROVE, raise_exception=True)
def decide(request: HttpRequest, version_id: int) -> HttpResponse:
    item = selectors_strategy.get_version_for_user(request.user, version_id)
    back = reverse("strategy:version", kwargs={"version_id": item.pk})
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        service = (
            services_strategy.approve_version
            if data["decision"] == "approve"
            else services_strategy.return_version
        )
        try:
            service(version=item, comment=data["comment"], actor=request.user)
            return redirect(back)
        except ServiceError as error:
            form.add_error("decision", str(error))
    return _form(
        request,
        form,
        f"Approve or return {item.strategy.title}",
        back,
        intro="Approving publishes this version on the public website as it is now, with "
        "its figures frozen. Returning sends it back to the analysts with your comments.",
    )


# Actions -------------------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
@permission_required(DRAFT, raise_exception=True)
def new_action(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = selectors_strategy.get_strategy_for_user(request.user, strategy_id)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services_strategy.add_action(strategy=strategy, data=form.cleaned_data, actor=request.user)
        return redirect("strategy:strategies")
    return _form(
        request, form, f"Add an action to {strategy.title}", reverse("strategy:strategies")
    )


@require_http_methods(["GET", "POST"])
@permission_required(DRAFT, raise_exception=True)
def edit_action(request: HttpRequest, action_id: int) -> HttpResponse:
    action = selectors_strategy.get_action_for_user(request.user, action_id)
    form = ActionForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        action = selectors_strategy.get_action_for_user(request.user, action_id)
        services_strategy.update_action(action=action, data=form.cleaned_data, actor=request.user)
        return redirect("strategy:strategies")
    return _form(
        request, form, f"Change the action: {action.title}", reverse("strategy:strategies")
    )
