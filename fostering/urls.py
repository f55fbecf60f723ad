"""The fostering app: public pages (no sign-in), the hub's pipeline, carers and the funnel."""

from django.urls import include, path

app_name = "fostering"

urlpatterns = [
    path("", include("fostering.urls_public")),
    path("hub/", include("fostering.urls_hub")),
    path("hub/", include("fostering.urls_carers")),
]
