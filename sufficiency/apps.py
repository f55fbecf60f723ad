from django.apps import AppConfig


class SufficiencyConfig(AppConfig):
    name = "sufficiency"

    def ready(self) -> None:
        from rcc.views import health
        from sufficiency.presenters import panels  # noqa: F401  (registers dashboard panels)
        from sufficiency.selectors.forecast import nightly_state

        # Beat's liveness, seen through the nightly forecasts (ADR 0011).
        health.register_report("nightly", nightly_state)
