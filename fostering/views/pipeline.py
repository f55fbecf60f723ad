"""The hub officer's pipeline pages: the enquiry queue, enquiries, applicants and each step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from fostering.forms import pipeline as forms
from fostering.models.choices import Interest
from fostering.selectors import pipeline as selectors
from fostering.services import pipeline
from rcc import access
from rcc.flows import form_page, submit
from rcc.presenters import format_date
from rcc.tables import Column, render_list

hub_only = permission_required(access.WORK_FOSTERING_HUB, raise_exception=True)
form_methods = require_http_methods(["GET", "POST"])

TAG_CLASSES = {
    "Overdue": "govuk-tag--red",
    "Met late": "govuk-tag--orange",
    "Met": "govuk-tag--green",
    "Due": "govuk-tag--blue",
    "Stopped": "govuk-tag--grey",
    "Not started": "govuk-tag--grey",
}
OVERDUE = "Overdue"
INTERESTS = dict(Interest.choices)


def _enquiry_url(enquiry: Any) -> str:
    return reverse("fostering:enquiry", args=[enquiry.public_id])


def _applicant_url(applicant: Any) -> str:
    return reverse("fostering:applicant", args=[applicant.public_id])


def _council(enquiry: Any) -> str:
    return enquiry.routed_to.name if enquiry.routed_to else "Regional hub"


def _memo(compute: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Per-row results, computed once however many columns ask."""
    seen: dict[int, Any] = {}
    return lambda row: seen[row.pk] if row.pk in seen else seen.setdefault(row.pk, compute(row))


def _overdue_tag(row_clock: Callable[[Any], Any]) -> Callable[[Any], dict | None]:
    def tag(row: Any) -> dict | None:
        clock = row_clock(row)
        return {"text": OVERDUE, "classes": TAG_CLASSES[OVERDUE]} if clock.overdue else None

    return tag


def _pipeline_list(request: HttpRequest, *, clock: Callable, **kwargs: Any) -> HttpResponse:
    return render_list(
        request,
        template="fostering/hub/list.html",
        extra={"tag_column": OVERDUE, "tag": _overdue_tag(clock)},
        **kwargs,
    )


# Enquiries -------------------------------------------------------------------------------
@require_GET
@hub_only
def queue(request: HttpRequest) -> HttpResponse:
    user, today = request.user, timezone.localdate()
    standard = selectors.standard_for_user(user)
    form = forms.QueueFilterForm(request.GET or None, councils=access.councils_for(user))
    routed = form.cleaned_data["routed"] if form.is_valid() else ""

    def next_step(enquiry: Any) -> Any:
        return selectors.next_timescale(
            selectors.enquiry_timescales(enquiry, standard, today=today)
        )

    clock = _memo(next_step)
    columns = [
        Column("Enquirer", lambda e: e.name, link=_enquiry_url),
        Column("Received", lambda e: format_date(timezone.localdate(e.received_at))),
        Column("Routed to", _council),
        Column("Age (working days)", lambda e: clock(e).elapsed, numeric=True),
        Column("Next step", lambda e: clock(e).label),
        Column("Due", lambda e: format_date(clock(e).due)),
        Column(OVERDUE, lambda e: "Yes" if clock(e).overdue else "No"),
    ]
    return _pipeline_list(
        request,
        clock=clock,
        title="Fostering enquiries",
        rows=selectors.enquiry_queue(user, routed=routed),
        columns=columns,
        csv_name="fostering-enquiries",
        filter_form=form,
    )


@require_GET
@hub_only
def enquiry_detail(request: HttpRequest, enquiry_id: Any) -> HttpResponse:
    context = selectors.enquiry_detail(request.user, enquiry_id)
    return render(
        request,
        "fostering/hub/enquiry.html",
        {
            "title": f"Enquiry from {context['enquiry'].name}",
            "tag_classes": TAG_CLASSES,
            "interests": [INTERESTS.get(i, i) for i in context["enquiry"].interests],
            **context,
        },
    )


def _step(
    request: HttpRequest,
    form: Any,
    act: Callable[[dict[str, Any]], Any],
    *,
    title: str,
    caption: str,
    back: str,
    message: str,
    submit_text: str = "Save",
    success_url: str | Callable[[Any], str] | None = None,
    intro: str = "",
    warning: str = "",
) -> HttpResponse:
    """One pipeline step: a form page whose valid POST calls one service."""
    done = submit(request, form, act, success_url=success_url or back, message=message)
    return done or form_page(
        request,
        form,
        title=title,
        caption=caption,
        submit_text=submit_text,
        back_url=back,
        intro=intro,
        warning=warning,
    )


@form_methods
@hub_only
def enquiry_contact(request: HttpRequest, enquiry_id: Any) -> HttpResponse:
    enquiry = access.get_enquiry_for_user(request.user, enquiry_id)
    return _step(
        request,
        forms.ContactForm(request.POST or None),
        lambda d: pipeline.record_contact(actor=request.user, enquiry=enquiry, **d),
        title="Record a contact",
        caption=enquiry.name,
        back=_enquiry_url(enquiry),
        message="The contact is recorded.",
    )


@form_methods
@hub_only
def enquiry_route(request: HttpRequest, enquiry_id: Any) -> HttpResponse:
    user = request.user
    enquiry = access.get_enquiry_for_user(user, enquiry_id)
    suggested = selectors.suggested_council(user, enquiry)
    current = enquiry.routed_to_id or (suggested.pk if suggested else forms.HUB)
    form = forms.RouteForm(
        request.POST or None, councils=access.councils_for(user), initial={"council": current}
    )
    return _step(
        request,
        form,
        lambda d: pipeline.route_enquiry(
            actor=user, enquiry=enquiry, local_authority=form.chosen_council()
        ),
        title="Route the enquiry",
        caption=enquiry.name,
        back=_enquiry_url(enquiry),
        message="The enquiry is routed.",
        intro=f"Postcode {enquiry.postcode}"
        + (f" is in {suggested.name}." if suggested else ": its council is not known."),
    )


@form_methods
@hub_only
def enquiry_close(request: HttpRequest, enquiry_id: Any) -> HttpResponse:
    enquiry = access.get_enquiry_for_user(request.user, enquiry_id)
    return _step(
        request,
        forms.CloseForm(request.POST or None),
        lambda d: pipeline.close_enquiry(actor=request.user, enquiry=enquiry, **d),
        title="Close the enquiry",
        caption=enquiry.name,
        back=_enquiry_url(enquiry),
        message="The enquiry is closed.",
        submit_text="Close enquiry",
        warning="A closed enquiry leaves the queue for good.",
    )


@form_methods
@hub_only
def enquiry_visit(request: HttpRequest, enquiry_id: Any) -> HttpResponse:
    enquiry = access.get_enquiry_for_user(request.user, enquiry_id)
    return _step(
        request,
        forms.InitialVisitForm(request.POST or None),
        lambda d: pipeline.record_initial_visit(actor=request.user, enquiry=enquiry, **d),
        title="Record the initial visit",
        caption=enquiry.name,
        back=_enquiry_url(enquiry),
        success_url=_applicant_url,
        message="The initial visit is recorded: the household is now an applicant.",
    )


# Applicants ------------------------------------------------------------------------------
@require_GET
@hub_only
def applicants(request: HttpRequest) -> HttpResponse:
    user, today = request.user, timezone.localdate()
    standard = selectors.standard_for_user(user)
    form = forms.PipelineFilterForm(request.GET or None)
    stage = form.cleaned_data["stage"] if form.is_valid() else ""

    def next_clock(applicant: Any) -> Any:
        timescales = selectors.applicant_timescales(applicant, standard, today=today)
        return selectors.next_timescale(timescales) or timescales[0]

    clock = _memo(next_clock)
    columns = [
        Column("Applicant", lambda a: a.enquiry.name, link=_applicant_url),
        Column("Routed to", lambda a: _council(a.enquiry)),
        Column("Stage", lambda a: a.get_stage_display()),
        Column("Timescale", lambda a: clock(a).label),
        Column("Due", lambda a: format_date(clock(a).due)),
        Column(OVERDUE, lambda a: "Yes" if clock(a).overdue else "No"),
    ]
    return _pipeline_list(
        request,
        clock=clock,
        title="Fostering applicants",
        rows=selectors.applicant_pipeline(user, stage=stage),
        columns=columns,
        csv_name="fostering-applicants",
        filter_form=form,
    )


@require_GET
@hub_only
def applicant_detail(request: HttpRequest, applicant_id: Any) -> HttpResponse:
    context = selectors.applicant_detail(request.user, applicant_id)
    return render(
        request,
        "fostering/hub/applicant.html",
        {
            "title": f"Applicant: {context['enquiry'].name}",
            "tag_classes": TAG_CLASSES,
            **context,
        },
    )


def applicant_step(form_class: type, service: Callable[..., Any], **page: Any) -> Callable:
    """The view of one applicant step whose form's fields are its service's arguments.

    ``initial_from_query`` names fields a link may preset (``?kind=dbs``).
    """
    preset = page.pop("initial_from_query", ())

    @form_methods
    @hub_only
    def view(request: HttpRequest, applicant_id: Any) -> HttpResponse:
        applicant = access.get_applicant_for_user(request.user, applicant_id)
        initial = {name: request.GET.get(name, "") for name in preset}
        return _step(
            request,
            form_class(request.POST or None, initial=initial),
            lambda d: service(actor=request.user, applicant=applicant, **d),
            caption=applicant.enquiry.name,
            back=_applicant_url(applicant),
            **page,
        )

    view.__name__ = view.__qualname__ = service.__name__
    return view


applicant_application = applicant_step(
    forms.ApplicationForm,
    pipeline.receive_application,
    title="Record the application",
    intro="Stage 1 starts: the DBS check, references, medical and local authority checks are "
    "requested the day the application arrives.",
    message="The application is recorded and Stage 1 has started.",
)
applicant_check = applicant_step(
    forms.CheckForm,
    pipeline.record_check,
    initial_from_query=("kind",),
    title="Record a Stage 1 check",
    message="The check is recorded.",
)
applicant_stage_2 = applicant_step(
    forms.Stage2Form,
    pipeline.start_stage_2,
    title="Start Stage 2 (Form F assessment)",
    message="Stage 2 has started.",
)
applicant_visit = applicant_step(
    forms.AssessmentVisitForm,
    pipeline.record_assessment_visit,
    title="Record a Form F visit",
    message="The visit is recorded.",
)
applicant_report = applicant_step(
    forms.ReportForm,
    pipeline.record_report,
    title="Record the Form F report",
    message="The report is recorded.",
)
applicant_panel = applicant_step(
    forms.PanelDateForm,
    pipeline.set_panel_date,
    title="Set the panel date",
    message="The panel date is set.",
)
applicant_recommendation = applicant_step(
    forms.RecommendationForm,
    pipeline.record_panel_recommendation,
    title="Record the panel's recommendation",
    message="The recommendation is recorded: the agency decision maker decides next.",
)
applicant_withdraw = applicant_step(
    forms.WithdrawForm,
    pipeline.withdraw_applicant,
    title="Record a withdrawal",
    message="The withdrawal is recorded.",
    submit_text="Record withdrawal",
)


@form_methods
@hub_only
def applicant_decision(request: HttpRequest, applicant_id: Any) -> HttpResponse:
    user = request.user
    applicant = access.get_applicant_for_user(user, applicant_id)
    form = forms.DecisionForm(
        request.POST or None,
        councils=access.councils_for(user),
        routed_to=applicant.enquiry.routed_to,
        initial={"household": applicant.enquiry.name},
    )

    def act(d: dict[str, Any]) -> Any:
        if d["decision"] == "refuse":
            return pipeline.refuse_applicant(
                actor=user, applicant=applicant, decided_on=d["decided_on"], reason=d["reason"]
            )
        return pipeline.approve_applicant(
            actor=user,
            applicant=applicant,
            decided_on=d["decided_on"],
            household=d["household"],
            max_children=d["max_children"],
            age_min=d["age_min"],
            age_max=d["age_max"],
            types=d["types"],
            local_authority=form.chosen_council(),
        )

    return _step(
        request,
        form,
        act,
        title="Record the agency decision",
        caption=applicant.enquiry.name,
        back=_applicant_url(applicant),
        message="The decision is recorded.",
    )
