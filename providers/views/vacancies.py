"""Vacancy search (council and RCC staff) and the provider portal."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from providers.forms.common import ReasonForm
from providers.forms.oversight import FinancialReturnForm
from providers.forms.vacancies import VacancyFilter, VacancyForm
from providers.presenters import format as presenters
from providers.presenters.vacancies import vacancy_columns
from providers.selectors import vacancies as selectors
from providers.selectors.register import settings_search
from providers.services import oversight, vacancies
from rcc import access
from rcc.flows import form_page, submit
from rcc.tables import render_list


@require_GET
@permission_required(access.SEARCH_SUPPLY, raise_exception=True)
def vacancy_list(request: HttpRequest) -> HttpResponse:
    params = request.GET.copy()
    params.setdefault("status", "open")
    filters = VacancyFilter(
        params,
        queryset=selectors.vacancy_search(request.user),
        councils=access.councils_for(request.user),
    )
    return render_list(
        request,
        title="Vacancies",
        rows=filters.qs,
        columns=vacancy_columns(),
        csv_name="vacancies",
        filter_form=filters.form,
        extra={"intro": "Places providers have reported free in settings of your region."},
    )


@require_GET
@permission_required(access.USE_PROVIDER_PORTAL, raise_exception=True)
def portal(request: HttpRequest) -> HttpResponse:
    context = selectors.provider_portal(request.user)
    context.update(title="Your organisation", p=presenters)
    return render(request, "providers/portal.html", context)


@require_http_methods(["GET", "POST"])
@permission_required(access.USE_PROVIDER_PORTAL, raise_exception=True)
def vacancy_new(request: HttpRequest) -> HttpResponse:
    own = settings_search(request.user)
    form = VacancyForm(request.POST or None, settings=own)
    done = submit(
        request,
        form,
        lambda d: vacancies.report_vacancy(
            actor=request.user, setting=own.get(pk=d.pop("setting")), **d
        ),
        success_url=reverse("providers:portal"),
        message="The vacancy is reported.",
    )
    return done or form_page(
        request,
        form,
        title="Report a vacancy",
        submit_text="Report vacancy",
        back_url=reverse("providers:portal"),
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.USE_PROVIDER_PORTAL, raise_exception=True)
def vacancy_withdraw(request: HttpRequest, vacancy_id) -> HttpResponse:
    vacancy = access.get_vacancy_for_user(request.user, vacancy_id)
    form = ReasonForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda d: vacancies.withdraw_vacancy(
            actor=request.user, vacancy=vacancy, reason=d["reason"]
        ),
        success_url=reverse("providers:portal"),
        message="The vacancy is withdrawn.",
    )
    return done or form_page(
        request,
        form,
        title="Withdraw this vacancy",
        caption=str(vacancy),
        submit_text="Withdraw vacancy",
        back_url=reverse("providers:portal"),
        warning="Commissioners and social workers will no longer see this place.",
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.USE_PROVIDER_PORTAL, raise_exception=True)
def financial_return_new(request: HttpRequest) -> HttpResponse:
    provider = access.providers_for(request.user).first()
    form = FinancialReturnForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda d: oversight.submit_financial_return(actor=request.user, provider=provider, **d),
        success_url=reverse("providers:portal"),
        message="Your financial return is submitted.",
    )
    return done or form_page(
        request,
        form,
        title="Submit your annual financial return",
        caption=provider.name,
        submit_text="Submit return",
        back_url=reverse("providers:portal"),
        intro="RCCs use these figures to understand the market. Enter whole pounds.",
    )
