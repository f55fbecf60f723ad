"""Published strategies and market position statements, for everyone (at ``strategy/``)."""

from django.urls import path

from sufficiency.views import public as views

app_name = "public_strategy"

urlpatterns = [
    path("", views.regions, name="regions"),
    path("<slug:region_slug>/", views.latest, name="latest"),
    path("<slug:region_slug>/versions/", views.versions, name="versions"),
    path("<slug:region_slug>/<int:strategy_id>/v<int:number>/", views.version, name="version"),
    path(
        "<slug:region_slug>/<int:strategy_id>/v<int:number>/pdf/",
        views.version_pdf,
        name="version_pdf",
    ),
    path(
        "<slug:region_slug>/<int:strategy_id>/v<int:number>/market-position/",
        views.market,
        name="market",
    ),
    path(
        "<slug:region_slug>/<int:strategy_id>/v<int:number>/market-position/pdf/",
        views.market_pdf,
        name="market_pdf",
    ),
]
