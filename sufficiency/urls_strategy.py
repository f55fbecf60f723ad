"""Gap analysis, new provision and strategy drafts for the region's staff (at ``sufficiency/``)."""

from django.urls import path

from sufficiency.views import gaps as views_gaps
from sufficiency.views import strategy as views_strategy

app_name = "strategy"

urlpatterns = [
    path("gaps/", views_gaps.gap_analysis, name="gaps"),
    path("gaps/cell/", views_gaps.gap_cell, name="gap_cell"),
    path("measures/", views_gaps.measures, name="measures"),
    path("projects/", views_gaps.projects, name="projects"),
    path("projects/new/", views_gaps.new_project, name="new_project"),
    path("projects/<uuid:project_id>/", views_gaps.project, name="project"),
    path("projects/<uuid:project_id>/edit/", views_gaps.edit_project, name="edit_project"),
    path("projects/<uuid:project_id>/stage/", views_gaps.project_stage, name="project_stage"),
    path("strategies/", views_strategy.strategies, name="strategies"),
    path("strategies/new/", views_strategy.new_strategy, name="new_strategy"),
    path(
        "strategies/<int:strategy_id>/new-version/",
        views_strategy.new_version,
        name="new_version",
    ),
    path("strategies/<int:strategy_id>/actions/new/", views_strategy.new_action, name="new_action"),
    path("actions/<int:action_id>/", views_strategy.edit_action, name="action"),
    path("versions/<int:version_id>/", views_strategy.version, name="version"),
    path("versions/<int:version_id>/pdf/", views_strategy.version_pdf, name="version_pdf"),
    path("versions/<int:version_id>/edit/", views_strategy.edit_version, name="edit_version"),
    path("versions/<int:version_id>/refresh/", views_strategy.refresh, name="refresh"),
    path("versions/<int:version_id>/send/", views_strategy.submit, name="submit"),
    path("versions/<int:version_id>/decide/", views_strategy.decide, name="decide"),
]
