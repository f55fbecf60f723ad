"""Frameworks, lots, admission rounds, applications and rate cards."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
from providers.presenters import frameworks as present
from providers.selectors import frameworks as selectors
from providers.services import frameworks as services
from rcc import access
from rcc.flows import form_page, submit
from rcc.kit.tables import render_list


def _can_see_frameworks(user) -> bool:
    return access.can(user, access.VIEW_FRAMEWORKS)


def _page_context(user, **context: Any) -> dict[str, Any]:
    """A framework page's context with what the user may do there."""
    return {
        **context,
        "can_manage": access.can(user, access.MANAGE_FRAMEWORKS),
        "is_provider": access.can(user, access.USE_PROVIDER_PORTAL),
    }


@require_GET
def framework_list(request: HttpRequest) -> HttpResponse:
    if not _can_see_frameworks(request.user):
        raise PermissionDenied
    can_manage = access.can(request.user, access.MANAGE_FRAMEWORKS)
    return render_list(
        request,
        title="Frameworks",
        rows=selectors.frameworks(request.user),
        columns=present.framework_columns(),
        csv_name="frameworks",
        extra={"actions": present.framework_actions(can_manage=can_manage)},
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
    back = reverse("providers:frameworks")
    return done or form_page(request, form, back_url=back, **present.framework_new_page())


@require_GET
def framework_detail(request: HttpRequest, framework_id: int) -> HttpResponse:
    if not _can_see_frameworks(request.user):
        raise PermissionDenied
    framework, lots, rounds = selectors.framework_detail(request.user, framework_id)
    context = _page_context(
        request.user, title=framework.name, framework=framework, lots=lots, rounds=rounds
    )
    return render(request, "providers/framework.html", context)


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
    return done or form_page(request, form, back_url=back, **present.lot_new_page(framework))


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
    return done or form_page(request, form, back_url=back, **present.round_new_page(framework))


@require_GET
def lot_detail(request: HttpRequest, lot_id: int) -> HttpResponse:
    if not _can_see_frameworks(request.user):
        raise PermissionDenied
    lot, applications, rates = selectors.lot_detail(request.user, lot_id)
    context = _page_context(
        request.user, title=lot.name, lot=lot, applications=applications, rates=rates
    )
    return render(request, "providers/lot.html", context)


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
    back = reverse("providers:lot", args=[lot.pk])
    return done or form_page(request, form, back_url=back, **present.lot_apply_page(lot))


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_FRAMEWORKS, raise_exception=True)
def rate_new(request: HttpRequest, lot_id: int) -> HttpResponse:
    lot = access.get_lot_for_user(request.user, lot_id)
    back = reverse("providers:lot", args=[lot.pk])
    form = RateForm(request.POST or None, providers=selectors.admitted_providers(request.user, lot))
    done = submit(
        request,
        form,
        _set_rate(request.user, lot),
        success_url=back,
        message="The rate is set.",
    )
    return done or form_page(request, form, back_url=back, **present.rate_new_page(lot))


def _set_rate(user, lot) -> Callable[[dict[str, Any]], Any]:
    """The rate form's service call, with its provider looked up in the user's scope."""

    def act(d: dict[str, Any]) -> Any:
        provider = access.get_provider_for_user(user, d["provider"])
        fields = {k: v for k, v in d.items() if k != "provider"}
        return services.set_rate(actor=user, lot=lot, provider=provider, **fields)

    return act


@require_http_methods(["GET", "POST"])
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    if not _can_see_frameworks(request.user):
        raise PermissionDenied
    application = selectors.application_detail(request.user, application_id)
    form = _decision_form(request)
    done = form and submit(
        request,
        form,
        lambda d: services.decide_application(
            actor=request.user, application=application, to=d["decision"], reason=d["reason"]
        ),
        success_url=reverse("providers:application", args=[application.pk]),
        message="The decision is recorded.",
    )
    context = {"title": "Application", "application": application, "form": form}
    return done or render(request, "providers/application.html", context)


def _decision_form(request: HttpRequest) -> DecisionForm | None:
    """The decision form, for those who may decide; anyone else's POST is refused."""
    if access.can(request.user, access.MANAGE_FRAMEWORKS):
        return DecisionForm(request.POST or None)
    if request.method == "POST":
        raise PermissionDenied
    return None
