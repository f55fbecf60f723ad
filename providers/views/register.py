"""The register: providers, settings (with Ofsted history), suspensions, quality."""

from __future__ import annotations

import copy

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from providers.forms.common import ReasonForm
from providers.forms.oversight import ConcernForm, QualityVisitForm, ScrutinyForm
from providers.forms.register import ProviderFilter, SettingFilter, SettingForm
from providers.presenters import format as presenters
from providers.presenters.register import provider_columns, setting_columns
from providers.selectors import register as selectors
from providers.selectors.oversight import setting_oversight
from providers.services import oversight, register
from rcc import access
from rcc.flows import form_page, submit
from rcc.tables import render_list


@require_GET
@permission_required(access.VIEW_MARKET, raise_exception=True)
def provider_list(request: HttpRequest) -> HttpResponse:
    filters = ProviderFilter(
        request.GET or None, queryset=selectors.provider_register(request.user)
    )
    return render_list(
        request,
        title="Provider register",
        rows=filters.qs,
        columns=provider_columns(),
        csv_name="providers",
        filter_form=filters.form,
    )


@require_GET
@permission_required(access.VIEW_MARKET, raise_exception=True)
def provider_detail(request: HttpRequest, provider_id: int) -> HttpResponse:
    context = selectors.provider_detail(request.user, provider_id)
    context.update(title=context["provider"].name, columns=setting_columns(), p=presenters)
    return render(request, "providers/provider.html", context)


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
    return done or form_page(
        request,
        form,
        title="Flag for financial scrutiny",
        caption=provider.name,
        submit_text="Flag provider",
        back_url=back,
    )


@require_GET
@permission_required(access.SEARCH_SUPPLY, raise_exception=True)
def setting_list(request: HttpRequest) -> HttpResponse:
    filters = SettingFilter(
        request.GET or None,
        queryset=selectors.settings_search(request.user),
        councils=access.councils_for(request.user),
    )
    return render_list(
        request,
        title="Settings",
        rows=filters.qs,
        columns=setting_columns(),
        csv_name="settings",
        filter_form=filters.form,
    )


@require_GET
def setting_detail(request: HttpRequest, setting_id) -> HttpResponse:
    if not (
        access.can(request.user, access.SEARCH_SUPPLY)
        or access.can(request.user, access.USE_PROVIDER_PORTAL)
    ):
        raise PermissionDenied
    setting = selectors.setting_detail(request.user, setting_id)
    context = {
        "title": setting.name,
        "setting": setting,
        "p": presenters,
        "can_edit": access.can(request.user, access.EDIT_SETTING, setting),
        "can_manage": access.can(request.user, access.MANAGE_REGISTER),
        "oversight": setting_oversight(request.user, setting),
    }
    return render(request, "providers/setting.html", context)


@require_http_methods(["GET", "POST"])
def setting_edit(request: HttpRequest, setting_id) -> HttpResponse:
    setting = access.get_setting_for_user(request.user, setting_id)
    if not access.can(request.user, access.EDIT_SETTING, setting):
        raise PermissionDenied
    back = reverse("providers:setting", args=[setting.public_id])
    councils = access.councils_for(request.user)
    if access.can(request.user, access.USE_PROVIDER_PORTAL):
        councils = selectors.all_councils()  # a provider may run a home anywhere in England
    # The form writes onto its own copy, so the service can see what changed.
    form = SettingForm(request.POST or None, instance=copy.copy(setting), councils=councils)
    done = submit(
        request,
        form,
        lambda d: register.update_setting(
            actor=request.user,
            setting=setting,
            data={k: v for k, v in d.items() if k != "needs"},
            needs=d["needs"],
        ),
        success_url=back,
        message="The setting's details are saved.",
    )
    return done or form_page(
        request,
        form,
        title="Change the setting's details",
        caption=setting.name,
        submit_text="Save details",
        back_url=back,
    )


def _status_action(request, setting_id, *, service, title, submit_text, message, warning=""):
    setting = access.get_setting_for_user(request.user, setting_id)
    back = reverse("providers:setting", args=[setting.public_id])
    form = ReasonForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda d: service(actor=request.user, setting=setting, reason=d["reason"]),
        success_url=back,
        message=message.format(name=setting.name),
    )
    return done or form_page(
        request,
        form,
        title=title,
        caption=setting.name,
        submit_text=submit_text,
        back_url=back,
        warning=warning,
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_REGISTER, raise_exception=True)
def setting_suspend(request: HttpRequest, setting_id) -> HttpResponse:
    return _status_action(
        request,
        setting_id,
        service=register.suspend_setting,
        title="Suspend this setting from referrals",
        submit_text="Suspend setting",
        message="{name} is suspended: it will not be sent referrals.",
        warning="No new referrals will be sent to this setting until it is reinstated.",
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_REGISTER, raise_exception=True)
def setting_reinstate(request: HttpRequest, setting_id) -> HttpResponse:
    return _status_action(
        request,
        setting_id,
        service=register.reinstate_setting,
        title="Reinstate this setting",
        submit_text="Reinstate setting",
        message="{name} can receive referrals again.",
    )


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
    return done or form_page(
        request,
        form,
        title="Record a quality monitoring visit",
        caption=setting.name,
        submit_text="Save visit",
        back_url=back,
    )


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
    return done or form_page(
        request,
        form,
        title="Record a concern",
        caption=setting.name,
        submit_text="Save concern",
        back_url=back,
    )
