"""The hub officer's pipeline pages: the enquiry queue, enquiries, applicants and each step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from fostering.forms import pipeline as forms
from fostering.presenters import pipeline as presenters
from fostering.selectors import pipeline as selectors
from fostering.services import pipeline
from rcc import access
from rcc.flows import form_page, submit
from rcc.kit.tables import render_list

hub_only = permission_required(access.WORK_FOSTERING_HUB, raise_exception=True)
form_methods = require_http_methods(["GET", "POST"])
APPROVAL = ("decided_on", "household", "max_children", "age_min", "age_max", "types")


def _pipeline_list(request: HttpRequest, *, clock: Callable, **kwargs: Any) -> HttpResponse:
    return render_list(
        request,
        template="fostering/hub/list.html",
        extra=presenters.list_extra(clock),
        **kwargs,
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


def _enquiry_step(
    request: HttpRequest, enquiry: Any, form: Any, act: Callable, **page: Any
) -> HttpResponse:
    """A step on one enquiry: its name is the caption, its page the way back."""
    back = presenters.enquiry_url(enquiry)
    return _step(request, form, act, caption=enquiry.name, back=back, **page)


def _applicant_step(
    request: HttpRequest, applicant: Any, form: Any, act: Callable, **page: Any
) -> HttpResponse:
    """A step on one applicant: their name is the caption, their page the way back."""
    back = presenters.applicant_url(applicant)
    return _step(request, form, act, caption=applicant.enquiry.name, back=back, **page)


# Enquiries -------------------------------------------------------------------------------
@require_GET
@hub_only
def queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = forms.QueueFilterForm(request.GET or None, councils=access.councils_for(user))
    routed = form.cleaned_data["routed"] if form.is_valid() else ""
    clock = selectors.enquiry_clock(user, today=timezone.localdate())
    return _pipeline_list(
        request,
        clock=clock,
        title="Fostering enquiries",
        rows=selectors.enquiry_queue(user, routed=routed),
        columns=presenters.queue_columns(clock),
        csv_name="fostering-enquiries",
        audited=True,
        filter_form=form,
    )


@require_GET
@hub_only
def enquiry_detail(request: HttpRequest, enquiry_id: Any) -> HttpResponse:
    context = selectors.enquiry_detail(request.user, enquiry_id)
    return render(request, "fostering/hub/enquiry.html", presenters.enquiry_page(context))


@form_methods
@hub_only
def enquiry_contact(request: HttpRequest, enquiry_id: Any) -> HttpResponse:
    enquiry = access.get_enquiry_for_user(request.user, enquiry_id)
    return _enquiry_step(
        request,
        enquiry,
        forms.ContactForm(request.POST or None),
        lambda d: pipeline.record_contact(actor=request.user, enquiry=enquiry, **d),
        title="Record a contact",
        message="The contact is recorded.",
    )


def _route_form(request: HttpRequest, enquiry: Any, suggested: Any) -> Any:
    """The choice of council, preset to where the enquiry is routed, else to its postcode's."""
    current = enquiry.routed_to_id or (suggested.pk if suggested else forms.HUB)
    councils = access.councils_for(request.user)
    return forms.RouteForm(request.POST or None, councils=councils, initial={"council": current})


@form_methods
@hub_only
def enquiry_route(request: HttpRequest, enquiry_id: Any) -> HttpResponse:
    user = request.user
    enquiry = access.get_enquiry_for_user(user, enquiry_id)
    suggested = selectors.suggested_council(user, enquiry)
    form = _route_form(request, enquiry, suggested)
    return _enquiry_step(
        request,
        enquiry,
        form,
        lambda d: pipeline.route_enquiry(
            actor=user, enquiry=enquiry, local_authority=form.chosen_council()
        ),
        title="Route the enquiry",
        message="The enquiry is routed.",
        intro=presenters.route_intro(enquiry, suggested),
    )


@form_methods
@hub_only
def enquiry_close(request: HttpRequest, enquiry_id: Any) -> HttpResponse:
    enquiry = access.get_enquiry_for_user(request.user, enquiry_id)
    return _enquiry_step(
        request,
        enquiry,
        forms.CloseForm(request.POST or None),
        lambda d: pipeline.close_enquiry(actor=request.user, enquiry=enquiry, **d),
        title="Close the enquiry",
        message="The enquiry is closed.",
        submit_text="Close enquiry",
        warning="A closed enquiry leaves the queue for good.",
    )


@form_methods
@hub_only
def enquiry_visit(request: HttpRequest, enquiry_id: Any) -> HttpResponse:
    enquiry = access.get_enquiry_for_user(request.user, enquiry_id)
    return _enquiry_step(
        request,
        enquiry,
        forms.InitialVisitForm(request.POST or None),
        lambda d: pipeline.record_initial_visit(actor=request.user, enquiry=enquiry, **d),
        title="Record the initial visit",
        success_url=presenters.applicant_url,
        message="The initial visit is recorded: the household is now an applicant.",
    )


# Applicants ------------------------------------------------------------------------------
@require_GET
@hub_only
def applicants(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = forms.PipelineFilterForm(request.GET or None)
    stage = form.cleaned_data["stage"] if form.is_valid() else ""
    clock = selectors.applicant_clock(user, today=timezone.localdate())
    return _pipeline_list(
        request,
        clock=clock,
        title="Fostering applicants",
        rows=selectors.applicant_pipeline(user, stage=stage),
        columns=presenters.applicant_columns(clock),
        csv_name="fostering-applicants",
        audited=True,
        filter_form=form,
    )


@require_GET
@hub_only
def applicant_detail(request: HttpRequest, applicant_id: Any) -> HttpResponse:
    context = selectors.applicant_detail(request.user, applicant_id)
    return render(request, "fostering/hub/applicant.html", presenters.applicant_page(context))


def applicant_step(
    form_class: type,
    service: Callable[..., Any],
    *,
    initial_from_query: tuple[str, ...] = (),
    **page: Any,
) -> Callable:
    """The view of one applicant step whose form's fields are its service's arguments.

    ``initial_from_query`` names fields a link may preset (``?kind=dbs``).
    """

    @form_methods
    @hub_only
    def view(request: HttpRequest, applicant_id: Any) -> HttpResponse:
        applicant = access.get_applicant_for_user(request.user, applicant_id)
        return _applicant_step(
            request,
            applicant,
            form_class(
                request.POST or None,
                initial={n: request.GET.get(n, "") for n in initial_from_query},
            ),
            lambda d: service(actor=request.user, applicant=applicant, **d),
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


def _decide(user: Any, applicant: Any, form: Any) -> Callable[[dict[str, Any]], Any]:
    """The service the decision form asks for: refuse, or approve (which adds the carer)."""

    def act(d: dict[str, Any]) -> Any:
        if d["decision"] == "refuse":
            return pipeline.refuse_applicant(
                actor=user, applicant=applicant, decided_on=d["decided_on"], reason=d["reason"]
            )
        council = form.chosen_council()
        approval = {name: d[name] for name in APPROVAL}
        return pipeline.approve_applicant(
            actor=user, applicant=applicant, local_authority=council, **approval
        )

    return act


@form_methods
@hub_only
def applicant_decision(request: HttpRequest, applicant_id: Any) -> HttpResponse:
    applicant = access.get_applicant_for_user(request.user, applicant_id)
    form = forms.DecisionForm(
        request.POST or None,
        councils=access.councils_for(request.user),
        routed_to=applicant.enquiry.routed_to,
        initial={"household": applicant.enquiry.name},
    )
    return _applicant_step(
        request,
        applicant,
        form,
        _decide(request.user, applicant, form),
        title="Record the agency decision",
        message="The decision is recorded.",
    )
