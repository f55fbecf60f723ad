from django.urls import path

from providers import ofsted_views

app_name = "providers"

urlpatterns = [
    path("ofsted/import/", ofsted_views.ofsted_upload, name="ofsted_import"),
]
