from django.urls import path

from sufficiency.views import forecast as views

app_name = "sufficiency"

urlpatterns = [
    path("", views.latest, name="latest"),
    path("runs/", views.history, name="history"),
    path("runs/<int:run_id>/", views.run_detail, name="run"),
    path("runs/<int:run_id>/compare/", views.comparison, name="compare"),
    path("scenarios/new/", views.new_scenario, name="new_scenario"),
]
