"""Frameworks, lots, admission rounds, applications and rate cards."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from providers.forms.frameworks import (
    ApplyForm,
    DecisionForm,
    FrameworkForm,
    LotForm,
    RateForm,
    RoundForm,
)
from providers.presenters import format as presenters
from providers.selectors import frameworks as selectors
from providers.services import frameworks as services
from rcc import access
from rcc.flows import form_page, submit
from rcc.tables import Column, render_list


def _can_see_frameworks(user) -> bool:
    return access.can(user, access.VIEW_MARKET) or access.can(user, access.USE_PROVIDER_PORTAL)


@require_GET
def framework_list(request: HttpRequest) -> HttpResponse:
    if not _can_see_frameworks(request.user):
        raise PermissionDenied
    columns = [
        Column(
            "Framework",
            lambda f: f.name,
            link=lambda f: reverse("providers:framework", args=[f.pk]),
        ),
        Column("Region", lambda f: f.region.name),
        Column("Runs", lambda f: f"{f.starts_on:%d %b %Y} to {f.ends_on:%d %b %Y}"),
        Column("Lots", lambda f: f.lot_count, numeric=True),
        Column("Status", lambda f: f.get_status_display()),
    ]
    actions = []
    if access.can(request.user, access.MANAGE_FRAMEWORKS):
        actions.append({"href": reverse("providers:framework_new"), "text": "Set up a framework"})
    return render_list(
        request,
        title="Frameworks",
        rows=selectors.frameworks(request.user),
        columns=columns,
        csv_name="frameworks",
        extra={"actions": actions},
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_FRAMEWORKS, raise_exception=True)
def framework_new(request: HttpRequest) -> HttpResponse:
    form = FrameworkForm(request.POST or None)
    region = access.regions_for(request.user).first()
    done = submit(
        request,
        form,
        lambda d: services.create_framework(actor=request.user, region=region, **d),
        success_url=lambda f: reverse("providers:framework", args=[f.pk]),
        message="The framework is set up. Add its lots and open an admission round.",
    )
    return done or form_page(
        request,
        form,
        title="Set up a framework",
        submit_text="Set up framework",
        back_url=reverse("providers:frameworks"),
    )


@require_GET
def framework_detail(request: HttpRequest, framework_id: int) -> HttpResponse:
    if not _can_see_frameworks(request.user):
        raise PermissionDenied
    framework, lots, rounds = selectors.framework_detail(request.user, framework_id)
    return render(
        request,
        "providers/framework.html",
        {
            "title": framework.name,
            "framework": framework,
            "lots": lots,
            "rounds": rounds,
            "can_manage": access.can(request.user, access.MANAGE_FRAMEWORKS),
            "is_provider": access.can(request.user, access.USE_PROVIDER_PORTAL),
            "p": presenters,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_FRAMEWORKS, raise_exception=True)
def lot_new(request: HttpRequest, framework_id: int) -> HttpResponse:
    framework = access.get_framework_for_user(request.user, framework_id)
    back = reverse("providers:framework", args=[framework.pk])
    form = LotForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda d: services.add_lot(actor=request.user, framework=framework, **d),
        success_url=back,
        message="The lot is added.",
    )
    return done or form_page(
        request,
        form,
        title="Add a lot",
        caption=framework.name,
        submit_text="Add lot",
        back_url=back,
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_FRAMEWORKS, raise_exception=True)
def round_new(request: HttpRequest, framework_id: int) -> HttpResponse:
    framework = access.get_framework_for_user(request.user, framework_id)
    back = reverse("providers:framework", args=[framework.pk])
    form = RoundForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda d: services.open_round(actor=request.user, framework=framework, **d),
        success_url=back,
        message="The admission round is set.",
    )
    return done or form_page(
        request,
        form,
        title="Open an admission round",
        caption=framework.name,
        submit_text="Set round",
        back_url=back,
        intro="Providers can apply to the framework's lots between these dates.",
    )


@require_GET
def lot_detail(request: HttpRequest, lot_id: int) -> HttpResponse:
    if not _can_see_frameworks(request.user):
        raise PermissionDenied
    lot, applications, rates = selectors.lot_detail(request.user, lot_id)
    return render(
        request,
        "providers/lot.html",
        {
            "title": lot.name,
            "lot": lot,
            "applications": applications,
            "rates": rates,
            "can_manage": access.can(request.user, access.MANAGE_FRAMEWORKS),
            "is_provider": access.can(request.user, access.USE_PROVIDER_PORTAL),
            "p": presenters,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.USE_PROVIDER_PORTAL, raise_exception=True)
def lot_apply(request: HttpRequest, lot_id: int) -> HttpResponse:
    lot = access.get_lot_for_user(request.user, lot_id)
    provider = access.providers_for(request.user).first()
    form = ApplyForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda d: services.apply_to_lot(actor=request.user, provider=provider, lot=lot, **d),
        success_url=reverse("providers:portal"),
        message=f"Your application to {lot.name} is submitted.",
    )
    return done or form_page(
        request,
        form,
        title=f"Apply to {lot.name}",
        caption=lot.framework.name,
        submit_text="Submit application",
        back_url=reverse("providers:lot", args=[lot.pk]),
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_FRAMEWORKS, raise_exception=True)
def rate_new(request: HttpRequest, lot_id: int) -> HttpResponse:
    lot = access.get_lot_for_user(request.user, lot_id)
    back = reverse("providers:lot", args=[lot.pk])
    form = RateForm(request.POST or None, providers=selectors.admitted_providers(request.user, lot))
    done = submit(
        request,
        form,
        lambda d: services.set_rate(
            actor=request.user,
            lot=lot,
            provider=access.get_provider_for_user(request.user, d["provider"]),
            need_level=d["need_level"],
            weekly_price=d["weekly_price"],
            valid_from=d["valid_from"],
        ),
        success_url=back,
        message="The rate is set.",
    )
    return done or form_page(
        request,
        form,
        title="Set or revise a rate",
        caption=lot.name,
        submit_text="Set rate",
        back_url=back,
        intro="A new rate replaces the provider's current rate from the day it is valid.",
    )


@require_http_methods(["GET", "POST"])
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    if not _can_see_frameworks(request.user):
        raise PermissionDenied
    application = selectors.application_detail(request.user, application_id)
    can_decide = access.can(request.user, access.MANAGE_FRAMEWORKS)
    form = DecisionForm(request.POST or None) if can_decide else None
    if request.method == "POST" and not can_decide:
        raise PermissionDenied
    done = form and submit(
        request,
        form,
        lambda d: services.decide_application(
            actor=request.user, application=application, to=d["decision"], reason=d["reason"]
        ),
        success_url=reverse("providers:application", args=[application.pk]),
        message="The decision is recorded.",
    )
    return done or render(
        request,
        "providers/application.html",
        {"title": "Application", "application": application, "form": form, "p": presenters},
    )
