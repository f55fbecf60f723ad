"""Vacancy search (council and RCC staff) and the provider portal."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from providers.forms.common import ReasonForm
from providers.forms.vacancies import VacancyFilter, VacancyForm
from providers.presenters import vacancies as present
from providers.selectors import vacancies as selectors
from providers.selectors.register import settings_search
from providers.services import vacancies
from rcc import access
from rcc.flows import form_page, submit
from rcc.kit.tables import render_list


@require_GET
@permission_required(access.SEARCH_SUPPLY, raise_exception=True)
def vacancy_list(request: HttpRequest) -> HttpResponse:
    filters = VacancyFilter(
        _open_by_default(request.GET),
        queryset=selectors.vacancy_search(request.user),
        councils=access.councils_for(request.user),
    )
    return render_list(
        request,
        title="Vacancies",
        rows=filters.qs,
        columns=present.vacancy_columns(),
        csv_name="vacancies",
        filter_form=filters.form,
        extra={"intro": present.VACANCY_LIST_INTRO},
    )


def _open_by_default(query: QueryDict) -> QueryDict:
    """The list shows open vacancies unless the user asks for another status."""
    params = query.copy()
    params.setdefault("status", "open")
    return params


@require_GET
@permission_required(access.USE_PROVIDER_PORTAL, raise_exception=True)
def portal(request: HttpRequest) -> HttpResponse:
    context = selectors.provider_portal(request.user)
    context.update(title="Your organisation")
    return render(request, "providers/portal.html", context)


@require_http_methods(["GET", "POST"])
@permission_required(access.USE_PROVIDER_PORTAL, raise_exception=True)
def vacancy_new(request: HttpRequest) -> HttpResponse:
    own = settings_search(request.user)
    back = reverse("providers:portal")
    form = VacancyForm(request.POST or None, settings=own)
    done = submit(
        request,
        form,
        lambda d: vacancies.report_vacancy(
            actor=request.user, setting=own.get(pk=d.pop("setting")), **d
        ),
        success_url=back,
        message="The vacancy is reported.",
    )
    return done or form_page(request, form, back_url=back, **present.vacancy_new_page())


@require_http_methods(["GET", "POST"])
@permission_required(access.USE_PROVIDER_PORTAL, raise_exception=True)
def vacancy_withdraw(request: HttpRequest, vacancy_id) -> HttpResponse:
    vacancy = access.get_vacancy_for_user(request.user, vacancy_id)
    back = reverse("providers:portal")
    form = ReasonForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda d: vacancies.withdraw_vacancy(
            actor=request.user, vacancy=vacancy, reason=d["reason"]
        ),
        success_url=back,
        message="The vacancy is withdrawn.",
    )
    return done or form_page(request, form, back_url=back, **present.vacancy_withdraw_page(vacancy))
