"""The public fostering hub: pages anyone may read, and the forms anyone may send.

Every view here is ``login_not_required``. The two forms that write (an enquiry, a place
at an information event) are rate limited per address, and the enquiry per email too.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fostering.forms.public import EligibilityForm, EnquiryForm, EventBookingForm
from fostering.presenters import public as presenters
from fostering.selectors import public as selectors
from fostering.services import public as services
from rcc import context, ratelimit
from rcc.models import Region
from rcc.services import ServiceError

# Per address: generous enough for a family sharing a connection (mobile networks share
# addresses too), tight enough to stop a script. Per email: a person enquires once or twice.
ENQUIRIES_PER_ADDRESS = ratelimit.Rate(limit=5, seconds=60 * 60)
ENQUIRIES_PER_EMAIL = ratelimit.Rate(limit=3, seconds=24 * 60 * 60)
BOOKINGS_PER_ADDRESS = ratelimit.Rate(limit=10, seconds=60 * 60)


def _address(request: HttpRequest) -> str:
    return context.current().ip_address or request.META.get("REMOTE_ADDR") or "unknown"


def _layout(request: HttpRequest, region: Region | None) -> dict[str, Any]:
    current = request.resolver_match.view_name if request.resolver_match else ""
    standard = selectors.service_standard_for(region) if region else None
    return presenters.layout(region, standard, current=current)


def _page(
    request: HttpRequest,
    template: str,
    region: Region | None,
    title: str,
    *,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    ctx = {"region": region, "title": title, **_layout(request, region), **extra}
    return render(request, f"fostering/public/{template}", ctx, status=status)


def _too_many(request: HttpRequest, region: Region, rate: ratelimit.Rate) -> HttpResponse:
    response = _page(request, "too_many.html", region, "Too many attempts", status=429)
    response["Retry-After"] = str(rate.seconds)
    return response


@login_not_required
@require_GET
def regions(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "regions.html",
        None,
        "Foster a child in your region",
        regions=selectors.regions(),
    )


def _static_page(template: str, title: str):
    @login_not_required
    @require_GET
    def view(request: HttpRequest, region_slug: str) -> HttpResponse:
        return _page(request, template, selectors.get_region(region_slug), title)

    return view


home = _static_page("home.html", "Fostering")
about = _static_page("about.html", "What fostering is")
who_can_foster = _static_page("who.html", "Who can foster")
support = _static_page("support.html", "Allowances and support")
stories = _static_page("stories.html", "Foster carers' stories")
privacy = _static_page("privacy.html", "Privacy notice: fostering enquiries")


@login_not_required
@require_GET
def eligibility(request: HttpRequest, region_slug: str) -> HttpResponse:
    """Three yes/no questions answered on the page (a GET form: nothing is stored)."""
    region = selectors.get_region(region_slug)
    form = EligibilityForm(request.GET or None)
    unmet = form.unmet() if form.is_valid() else None
    return _page(
        request, "eligibility.html", region, "Check if you can foster", form=form, unmet=unmet
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def enquire(request: HttpRequest, region_slug: str) -> HttpResponse:
    region = selectors.get_region(region_slug)
    form = EnquiryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not ratelimit.hit("fostering-enquiry-address", _address(request), ENQUIRIES_PER_ADDRESS):
            return _too_many(request, region, ENQUIRIES_PER_ADDRESS)
        if form.is_from_a_bot():  # looks sent to the bot; nothing is stored
            return redirect("fostering:public_enquiry_sent", region_slug=region.slug)
        if form.is_valid():
            email = form.cleaned_data["email"]
            if not ratelimit.hit("fostering-enquiry-email", email, ENQUIRIES_PER_EMAIL):
                return _too_many(request, region, ENQUIRIES_PER_EMAIL)
            services.submit_enquiry(region=region, data=form.cleaned_data)
            return redirect("fostering:public_enquiry_sent", region_slug=region.slug)
    return _page(request, "enquire.html", region, "Enquire about fostering", form=form)


@login_not_required
@require_GET
def enquiry_sent(request: HttpRequest, region_slug: str) -> HttpResponse:
    region = selectors.get_region(region_slug)
    due = selectors.first_contact_due(region, timezone.localdate())
    by = presenters.long_date(due)
    return _page(request, "enquiry_sent.html", region, "Enquiry sent", first_contact_by=by)


@login_not_required
@require_GET
def events(request: HttpRequest, region_slug: str) -> HttpResponse:
    region = selectors.get_region(region_slug)
    return _events_page(request, region)


@login_not_required
@require_POST
def book_event(request: HttpRequest, region_slug: str, event_id: int) -> HttpResponse:
    """Book a place from the events page; errors show there, against the event's form."""
    region = selectors.get_region(region_slug)
    event = selectors.get_upcoming_information_event(region, event_id)
    if event is None:
        raise Http404
    if not ratelimit.hit("fostering-booking-address", _address(request), BOOKINGS_PER_ADDRESS):
        return _too_many(request, region, BOOKINGS_PER_ADDRESS)
    form = EventBookingForm(request.POST, prefix=f"event-{event.pk}")
    if form.is_valid():
        try:
            services.book_information_event(event=event, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            return redirect("fostering:public_event_booked", region_slug=region.slug)
    return _events_page(request, region, failed=(event.pk, form))


def _events_page(
    request: HttpRequest, region: Region, failed: tuple[int, EventBookingForm] | None = None
) -> HttpResponse:
    listed = list(selectors.upcoming_information_events(region)[:20])
    forms = {e.pk: EventBookingForm(prefix=f"event-{e.pk}") for e in listed}
    if failed:
        forms[failed[0]] = failed[1]
    return _page(
        request,
        "events.html",
        region,
        "Information events",
        events=[(e, forms[e.pk]) for e in listed],
        form=failed[1] if failed else None,
    )


@login_not_required
@require_GET
def event_booked(request: HttpRequest, region_slug: str) -> HttpResponse:
    return _page(
        request, "event_booked.html", selectors.get_region(region_slug), "You have a place"
    )
