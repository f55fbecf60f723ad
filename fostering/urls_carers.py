"""The carers register, the support offer and the funnel, mounted at /fostering/hub/."""

from django.urls import path

from fostering import views_carers as views
from fostering import views_funnel

C = "carers/<uuid:carer_id>/"
EV = "events/<int:event_id>/"

urlpatterns = [
    path("carers/", views.carers, name="carers"),
    path("carers/new/", views.carer_add, name="carer_add"),
    path("carers/leaving/", views.leaving_reasons, name="leaving_reasons"),
    path(C, views.carer, name="carer"),
    path(C + "approval/", views.carer_approval, name="carer_approval"),
    path(C + "vacancies/new/", views.carer_vacancy, name="carer_vacancy"),
    path(
        C + "vacancies/<uuid:vacancy_id>/withdraw/",
        views.carer_vacancy_withdraw,
        name="carer_vacancy_withdraw",
    ),
    path(C + "buddy/", views.carer_buddy, name="carer_buddy"),
    path(C + "deregister/", views.carer_deregister, name="carer_deregister"),
    path("events/", views.support_events, name="support_events"),
    path("events/new/", views.support_event_add, name="support_event_add"),
    path(EV, views.support_event, name="support_event"),
    path(EV + "book/", views.support_event_book, name="support_event_book"),
    path(EV + "attendance/", views.support_event_attendance, name="support_event_attendance"),
    path("funnel/", views_funnel.funnel_page, name="funnel"),
]
