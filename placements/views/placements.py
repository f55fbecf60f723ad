"""A placement: its agreement, the approvals it needs, and its ending."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from placements.forms.placements import ApprovalForm, EndForm
from placements.presenters import placements as presenters
from placements.selectors import placements as selectors
from placements.services import placements as services
from rcc import access
from rcc.flows import form_page, submit
from rcc.kit.tables import render_list


@require_GET
def placement_detail(request: HttpRequest, placement_id) -> HttpResponse:
    if not access.can(request.user, access.VIEW_CHILDREN):
        raise PermissionDenied
    record = selectors.placement_record(request.user, placement_id)
    can_end = access.can(request.user, access.MANAGE_CHILDREN)
    page = presenters.placement_page(record, can_end=can_end)
    return render(request, "placements/placement.html", page)


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_CHILDREN, raise_exception=True)
def placement_end(request: HttpRequest, placement_id) -> HttpResponse:
    placement = access.get_placement_for_user(request.user, placement_id)
    form = EndForm(request.POST or None)
    page = presenters.end_page(placement)
    done = submit(
        request,
        form,
        lambda d: services.end_placement(actor=request.user, placement=placement, **d),
        success_url=page["back_url"],
        message="The placement has ended.",
    )
    return done or form_page(request, form, **page)


@require_GET
@permission_required(access.APPROVE, raise_exception=True)
def approval_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        title="Placements to approve",
        rows=selectors.pending_approvals(request.user),
        columns=presenters.APPROVAL_COLUMNS,
        csv_name="approvals",
        audited=True,
        extra=presenters.APPROVALS_EMPTY,
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.APPROVE, raise_exception=True)
def approval_decide(request: HttpRequest, approval_id: int) -> HttpResponse:
    approval = selectors.approval(request.user, approval_id)
    form = ApprovalForm(request.POST or None)

    def decide(d):
        approve = d["decision"] == "approve"
        return services.decide_approval(
            actor=request.user, approval=approval, approve=approve, reason=d["reason"]
        )

    page = presenters.approval_page(approval)
    done = submit(request, form, decide, success_url=page["back_url"], message="Decision recorded.")
    return done or form_page(request, form, **page)
