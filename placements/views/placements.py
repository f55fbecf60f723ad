"""A placement: its agreement, the approvals it needs, and its ending."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from placements.forms.placements import ApprovalForm, EndForm
from placements.selectors import placements as selectors
from placements.services import placements as services
from providers import presenters as market
from rcc import access
from rcc.flows import form_page, submit
from rcc.tables import Column, render_list


@require_GET
def placement_detail(request: HttpRequest, placement_id) -> HttpResponse:
    if not access.can(request.user, access.VIEW_CHILDREN):
        raise PermissionDenied
    placement = access.get_placement_for_user(request.user, placement_id)
    return render(
        request,
        "placements/placement.html",
        {
            "title": "Placement",
            "placement": placement,
            "p": market,
            "approvals": list(placement.approvals.all()),
            "can_end": access.can(request.user, access.MANAGE_CHILDREN),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_CHILDREN, raise_exception=True)
def placement_end(request: HttpRequest, placement_id) -> HttpResponse:
    placement = access.get_placement_for_user(request.user, placement_id)
    back = reverse("placements:placement", args=[placement.public_id])
    form = EndForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda d: services.end_placement(actor=request.user, placement=placement, **d),
        success_url=back,
        message="The placement has ended.",
    )
    return done or form_page(
        request,
        form,
        title="End the placement",
        caption=placement.setting.name,
        submit_text="End placement",
        back_url=back,
    )


@require_GET
@permission_required(access.APPROVE, raise_exception=True)
def approval_list(request: HttpRequest) -> HttpResponse:
    columns = [
        Column(
            "Placement",
            lambda a: a.placement.setting.name,
            link=lambda a: reverse("placements:approval", args=[a.pk]),
        ),
        Column("Child", lambda a: a.placement.child.case_id if a.placement.child else ""),
        Column("Needs approval because", lambda a: a.get_kind_display()),
        Column("Weekly cost", lambda a: market.money(a.placement.agreed_weekly_cost), numeric=True),
        Column("Starts", lambda a: a.placement.start_date.isoformat()),
    ]
    return render_list(
        request,
        title="Placements to approve",
        rows=selectors.pending_approvals(request.user),
        columns=columns,
        csv_name="approvals",
        extra={"empty": "No placements are waiting for your approval."},
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.APPROVE, raise_exception=True)
def approval_decide(request: HttpRequest, approval_id: int) -> HttpResponse:
    approval = selectors.approval(request.user, approval_id)
    form = ApprovalForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda d: services.decide_approval(
            actor=request.user,
            approval=approval,
            approve=d["decision"] == "approve",
            reason=d["reason"],
        ),
        success_url=reverse("placements:approvals"),
        message="Decision recorded.",
    )
    placement = approval.placement
    return done or form_page(
        request,
        form,
        title=approval.get_kind_display(),
        caption=placement.setting.name,
        submit_text="Record decision",
        back_url=reverse("placements:approvals"),
        intro=f"{placement.setting.name} ({placement.setting.local_authority.name}), "
        f"{market.money(placement.agreed_weekly_cost)} a week "
        f"from {placement.start_date:%d %B %Y}.",
    )
