"""Provider staff: the referrals sent to them (minimised), offers and declines."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from placements.forms.providers import DeclineForm, OfferForm
from placements.selectors import providers as selectors
from placements.services import offers as services
from rcc import access
from rcc.flows import form_page, submit
from rcc.tables import Column, render_list


@require_GET
@permission_required(access.RESPOND_TO_REFERRALS, raise_exception=True)
def received_list(request: HttpRequest) -> HttpResponse:
    columns = [
        Column(
            "Referral",
            lambda d: d.referral.reference,
            link=lambda d: reverse("placements:received", args=[d.pk]),
        ),
        Column("Sent", lambda d: f"{d.sent_at:%d %b %Y %H:%M}"),
        Column("Respond by", lambda d: f"{d.respond_by:%d %b %Y %H:%M}"),
        Column("Type", lambda d: d.referral.get_search_type_display()),
        Column("Responded", lambda d: "Yes" if d.responded_at else "No"),
    ]
    return render_list(
        request,
        title="Referrals sent to you",
        rows=selectors.received_referrals(request.user),
        columns=columns,
        csv_name="received-referrals",
        extra={"empty": "No referrals have been sent to you."},
    )


@require_GET
@permission_required(access.RESPOND_TO_REFERRALS, raise_exception=True)
def received_detail(request: HttpRequest, distribution_id: int) -> HttpResponse:
    context = selectors.received_referral(request.user, distribution_id)
    context["title"] = f"Referral {context['summary'].reference}"
    return render(request, "placements/received.html", context)


@require_http_methods(["GET", "POST"])
@permission_required(access.RESPOND_TO_REFERRALS, raise_exception=True)
def make_offer(request: HttpRequest, distribution_id: int) -> HttpResponse:
    distribution = access.get_distribution_for_user(request.user, distribution_id)
    back = reverse("placements:received", args=[distribution.pk])
    own = access.settings_for(request.user).filter(status="active")
    open_places = access.vacancies_for(request.user).filter(status="open")
    form = OfferForm(request.POST or None, settings=own, vacancies=open_places)

    def act(d):
        vacancy = open_places.filter(pk=d["vacancy"]).first() if d["vacancy"] else None
        return services.make_offer(
            actor=request.user,
            distribution=distribution,
            setting=own.get(pk=d["setting"]),
            vacancy=vacancy,
            weekly_price=d["weekly_price"],
            extras=d["extras"],
            start_date=d["start_date"],
            note=d["note"],
        )

    done = submit(request, form, act, success_url=back, message="Your offer is sent.")
    return done or form_page(
        request,
        form,
        title="Offer a home",
        caption=distribution.referral.reference,
        submit_text="Send offer",
        back_url=back,
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.RESPOND_TO_REFERRALS, raise_exception=True)
def decline(request: HttpRequest, distribution_id: int) -> HttpResponse:
    distribution = access.get_distribution_for_user(request.user, distribution_id)
    back = reverse("placements:received", args=[distribution.pk])
    form = DeclineForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda d: services.decline(actor=request.user, distribution=distribution, **d),
        success_url=back,
        message="You have declined this referral.",
    )
    return done or form_page(
        request,
        form,
        title="Decline this referral",
        caption=distribution.referral.reference,
        submit_text="Decline",
        back_url=back,
    )
