"""Referrals: write, submit, approve or return, shortlist and send, compare offers, accept."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from placements.forms.referrals import (
    ConfirmForm,
    DecisionForm,
    NegotiateForm,
    ReferralForm,
    SendForm,
)
from placements.selectors import referrals as selectors
from placements.services import offers as offer_services
from placements.services import referrals as services
from providers import presenters as market
from rcc import access
from rcc.flows import form_page, submit
from rcc.tables import Column, render_list


def _back(referral) -> str:
    return reverse("placements:referral", args=[referral.public_id])


@require_GET
@permission_required(access.VIEW_REFERRAL_QUEUE, raise_exception=True)
def referral_queue(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    columns = [
        Column(
            "Referral",
            lambda r: r.reference,
            link=lambda r: reverse("placements:referral", args=[r.public_id]),
        ),
        Column("Child", lambda r: r.child.case_id),
        Column("Council", lambda r: r.local_authority.name),
        Column("Type", lambda r: r.get_search_type_display()),
        Column("Status", lambda r: r.get_status_display()),
        Column("Days old", lambda r: (now - (r.submitted_at or r.created_at)).days, numeric=True),
        Column("Open offers", lambda r: r.offer_count, numeric=True),
        Column("Start by", lambda r: r.latest_start_date.isoformat()),
    ]
    return render_list(
        request,
        title="Referrals",
        rows=selectors.referral_queue(request.user),
        columns=columns,
        csv_name="referrals",
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_CHILDREN, raise_exception=True)
def referral_new(request: HttpRequest, child_id) -> HttpResponse:
    child = access.get_child_for_user(request.user, child_id)
    form = ReferralForm(
        request.POST or None,
        initial={"family_postcode": child.home_postcode, "school_postcode": child.school_postcode},
    )
    done = submit(
        request,
        form,
        lambda d: services.save_draft(
            actor=request.user,
            child=child,
            data=form.referral_data()[0],
            needs=form.referral_data()[1],
        ),
        success_url=_back,
        message="The referral is saved as a draft.",
    )
    return done or form_page(
        request,
        form,
        title="Write a home-search referral",
        caption=f"Child {child.case_id}",
        submit_text="Save draft",
        back_url=reverse("placements:child", args=[child.public_id]),
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_CHILDREN, raise_exception=True)
def referral_edit(request: HttpRequest, referral_id) -> HttpResponse:
    referral = access.get_referral_to_act_on(request.user, referral_id)
    form = ReferralForm(request.POST or None, instance=selectors.copy_of(referral))
    done = submit(
        request,
        form,
        lambda d: services.save_draft(
            actor=request.user,
            child=referral.child,
            referral=referral,
            data=form.referral_data()[0],
            needs=form.referral_data()[1],
        ),
        success_url=_back,
        message="The referral is saved.",
    )
    return done or form_page(
        request,
        form,
        title="Change the referral",
        caption=referral.reference,
        submit_text="Save",
        back_url=_back(referral),
    )


@require_GET
def referral_detail(request: HttpRequest, referral_id) -> HttpResponse:
    if not access.can(request.user, access.VIEW_REFERRAL_QUEUE):
        raise PermissionDenied
    referral = selectors.referral_detail(request.user, referral_id)
    user = request.user
    return render(
        request,
        "placements/referral.html",
        {
            "title": f"Referral {referral.reference}",
            "referral": referral,
            "can_write": access.can(user, access.MANAGE_CHILDREN),
            "can_approve": access.can(user, access.APPROVE),
            "can_send": access.can(user, access.SEND_REFERRALS),
            "can_take": access.can(user, access.TAKE_UASC_REFERRAL)
            and referral.region_wide
            and referral.local_authority_id != access.acting_membership(user).local_authority_id,
            "decline_reasons": selectors.decline_reasons(user, referral),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_CHILDREN, raise_exception=True)
def referral_submit(request: HttpRequest, referral_id) -> HttpResponse:
    referral = access.get_referral_to_act_on(request.user, referral_id)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    done = submit(
        request,
        form,
        lambda d: services.submit_referral(actor=request.user, referral=referral),
        success_url=_back(referral),
        message="The referral is sent to your team manager for approval.",
    )
    return done or form_page(
        request,
        form,
        title="Submit the referral for approval",
        caption=referral.reference,
        submit_text="Submit for approval",
        back_url=_back(referral),
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.APPROVE, raise_exception=True)
def referral_decide(request: HttpRequest, referral_id) -> HttpResponse:
    referral = access.get_referral_to_act_on(request.user, referral_id)
    form = DecisionForm(request.POST or None)

    def act(d):
        if d["decision"] == "approve":
            return services.approve_referral(actor=request.user, referral=referral)
        return services.return_referral(actor=request.user, referral=referral, reason=d["reason"])

    done = submit(request, form, act, success_url=_back(referral), message="Decision recorded.")
    return done or form_page(
        request,
        form,
        title="Approve or return the referral",
        caption=referral.reference,
        submit_text="Record decision",
        back_url=_back(referral),
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.SEND_REFERRALS, raise_exception=True)
def referral_shortlist(request: HttpRequest, referral_id) -> HttpResponse:
    referral = selectors.referral_detail(request.user, referral_id, to_act_on=True)
    result, settings = selectors.shortlist(request.user, referral)
    providers = selectors.providers_in_order(result, settings, referral)
    form = SendForm(request.POST or None, providers=providers)
    by_id = {p.pk: p for p in providers}
    done = submit(
        request,
        form,
        lambda d: services.send_to_providers(
            actor=request.user, referral=referral, providers=[by_id[i] for i in d["providers"]]
        ),
        success_url=_back(referral),
        message="The referral is sent to the providers you chose.",
    )
    return done or render(
        request,
        "placements/shortlist.html",
        {
            "title": "Matching settings",
            "referral": referral,
            "result": result,
            "settings": settings,
            "form": form,
            "p": market,
        },
    )


@require_GET
@permission_required(access.VIEW_REFERRAL_QUEUE, raise_exception=True)
def offer_comparison(request: HttpRequest, referral_id) -> HttpResponse:
    referral = access.get_referral_to_act_on(request.user, referral_id)
    return render(
        request,
        "placements/compare.html",
        {
            "title": "Compare offers",
            "referral": referral,
            "rows": selectors.offers_to_compare(request.user, referral),
            "can_choose": access.can(request.user, access.MANAGE_CHILDREN),
            "can_negotiate": access.can(request.user, access.NEGOTIATE),
            "p": market,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_CHILDREN, raise_exception=True)
def offer_accept(request: HttpRequest, offer_id) -> HttpResponse:
    offer = access.get_offer_for_user(request.user, offer_id)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    done = submit(
        request,
        form,
        lambda d: offer_services.accept_offer(actor=request.user, offer=offer),
        success_url=lambda placement: reverse("placements:placement", args=[placement.public_id]),
        message="The offer is accepted. Other providers have been told.",
    )
    return done or form_page(
        request,
        form,
        title=f"Accept the offer of {offer.setting.name}",
        caption=offer.referral.reference,
        submit_text="Accept offer",
        back_url=reverse("placements:compare", args=[offer.referral.public_id]),
        warning="Every other offer for this referral will be closed.",
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.NEGOTIATE, raise_exception=True)
def offer_negotiate(request: HttpRequest, offer_id) -> HttpResponse:
    offer = access.get_offer_for_user(request.user, offer_id)
    back = reverse("placements:compare", args=[offer.referral.public_id])
    form = NegotiateForm(request.POST or None, initial={"weekly_price": offer.weekly_price})
    done = submit(
        request,
        form,
        lambda d: offer_services.negotiate(actor=request.user, offer=offer, **d),
        success_url=back,
        message="The agreed price is recorded.",
    )
    return done or form_page(
        request,
        form,
        title="Record a negotiated price",
        caption=offer.setting.name,
        submit_text="Save price",
        back_url=back,
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.TAKE_UASC_REFERRAL, raise_exception=True)
def referral_take(request: HttpRequest, referral_id) -> HttpResponse:
    referral = access.get_referral_for_user(request.user, referral_id)
    council = access.councils_for(request.user).first()
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    done = submit(
        request,
        form,
        lambda d: services.take_region_wide_referral(
            actor=request.user, referral=referral, local_authority=council
        ),
        success_url=_back(referral),
        message=f"{council.name} is now responsible for this child.",
    )
    return done or form_page(
        request,
        form,
        title="Take responsibility for this child",
        caption=referral.reference,
        submit_text="Take responsibility",
        back_url=_back(referral),
        intro="This unaccompanied asylum-seeking child's referral is open to every council of "
        f"the region. {council.name} will become responsible for the child and the referral.",
    )
