"""The register: providers, settings (with Ofsted history), suspensions."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from providers.forms.common import ReasonForm
from providers.forms.register import ProviderFilter, SettingFilter, SettingForm
from providers.presenters import register as present
from providers.presenters.ofsted import judgement
from providers.selectors import register as selectors
from providers.selectors.oversight import setting_oversight
from providers.services import register
from rcc import access
from rcc.flows import form_page, submit
from rcc.kit.tables import render_list


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
        columns=present.provider_columns(),
        csv_name="providers",
        filter_form=filters.form,
    )


@require_GET
@permission_required(access.VIEW_MARKET, raise_exception=True)
def provider_detail(request: HttpRequest, provider_id: int) -> HttpResponse:
    context = selectors.provider_detail(request.user, provider_id)
    context.update(title=context["provider"].name, columns=present.setting_columns())
    return render(request, "providers/provider.html", context)


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
        columns=present.setting_columns(),
        csv_name="settings",
        filter_form=filters.form,
    )


@require_GET
def setting_detail(request: HttpRequest, setting_id) -> HttpResponse:
    if not access.can(request.user, access.VIEW_SETTING):
        raise PermissionDenied
    setting = selectors.setting_detail(request.user, setting_id)
    context = {
        "title": setting.name,
        "setting": setting,
        "judgement": judgement,
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
    councils = selectors.setting_councils(request.user)
    # The form writes onto its own copy, so the service can see what changed.
    form = SettingForm(request.POST or None, instance=copy.copy(setting), councils=councils)
    done = submit(
        request,
        form,
        _update_setting(request.user, setting),
        success_url=back,
        message="The setting's details are saved.",
    )
    return done or form_page(request, form, back_url=back, **present.setting_edit_page(setting))


def _update_setting(user, setting) -> Callable[[dict[str, Any]], Any]:
    """The edit form's service call: the needs apart from the setting's own fields."""
    return lambda d: register.update_setting(
        actor=user,
        setting=setting,
        data={k: v for k, v in d.items() if k != "needs"},
        needs=d["needs"],
    )


def _status_action(request, setting_id, *, service, message, page):
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
    return done or form_page(request, form, back_url=back, **page(setting))


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_REGISTER, raise_exception=True)
def setting_suspend(request: HttpRequest, setting_id) -> HttpResponse:
    return _status_action(
        request,
        setting_id,
        service=register.suspend_setting,
        message="{name} is suspended: it will not be sent referrals.",
        page=present.setting_suspend_page,
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_REGISTER, raise_exception=True)
def setting_reinstate(request: HttpRequest, setting_id) -> HttpResponse:
    return _status_action(
        request,
        setting_id,
        service=register.reinstate_setting,
        message="{name} can receive referrals again.",
        page=present.setting_reinstate_page,
    )
