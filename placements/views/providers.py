"""Provider staff: the referrals sent to them (minimised), offers and declines."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from placements.forms.providers import DeclineForm, OfferForm
from placements.presenters import providers as presenters
from placements.selectors import documents as document_selectors
from placements.selectors import providers as selectors
from placements.services import offers as services
from rcc import access
from rcc.flows import form_page, submit
from rcc.kit.tables import render_list


@require_GET
@permission_required(access.RESPOND_TO_REFERRALS, raise_exception=True)
def received_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        title="Referrals sent to you",
        rows=selectors.received_referrals(request.user),
        columns=presenters.RECEIVED_COLUMNS,
        csv_name="received-referrals",
        audited=True,
        extra=presenters.RECEIVED_EMPTY,
    )


@require_GET
@permission_required(access.RESPOND_TO_REFERRALS, raise_exception=True)
def received_detail(request: HttpRequest, distribution_id: int) -> HttpResponse:
    received = selectors.received_referral(request.user, distribution_id)
    page = presenters.received_page(received)
    page["documents"] = document_selectors.released_documents(request.user, page["distribution"])
    return render(request, "placements/received.html", page)


@require_http_methods(["GET", "POST"])
@permission_required(access.RESPOND_TO_REFERRALS, raise_exception=True)
def make_offer(request: HttpRequest, distribution_id: int) -> HttpResponse:
    distribution = access.get_distribution_for_user(request.user, distribution_id)
    settings, vacancies = selectors.offer_choices(request.user)
    form = OfferForm(request.POST or None, settings=settings, vacancies=vacancies)
    page = presenters.offer_page(distribution)
    done = submit(
        request,
        form,
        lambda d: services.make_offer(
            actor=request.user, distribution=distribution, **form.offer_data()
        ),
        success_url=page["back_url"],
        message="Your offer is sent.",
    )
    return done or form_page(request, form, **page)


@require_http_methods(["GET", "POST"])
@permission_required(access.RESPOND_TO_REFERRALS, raise_exception=True)
def decline(request: HttpRequest, distribution_id: int) -> HttpResponse:
    distribution = access.get_distribution_for_user(request.user, distribution_id)
    form = DeclineForm(request.POST or None)
    page = presenters.decline_page(distribution)
    done = submit(
        request,
        form,
        lambda d: services.decline(actor=request.user, distribution=distribution, **d),
        success_url=page["back_url"],
        message="You have declined this referral.",
    )
    return done or form_page(request, form, **page)
