"""Referrals: write, submit, approve or return, shortlist and send, compare offers, accept."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from placements.forms.referrals import (
    ConfirmForm,
    DecisionForm,
    NegotiateForm,
    ReferralForm,
    SendForm,
    initial_for,
)
from placements.presenters import referrals as presenters
from placements.presenters.placements import placement_url
from placements.selectors import referrals as selectors
from placements.services import offers as offer_services
from placements.services import referrals as services
from rcc import access
from rcc.flows import form_page, submit
from rcc.kit.tables import render_list


def _confirm_form(request: HttpRequest) -> ConfirmForm:
    return ConfirmForm(request.POST if request.method == "POST" else None)


def _save_draft(request: HttpRequest, form: ReferralForm, child, referral=None):
    data, needs = form.referral_data()
    return services.save_draft(
        actor=request.user, child=child, referral=referral, data=data, needs=needs
    )


def _can(user: Any, referral) -> dict[str, bool]:
    """What the user may do with the referral: the actions its page offers."""
    return {
        "can_write": access.can(user, access.MANAGE_CHILDREN),
        "can_approve": access.can(user, access.APPROVE),
        "can_send": access.can(user, access.SEND_REFERRALS),
        "can_take": access.can_take_referral(user, referral),
    }


@require_GET
@permission_required(access.VIEW_REFERRAL_QUEUE, raise_exception=True)
def referral_queue(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        title="Referrals",
        rows=selectors.referral_queue(request.user),
        columns=presenters.queue_columns(timezone.now()),
        csv_name="referrals",
        audited=True,
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_CHILDREN, raise_exception=True)
def referral_new(request: HttpRequest, child_id) -> HttpResponse:
    child = access.get_child_for_user(request.user, child_id)
    form = ReferralForm(request.POST or None, initial=initial_for(child))
    done = submit(
        request,
        form,
        lambda d: _save_draft(request, form, child),
        success_url=presenters.referral_url,
        message="The referral is saved as a draft.",
    )
    return done or form_page(request, form, **presenters.new_referral_page(child))


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_CHILDREN, raise_exception=True)
def referral_edit(request: HttpRequest, referral_id) -> HttpResponse:
    referral = access.get_referral_to_act_on(request.user, referral_id)
    form = ReferralForm(request.POST or None, instance=selectors.copy_of(referral))
    done = submit(
        request,
        form,
        lambda d: _save_draft(request, form, referral.child, referral),
        success_url=presenters.referral_url,
        message="The referral is saved.",
    )
    return done or form_page(request, form, **presenters.edit_referral_page(referral))


@require_GET
def referral_detail(request: HttpRequest, referral_id) -> HttpResponse:
    if not access.can(request.user, access.VIEW_REFERRAL_QUEUE):
        raise PermissionDenied
    referral = selectors.referral_detail(request.user, referral_id)
    reasons = selectors.decline_reasons(request.user, referral)
    can = _can(request.user, referral)
    page = presenters.referral_page(referral, decline_reasons=reasons, **can)
    return render(request, "placements/referral.html", page)


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_CHILDREN, raise_exception=True)
def referral_submit(request: HttpRequest, referral_id) -> HttpResponse:
    referral = access.get_referral_to_act_on(request.user, referral_id)
    form = _confirm_form(request)
    page = presenters.submit_page(referral)
    done = submit(
        request,
        form,
        lambda d: services.submit_referral(actor=request.user, referral=referral),
        success_url=page["back_url"],
        message="The referral is sent to your team manager for approval.",
    )
    return done or form_page(request, form, **page)


@require_http_methods(["GET", "POST"])
@permission_required(access.APPROVE, raise_exception=True)
def referral_decide(request: HttpRequest, referral_id) -> HttpResponse:
    referral = access.get_referral_to_act_on(request.user, referral_id)
    form = DecisionForm(request.POST or None)
    page = presenters.decide_page(referral)

    def act(d):
        if d["decision"] == "approve":
            return services.approve_referral(actor=request.user, referral=referral)
        return services.return_referral(actor=request.user, referral=referral, reason=d["reason"])

    done = submit(request, form, act, success_url=page["back_url"], message="Decision recorded.")
    return done or form_page(request, form, **page)


@require_http_methods(["GET", "POST"])
@permission_required(access.SEND_REFERRALS, raise_exception=True)
def referral_shortlist(request: HttpRequest, referral_id) -> HttpResponse:
    referral = selectors.referral_detail(request.user, referral_id, to_act_on=True)
    result, settings = selectors.shortlist(request.user, referral)
    providers = selectors.providers_in_order(result, settings, referral)
    form = SendForm(request.POST or None, providers=providers)
    done = submit(
        request,
        form,
        lambda d: services.send_to_providers(
            actor=request.user, referral=referral, providers=form.chosen()
        ),
        success_url=presenters.referral_url(referral),
        message="The referral is sent to the providers you chose.",
    )
    page = presenters.shortlist_page(referral, result, settings, form)
    return done or render(request, "placements/shortlist.html", page)


@require_GET
@permission_required(access.VIEW_REFERRAL_QUEUE, raise_exception=True)
def offer_comparison(request: HttpRequest, referral_id) -> HttpResponse:
    referral = access.get_referral_to_act_on(request.user, referral_id)
    page = presenters.comparison_page(
        referral,
        selectors.offers_to_compare(request.user, referral),
        can_choose=access.can(request.user, access.MANAGE_CHILDREN),
        can_negotiate=access.can(request.user, access.NEGOTIATE),
    )
    return render(request, "placements/compare.html", page)


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_CHILDREN, raise_exception=True)
def offer_accept(request: HttpRequest, offer_id) -> HttpResponse:
    offer = access.get_offer_for_user(request.user, offer_id)
    form = _confirm_form(request)
    done = submit(
        request,
        form,
        lambda d: offer_services.accept_offer(actor=request.user, offer=offer),
        success_url=placement_url,
        message="The offer is accepted. Other providers have been told.",
    )
    return done or form_page(request, form, **presenters.accept_page(offer))


@require_http_methods(["GET", "POST"])
@permission_required(access.NEGOTIATE, raise_exception=True)
def offer_negotiate(request: HttpRequest, offer_id) -> HttpResponse:
    offer = access.get_offer_for_user(request.user, offer_id)
    form = NegotiateForm(request.POST or None, initial={"weekly_price": offer.weekly_price})
    page = presenters.negotiate_page(offer)
    done = submit(
        request,
        form,
        lambda d: offer_services.negotiate(actor=request.user, offer=offer, **d),
        success_url=page["back_url"],
        message="The agreed price is recorded.",
    )
    return done or form_page(request, form, **page)


@require_http_methods(["GET", "POST"])
@permission_required(access.TAKE_UASC_REFERRAL, raise_exception=True)
def referral_take(request: HttpRequest, referral_id) -> HttpResponse:
    referral = access.get_referral_for_user(request.user, referral_id)
    council = access.councils_for(request.user).first()
    form = _confirm_form(request)
    done = submit(
        request,
        form,
        lambda d: services.take_region_wide_referral(
            actor=request.user, referral=referral, local_authority=council
        ),
        success_url=presenters.referral_url(referral),
        message=f"{council.name} is now responsible for this child.",
    )
    return done or form_page(request, form, **presenters.take_page(referral, council))
