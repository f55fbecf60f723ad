"""Oversight: financial scrutiny flags, quality monitoring visits, concerns, financial returns."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from providers.forms.oversight import (
    ConcernForm,
    FinancialReturnForm,
    QualityVisitForm,
    ScrutinyForm,
)
from providers.presenters import oversight as present
from providers.services import oversight
from rcc import access
from rcc.flows import form_page, submit


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_REGISTER, raise_exception=True)
def flag_provider(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = access.get_provider_for_user(request.user, provider_id)
    back = reverse("providers:provider", args=[provider.pk])
    form = ScrutinyForm(request.POST or None)
    region = access.regions_for(request.user).first()
    done = submit(
        request,
        form,
        lambda d: oversight.flag_for_scrutiny(
            actor=request.user, provider=provider, region=region, reason=d["reason"]
        ),
        success_url=back,
        message=f"{provider.name} is flagged for financial scrutiny.",
    )
    return done or form_page(request, form, back_url=back, **present.flag_provider_page(provider))


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_REGISTER, raise_exception=True)
def setting_visit(request: HttpRequest, setting_id) -> HttpResponse:
    setting = access.get_setting_for_user(request.user, setting_id)
    back = reverse("providers:setting", args=[setting.public_id])
    form = QualityVisitForm(request.POST or None)
    region = access.regions_for(request.user).first()
    done = submit(
        request,
        form,
        lambda d: oversight.record_quality_visit(
            actor=request.user, setting=setting, region=region, **d
        ),
        success_url=back,
        message="The quality monitoring visit is recorded.",
    )
    return done or form_page(request, form, back_url=back, **present.setting_visit_page(setting))


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_REGISTER, raise_exception=True)
def setting_concern(request: HttpRequest, setting_id) -> HttpResponse:
    setting = access.get_setting_for_user(request.user, setting_id)
    back = reverse("providers:setting", args=[setting.public_id])
    form = ConcernForm(request.POST or None)
    region = access.regions_for(request.user).first()
    done = submit(
        request,
        form,
        lambda d: oversight.raise_concern(actor=request.user, setting=setting, region=region, **d),
        success_url=back,
        message="The concern is recorded.",
    )
    return done or form_page(request, form, back_url=back, **present.setting_concern_page(setting))


@require_http_methods(["GET", "POST"])
@permission_required(access.USE_PROVIDER_PORTAL, raise_exception=True)
def financial_return_new(request: HttpRequest) -> HttpResponse:
    provider = access.providers_for(request.user).first()
    back = reverse("providers:portal")
    form = FinancialReturnForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda d: oversight.submit_financial_return(actor=request.user, provider=provider, **d),
        success_url=back,
        message="Your financial return is submitted.",
    )
    return done or form_page(
        request, form, back_url=back, **present.financial_return_page(provider)
    )
