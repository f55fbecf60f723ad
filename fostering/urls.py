"""The fostering app (namespace ``fostering``): the public pages (no sign-in) at /fostering/,
the hub's pipeline, carers register, support offer and funnel at /fostering/hub/."""

from django.urls import include, path, register_converter

from fostering.views import carers, funnel, pipeline, public


class RegionSlug:
    """A region's slug, but never "hub": /fostering/hub/ belongs to the hub's staff pages,
    which come after the public pages below."""

    regex = r"(?!hub/)[-a-zA-Z0-9_]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RegionSlug, "region_slug")

R = "<region_slug:region_slug>/"

public_urls = [
    path("", public.regions, name="public_regions"),
    path(R, public.home, name="public_home"),
    path(R + "what-fostering-is/", public.about, name="public_about"),
    path(R + "who-can-foster/", public.who_can_foster, name="public_who"),
    path(R + "allowances-and-support/", public.support, name="public_support"),
    path(R + "events/", public.events, name="public_events"),
    path(R + "events/<int:event_id>/book/", public.book_event, name="public_book_event"),
    path(R + "events/booked/", public.event_booked, name="public_event_booked"),
    path(R + "stories/", public.stories, name="public_stories"),
    path(R + "can-i-foster/", public.eligibility, name="public_eligibility"),
    path(R + "enquire/", public.enquire, name="public_enquire"),
    path(R + "enquire/sent/", public.enquiry_sent, name="public_enquiry_sent"),
    path(R + "privacy/", public.privacy, name="public_privacy"),
]

E = "enquiries/<uuid:enquiry_id>/"
A = "applicants/<uuid:applicant_id>/"

pipeline_urls = [
    path("enquiries/", pipeline.queue, name="queue"),
    path(E, pipeline.enquiry_detail, name="enquiry"),
    path(E + "contact/", pipeline.enquiry_contact, name="enquiry_contact"),
    path(E + "route/", pipeline.enquiry_route, name="enquiry_route"),
    path(E + "close/", pipeline.enquiry_close, name="enquiry_close"),
    path(E + "initial-visit/", pipeline.enquiry_visit, name="enquiry_visit"),
    path("applicants/", pipeline.applicants, name="applicants"),
    path(A, pipeline.applicant_detail, name="applicant"),
    path(A + "application/", pipeline.applicant_application, name="applicant_application"),
    path(A + "check/", pipeline.applicant_check, name="applicant_check"),
    path(A + "stage-2/", pipeline.applicant_stage_2, name="applicant_stage_2"),
    path(A + "form-f-visit/", pipeline.applicant_visit, name="applicant_visit"),
    path(A + "report/", pipeline.applicant_report, name="applicant_report"),
    path(A + "panel/", pipeline.applicant_panel, name="applicant_panel"),
    path(
        A + "recommendation/",
        pipeline.applicant_recommendation,
        name="applicant_recommendation",
    ),
    path(A + "decision/", pipeline.applicant_decision, name="applicant_decision"),
    path(A + "withdraw/", pipeline.applicant_withdraw, name="applicant_withdraw"),
]

C = "carers/<uuid:carer_id>/"
EV = "events/<int:event_id>/"

carers_urls = [
    path("carers/", carers.carers, name="carers"),
    path("carers/new/", carers.carer_add, name="carer_add"),
    path("carers/leaving/", carers.leaving_reasons, name="leaving_reasons"),
    path(C, carers.carer, name="carer"),
    path(C + "approval/", carers.carer_approval, name="carer_approval"),
    path(C + "vacancies/new/", carers.carer_vacancy, name="carer_vacancy"),
    path(
        C + "vacancies/<uuid:vacancy_id>/withdraw/",
        carers.carer_vacancy_withdraw,
        name="carer_vacancy_withdraw",
    ),
    path(C + "buddy/", carers.carer_buddy, name="carer_buddy"),
    path(C + "deregister/", carers.carer_deregister, name="carer_deregister"),
    path("events/", carers.support_events, name="support_events"),
    path("events/new/", carers.support_event_add, name="support_event_add"),
    path(EV, carers.support_event, name="support_event"),
    path(EV + "book/", carers.support_event_book, name="support_event_book"),
    path(EV + "attendance/", carers.support_event_attendance, name="support_event_attendance"),
]

funnel_urls = [
    path("funnel/", funnel.funnel_page, name="funnel"),
]

app_name = "fostering"

urlpatterns = [
    *public_urls,
    path("hub/", include(pipeline_urls + carers_urls + funnel_urls)),
]
