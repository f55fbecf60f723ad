"""Children of a council: the list, adding one, and the child's record (every view audited)."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from placements.forms.children import ChildForm
from placements.presenters import children as presenters
from placements.selectors import children as selectors
from placements.services import referrals as services
from rcc import access, audit
from rcc.flows import form_page, submit
from rcc.kit.tables import render_list


@require_GET
@permission_required(access.VIEW_CHILDREN, raise_exception=True)
def child_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    can_add = access.can(request.user, access.MANAGE_CHILDREN)
    actions = presenters.child_list_actions(can_add=can_add)
    return render_list(
        request,
        title="Children",
        rows=selectors.children_list(request.user, query),
        columns=presenters.CHILD_COLUMNS,
        csv_name="children",
        audited=True,
        template="placements/children.html",
        extra={"actions": actions, "q": query},
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_CHILDREN, raise_exception=True)
def child_new(request: HttpRequest) -> HttpResponse:
    form = ChildForm(request.POST or None)
    council = access.councils_for(request.user).first()
    done = submit(
        request,
        form,
        lambda d: services.create_child(actor=request.user, local_authority=council, data=d),
        success_url=presenters.child_url,
        message="The child is added.",
    )
    return done or form_page(request, form, **presenters.new_child_page())


@require_GET
@permission_required(access.VIEW_CHILDREN, raise_exception=True)
def child_detail(request: HttpRequest, child_id) -> HttpResponse:
    record = selectors.child_record(request.user, child_id)
    child = record["child"]
    audit.record(
        actor=request.user, action="child.viewed", obj=child, local_authority=child.local_authority
    )
    record.update(
        title=child.display_name,
        can_refer=access.can(request.user, access.MANAGE_CHILDREN),
        episodes=presenters.episode_rows(record["episodes"]),
    )
    return render(request, "placements/child.html", record)
