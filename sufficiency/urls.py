"""Every page of the app, mounted at the root (``rcc/urls.py``) under four prefixes, each with
its own namespace: forecasts (``sufficiency``), partners' datasets (``partners``), the region's
gap analysis, provision and strategy drafts (``strategy``) and published strategies, for
everyone (``public_strategy``)."""

from django.urls import include, path

from sufficiency.views import forecast, gaps, partner, provision, public, strategy

forecast_patterns = [
    path("", forecast.latest, name="latest"),
    path("runs/", forecast.history, name="history"),
    path("runs/<int:run_id>/", forecast.run_detail, name="run"),
    path("runs/<int:run_id>/compare/", forecast.comparison, name="compare"),
    path("scenarios/new/", forecast.new_scenario, name="new_scenario"),
]

partner_patterns = [
    path("", partner.dataset_list, name="datasets"),
    path("upload/", partner.upload, name="upload"),
    path("datasets/<int:dataset_id>/", partner.dataset_detail, name="dataset"),
    path("charts/<slug:partner_kind>/", partner.kind_chart, name="chart"),
]

strategy_patterns = [
    path("gaps/", gaps.gap_analysis, name="gaps"),
    path("gaps/cell/", gaps.gap_cell, name="gap_cell"),
    path("measures/", strategy.measures, name="measures"),
    path("projects/", provision.projects, name="projects"),
    path("projects/new/", provision.new_project, name="new_project"),
    path("projects/<uuid:project_id>/", provision.project, name="project"),
    path("projects/<uuid:project_id>/edit/", provision.edit_project, name="edit_project"),
    path("projects/<uuid:project_id>/stage/", provision.project_stage, name="project_stage"),
    path("strategies/", strategy.strategies, name="strategies"),
    path("strategies/new/", strategy.new_strategy, name="new_strategy"),
    path("strategies/<int:strategy_id>/new-version/", strategy.new_version, name="new_version"),
    path("strategies/<int:strategy_id>/actions/new/", strategy.new_action, name="new_action"),
    path("actions/<int:action_id>/", strategy.edit_action, name="action"),
    path("versions/<int:version_id>/", strategy.version, name="version"),
    path("versions/<int:version_id>/pdf/", strategy.version_pdf, name="version_pdf"),
    path("versions/<int:version_id>/edit/", strategy.edit_version, name="edit_version"),
    path("versions/<int:version_id>/refresh/", strategy.refresh, name="refresh"),
    path("versions/<int:version_id>/send/", strategy.submit, name="submit"),
    path("versions/<int:version_id>/decide/", strategy.decide, name="decide"),
]

VERSION = "<slug:region_slug>/<int:strategy_id>/v<int:number>/"
public_patterns = [
    path("", public.regions, name="regions"),
    path("<slug:region_slug>/", public.latest, name="latest"),
    path("<slug:region_slug>/versions/", public.versions, name="versions"),
    path(VERSION, public.version, name="version"),
    path(f"{VERSION}pdf/", public.version_pdf, name="version_pdf"),
    path(f"{VERSION}market-position/", public.market, name="market"),
    path(f"{VERSION}market-position/pdf/", public.market_pdf, name="market_pdf"),
]

urlpatterns = [
    path("partners/", include((partner_patterns, "partners"))),
    path("forecasts/", include((forecast_patterns, "sufficiency"))),
    path("sufficiency/", include((strategy_patterns, "strategy"))),
    path("strategy/", include((public_patterns, "public_strategy"))),
]
