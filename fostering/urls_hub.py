"""The hub officer's pipeline, mounted at /fostering/hub/ (namespace ``fostering``)."""

from django.urls import path

from fostering import views_hub as views

E = "enquiries/<uuid:enquiry_id>/"
A = "applicants/<uuid:applicant_id>/"

urlpatterns = [
    path("enquiries/", views.queue, name="queue"),
    path(E, views.enquiry_detail, name="enquiry"),
    path(E + "contact/", views.enquiry_contact, name="enquiry_contact"),
    path(E + "route/", views.enquiry_route, name="enquiry_route"),
    path(E + "close/", views.enquiry_close, name="enquiry_close"),
    path(E + "initial-visit/", views.enquiry_visit, name="enquiry_visit"),
    path("applicants/", views.applicants, name="applicants"),
    path(A, views.applicant_detail, name="applicant"),
    path(A + "application/", views.applicant_application, name="applicant_application"),
    path(A + "check/", views.applicant_check, name="applicant_check"),
    path(A + "stage-2/", views.applicant_stage_2, name="applicant_stage_2"),
    path(A + "form-f-visit/", views.applicant_visit, name="applicant_visit"),
    path(A + "report/", views.applicant_report, name="applicant_report"),
    path(A + "panel/", views.applicant_panel, name="applicant_panel"),
    path(A + "recommendation/", views.applicant_recommendation, name="applicant_recommendation"),
    path(A + "decision/", views.applicant_decision, name="applicant_decision"),
    path(A + "withdraw/", views.applicant_withdraw, name="applicant_withdraw"),
]
