"""Partners' quarterly datasets (included at ``partners/``)."""

from django.urls import path

from sufficiency.views import partner as views

app_name = "partners"

urlpatterns = [
    path("", views.dataset_list, name="datasets"),
    path("upload/", views.upload, name="upload"),
    path("datasets/<int:dataset_id>/", views.dataset_detail, name="dataset"),
    path("charts/<slug:partner_kind>/", views.kind_chart, name="chart"),
]
