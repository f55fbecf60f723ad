"""Hub officers' carers register and support offer; the funnel for hub, RCC and admin roles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from fostering.forms import carers as forms
from fostering.presenters import carers as presenters
from fostering.selectors import carers as selectors
from fostering.services import carers as services
from rcc import access
from rcc.flows import form_page, submit
from rcc.kit.tables import render_list

hub_only = permission_required(access.WORK_FOSTERING_HUB, raise_exception=True)
form_methods = require_http_methods(["GET", "POST"])


# The register -------------------------------------------------------------------------------
@require_GET
@hub_only
def carers(request: HttpRequest) -> HttpResponse:
    form = forms.CarerFilterForm(request.GET or None, councils=selectors.councils(request.user))
    wanted = form.cleaned_data if form.is_valid() else {}  # council, carer_type, free_places
    return render_list(
        request,
        title="Approved foster carers",
        rows=selectors.carer_register(request.user, **wanted),
        columns=presenters.carer_columns(),
        csv_name="approved-carers",
        audited=True,
        filter_form=form,
        extra=presenters.register_extra(),
    )


@require_GET
@hub_only
def carer(request: HttpRequest, carer_id: Any) -> HttpResponse:
    context = selectors.carer_detail(request.user, carer_id)
    return render(request, "fostering/carers/carer.html", presenters.carer_page(context))


def _step(
    request: HttpRequest,
    form: Any,
    act: Callable[[dict[str, Any]], Any],
    *,
    back: str,
    message: str,
    success_url: str | Callable[[Any], str] | None = None,
    **page: Any,
) -> HttpResponse:
    """One form, one service call: on success report and redirect, else show the form."""
    done = submit(request, form, act, success_url=success_url or back, message=message)
    return done or form_page(request, form, back_url=back, **page)


@form_methods
@hub_only
def carer_add(request: HttpRequest) -> HttpResponse:
    form = forms.CarerForm(request.POST or None, councils=selectors.councils(request.user))
    return _step(
        request,
        form,
        lambda d: services.add_carer(actor=request.user, **d),
        back=reverse("fostering:carers"),
        success_url=presenters.carer_url,
        message="The carer is on the register.",
        title="Add an approved carer",
        intro="For households approved before the hub: applicants approved through the hub "
        "join the register when the decision is recorded.",
        submit_text="Add carer",
    )


@form_methods
@hub_only
def carer_approval(request: HttpRequest, carer_id: Any) -> HttpResponse:
    carer = access.get_carer_for_user(request.user, carer_id)
    fields = ("max_children", "age_min", "age_max", "types", "current_children")
    form = forms.ApprovalForm(request.POST or None, initial={f: getattr(carer, f) for f in fields})
    return _step(
        request,
        form,
        lambda d: services.change_approval(actor=request.user, carer=carer, **d),
        back=presenters.carer_url(carer),
        message="The approval range is saved.",
        title="Change the approval range",
        caption=carer.household,
        submit_text="Save",
    )


@form_methods
@hub_only
def carer_vacancy(request: HttpRequest, carer_id: Any) -> HttpResponse:
    carer = access.get_carer_for_user(request.user, carer_id)
    today, ages = timezone.localdate(), {"age_min": carer.age_min, "age_max": carer.age_max}
    form = forms.VacancyForm(request.POST or None, initial={"available_from": today, **ages})
    return _step(
        request,
        form,
        lambda d: services.report_carer_vacancy(actor=request.user, carer=carer, **d),
        back=presenters.carer_url(carer),
        message="The vacancy is offered to matching as the council's in-house supply.",
        title="Record a vacancy",
        caption=carer.household,
        intro=f"Approved for {carer.max_children}, ages {carer.age_min} to {carer.age_max}; "
        f"{carer.current_children} living there now.",
        submit_text="Offer the places",
    )


@form_methods
@hub_only
def carer_vacancy_withdraw(request: HttpRequest, carer_id: Any, vacancy_id: Any) -> HttpResponse:
    link = selectors.carer_vacancy(request.user, carer_id, vacancy_id)
    return _step(
        request,
        forms.WithdrawForm(request.POST or None),
        lambda d: services.withdraw_carer_vacancy(actor=request.user, link=link, **d),
        back=presenters.carer_url(link.carer),
        message="The vacancy is withdrawn.",
        title="Withdraw the vacancy",
        caption=link.carer.household,
        submit_text="Withdraw vacancy",
    )


@form_methods
@hub_only
def carer_buddy(request: HttpRequest, carer_id: Any) -> HttpResponse:
    carer = access.get_carer_for_user(request.user, carer_id)
    choices = selectors.buddy_choices(request.user, carer)
    form = forms.BuddyForm(request.POST or None, choices=choices, initial={"buddy": carer.buddy_id})
    return _step(
        request,
        form,
        lambda d: services.assign_buddy(actor=request.user, carer=carer, **d),
        back=presenters.carer_url(carer),
        message="The buddy is assigned.",
        title="Assign a buddy",
        caption=carer.household,
        intro="An experienced carer of the region who will keep in touch.",
        submit_text="Assign buddy",
    )


@form_methods
@hub_only
def carer_deregister(request: HttpRequest, carer_id: Any) -> HttpResponse:
    carer = access.get_carer_for_user(request.user, carer_id)
    return _step(
        request,
        forms.DeregisterForm(request.POST or None),
        lambda d: services.deregister_carer(actor=request.user, carer=carer, **d),
        back=presenters.carer_url(carer),
        message="The carer is deregistered and their vacancies are closed.",
        title="Deregister the carer",
        caption=carer.household,
        warning="Their open vacancies are withdrawn from matching.",
        submit_text="Deregister",
    )


@require_GET
@hub_only
def leaving_reasons(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        title="Why carers leave",
        rows=selectors.leaving_reasons(request.user),
        columns=presenters.reason_columns(),
        csv_name="leaving-reasons",
        extra={"empty": "No carer has deregistered yet."},
    )


# The support offer ---------------------------------------------------------------------------
@require_GET
@hub_only
def support_events(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        title="Support groups, training and events",
        rows=selectors.support_event_list(request.user),
        columns=presenters.event_columns(),
        csv_name="support-events",
        extra=presenters.events_extra(),
    )


@form_methods
@hub_only
def support_event_add(request: HttpRequest) -> HttpResponse:
    form = forms.SupportEventForm(request.POST or None)
    region = selectors.hub_region(request.user)
    return _step(
        request,
        form,
        lambda d: services.create_support_event(
            actor=request.user, region=region, starts_at=form.starts_at(), **form.details()
        ),
        back=reverse("fostering:support_events"),
        success_url=presenters.event_url,
        message="The event is added.",
        title="Add an event",
        intro="Information events appear on the region's public fostering pages.",
        submit_text="Add event",
    )


@require_GET
@hub_only
def support_event(request: HttpRequest, event_id: int) -> HttpResponse:
    context = selectors.support_event_detail(request.user, event_id)
    return render(request, "fostering/carers/event.html", presenters.event_page(context))


@form_methods
@hub_only
def support_event_book(request: HttpRequest, event_id: int) -> HttpResponse:
    event = access.get_support_event_for_user(request.user, event_id)
    carers = selectors.bookable_carers(request.user, event)
    return _step(
        request,
        forms.BookForm(request.POST or None, carers=carers),
        lambda d: services.book_carer(actor=request.user, event=event, **d),
        back=presenters.event_url(event),
        message="The carer is booked.",
        title="Book a carer",
        caption=event.title,
        submit_text="Book",
    )


@form_methods
@hub_only
def support_event_attendance(request: HttpRequest, event_id: int) -> HttpResponse:
    context = selectors.support_event_detail(request.user, event_id)
    event = context["event"]
    return _step(
        request,
        forms.AttendanceForm(request.POST or None, bookings=context["bookings"]),
        lambda d: services.record_attendance(actor=request.user, event=event, **d),
        back=presenters.event_url(event),
        message="Attendance is saved.",
        title="Who came?",
        caption=event.title,
        intro="Tick everyone who came; the rest are recorded as not attending.",
        submit_text="Save attendance",
    )
